// The heap walk (mm/mm_heap/mm_foreach.c), mallinfo (mm_mallinfo.c), and the
// node table that the engine's views read straight out of WASM memory.

import { drainDelayList } from "./free";
import { bucketHead, heapEnd, heapStart, heapsize, maxused } from "./heap";
import { copyBytes, poke, release, reserve } from "./memory";
import { flink, isAlloc, nodeSize, prevIsFree, sizeWord } from "./node";
import { DRAIN_ON_WALK, HEAP_STRUCT } from "./profile";
import { DEFERRED, tagState, tagWord } from "./tags";

/** struct mallinfo as NSH `free` prints it: total, used, free, maxused, maxfree, nused, nfree. */
export const INFO_WORDS: u32 = 7;
let info: usize = 0;

export function mallinfo(): usize {
  if (DRAIN_ON_WALK) drainDelayList();
  if (info == 0) info = reserve(INFO_WORDS * 4);
  let used: u32 = 0;
  let free: u32 = 0;
  let largest: u32 = 0;
  let nused: u32 = 0;
  let nfree: u32 = 0;
  for (let node = heapStart; node <= heapEnd; node += nodeSize(node)) {
    const size = nodeSize(node);
    if (size == 0) break; // corrupted: checkCorruption() says where
    if (isAlloc(node)) {
      used += size;
      nused++;
    } else {
      free += size;
      nfree++;
      if (size > largest) largest = size;
    }
  }
  poke(info, heapsize() + HEAP_STRUCT);
  poke(info + 4, used + HEAP_STRUCT);
  poke(info + 8, free);
  poke(info + 12, maxused() + HEAP_STRUCT);
  poke(info + 16, largest);
  poke(info + 20, nused);
  poke(info + 24, nfree);
  return info;
}

// One row per node, guards included:
//   offset from the start guard, size, flags, pid, seqno, label, request
// flags: 1 allocated, 2 previous free, 4 guard, 8 waiting on the delay list.
export const NODE_WORDS: u32 = 7;
export const NODE_ALLOC: u32 = 1;
export const NODE_PREVFREE: u32 = 2;
export const NODE_GUARD: u32 = 4;
export const NODE_DEFERRED: u32 = 8;

let table: usize = 0;
let tableRows: u32 = 0;

export function nodeTable(): usize {
  return table;
}

function ensureRows(rows: u32): void {
  if (rows <= tableRows) return;
  let bigger: u32 = tableRows == 0 ? 256 : tableRows;
  while (bigger < rows) bigger *= 2;
  const block = reserve(bigger * NODE_WORDS * 4);
  if (table != 0) {
    copyBytes(block, table, tableRows * NODE_WORDS * 4);
    release(table);
  }
  table = block;
  tableRows = bigger;
}

/** Fill the node table; returns the number of rows. Drains nothing. */
export function walkNodes(): u32 {
  let rows: u32 = 0;
  for (let node = heapStart; node <= heapEnd; node += nodeSize(node)) {
    if (nodeSize(node) == 0) break;
    ensureRows(rows + 1);
    const row = table + rows * NODE_WORDS * 4;
    const guard = node == heapStart || node == heapEnd;
    let flags: u32 = (isAlloc(node) ? NODE_ALLOC : 0) | (prevIsFree(node) ? NODE_PREVFREE : 0);
    poke(row, u32(node - heapStart));
    poke(row + 4, nodeSize(node));
    if (guard || !isAlloc(node)) {
      poke(row + 12, 0);
      poke(row + 16, 0);
      poke(row + 20, 0);
      poke(row + 24, 0);
      flags |= guard ? NODE_GUARD : 0;
    } else {
      flags |= (tagState(node) & DEFERRED) != 0 ? NODE_DEFERRED : 0;
      poke(row + 12, tagWord(node, 1));
      poke(row + 16, tagWord(node, 2));
      poke(row + 20, tagWord(node, 0));
      poke(row + 24, tagWord(node, 3));
    }
    poke(row + 8, flags);
    rows++;
  }
  return rows;
}

/** The free-list chain in list order, as rows of (offset, size, bucket); heads are skipped. */
export function walkFreeLists(): u32 {
  let rows: u32 = 0;
  let bucket: u32 = 0;
  for (let node = flink(bucketHead(0)); node != 0 && rows < 0x100000; node = flink(node)) {
    if (sizeWord(node) == 0) {
      bucket++;
      continue;
    }
    ensureRows(rows + 1);
    const row = table + rows * NODE_WORDS * 4;
    poke(row, u32(node - heapStart));
    poke(row + 4, nodeSize(node));
    poke(row + 8, bucket);
    rows++;
  }
  return rows;
}
