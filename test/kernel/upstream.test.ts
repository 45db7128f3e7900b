// The 2026 kernel's own mechanisms (tree upstream, apache/nuttx 4ebc8a7291df),
// each against what the upstream gdb traces show (fixtures/nuttx/measured).
import { describe, expect, it } from "vitest";
import type { Program } from "../../src/engine/kernel";
import type { Sys } from "../../src/engine/sys";
import { bootWith, eventsSince } from "../support/kernel";

const nothing = function* (): Program {
  return 0;
};

/** Boot upstream with `body` in the init task; the heap events made while it ran: [op, request or node, owner, pid]. */
async function upstreamEvents(body: (sys: Sys) => Generator<void, void, number>) {
  let [from, to, pid] = [0, 0, 0];
  const kernel = await bootWith(function* (sys: Sys): Program {
    sys.mallinfo(); // drains AppBringUp's stack and TCB
    [from, pid] = [sys.kernel.wasm.heapEventCount(), sys.pid];
    yield* body(sys);
    to = sys.kernel.wasm.heapEventCount();
    return 0;
  }, "upstream");
  return { pid, kernel, events: eventsSince(kernel, from).slice(0, to - from).map((e) => [e.op, e.op === "M" ? e.req : e.node, e.owner, e.pid] as const) };
}

describe("upstream boot", () => {
  it("AppBringUp (pid 1) mounts /proc and spawns the init task (pid 2)", async () => {
    const kernel = await bootWith(nothing, "upstream");
    const events = eventsSince(kernel, 0).map((e) => [e.op, e.op === "M" ? e.req : e.node, e.pid]);
    expect(events.slice(11, 18)).toEqual([
      ["M", 208, 0], // AppBringUp's TCB, made by idle
      ["M", 2048, 0],
      ["M", 40 + "proc".length, 1],
      ["M", 208, 1], // the init task's TCB and group
      ["M", 676, 1],
      ["M", (2 + 5) * 4, 1],
      ["M", "PATH=/system/bin".length + 1, 1],
    ]);
    expect(kernel.names.get(1)).toBe("AppBringUp");
    expect(kernel.names.get(2)).toBe("nsh_main");
  });
});

describe("upstream tasks", () => {
  it("a waited-for task frees its environment; the waiter frees its group; its stack and TCB go through the delay list", async () => {
    const { pid, events } = await upstreamEvents(function* (sys) {
      const child = yield* sys.taskCreate("child", sys.getPriority(), 2048, nothing);
      yield* sys.waitpid(child);
      yield* sys.malloc(1, "user", "test");
    });
    const child = pid + 1;
    expect(events.map(([op, size, , who]) => [op, size, who])).toEqual([
      ["M", 208, pid],
      ["M", 676, pid],
      ["M", 28, pid],
      ["M", 17, pid],
      ["M", 6, pid],
      ["M", 2048, pid],
      ["F", 16, child],
      ["F", 24, child],
      ["F", 32, child],
      ["D", 2056, pid],
      ["D", 216, pid],
      ["F", 680, pid],
      ["F", 216, pid],
      ["F", 2056, pid],
      ["M", 1, pid],
    ]);
  });

  it("vfork: the parent sleeps until the child is released; the child frees its own group and waitpid finds no child", async () => {
    let waited = 0;
    const { pid, events } = await upstreamEvents(function* (sys) {
      const child = yield* sys.vfork(function* (c: Sys): Program {
        return yield* c.exit(42);
      });
      [waited] = yield* sys.waitpid(child);
    });
    expect(waited).toBe(-10); // ECHILD
    expect(events.filter(([op]) => op !== "M").map(([op, size, , who]) => [op, size, who])).toEqual([
      ["F", 16, pid + 1],
      ["F", 24, pid + 1],
      ["F", 32, pid + 1],
      ["F", 680, pid + 1],
      ["D", 2056, 0],
      ["D", 216, 0],
    ]);
  });
});

describe("upstream files", () => {
  it("each open allocates a struct file (20 B) that dup shares and the last close frees; a failed open gives it back", async () => {
    const { events } = await upstreamEvents(function* (sys) {
      const fd = yield* sys.open("/dev/null");
      const copy = yield* sys.dup(fd);
      yield* sys.close(fd);
      yield* sys.close(copy);
      yield* sys.open("/dev/nothing");
    });
    expect(events.map(([op, size, owner]) => [op, size, owner])).toEqual([
      ["M", 20, "file"],
      ["F", 24, "file"],
      ["M", 20, "file"],
      ["F", 24, "file"],
    ]);
  });

  it("the seventh descriptor extends the list after its file: a row array (2 pointers), then a row of six struct fd (8 B each)", async () => {
    const { events } = await upstreamEvents(function* (sys) {
      for (let i = 0; i < 4; i++) yield* sys.open("/dev/null");
    });
    // fs/vfs/fs_open.c nx_vopen: file_allocate, file_vopen, then fdlist_dupfile -> fdlist_extend (fs/inode/fs_files.c).
    expect(events.map(([op, size, owner]) => [op, size, owner])).toEqual([
      ["M", 20, "file"],
      ["M", 20, "file"],
      ["M", 20, "file"],
      ["M", 20, "file"],
      ["M", 2 * 4, "file"],
      ["M", 6 * 8, "file"],
    ]);
  });

  it("a heap message is MQ_MSG_SIZE(len) = 11 + len once the pool is empty", async () => {
    const { events } = await upstreamEvents(function* (sys) {
      const fd = yield* sys.mqOpen("q", true, 20);
      for (let i = 0; i < 9; i++) yield* sys.mqSend(fd, 1, 31);
    });
    expect(events.filter(([, , owner]) => owner === "mqueue-msg").map(([op, size]) => [op, size])).toEqual([["M", 11 + 31]]);
  });
});

describe("upstream signals", () => {
  it("the four static sigactions are free from boot: the fifth action is the first malloc (28 B), freed on release", async () => {
    const { events } = await upstreamEvents(function* (sys) {
      for (let signo = 1; signo <= 5; signo++) yield* sys.sigaction(signo, nothing);
      for (let signo = 1; signo <= 5; signo++) yield* sys.sigaction(signo, null);
    });
    expect(events.filter(([, , owner]) => owner === "sigaction").map(([op, size]) => [op, size])).toEqual([
      ["M", 28],
      ["F", 32],
    ]);
  });

  it("sigwaitinfo takes a pending masked signal at once, or wakes on one, with its value", async () => {
    const got: [number, number][] = [];
    await upstreamEvents(function* (sys) {
      yield* sys.sigprocmask(0, [40]);
      yield* sys.kill(sys.pid, 40, 7);
      got.push(yield* sys.sigwaitinfo([40]));
      const timer = yield* sys.timerCreate(40, 9);
      yield* sys.timerSettime(timer, 5, 0);
      got.push(yield* sys.sigwaitinfo([40]));
      yield* sys.timerDelete(timer);
    });
    expect(got).toEqual([
      [40, 7],
      [40, 9],
    ]);
  });
});
