// Importing a trace reproduces the transcript's `free` at its snapshots: the
// trace is replayed through the WASM heap and read at each `free` the
// trace-analysis file names; the transcript gives the printed numbers.
import { describe, expect, it } from "vitest";
import { heapProfile } from "../../src/heap/profiles";
import { importText } from "../../src/import/import";
import { replayTrace } from "../../src/trace/replay-trace";
import { nodeInstance } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";

/** "snap 0 boot(1st free)         seq=24 ..." lines of a trace-analysis file. */
function snapshotSeqs(tree: string): number[] {
  const text = fixtureText(`groundtruth/trace-analysis-rv-virt-${tree}.txt`);
  return [...text.matchAll(/^snap \d+ .* seq=(\d+) /gm)].map((m) => Number(m[1]));
}

describe.each(["unpatched", "backport"] as const)("the %s trace at its snapshots", (tree) => {
  it("gives every column of the TRACE-BUILD session's free rows", async () => {
    const transcript = importText(fixtureText(`groundtruth/rv-virt-${tree}.txt`));
    const trace = importText(fixtureText(`groundtruth/trace-rv-virt-${tree}.csv`));
    if (transcript.kind !== "transcript" || trace.kind !== "trace") throw new Error("wrong kinds");
    const session = transcript.sessions.find((s) => s.title?.startsWith("TRACE-BUILD SESSION"))!;
    const printed = session.free.map((row) => row.heaps.find((h) => h.name === "Umem")!.info);
    const seqs = snapshotSeqs(tree);
    expect(seqs).toHaveLength(printed.length);

    const report = replayTrace(await nodeInstance(), heapProfile("rv-virt", tree), printed[0].total, trace.events, seqs);
    expect(report.failures).toEqual([]);
    expect(report.snapshots.map((s) => s.seq)).toEqual(seqs);
    expect(report.snapshots.map((s) => s.info)).toEqual(printed);
  });
});
