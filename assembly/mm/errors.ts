// What the allocator reports instead of trapping. The engine turns each code
// into NuttX's own assertion text for the tree being modelled.

export const OK: i32 = 0;
/** DEBUGASSERT(mm_heapmember(heap, mem)) in mm_free.c / mm_realloc.c. */
export const E_NOT_IN_HEAP: i32 = 1;
/** DEBUGASSERT(MM_NODE_IS_ALLOC(node)) on free: the node was already freed. */
export const E_DOUBLE_FREE: i32 = 2;
/** The same assertion, for a pointer that was never a node's payload. */
export const E_NOT_A_NODE: i32 = 3;
/** DEBUGASSERT(MM_NODE_IS_ALLOC(oldnode)) in mm_realloc.c. */
export const E_REALLOC_FREED: i32 = 4;
/** A free of a block that is already waiting on the delay list. */
export const E_ALREADY_DEFERRED: i32 = 5;
// mm_checkcorruption and the heap walk:
export const E_BAD_GUARD: i32 = 10;
export const E_BAD_SIZE: i32 = 11;
export const E_BAD_PRECEDING: i32 = 12;
export const E_ADJACENT_FREE: i32 = 13;
export const E_BAD_TILING: i32 = 14;
export const E_BAD_LINKS: i32 = 15;
export const E_LIST_ORDER: i32 = 16;
export const E_LIST_MISMATCH: i32 = 17;

let lastCode: i32 = OK;
let lastHost: usize = 0;

export function fail(code: i32, host: usize): i32 {
  lastCode = code;
  lastHost = host;
  return code;
}

export function lastError(): i32 {
  return lastCode;
}

export function lastErrorHost(): usize {
  return lastHost;
}

export function clearError(): void {
  lastCode = OK;
  lastHost = 0;
}
