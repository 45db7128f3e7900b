// The model's heap events on the upstream tree against the measured gdb
// traces of the same commands (fixtures/nuttx/measured/up-boot.trace,
// up-ostest.trace): op, request (node size for frees) and the running task.
import { describe, expect, it } from "vitest";
import { compareCalls } from "../../src/fidelity/compare";
import { heapProfile } from "../../src/heap/profiles";
import { heapCalls, parseGdbTrace } from "../../src/trace/gdb";
import { ModelSource } from "../../src/engine/model-source";
import { fixtureText } from "../support/fixtures";
import { modelEvents, runModel } from "../support/model";

const key = (op: string, size: number, pid: number) => `${op} ${size} pid ${pid}`;
const traceCalls = (name: string) => heapCalls(parseGdbTrace(fixtureText(`measured/${name}`)), heapProfile("rv-virt", "upstream").pointerSize);

describe("upstream rv-virt: the model's heap events are the traced ones", () => {
  it("boot, NSH, free, hello, getprime 4, echo $?: every event (op, request, pid)", async () => {
    const real = traceCalls("up-boot.trace");
    const session = await runModel("upstream", ["free", "hello", "free", "getprime 4", "free", "echo $?", "free"]);
    const model = modelEvents(session).map((e) => key(e.op, e.op === "M" || e.op === "R" ? e.req : e.node, e.pid));
    expect(model).toEqual(real.map((e) => key(e.op, e.size, e.pid)));
    expect(real.length).toBe(117); // 118 calls: realloc(NULL, 1) is its malloc
  });

  it("ostest, ls, rm, mkdir: all but the waitpid and pthread_exit wake-order races", async () => {
    const real = traceCalls("up-ostest.trace");
    const session = await runModel("upstream", ["free", "ostest", "echo $?", "free", "ls -R /var", "rm -r /var", "free", "mkdir /tmp", "ls /", "rm -r /tmp", "free"]);
    const score = compareCalls("up-ostest", real, new ModelSource(session).recording());
    expect(score.total).toBe(819);
    expect(score.matched).toBe(814);
    // Two children woken by the same tick: the real kernel ran the waiter first (a timing race).
    expect(score.differences.map((d) => d.what)).toEqual(["first different call: D 8200 pid 4", "first different call: D 8200 pid 4"]);
  });
});
