// The heap event log: one record per state change, in WASM memory, read by the
// engine through a typed-array view. It follows the real traces' columns
// (groundtruth README): seq, op, off, req, node, pid, off2, node2, curused,
// plus the label (owner | site << 8) of whoever caused the event.
// Offsets are user pointers minus the start guard's address.

import { curused, heapStart } from "./heap";
import { ALLOCNODE } from "./profile";
import { copyBytes, poke, release, reserve } from "./memory";
import { currentLabel, currentPid, tagWord } from "./tags";

export const EVENT_WORDS: u32 = 10;
export const OP_MALLOC: u32 = 77; // 'M'
export const OP_FREE: u32 = 70; // 'F'
export const OP_REALLOC: u32 = 82; // 'R': in place; a moving realloc is M then F
export const OP_MEMALIGN: u32 = 65; // 'A': the trim after the raw M
export const OP_DEFER: u32 = 68; // 'D': a free pushed onto the delay list

let log: usize = 0;
let capacity: u32 = 0;
let count: u32 = 0;
let enabled: bool = true;

export function eventLog(): usize {
  return log;
}

export function eventCount(): u32 {
  return count;
}

export function setEventLogging(on: bool): void {
  enabled = on;
}

/** Forget events from `keep` on (restoring a snapshot). */
export function truncateEvents(keep: u32): void {
  if (keep < count) count = keep;
}

function grow(): void {
  const bigger: u32 = capacity == 0 ? 1024 : capacity * 2;
  const block = reserve(bigger * EVENT_WORDS * 4);
  if (log != 0) {
    copyBytes(block, log, count * EVENT_WORDS * 4);
    release(log);
  }
  log = block;
  capacity = bigger;
}

export function logEvent(op: u32, mem: usize, request: u32, size: u32, oldMem: usize, oldSize: u32): void {
  if (!enabled) return;
  if (count == capacity) grow();
  const at = log + count * EVENT_WORDS * 4;
  poke(at, count);
  poke(at + 4, op);
  poke(at + 8, u32(mem - heapStart));
  poke(at + 12, request);
  poke(at + 16, size);
  poke(at + 20, u32(currentPid()));
  poke(at + 24, oldMem == 0 ? 0 : u32(oldMem - heapStart));
  poke(at + 28, oldSize);
  poke(at + 32, curused());
  // A free is labelled with the owner of the node it frees; the rest with the caller's.
  poke(at + 36, op == OP_FREE || op == OP_DEFER ? tagWord(mem - ALLOCNODE, 0) : currentLabel());
  count++;
}
