// Out-of-band node tags, so the modelled heap stays byte-exact. They come in
// two parts, because free() needs only the first:
//
// - the state map: one byte (LIVE, DEFERRED, FREED) for every MM_ALIGN bytes
//   from the start guard on, so every address a node can start at has its own.
//   It is 1/MM_ALIGN the size of the heap, and a free touches nothing else.
// - the records: 16 bytes in the shadow region at the node's own address +
//   shadowDelta, written when a node is handed out and read by the node table
//   and the event log. Real nodes are at least MM_MIN_CHUNK (>= 16) bytes apart,
//   so the records of live nodes never overlap. Guard nodes carry none. The
//   host may stop keeping them (the benchmark, as native NuttX keeps none):
//   the record is an extra cache line for every malloc in a region as large
//   as the heap. A node handed out meanwhile reads as pid, seqno, label and
//   request 0.
//
//   word 0: label (owner | site << 8)
//   word 1: pid
//   word 2: seqno (the order of allocation, as CONFIG_MM_BACKTRACE records it)
//   word 3: the size the caller asked for

import { heapStart, shadowDelta, stateMap } from "./heap";
import { peek, peekByte, poke, pokeByte } from "./memory";
import { ALIGN_SHIFT } from "./profile";

export const LIVE: u32 = 1;
export const DEFERRED: u32 = 2;
/** A node that was freed: a later free of the same pointer is a double free. */
export const FREED: u32 = 4;
/** With LIVE: the node's record was written. */
export const RECORDED: u32 = 8;

let contextPid: i32 = 0;
let contextOwner: u32 = 0;
let contextSite: u32 = 0;
let seqno: u32 = 0;
let keepRecords: bool = true;

/** Who the next allocations and frees are made for. */
export function setContext(pid: i32, owner: u32, site: u32): void {
  contextPid = pid;
  contextOwner = owner & 0xff;
  contextSite = site & 0xffff;
}

export function currentPid(): i32 {
  return contextPid;
}

/** owner | site << 8, as the event log stores it. */
export function currentLabel(): u32 {
  return contextOwner | (contextSite << 8);
}

export function setRecordKeeping(on: bool): void {
  keepRecords = on;
}

export function resetTags(): void {
  seqno = 0;
}

export function nextSeqno(): u32 {
  return seqno++;
}

export function currentSeqno(): u32 {
  return seqno;
}

export function setSeqno(value: u32): void {
  seqno = value;
}

/** The state map's byte for a node that starts at `node`. */
export function stateByte(node: usize): usize {
  return stateMap + ((node - heapStart) >> ALIGN_SHIFT);
}

export function stamp(node: usize, request: u32): void {
  const seq = nextSeqno();
  if (!keepRecords) {
    pokeByte(stateByte(node), LIVE);
    return;
  }
  pokeByte(stateByte(node), LIVE | RECORDED);
  const record = node + shadowDelta;
  poke(record, currentLabel());
  poke(record + 4, u32(contextPid));
  poke(record + 8, seq);
  poke(record + 12, request);
}

export function tagState(node: usize): u32 {
  return peekByte(stateByte(node));
}

/** A live node's label (word 0), pid, seqno or request; 0 if no record was kept for it. */
export function tagWord(node: usize, word: u32): u32 {
  return (tagState(node) & RECORDED) != 0 ? peek(node + shadowDelta + 4 * word) : 0;
}

export function setDeferred(node: usize): void {
  pokeByte(stateByte(node), tagState(node) | DEFERRED);
}

export function markFreed(node: usize): void {
  pokeByte(stateByte(node), FREED);
}

/** A node whose start moved (realloc into the previous chunk, memalign); its new start is stamped next. */
export function moveTag(from: usize, to: usize): void {
  if (from != to) pokeByte(stateByte(from), 0);
}
