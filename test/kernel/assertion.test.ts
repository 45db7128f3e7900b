// A program that frees a block twice, or reallocs a freed one, trips the
// heap's DEBUGASSERT: the kernel prints NuttX's assertion and halts; the host
// (and the page) go on.
import { describe, expect, it } from "vitest";
import { KernelError, type Program } from "../../src/engine/kernel";
import type { Sys } from "../../src/engine/sys";
import { bootWith } from "../support/kernel";
import { runModel } from "../support/model";

describe("a heap assertion halts the kernel, not the host", () => {
  it("a double free: mm_free.c's assertion with the task's name, and nothing runs after it", async () => {
    let after = false;
    const kernel = await bootWith(function* (sys: Sys): Program {
      const block = yield* sys.malloc(100, "user", "test");
      yield* sys.free(block);
      yield* sys.free(block);
      after = true;
      yield* sys.sleep(1);
      return 0;
    });
    expect(kernel.halted).toBe("Assertion failed (((node)->size & 0x1) != 0): at file: mm_heap/mm_free.c:113 task: nsh_main");
    const console = kernel.output.map((o) => o.text).join("");
    expect(console).toContain(`${kernel.halted}\n(the block was already freed at offset `);
    const events = kernel.wasm.heapEventCount();
    kernel.runUntilIdle();
    expect(kernel.wasm.heapEventCount()).toBe(events);
    expect(after).toBe(false);
    expect(kernel.heap.check()).toBeNull();
  });

  it("a realloc of a freed block: mm_realloc.c's assertion, on the backport's line numbers", async () => {
    const kernel = await bootWith(function* (sys: Sys): Program {
      const block = yield* sys.malloc(100, "user", "test");
      yield* sys.free(block);
      yield* sys.realloc(block, 200, "user", "test");
      return 0;
    }, "backport");
    expect(kernel.halted).toMatch(/^Assertion failed \(\(\(oldnode\)->size & 0x1\) != 0\): at file: mm_heap\/mm_realloc\.c:\d+ task: nsh_main$/);
  });

  it("a halted session refuses further commands with a clear error", async () => {
    const session = await runModel("unpatched", ["free"]);
    session.kernel.halted = "Assertion failed (test)";
    expect(() => session.run("free")).toThrow(KernelError);
    expect(() => session.run("free")).toThrow(/halted at an assertion \(Assertion failed \(test\)\)/);
  });
});
