// An assertion in the modelled kernel: the heap refused a free or a realloc
// (mm_free.c / mm_realloc.c DEBUGASSERT). NuttX then halts the board
// (sched/misc/assert.c); the model halts this kernel, and the engine prints
// the assertion in NuttX's words.

export const PANIC_NONE: i32 = 0;
export const PANIC_FREE: i32 = 1;
export const PANIC_REALLOC: i32 = 2;

let panicked: i32 = PANIC_NONE;

/** The first assertion wins: nothing runs after it. */
export function panic(call: i32): void {
  if (panicked == PANIC_NONE) panicked = call;
}

export function panicCall(): i32 {
  return panicked;
}
