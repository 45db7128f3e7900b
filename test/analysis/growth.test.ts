import { describe, expect, it } from "vitest";
import { analyseGrowth, growthAt, lifetimes } from "../../src/analysis/growth";
import { Player } from "../../src/engine/player";
import type { HeapEvent } from "../../src/engine/recording";
import { createModelSource } from "../../src/engine/model-source";
import { MAIN_SESSION } from "../../src/engine/source";
import { nodeInstance, wasmModule } from "../../src/wasm/node";
import { bundledRecording } from "../engine/recordings";

// The groundtruth README, "What the unpatched kernel keeps (rv32)": node sizes and counts.
const UNPATCHED_KEPT_AFTER_RUN = (runs: number) => [
  { cause: "leak", nodes: runs, bytes: 48 * runs }, // one mqueue message per ostest run (PR 12402)
  { cause: "cache", nodes: 16, bytes: 16 * 120 }, // 16 blocks of 4 sigactq (PR 12406)
  { cause: "table", nodes: 1, bytes: 72 }, // the pid hash grown to 16 entries (PR 12427)
];
const VAR_INODES = { cause: "leftover", nodes: 2, bytes: 40 + 48, freedBy: "rm -r /var" };
const FREE_ITSELF = { cause: "in-use", nodes: 2, bytes: 272 + 520, command: "free" };

describe("growth by cause, from the recordings' own events", () => {
  it("unpatched: a leak that grows each run, a one-time cache, a grow-only table, and /var", async () => {
    const recording = await bundledRecording("unpatched");
    const analysis = analyseGrowth(recording);
    const frees = recording.markers.filter((m) => m.kind === "free").map((m) => growthAt(recording, analysis, m.to).groups);
    expect(frees[0]).toEqual([]);
    expect(frees[2]).toEqual([{ cause: "table", nodes: 1, bytes: 40 }, FREE_ITSELF]); // getprime grew the pid hash to 8
    expect(frees[3]).toEqual([...UNPATCHED_KEPT_AFTER_RUN(1), VAR_INODES, FREE_ITSELF]);
    expect(frees[4]).toEqual([...UNPATCHED_KEPT_AFTER_RUN(2), VAR_INODES, FREE_ITSELF]);
    expect(frees[5]).toEqual([...UNPATCHED_KEPT_AFTER_RUN(2), FREE_ITSELF]); // after rm -r /var
    expect(frees[6]).toEqual([...UNPATCHED_KEPT_AFTER_RUN(3), VAR_INODES, FREE_ITSELF]);
  });

  it("backport: only the /var inodes, which rm -r /var frees", async () => {
    const recording = await bundledRecording("backport");
    const analysis = analyseGrowth(recording);
    const frees = recording.markers.filter((m) => m.kind === "free").map((m) => growthAt(recording, analysis, m.to).groups);
    expect(frees.slice(3)).toEqual([[VAR_INODES, FREE_ITSELF], [VAR_INODES, FREE_ITSELF], [FREE_ITSELF], [VAR_INODES, FREE_ITSELF]]);
  });

  it("adds up: growth minus what is gone since the baseline is the heap's change in used", async () => {
    for (const tree of ["unpatched", "backport"] as const) {
      const recording = await bundledRecording(tree);
      const analysis = analyseGrowth(recording);
      const { series } = new Player(await nodeInstance(), recording);
      for (let p = analysis.baseline; p <= recording.events.length; p += 37) {
        const report = growthAt(recording, analysis, p);
        const growth = report.groups.reduce((sum, g) => sum + g.bytes, 0);
        expect(growth - report.goneBytes).toBe(series.at(p).used - series.at(analysis.baseline).used);
      }
    }
  });

  it("counts a free that waits on the delay list as freed by its command (the model)", async () => {
    const source = await createModelSource("rv-virt", "backport", ["12402", "12406", "12427"], wasmModule());
    for (const command of MAIN_SESSION) source.run(command);
    const recording = source.recording();
    const analysis = analyseGrowth(recording);
    const runs = recording.markers.filter((m) => m.kind === "command" && m.label === "ostest");
    expect(runs.map((run) => growthAt(recording, analysis, run.to).groups.filter((g) => g.cause !== "in-use"))).toEqual([[VAR_INODES], [VAR_INODES], [VAR_INODES]]);
  });

  it("finds the same causes in the unpatched model as in the unpatched recording", async () => {
    const source = await createModelSource("rv-virt", "unpatched", [], wasmModule());
    for (const command of MAIN_SESSION) source.run(command);
    const recording = source.recording();
    const last = recording.markers.filter((m) => m.kind === "free").at(-1)!;
    expect(growthAt(recording, analyseGrowth(recording), last.to).groups).toEqual([...UNPATCHED_KEPT_AFTER_RUN(3), VAR_INODES, FREE_ITSELF]);
  });

  it("says nothing before the baseline", async () => {
    const recording = await bundledRecording("unpatched");
    expect(growthAt(recording, analyseGrowth(recording), 10).ready).toBe(false);
  });

  it("follows nodes through in-place reallocs and memalign trims", () => {
    const e = (op: HeapEvent["op"], off: number, off2: number | null = null): HeapEvent => ({ seq: 0, op, off, req: 8, node: 16, pid: 1, off2, node2: null, curused: 0, owner: 0, site: 0 });
    const { end, ends, deferred } = lifetimes([e("M", 16), e("R", 16, 16), e("M", 40), e("A", 64, 40), e("D", 16), e("F", 16), e("F", 64)]);
    expect(Array.from(end)).toEqual([1, 5, -1, 6, -1, -1, -1]);
    expect(Array.from(ends)).toEqual([-1, 0, -1, -1, -1, 1, 3]);
    expect(deferred[1]).toBe(4);
  });
});
