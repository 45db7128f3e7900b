// The allocator constants of one NuttX build, for CONFIG_MM_BACKTRACE < 0,
// CONFIG_MM_NODE_GUARDSIZE = 0 and no mempool (mm/mm_heap/mm.h).

/** sizeof(uintptr_t), which is also sizeof(mmsize_t). */
export let PTR: u32 = 4;
/** MM_SIZEOF_ALLOCNODE: preceding + size. */
export let ALLOCNODE: u32 = 8;
/** sizeof(struct mm_freenode_s): the alloc node plus flink and blink. */
export let FREENODE: u32 = 16;
/** MM_ALLOCNODE_OVERHEAD: the node header minus the borrowed `preceding` word. */
export let OVERHEAD: u32 = 4;
/** MM_MIN_SHIFT = LOG2_CEIL(sizeof(struct mm_freenode_s)). */
export let MIN_SHIFT: u32 = 4;
export let MIN_CHUNK: u32 = 16;
/** MM_NNODES: the number of free-list buckets. */
export let NNODES: u32 = 19;
export let ALIGN: u32 = 8;
export let ALIGN_MASK: u32 = 7;
export let ALIGN_SHIFT: u32 = 3;
/** sizeof(struct mm_heap_s): carved from the region and counted as used. */
export let HEAP_STRUCT: u32 = 356;
/** mm_curused counts the heap struct and the guards (apache/nuttx bdcda24a680). */
export let CURUSED_FIXED: bool = true;
/** mallinfo drains the delay list first (mm_foreach, apache/nuttx e8bbf496ee9e). */
export let DRAIN_ON_WALK: bool = false;

export const MAX_SHIFT: u32 = 22;
export const MAX_CHUNK: u32 = 1 << MAX_SHIFT;

export function setProfile(ptr: u32, align: u32, heapStruct: u32, curusedFixed: bool, drainOnWalk: bool): void {
  PTR = ptr;
  ALLOCNODE = 2 * ptr;
  FREENODE = 4 * ptr;
  OVERHEAD = ALLOCNODE - ptr;
  MIN_SHIFT = 32 - clz(FREENODE - 1);
  MIN_CHUNK = u32(1) << MIN_SHIFT;
  NNODES = MAX_SHIFT - MIN_SHIFT + 1;
  ALIGN = align;
  ALIGN_MASK = align - 1;
  ALIGN_SHIFT = ctz(align);
  HEAP_STRUCT = heapStruct;
  CURUSED_FIXED = curusedFixed;
  DRAIN_ON_WALK = drainOnWalk;
}

export function alignUp(value: u32): u32 {
  return u32((value + ALIGN_MASK) & ~ALIGN_MASK);
}

export function alignDown(value: u32): u32 {
  return u32(value & ~ALIGN_MASK);
}

/** The chunk a request of `size` bytes gets (mm_malloc.c); 0 if it overflows. */
export function chunkFor(size: u32): u32 {
  const request = size < MIN_CHUNK - OVERHEAD ? MIN_CHUNK - OVERHEAD : size;
  const chunk = alignUp(request + OVERHEAD);
  return chunk < request ? 0 : chunk;
}
