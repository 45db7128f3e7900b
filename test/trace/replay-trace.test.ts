import { describe, expect, it } from "vitest";
import { heapProfile } from "../../src/heap/profiles";
import { parseTraceCsv } from "../../src/trace/csv";
import { regionForTotal, replayTrace } from "../../src/trace/replay-trace";
import { nodeInstance } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";

// The trace builds' totals, from the TRACE-BUILD SESSION `free` rows of the transcripts.
const TRACES = [
  { tree: "unpatched", total: 33374396, events: 1192 },
  { tree: "backport", total: 33374204, events: 1525 },
] as const;

describe("real rv-virt kernel traces replay through the WASM heap", () => {
  it.each(TRACES)("$tree: every offset, node size and curused matches", async ({ tree, total, events }) => {
    const trace = parseTraceCsv(fixtureText(`groundtruth/trace-rv-virt-${tree}.csv`));
    expect(trace).toHaveLength(events);
    const report = replayTrace(await nodeInstance(), heapProfile("rv-virt", tree), total, trace);
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(events);
    expect(report.heap.check()).toBeNull();
    expect(report.heap.mallinfo().total).toBe(total);
  });

  it("the same trace on the wrong allocator rules fails, so the check can fail", async () => {
    const trace = parseTraceCsv(fixtureText("groundtruth/trace-rv-virt-unpatched.csv"));
    const report = replayTrace(await nodeInstance(), heapProfile("rv-virt", "patched"), 33374396, trace);
    expect(report.failed).toBeGreaterThan(1000);
  });

  it("refuses a total that the profile's alignment cannot give", () => {
    expect(() => regionForTotal(heapProfile("rv-virt", "unpatched"), 0, 33374397)).toThrow(/multiple of MM_ALIGN/);
  });
});
