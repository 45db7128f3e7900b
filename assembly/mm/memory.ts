// Simulated memory. Every byte of the modelled NuttX heap lives in WASM linear
// memory, and the allocator touches it only through these functions. The
// portable build swaps this file for ../portable/memory.ts, so the very same
// allocator source also runs as plain JavaScript (the benchmark's baseline).

export function peek(addr: usize): u32 {
  return load<u32>(addr);
}

export function poke(addr: usize, value: u32): void {
  store<u32>(addr, value);
}

export function peekByte(addr: usize): u32 {
  return load<u8>(addr);
}

export function pokeByte(addr: usize, value: u32): void {
  store<u8>(addr, value);
}

/** Where the runtime's allocator writes into a free block that it carves from new pages: its prev and next links at the start, its back link at the end (assemblyscript std/assembly/rt/tlsf.ts, Block). */
const LINKS_SPAN: usize = 65536;

/**
 * A zeroed block of host memory that never moves. Pages that memory.grow adds
 * are zero already (the WebAssembly spec says so), and most of a modelled
 * heap's 33 MB, and of its records' span as large, is never touched: filling
 * them would only make the host commit them all (68 MB per rv-virt pane). So
 * only what may hold old data is filled: the part below the memory's end
 * before this allocation, and the block's first and last 64 KiB.
 */
export function reserve(bytes: usize): usize {
  const fresh = usize(memory.size()) << 16;
  const block = heap.alloc(bytes);
  const head = min(bytes, max(fresh > block ? fresh - block : 0, LINKS_SPAN));
  const tail = max(head, bytes > LINKS_SPAN ? bytes - LINKS_SPAN : 0);
  memory.fill(block, 0, head);
  memory.fill(block + tail, 0, bytes - tail);
  return block;
}

export function release(block: usize): void {
  heap.free(block);
}

export function copyBytes(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}

export function zeroBytes(dst: usize, bytes: usize): void {
  memory.fill(dst, 0, bytes);
}
