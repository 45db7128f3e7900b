import { describe, expect, it } from "vitest";
import type { Program } from "../../src/engine/kernel";
import { SCHED_FIFO, SCHED_RR, type Sys } from "../../src/engine/sys";
import { bootWith } from "../support/kernel";

/** Each program appends "name@tick" when it runs. */
function logger(log: string[]) {
  return (name: string) =>
    function* (sys: Sys): Program {
      log.push(`${name}@${sys.ticks()}`);
      return 0;
    };
}

describe("the scheduler", () => {
  it("runs a higher priority at once, equal priorities in order, lower ones last", async () => {
    const log: string[] = [];
    const task = logger(log);
    await bootWith(function* (sys: Sys): Program {
      yield* sys.taskCreate("low", 50, 2048, task("low"));
      yield* sys.taskCreate("high", 150, 2048, task("high"));
      yield* sys.taskCreate("equal", 100, 2048, task("equal"));
      log.push("init");
      yield* sys.sleep(1);
      return 0;
    });
    expect(log).toEqual(["high@0", "init", "equal@0", "low@0"]);
  });

  it("round-robin threads of one priority share the CPU in 200 ms slices", async () => {
    const log: string[] = [];
    const busy = (name: string) =>
      function* (sys: Sys): Program {
        log.push(`${name} starts@${sys.ticks()}`);
        yield* sys.burn(500);
        log.push(`${name} ends@${sys.ticks()}`);
        return 0;
      };
    await bootWith(function* (sys: Sys): Program {
      const a = yield* sys.pthreadCreate("a", 10, SCHED_RR, 0, busy("a"));
      const b = yield* sys.pthreadCreate("b", 10, SCHED_RR, 0, busy("b"));
      yield* sys.pthreadJoin(a);
      yield* sys.pthreadJoin(b);
      return 0;
    });
    // a: 0-200, b: 200-400, a: 400-600, b: 600-800, a: 800-900 (done), b: 900-1000.
    expect(log).toEqual(["a starts@0", "b starts@200", "a ends@900", "b ends@1000"]);
  });

  it("FIFO threads of one priority run to completion in turn", async () => {
    const log: string[] = [];
    const busy = (name: string) =>
      function* (sys: Sys): Program {
        yield* sys.burn(500);
        log.push(`${name}@${sys.ticks()}`);
        return 0;
      };
    await bootWith(function* (sys: Sys): Program {
      const a = yield* sys.pthreadCreate("a", 10, SCHED_FIFO, 0, busy("a"));
      const b = yield* sys.pthreadCreate("b", 10, SCHED_FIFO, 0, busy("b"));
      yield* sys.pthreadJoin(a);
      yield* sys.pthreadJoin(b);
      return 0;
    });
    expect(log).toEqual(["a@500", "b@1000"]);
  });

  it("sched_lock keeps a higher priority waiting until sched_unlock", async () => {
    const log: string[] = [];
    await bootWith(function* (sys: Sys): Program {
      yield* sys.schedLock();
      yield* sys.taskCreate("high", 150, 2048, logger(log)("high"));
      log.push("still init");
      yield* sys.schedUnlock();
      log.push("init again");
      return 0;
    });
    expect(log).toEqual(["still init", "high@0", "init again"]);
  });

  it("a sleep of n ms wakes after n + 1 ticks (wd_start adds one)", async () => {
    const log: string[] = [];
    await bootWith(function* (sys: Sys): Program {
      yield* sys.usleep(250);
      log.push(`${sys.ticks()}`);
      yield* sys.sleep(1);
      log.push(`${sys.ticks()}`);
      return 0;
    });
    expect(log).toEqual(["2", "1003"]);
  });

  it("a timed semaphore wait ends with ETIMEDOUT, and a post in time wins", async () => {
    const log: string[] = [];
    await bootWith(function* (sys: Sys): Program {
      const sem = sys.semInit(0);
      log.push(`${yield* sys.semWait(sem, 10)}@${sys.ticks()}`);
      yield* sys.pthreadCreate("poster", 100, SCHED_RR, 0, function* (t: Sys): Program {
        yield* t.usleep(3000);
        yield* t.semPost(sem);
        return 0;
      });
      log.push(`${yield* sys.semWait(sem, 10)}@${sys.ticks()}`);
      return 0;
    });
    expect(log).toEqual(["-110@11", "0@15"]);
  });
});
