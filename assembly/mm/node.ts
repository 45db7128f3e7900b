// Heap nodes (mm/mm_heap/mm.h).
//
//   allocated node                         free node
//   +---------------------------+          +---------------------------+
//   | preceding  (mmsize_t)     |          | preceding                 |
//   | size | PREVFREE | ALLOC   |          | size | 0 | 0              |
//   +---------------------------+ <- user  | flink  (next free node)   |
//   | payload ...               |          | blink  (previous)         |
//   | ... last word is the next |          | ...                       |
//   |     node's `preceding`    |          | footer = next.preceding   |
//   +---------------------------+          +---------------------------+
//
// Every field is PTR bytes wide; the model keeps its value in the low 32 bits.
// `preceding` is valid only while the previous chunk is free (PREVFREE set).

import { peek, poke } from "./memory";
import { ALLOCNODE, PTR } from "./profile";

export const ALLOC_BIT: u32 = 1;
export const PREVFREE_BIT: u32 = 2;
export const MASK_BITS: u32 = 3;

export function preceding(node: usize): u32 {
  return peek(node);
}

export function setPreceding(node: usize, size: u32): void {
  poke(node, size);
}

/** The size word, flags included. */
export function sizeWord(node: usize): u32 {
  return peek(node + PTR);
}

export function setSizeWord(node: usize, word: u32): void {
  poke(node + PTR, word);
}

export function nodeSize(node: usize): u32 {
  return peek(node + PTR) & ~MASK_BITS;
}

export function isAlloc(node: usize): bool {
  return (peek(node + PTR) & ALLOC_BIT) != 0;
}

export function prevIsFree(node: usize): bool {
  return (peek(node + PTR) & PREVFREE_BIT) != 0;
}

/** Rewrite the size and keep the flags: `new | (old & MM_MASK_BIT)`. */
export function resize(node: usize, size: u32): void {
  setSizeWord(node, size | (sizeWord(node) & MASK_BITS));
}

export function setFlag(node: usize, bit: u32): void {
  setSizeWord(node, sizeWord(node) | bit);
}

export function clearFlag(node: usize, bit: u32): void {
  setSizeWord(node, sizeWord(node) & ~bit);
}

export function flink(node: usize): usize {
  return peek(node + ALLOCNODE);
}

export function blink(node: usize): usize {
  return peek(node + ALLOCNODE + PTR);
}

export function setFlink(node: usize, next: usize): void {
  poke(node + ALLOCNODE, u32(next));
}

export function setBlink(node: usize, prev: usize): void {
  poke(node + ALLOCNODE + PTR, u32(prev));
}

export function payload(node: usize): usize {
  return node + ALLOCNODE;
}

export function nodeOf(mem: usize): usize {
  return mem - ALLOCNODE;
}
