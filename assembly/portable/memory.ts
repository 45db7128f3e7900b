// The portable twin of ../mm/memory.ts: the same primitives over an
// ArrayBuffer, so that esbuild can compile the allocator to plain JavaScript.
// Only the allocator's benchmark baseline uses it.

const BASE = 64;
let buffer = new ArrayBuffer(1 << 20);
let words = new Uint32Array(buffer);
let bytes = new Uint8Array(buffer);
/** Live blocks, start -> end. There are only a handful: the region, mallinfo, the logs, snapshots. */
const live = new Map<number, number>();

/** Like WebAssembly.Memory, whose `buffer` is replaced when it grows. */
export const memory = {
  get buffer(): ArrayBuffer {
    return buffer;
  },
};

export function peek(addr: number): number {
  return words[addr >>> 2];
}

export function poke(addr: number, value: number): void {
  words[addr >>> 2] = value;
}

export function peekByte(addr: number): number {
  return bytes[addr];
}

export function pokeByte(addr: number, value: number): void {
  bytes[addr] = value;
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

const align16 = (addr: number) => (addr + 15) & ~15;

/** First fit: blocks are freed in any order, and a re-initialised region must reuse its old space. */
function firstFit(size: number): number {
  let at = align16(BASE);
  for (const [start, end] of [...live].sort((a, b) => a[0] - b[0])) {
    if (at + size <= start) break;
    at = Math.max(at, align16(end));
  }
  return at;
}

export function reserve(size: number): number {
  const block = firstFit(size);
  if (block + size > buffer.byteLength) grow(block + size);
  live.set(block, block + size);
  bytes.fill(0, block, block + size);
  return block;
}

export function release(block: number): void {
  live.delete(block);
}

export function copyBytes(dst: number, src: number, size: number): void {
  bytes.copyWithin(dst, src, src + size);
}

export function zeroBytes(dst: number, size: number): void {
  bytes.fill(0, dst, dst + size);
}
