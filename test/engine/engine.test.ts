import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CAUSES } from "../../src/analysis/growth";
import { Engine } from "../../src/engine/engine";
import { createModelSource } from "../../src/engine/model-source";
import { MAIN_SESSION } from "../../src/engine/source";
import { MARK } from "../../src/engine/protocol";
import { Timeline } from "../../src/engine/timeline";
import { wasmModule } from "../../src/wasm/node";
import { traceSession, umemRows } from "./recordings";

const engine = () => new Engine(wasmModule(), (path) => readFile(new URL(`../../public/${path}`, import.meta.url), "utf8"));

describe("Engine", () => {
  it("opens both bundled recordings and prints each tree's last `free` row at the last stop", async () => {
    const e = engine();
    const panes = [await e.open(0, { kind: "recording", id: "rv-virt-unpatched" }), await e.open(1, { kind: "recording", id: "rv-virt-backport" })];
    expect(panes.map((p) => p.problems)).toEqual([[], []]);
    const timeline = Timeline.of(panes.map((p) => ({ markers: p.markers, length: p.length })));
    const end = timeline.last("command");
    for (const [i, tree] of (["unpatched", "backport"] as const).entries()) {
      const view = e.view(i, timeline.position(i, end), 0);
      const row = umemRows(traceSession(tree)).at(-1)!;
      expect(view.freeText.split("\n")[1]).toBe(`      Umem:${row.map((v, k) => String(v).padStart(k < 5 ? 11 : 7)).join("")}`);
    }
  });

  it("marks the nodes born in the step and the growth since boot, with causes", async () => {
    const e = engine();
    const summary = await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    const run1 = summary.markers.filter((m) => m.kind === "command" && m.label === "ostest")[0];
    const view = e.view(0, run1.to, run1.from);
    const marked = (bit: number) => Array.from(view.marks).filter((m) => (m & bit) !== 0).length;
    expect(marked(MARK.growth)).toBe(1 + 16 + 1 + 2); // message, sigactions, pid hash, /var inodes
    expect(marked(MARK.born)).toBe(1 + 16 + 1 + 2);
    const causes = Array.from(view.cause).filter((c) => c !== 255).map((c) => CAUSES[c]);
    expect(causes.filter((c) => c === "cache")).toHaveLength(16);
    expect(view.born.bytes).toBe(48 + 1920 + 72 + 88);
  });

  it("reports free lists and the mm frag rate", async () => {
    const e = engine();
    const summary = await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    const view = e.view(0, summary.length, 0);
    expect(view.classes.reduce((n, c) => n + c.count, 0)).toBe(view.fragmentation.chunks);
    expect(view.fragmentation.chunks).toBe(view.info.nfree);
    expect(view.fragmentation.largest).toBe(view.info.maxfree);
    expect(view.fragmentation.freeBytes).toBe(view.info.free);
    expect(view.fragmentation.rate).toBeGreaterThan(0);
  });

  it("has the per-phase deltas and the per-run series", async () => {
    const e = engine();
    const summary = await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    expect(summary.phases).toHaveLength(93);
    expect(summary.runs).toHaveLength(1);
    expect(summary.runs[0].points.map((p) => p.label)).toEqual(["before", "run 1", "run 2", "run 3"]);
    expect(summary.runs[0].points[3].since).toEqual(["ls -R /var", "rm -r /var"]);
    const leak = summary.runs[0].points.map((p) => p.groups.find((g) => g.cause === "leak")?.bytes ?? 0);
    expect(leak).toEqual([0, 48, 96, 144]);
  });

  it("uses a recording prepared in advance, and drops one nobody asks for", async () => {
    const e = engine();
    e.prepare({ kind: "recording", id: "rv-virt-unpatched" });
    expect((await e.open(0, { kind: "recording", id: "rv-virt-unpatched" })).tree).toBe("unpatched");
    e.prepare({ kind: "recording", id: "rv-virt-unpatched" });
    expect((await e.open(0, { kind: "recording", id: "rv-virt-backport" })).tree).toBe("backport");
  });

  it("refuses what it cannot do, with a sentence", async () => {
    const e = engine();
    await expect(e.open(0, { kind: "model", board: "rv-virt", tree: "unpatched", fixes: [] })).rejects.toThrow("The model is not available in this build.");
    await expect(e.open(0, { kind: "recording", id: "nope" as "rv-virt-unpatched" })).rejects.toThrow('There is no bundled recording called "nope".');
    expect(() => e.view(1, 0, 0)).toThrow("pane 1 has no source yet");
    await e.open(0, { kind: "recording", id: "rv-virt-backport" });
    await expect(e.run(0, ["free"])).rejects.toThrow(/typed commands run on the model/);
    expect(e.capabilities()).toEqual({ model: false });
  });
});

describe("Engine with the model", () => {
  const withModel = () => new Engine(wasmModule(), (path) => readFile(new URL(`../../public/${path}`, import.meta.url), "utf8"), createModelSource);

  it("boots a model pane, runs the main session, and prints the main transcript's last free row", async () => {
    const e = withModel();
    expect(e.capabilities()).toEqual({ model: true });
    const summary = await e.open(0, { kind: "model", board: "rv-virt", tree: "unpatched", fixes: [] }, MAIN_SESSION);
    expect(summary.problems).toEqual([]);
    const last = summary.markers.filter((m) => m.kind === "free").at(-1)!;
    // rv-virt-unpatched.txt, MAIN SESSION, the last `free` (line 2603)
    expect(e.view(0, last.to, 0).freeText).toContain("      Umem:   33375068       9244   33365824      48188   33361456     42      9");
  });

  it("an upstream model pane marks its free rows in the 2026 layout and ends on up-session.txt's last row", async () => {
    const e = withModel();
    const summary = await e.open(0, { kind: "model", board: "rv-virt", tree: "upstream", fixes: [] }, MAIN_SESSION);
    expect(summary.problems).toEqual([]);
    const frees = summary.markers.filter((m) => m.kind === "free");
    expect(frees.length).toBe(MAIN_SESSION.filter((c) => c === "free").length);
    // fixtures/nuttx/measured/up-session.txt, the last `free`
    expect(e.view(0, frees.at(-1)!.to, 0).freeText).toContain("   33340160       5896   33334264      44920   33333960     26      2 Umem");
  });

  it("runs typed commands on a model pane and keeps growing its recording", async () => {
    const e = withModel();
    const before = await e.open(0, { kind: "model", board: "rv-virt", tree: "backport", fixes: ["12402", "12406", "12427"] }, ["free"]);
    const after = await e.run(0, ["ostest", "free"]);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.markers.filter((m) => m.kind === "command").map((m) => m.label)).toEqual(["(boot)", "free", "ostest", "free"]);
  });
});
