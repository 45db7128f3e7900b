// Out-of-band node tags. Each node's tag record sits in the shadow region at
// the node's own address + shadowDelta, so the modelled heap stays byte-exact.
// Real nodes are at least MM_MIN_CHUNK (>= 16) bytes apart, so the 16-byte
// records never overlap. Guard nodes carry no record.
//
//   word 0: state (LIVE, DEFERRED, FREED) | owner << 8 | site << 16
//   word 1: pid
//   word 2: seqno (the order of allocation, as CONFIG_MM_BACKTRACE records it)
//   word 3: the size the caller asked for

import { shadowDelta } from "./heap";
import { peek, poke } from "./memory";

export const LIVE: u32 = 1;
export const DEFERRED: u32 = 2;
/** A node that was freed: a later free of the same pointer is a double free. */
export const FREED: u32 = 4;

let contextPid: i32 = 0;
let contextOwner: u32 = 0;
let contextSite: u32 = 0;
let seqno: u32 = 0;

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

export function stamp(node: usize, request: u32): void {
  const record = node + shadowDelta;
  poke(record, LIVE | (contextOwner << 8) | (contextSite << 16));
  poke(record + 4, u32(contextPid));
  poke(record + 8, nextSeqno());
  poke(record + 12, request);
}

export function tagState(node: usize): u32 {
  return peek(node + shadowDelta) & 0xff;
}

export function tagWord(node: usize, word: u32): u32 {
  return peek(node + shadowDelta + 4 * word);
}

export function setDeferred(node: usize): void {
  const record = node + shadowDelta;
  poke(record, peek(record) | DEFERRED);
}

export function markFreed(node: usize): void {
  poke(node + shadowDelta, FREED);
}

/** A node whose start moved (realloc into the previous chunk, memalign). */
export function moveTag(from: usize, to: usize): void {
  if (from == to) return;
  const a = from + shadowDelta;
  const b = to + shadowDelta;
  const w0 = peek(a);
  const w1 = peek(a + 4);
  const w2 = peek(a + 8);
  const w3 = peek(a + 12);
  poke(a, 0); // the records may overlap: clear the old one first
  poke(b, w0);
  poke(b + 4, w1);
  poke(b + 8, w2);
  poke(b + 12, w3);
}
