import { describe, expect, it } from "vitest";
import type { Program } from "../../src/engine/kernel";
import { SCHED_RR, type Sys } from "../../src/engine/sys";
import { bootWith, eventsSince } from "../support/kernel";
import { modelEvents, runModel } from "../support/model";

const allocations = (kernel: Awaited<ReturnType<typeof bootWith>>, from: number, owner: string) => eventsSince(kernel, from).filter((e) => e.owner === owner && e.op === "M");

describe("kernel objects have the real kernel's sizes (rv-virt, RV32)", () => {
  it("a task: its TCB with the group inside (912), the environment copy, then its stack", async () => {
    let from = 0;
    const kernel = await bootWith(function* (sys: Sys): Program {
      yield* sys.clearenv();
      yield* sys.setenv("HOME", "/", true);
      from = sys.kernel.wasm.heapEventCount();
      yield* sys.taskCreate("child", 100, 3000, function* (): Program {
        return 0;
      });
      return 0;
    });
    const events = eventsSince(kernel, from).filter((e) => e.op === "M");
    // The environment array has (envc + SCHED_ENVIRON_RESERVED + 1) pointers; each string its length + 1.
    expect(events.map((e) => [e.owner, e.req])).toEqual([
      ["tcb", 912],
      ["env", 4 * (1 + 4 + 1)],
      ["env", "HOME=/".length + 1],
      ["stack", 3000],
    ]);
    expect([events[0].node, events[3].node]).toEqual([920, 3008]);
  });

  it("a thread: a pthread TCB (200) and the default stack (2048)", async () => {
    let from = 0;
    const kernel = await bootWith(function* (sys: Sys): Program {
      from = sys.kernel.wasm.heapEventCount();
      const tid = yield* sys.pthreadCreate("t", 100, SCHED_RR, 0, function* (): Program {
        return 0;
      });
      yield* sys.pthreadJoin(tid);
      return 0;
    });
    expect(eventsSince(kernel, from).filter((e) => e.op === "M").map((e) => [e.owner, e.req])).toEqual([
      ["tcb", 200],
      ["stack", 2048],
    ]);
  });

  it("an inode is sizeof(struct inode) + the name's length; reserving a path makes each missing directory", async () => {
    let from = 0;
    const kernel = await bootWith(function* (sys: Sys): Program {
      from = sys.kernel.wasm.heapEventCount();
      yield* sys.mkdir("/var/mqueue");
      return 0;
    });
    expect(allocations(kernel, from, "inode").map((e) => e.req)).toEqual([32 + 3, 32 + 6]);
  });

  it("the pid hash grows 4 -> 8 at getprime's second worker and 8 -> 16 at the barrier test's fifth thread", async () => {
    const session = await runModel("unpatched", ["hello", "getprime 4", "ostest"]);
    const pidhash = session.kernel.ownerIndex("pidhash");
    const grows = modelEvents(session).filter((e) => e.owner === pidhash && e.op === "M");
    expect(grows.map((e) => e.req)).toEqual([16, 32, 64]);
    expect(grows[1].pid).toBe(3); // getprime's main task creates the workers
    expect(grows[2].pid).toBe(14); // user_main creates the barrier threads
  });
});

/** Install `count` handlers in one task and release them again; returns the sigaction events. */
async function sigactions(count: number, fixes: "12406"[]) {
  let from = 0;
  const kernel = await bootWith(
    function* (sys: Sys): Program {
      from = sys.kernel.wasm.heapEventCount();
      const handler = function* (): Program {
        return 0;
      };
      for (let signo = 1; signo <= count; signo++) yield* sys.sigaction(signo, handler);
      for (let signo = 1; signo <= count; signo++) yield* sys.sigaction(signo, null);
      return 0;
    },
    "unpatched",
    fixes,
  );
  return eventsSince(kernel, from).filter((e) => e.owner === "sigaction");
}

describe("sigactions", () => {
  it("unpatched: blocks of four sigactq (112 B) that are never given back", async () => {
    const events = await sigactions(9, []);
    expect(events.map((e) => [e.op, e.req])).toEqual([
      ["M", 112],
      ["M", 112],
      ["M", 112],
    ]);
  });

  it("PR 12406: the four static entries and one heap entry (28 B) first, then a heap entry per action; heap entries are freed on release", async () => {
    const events = await sigactions(6, ["12406"]);
    // Actions 1-4 take the statics, action 5 the heap entry made with them, action 6 a new one.
    expect(events.map((e) => [e.op, e.req])).toEqual([
      ["M", 28],
      ["M", 28],
      ["F", 0],
      ["F", 0],
    ]);
  });
});

/** A full queue and a timed send that times out: what happens to the message it took. */
async function timedSendTimeout(fixes: "12402"[]) {
  let from = 0;
  const kernel = await bootWith(
    function* (sys: Sys): Program {
      const fd = yield* sys.mqOpen("full", true, 1);
      yield* sys.mqSend(fd, 1, 32);
      for (let i = 0; i < 8; i++) yield* sys.mqSend(yield* sys.mqOpen(`pool${i}`, true, 1), 1, 32); // empty the pool
      from = sys.kernel.wasm.heapEventCount();
      const result = yield* sys.mqSend(fd, 1, 32, 100);
      sys.print(`timed send: ${result}\n`);
      return 0;
    },
    "unpatched",
    fixes,
  );
  return { events: eventsSince(kernel, from).filter((e) => e.owner === "mqueue-msg"), console: kernel.output.map((o) => o.text).join("") };
}

describe("message queues", () => {
  it("unpatched: a timed send that times out keeps its heap message for ever", async () => {
    const { events, console } = await timedSendTimeout([]);
    expect(console).toContain("timed send: -110");
    expect(events.map((e) => [e.op, e.req])).toEqual([["M", 44]]);
  });

  it("PR 12402: the message goes back", async () => {
    const { events } = await timedSendTimeout(["12402"]);
    expect(events.map((e) => e.op)).toEqual(["M", "F"]);
  });
});
