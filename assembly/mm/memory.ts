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

/** A zeroed block of host memory that never moves. */
export function reserve(bytes: usize): usize {
  const block = heap.alloc(bytes);
  memory.fill(block, 0, bytes);
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
