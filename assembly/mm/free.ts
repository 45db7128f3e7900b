// mm_free / mm_delayfree (mm/mm_heap/mm_free.c) and the delay list
// (mm_malloc.c free_delaylist): frees that cannot take the heap lock, such as
// an exiting task's own stack, wait on a LIFO list until the next malloc.

import { E_ALREADY_DEFERRED, E_DOUBLE_FREE, E_NOT_A_NODE, E_NOT_IN_HEAP, OK, fail } from "./errors";
import { OP_DEFER, OP_FREE, logEvent } from "./events";
import { addFreeChunk, unlinkFree } from "./freelist";
import { delayList, heapEnd, heapStart, setDelayList, simAddr, subCurused } from "./heap";
import { peek, poke } from "./memory";
import { ALLOC_BIT, PREVFREE_BIT, clearFlag, isAlloc, nodeOf, nodeSize, preceding, prevIsFree, resize, setFlag, setPreceding } from "./node";
import { ALIGN_MASK } from "./profile";
import { DEFERRED, FREED, LIVE, markFreed, setDeferred, tagState } from "./tags";

/** mm_heapmember plus the model's own check that `mem` is a live payload. */
export function checkLive(mem: usize): i32 {
  if (mem <= heapStart || mem >= heapEnd) return fail(E_NOT_IN_HEAP, mem);
  const node = nodeOf(mem);
  if ((simAddr(mem) & ALIGN_MASK) != 0 || node <= heapStart) return fail(E_NOT_A_NODE, mem);
  const state = tagState(node);
  if ((state & DEFERRED) != 0) return fail(E_ALREADY_DEFERRED, mem);
  if ((state & LIVE) != 0) return OK;
  return fail(state == FREED ? E_DOUBLE_FREE : E_NOT_A_NODE, mem);
}

/** free(): `delay` is set when the caller cannot take the heap lock (mm_lock fails). */
export function mmFree(mem: usize, delay: bool): i32 {
  if (mem == 0) return OK;
  const status = checkLive(mem);
  if (status != OK) return status;
  if (delay) {
    poke(mem, u32(delayList()));
    setDelayList(mem);
    setDeferred(nodeOf(mem));
    logEvent(OP_DEFER, mem, 0, nodeSize(nodeOf(mem)), 0, 0);
  } else {
    release(mem);
  }
  return OK;
}

/** free_delaylist: newest first. */
export function drainDelayList(): void {
  let mem = delayList();
  if (mem == 0) return;
  setDelayList(0);
  while (mem != 0) {
    const next = peek(mem);
    release(mem);
    mem = next;
  }
}

/** The body of mm_delayfree(heap, mem, false): clear ALLOC, then coalesce. */
function release(mem: usize): void {
  let node = nodeOf(mem);
  let size = nodeSize(node);
  logEvent(OP_FREE, mem, 0, size, 0, 0);
  markFreed(node);
  clearFlag(node, ALLOC_BIT);
  subCurused(size);

  let next = node + size;
  if (!isAlloc(next)) {
    const nextSize = nodeSize(next);
    unlinkFree(next);
    size += nextSize;
    resize(node, size);
    next = next + nextSize;
    setPreceding(next, size);
  } else {
    setFlag(next, PREVFREE_BIT);
    setPreceding(next, size);
  }

  if (prevIsFree(node)) {
    const prev = node - preceding(node);
    const merged = nodeSize(prev) + size;
    unlinkFree(prev);
    resize(prev, merged);
    setPreceding(next, merged);
    node = prev;
  }
  addFreeChunk(node);
}
