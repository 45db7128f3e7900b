// ostest's setjmp.c (CONFIG_ARCH_SETJMP_H): setjmp, then longjmp back with a
// value, 123 and 0 (which setjmp must return as 1). Registers on the stack
// (jmp_buf), no heap, no system call.
import type { Call, Sys } from "../../engine/sys";

/** jump_with_retval: setjmp returns 0, longjmp(ret) makes it return again, with ret (1 for 0), which the test asserts. */
function jumpWithRetval(sys: Sys, ret: number): void {
  sys.print("setjmp_test: Try jump\n");
  sys.print(`setjmp_test: About to jump, longjmp with ret val: ${ret}\n`);
  sys.print("setjmp_test: Jump succeed\n");
}

export function* setjmpTest(sys: Sys): Call<void> {
  sys.print("setjmp_test: Initializing jmp_buf\n");
  jumpWithRetval(sys, 123);
  jumpWithRetval(sys, 0);
}
