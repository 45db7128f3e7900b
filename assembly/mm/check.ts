// mm_checkcorruption (mm/mm_heap/mm_checkcorruption.c) and the walk's own
// assertions (mm_foreach.c), made stricter: the nodes must tile the region
// from guard to guard, and the free lists must hold exactly the free nodes.

import { lastError, E_ADJACENT_FREE, E_BAD_GUARD, E_BAD_LINKS, E_BAD_PRECEDING, E_BAD_SIZE, E_BAD_TILING, E_LIST_MISMATCH, E_LIST_ORDER, OK, fail } from "./errors";
import { sizeToIndex } from "./freelist";
import { bucketHead, heapEnd, heapStart } from "./heap";
import { ALLOCNODE, ALIGN_MASK, MIN_CHUNK, NNODES } from "./profile";
import { blink, flink, isAlloc, nodeSize, preceding, prevIsFree, sizeWord } from "./node";

function failed(code: i32, host: usize): i32 {
  fail(code, host);
  return -1;
}

export function checkCorruption(): i32 {
  if (sizeWord(heapStart) != (ALLOCNODE | 1)) return fail(E_BAD_GUARD, heapStart);
  if (nodeSize(heapEnd) != ALLOCNODE || !isAlloc(heapEnd)) return fail(E_BAD_GUARD, heapEnd);
  const walked = checkTiling();
  if (walked < 0) return lastError();
  return checkLists(u32(walked));
}

/** Returns the number of free nodes, or -1 after recording the error. */
function checkTiling(): i32 {
  let freeNodes: i32 = 0;
  let prevFree = false;
  let prevSize: u32 = ALLOCNODE;
  let node = heapStart + ALLOCNODE;
  while (node < heapEnd) {
    const size = nodeSize(node);
    const alloc = isAlloc(node);
    if (size < MIN_CHUNK || (size & ALIGN_MASK) != 0 || node + size > heapEnd) return failed(E_BAD_SIZE, node);
    if (prevIsFree(node) != prevFree) return failed(E_BAD_PRECEDING, node);
    if (prevFree && preceding(node) != prevSize) return failed(E_BAD_PRECEDING, node);
    if (!alloc && prevFree) return failed(E_ADJACENT_FREE, node);
    if (!alloc) freeNodes++;
    prevFree = !alloc;
    prevSize = size;
    node += size;
  }
  if (node != heapEnd) return failed(E_BAD_TILING, node);
  if (prevIsFree(heapEnd) != prevFree || (prevFree && preceding(heapEnd) != prevSize)) return failed(E_BAD_PRECEDING, heapEnd);
  return freeNodes;
}

/** The chain: head0, bucket 0 ascending, head1, ...; every member a free node in range. */
function checkLists(freeNodes: u32): i32 {
  let listed: u32 = 0;
  let bucket: u32 = 0;
  let last: u32 = 0;
  let prev: usize = bucketHead(0);
  let node = flink(prev);
  while (node != 0) {
    if (listed > freeNodes) return fail(E_LIST_MISMATCH, prev); // also ends a cycle
    if (bucket + 1 < NNODES && node == bucketHead(bucket + 1)) {
      bucket++;
      last = 0;
    } else {
      if (node <= heapStart || node >= heapEnd) return fail(E_BAD_LINKS, prev);
      const size = nodeSize(node);
      if (size == 0 || isAlloc(node)) return fail(E_LIST_MISMATCH, node);
      if (sizeToIndex(size) != bucket || size < last) return fail(E_LIST_ORDER, node);
      last = size;
      listed++;
    }
    if (blink(node) != prev) return fail(E_BAD_LINKS, node);
    prev = node;
    node = flink(node);
  }
  if (bucket != NNODES - 1 || listed != freeNodes) return fail(E_LIST_MISMATCH, prev);
  return OK;
}
