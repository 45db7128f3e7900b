// The portable twin of ../mm/memory.ts: the same five primitives over an
// ArrayBuffer, so that esbuild can compile the allocator to plain JavaScript.
// Only the allocator's benchmark baseline uses it.

let buffer = new ArrayBuffer(1 << 20);
let words = new Uint32Array(buffer);
let bytes = new Uint8Array(buffer);
let top = 64;

export function peek(addr: number): number {
  return words[addr >>> 2];
}

export function poke(addr: number, value: number): void {
  words[addr >>> 2] = value;
}

function grow(needed: number): void {
  let size = buffer.byteLength;
  while (size < needed) size *= 2;
  const bigger = new ArrayBuffer(size);
  new Uint8Array(bigger).set(bytes);
  buffer = bigger;
  words = new Uint32Array(buffer);
  bytes = new Uint8Array(buffer);
}

export function reserve(size: number): number {
  const block = (top + 15) & ~15;
  top = block + size;
  if (top > buffer.byteLength) grow(top);
  bytes.fill(0, block, top);
  return block;
}

export function release(block: number): void {
  if (block < top) top = block; // blocks are released newest first
}

export function copyBytes(dst: number, src: number, size: number): void {
  bytes.copyWithin(dst, src, src + size);
}

export function zeroBytes(dst: number, size: number): void {
  bytes.fill(0, dst, dst + size);
}
