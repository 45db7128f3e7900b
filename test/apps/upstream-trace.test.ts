// The model's heap events on the upstream tree against the measured gdb trace
// of the same commands (fixtures/nuttx/measured/up-boot.trace): op, request
// (or node size for frees) and the running task, event for event.
import { describe, expect, it } from "vitest";
import { heapProfile } from "../../src/heap/profiles";
import { heapCalls, parseGdbTrace } from "../../src/trace/gdb";
import { fixtureText } from "../support/fixtures";
import { modelEvents, runModel } from "../support/model";

const key = (op: string, size: number, pid: number) => `${op} ${size} pid ${pid}`;

describe("upstream rv-virt: the model's heap events are the traced ones", () => {
  it("boot, NSH, free, hello, getprime 4, echo $?: every event (op, request, pid)", async () => {
    const real = heapCalls(parseGdbTrace(fixtureText("measured/up-boot.trace")), heapProfile("rv-virt", "upstream").pointerSize);
    const session = await runModel("upstream", ["free", "hello", "free", "getprime 4", "free", "echo $?", "free"]);
    const model = modelEvents(session).map((e) => key(e.op, e.op === "M" || e.op === "R" ? e.req : e.node, e.pid));
    expect(model).toEqual(real.map((e) => key(e.op, e.size, e.pid)));
    expect(real.length).toBe(117); // 118 calls: realloc(NULL, 1) is its malloc
  });
});
