// The heap object and its one region (mm/mm_heap/mm_initialize.c).
//
//   start      s0                          base          base+A           end-A       end
//     | align | struct mm_heap_s (H bytes) | align | start guard | free node ... | end guard |
//
// The struct really occupies its H bytes of the region, as in NuttX. The model
// keeps the fields the allocator needs at fixed offsets inside it, and the
// free-list heads are free nodes of size 0, as `mm_nodelist[]` is.
//
// Host memory: the simulated region is mapped to WASM memory so that host and
// simulated addresses agree modulo 4096. A shadow of the same size follows it,
// at `shadowDelta`, for the out-of-band node records, then the node state map,
// one byte per MM_ALIGN bytes of the region (tags.ts).

import { addFreeChunk } from "./freelist";
import { peek, poke, release, reserve, zeroBytes } from "./memory";
import { ALLOC_BIT, PREVFREE_BIT, setBlink, setFlink, setPreceding, setSizeWord } from "./node";
import { ALIGN_MASK, ALIGN_SHIFT, ALLOCNODE, CURUSED_FIXED, FREENODE, HEAP_STRUCT, NNODES, alignDown, alignUp } from "./profile";

const F_CURUSED: u32 = 0;
const F_MAXUSED: u32 = 4;
const F_HEAPSIZE: u32 = 8;
const F_DELAYLIST: u32 = 12;
const F_NODELIST: u32 = 16;

export let heapStruct: usize = 0;
/** mm_heapstart[0] and mm_heapend[0]: the start and end guard nodes. */
export let heapStart: usize = 0;
export let heapEnd: usize = 0;
export let shadowDelta: usize = 0;
/** The node state map: one byte for every MM_ALIGN bytes from the start guard on (tags.ts). */
export let stateMap: usize = 0;
let hostBlock: usize = 0;
let hostBase: usize = 0;
let simBase: u32 = 0;

/** The address NuttX would see. Every alignment decision is taken on it. */
export function simAddr(host: usize): u32 {
  return u32(u32(host - hostBase) + simBase);
}

/** The offset from the `start` given to mm_initialize. */
export function regionOffset(host: usize): u32 {
  return u32(host - hostBase);
}

export function hostAddr(sim: u32): usize {
  return hostBase + usize(u32(sim - simBase));
}

export function bucketHead(index: u32): usize {
  return heapStruct + F_NODELIST + index * FREENODE;
}

export function curused(): u32 {
  return peek(heapStruct + F_CURUSED);
}

export function maxused(): u32 {
  return peek(heapStruct + F_MAXUSED);
}

export function heapsize(): u32 {
  return peek(heapStruct + F_HEAPSIZE);
}

export function subCurused(bytes: u32): void {
  poke(heapStruct + F_CURUSED, curused() - bytes);
}

/** `mm_curused += bytes`, then raise mm_maxused to it. */
export function addCurused(bytes: u32): void {
  const used = curused() + bytes;
  poke(heapStruct + F_CURUSED, used);
  if (used > maxused()) poke(heapStruct + F_MAXUSED, used);
}

export function delayList(): usize {
  return peek(heapStruct + F_DELAYLIST);
}

export function setDelayList(mem: usize): void {
  poke(heapStruct + F_DELAYLIST, u32(mem));
}

function mapMemory(start: u32, size: u32): void {
  if (hostBlock != 0) release(hostBlock);
  const span = (usize(size) + 4095) & ~4095;
  const states = (span >> ALIGN_SHIFT) + 4096;
  hostBlock = reserve(2 * span + 16384 + states);
  hostBase = ((hostBlock + 4095) & ~4095) + (start & 4095);
  simBase = start;
  shadowDelta = span + 4096;
  stateMap = hostBase + 2 * span + 8192;
}

/** mm_initialize(name, start, size). False if the region cannot hold a heap. */
export function initialize(start: u32, size: u32): bool {
  const s0 = u32((start + ALIGN_MASK) & ~ALIGN_MASK);
  const pad = s0 - start;
  if (size < pad + HEAP_STRUCT + 6 * ALLOCNODE) return false;
  mapMemory(start, size);
  heapStruct = hostAddr(s0);
  zeroBytes(heapStruct, HEAP_STRUCT);
  for (let i: u32 = 1; i < NNODES; i++) {
    setFlink(bucketHead(i - 1), bucketHead(i));
    setBlink(bucketHead(i), bucketHead(i - 1));
  }
  // Before apache/nuttx bdcda24a680, mm_curused started at 0 and left out the guards.
  poke(heapStruct + F_CURUSED, CURUSED_FIXED ? HEAP_STRUCT : 0);
  addRegion(s0 + HEAP_STRUCT, size - pad - HEAP_STRUCT);
  return true;
}

/** mm_addregion: a start guard, one free node, and an end guard. */
function addRegion(start: u32, size: u32): void {
  const base = alignUp(start + 2 * ALLOCNODE) - 2 * ALLOCNODE;
  const total = alignDown(start + size) - base;
  poke(heapStruct + F_HEAPSIZE, heapsize() + total);
  heapStart = hostAddr(base);
  heapEnd = heapStart + total - ALLOCNODE;
  const node = heapStart + ALLOCNODE;
  setSizeWord(heapStart, ALLOCNODE | ALLOC_BIT);
  setSizeWord(node, total - 2 * ALLOCNODE);
  setSizeWord(heapEnd, ALLOCNODE | ALLOC_BIT | PREVFREE_BIT);
  setPreceding(heapEnd, total - 2 * ALLOCNODE);
  addFreeChunk(node);
  if (CURUSED_FIXED) poke(heapStruct + F_CURUSED, curused() + 2 * ALLOCNODE); // mm_maxused stays 0
}
