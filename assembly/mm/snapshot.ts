// Snapshots of the whole heap state, for stepping back without re-running.
// Every write the allocator makes lands in [struct, end of the last free
// node's header) or on the end guard, so that span, the end guard and the
// matching node tags (records and state bytes) are the state. Snapshots live
// in WASM memory.
//
//   header: span, seqno, event count | span bytes from the struct | end guard | records | state bytes

import { eventCount, truncateEvents } from "./events";
import { heapEnd, heapStart, heapStruct, shadowDelta, stateMap } from "./heap";
import { copyBytes, peek, poke, release, reserve, zeroBytes } from "./memory";
import { preceding, prevIsFree } from "./node";
import { ALLOCNODE, FREENODE } from "./profile";
import { currentSeqno, setSeqno, stateByte } from "./tags";

const HEADER: u32 = 16;

/** One past the last byte the allocator may have written below the end guard. */
function dirtyEnd(): usize {
  const last = prevIsFree(heapEnd) ? heapEnd - preceding(heapEnd) : heapEnd;
  return last + FREENODE < heapEnd ? last + FREENODE : heapEnd;
}

/** The state bytes of the nodes that start below `end`. */
function statesBelow(end: usize): u32 {
  return u32(stateByte(end - 1) + 1 - stateMap);
}

/** Bytes after the header: the span, the end guard, the records and the state bytes for nodes below `end`. */
function bodyBytes(end: usize): u32 {
  return u32(end - heapStruct) + ALLOCNODE + u32(end - heapStart) + statesBelow(end);
}

export function saveSnapshot(): usize {
  const end = dirtyEnd();
  const span = u32(end - heapStruct);
  const shadow = u32(end - heapStart);
  const block = reserve(HEADER + bodyBytes(end));
  poke(block, span);
  poke(block + 4, currentSeqno());
  poke(block + 8, eventCount());
  copyBytes(block + HEADER, heapStruct, span);
  copyBytes(block + HEADER + span, heapEnd, ALLOCNODE);
  copyBytes(block + HEADER + span + ALLOCNODE, heapStart + shadowDelta, shadow);
  copyBytes(block + HEADER + span + ALLOCNODE + shadow, stateMap, statesBelow(end));
  return block;
}

export function restoreSnapshot(block: usize): void {
  const span = peek(block);
  const end = heapStruct + span;
  const shadow = u32(end - heapStart);
  const stale = dirtyEnd();
  copyBytes(heapStruct, block + HEADER, span);
  copyBytes(heapEnd, block + HEADER + span, ALLOCNODE);
  copyBytes(heapStart + shadowDelta, block + HEADER + span + ALLOCNODE, shadow);
  copyBytes(stateMap, block + HEADER + span + ALLOCNODE + shadow, statesBelow(end));
  // Tags of nodes that only the newer state had: no longer live.
  if (stale > end) {
    zeroBytes(end + shadowDelta, stale - end);
    zeroBytes(stateMap + statesBelow(end), statesBelow(stale) - statesBelow(end));
  }
  setSeqno(peek(block + 4));
  truncateEvents(peek(block + 8));
}

export function discardSnapshot(block: usize): void {
  release(block);
}

export function snapshotBytes(block: usize): u32 {
  return HEADER + bodyBytes(heapStruct + peek(block));
}
