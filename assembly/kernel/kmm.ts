// kmm_malloc / kmm_zalloc / kmm_free in a flat build: the one user heap
// (include/nuttx/kmalloc.h maps kmm_* to the umm allocator when
// CONFIG_MM_KERNEL_HEAP is off). Every call names its owner and call site.
import { OK, lastError } from "../mm/errors";
import { heapStart } from "../mm/heap";
import { mmFree } from "../mm/free";
import { mmMalloc } from "../mm/malloc";
import { mmMemalign } from "../mm/memalign";
import { mmRealloc } from "../mm/realloc";
import { setContext } from "../mm/tags";
import { running } from "../sched/tasks";
import { site } from "./labels";
import { PANIC_FREE, PANIC_REALLOC, panic } from "./panic";

/** mm_heap records the running thread; during boot that is the idle task. */
function pid(): i32 {
  return running().pid;
}

function offset(mem: usize): u32 {
  return mem == 0 ? 0 : u32(mem - heapStart);
}

function host(off: u32): usize {
  return off == 0 ? 0 : heapStart + off;
}

export function kmalloc(size: u32, owner: u32, where: string): u32 {
  setContext(pid(), owner, site(where));
  return offset(mmMalloc(size));
}

/** mm_zalloc: malloc, then zero the request (no effect on the heap's shape). */
export function kzalloc(size: u32, owner: u32, where: string): u32 {
  return kmalloc(size, owner, where);
}

export function kmemalign(alignment: u32, size: u32, owner: u32, where: string): u32 {
  setContext(pid(), owner, site(where));
  return offset(mmMemalign(alignment, size));
}

export function krealloc(off: u32, size: u32, owner: u32, where: string): u32 {
  setContext(pid(), owner, site(where));
  const mem = mmRealloc(host(off), size);
  if (mem == 0 && lastError() != OK) panic(PANIC_REALLOC);
  return offset(mem);
}

/** kmm_free; `deferred` when the caller cannot take the heap lock (an exiting task's own memory). */
export function kfree(off: u32, deferred: bool = false): i32 {
  setContext(pid(), 0, 0);
  const status = mmFree(host(off), deferred);
  if (status != OK) panic(PANIC_FREE);
  return status;
}
