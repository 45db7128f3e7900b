// Imported text as a pane's source: a transcript becomes a session stepped
// table by table, a memdump a heap map, a trace CSV a replayed heap. Every
// expected number comes from the real recordings, never from the code.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/engine";
import { Timeline } from "../../src/engine/timeline";
import { NODE_FLAG, NODE_WORDS } from "../../src/heap/heap";
import { MAX_IMPORT_BYTES } from "../../src/import/text";
import { wasmModule } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";
import { traceSession, transcriptText, umemRows } from "./recordings";

const engine = () => new Engine(wasmModule(), (path) => readFile(new URL(`../../public/${path}`, import.meta.url), "utf8"));

/** The groundtruth README's session table for the backport tree: used / maxused / nused / nfree at each `free`. */
const BACKPORT_FREES = [[7092, 7076, 21, 2], [7092, 9332, 21, 2], [7092, 18388, 21, 2], [7180, 46132, 23, 3], [7180, 46220, 23, 3], [7092, 46220, 21, 2], [7180, 46220, 23, 3]];

/** The unpatched transcript's MEMDUMP SESSION, from its first prompt to the end of the file. */
function memdumpSession(): string {
  const text = transcriptText("unpatched");
  return text.slice(text.indexOf("# MEMDUMP SESSION"));
}

/** The lines between two markers of a text, both included. */
function excerpt(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(start, text.indexOf(to, start) + to.length);
}

describe("a pasted console transcript", () => {
  it("is a session: one row per free and per ostest table, the free rows as the kernel printed them", async () => {
    const e = engine();
    const summary = await e.import(0, "rv-virt-backport.txt", transcriptText("backport"));
    expect(summary.kind).toBe("session");
    expect(summary.title).toBe("rv-virt-backport.txt · MAIN SESSION");
    expect(summary.sessions.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(summary.sessions[2].title).toBe("TRACE-BUILD SESSION: 7 free tables, 93 ostest tables");
    expect(summary.length).toBe(7 + 93);
    const frees = summary.markers.filter((m) => m.kind === "free");
    expect(frees.map((m) => [summary.used[m.to], summary.maxused[m.to]])).toEqual(BACKPORT_FREES.map(([used, maxused]) => [used, maxused]));
    frees.forEach((marker, i) => {
      const view = e.view(0, marker.to, 0);
      expect(view.row).toMatchObject({ kind: "free", command: "free" });
      expect([view.info.used, view.info.maxused, view.info.nused, view.info.nfree]).toEqual(BACKPORT_FREES[i]);
      expect(view.count).toBe(0);
    });
    expect(summary.baseline).toBe(frees[0].to);
  });

  it("has ostest's tables as phases, each changing used from the table before it, and no maxused there", async () => {
    const e = engine();
    const summary = await e.import(0, "t.txt", transcriptText("unpatched"));
    expect(summary.phases).toHaveLength(93);
    expect(summary.phases.filter((p) => p.label === "vfork() test").map((p) => p.run)).toEqual([1, 2, 3]);
    const libc2 = summary.phases.find((p) => p.label === "libc tests #2" && p.run === 1)!;
    // The unpatched transcript's second table under "libc tests": uordblks 491c BEFORE, 48fc AFTER.
    expect(libc2.used).toBe(0x48fc - 0x491c);
    expect(summary.used[libc2.to]).toBe(0x48fc);
    expect(summary.maxused[libc2.to]).toBe(-1);
    expect(e.view(0, libc2.to, 0).freeText).toMatch(/^End of test memory usage:\nVARIABLE  BEFORE   AFTER\n/);
  });

  it("lines up stop for stop with the trace of the same session in the other pane", async () => {
    const e = engine();
    const pasted = await e.import(0, "t.txt", transcriptText("backport"));
    const trace = await e.open(1, { kind: "recording", id: "rv-virt-unpatched" });
    const both = Timeline.of([pasted, trace].map((s) => ({ markers: s.markers, length: s.length })));
    const alone = Timeline.of([{ markers: trace.markers, length: trace.length }]);
    expect(both.stops.map((s) => s.key)).toEqual(alone.stops.map((s) => s.key));
  });

  it("opens another of its sessions, and says when a session has nothing to show", async () => {
    const e = engine();
    await e.import(0, "t.txt", transcriptText("backport"));
    const writeUp = await e.open(0, { kind: "import", name: "t.txt", session: 1 });
    expect(writeUp.title).toBe("t.txt · WRITE-UP SEQUENCE");
    expect(writeUp.markers.filter((m) => m.kind === "command").map((m) => m.label)).toEqual(["(boot)", "free", "ostest >/dev/null", "rm -r /var", "free"]);
    await expect(e.import(1, "prompts.txt", "nsh> hello\nHello, World!!\nnsh> ls\n")).rejects.toThrow(/no `free` output, ostest memory table or \/proc\/memdump output/);
    await expect(e.open(1, { kind: "import", name: "t.txt", session: 0 })).rejects.toThrow(/paste or drop it again/);
  });
});

describe("pasted /proc/memdump output", () => {
  it("is a heap: the used nodes by address, the guards, and the gap between them is the free chunk the free dump lists", async () => {
    const e = engine();
    const used = excerpt(memdumpSession(), "Dump all used memory node info:", "          21        6200");
    const summary = await e.import(0, "used.txt", used);
    expect(summary.length).toBe(1);
    const view = e.view(0, 1, 0);
    const words = (row: number) => Array.from(view.nodes.slice(row * NODE_WORDS, row * NODE_WORDS + NODE_WORDS));
    expect(view.count).toBe(22);
    expect(view.base).toBe(0x8002be10 - 8);
    // The start guard, then the pid hash (24 B at 0x8002be18).
    expect(words(0).slice(0, 3)).toEqual([0, 8, NODE_FLAG.alloc | NODE_FLAG.guard]);
    expect(words(1).slice(0, 3)).toEqual([8, 24, NODE_FLAG.alloc]);
    const free = Array.from({ length: view.count }, (_, r) => words(r)).filter((w) => !(w[2] & NODE_FLAG.alloc));
    // "echo free > /proc/memdump" in the same session: one free node of 33368512 bytes at 0x8002d640.
    expect(free).toEqual([[0x8002d640 - 8 - view.base!, 33368512, 0, 0, 0, 0, 0]]);
    expect(view.fragmentation).toMatchObject({ chunks: 1, largest: 33368512 });
    expect(summary.spanBytes).toBe(0x8002d530 - 8 + 272 - view.base!);
  });

  it("in a transcript, shows a heap at each dump and none at the free rows", async () => {
    const e = engine();
    const summary = await e.import(0, "memdump.txt", memdumpSession());
    const dumps = summary.markers.filter((m) => m.kind === "command" && m.label.includes("memdump"));
    expect(dumps.length).toBeGreaterThan(0);
    const rows = Array.from({ length: summary.length }, (_, r) => e.view(0, r + 1, 0));
    expect(rows.filter((v) => v.row?.kind === "dump").every((v) => v.count > 0)).toBe(true);
    expect(rows.filter((v) => v.row?.kind !== "dump").every((v) => v.count === 0)).toBe(true);
    // The used and the free dump printed by one `echo free`: one heap, its free node listed, not inferred.
    const both = rows.find((v) => v.freeText.includes("Dump all free memory node info"))!;
    expect(both.freeText).not.toContain("the gaps between the used nodes");
  });

  it("refuses nodes that overlap, naming the line", async () => {
    const e = engine();
    const dump = ["Dump all used memory node info:", "        Size    Address", "          24 0x8002be18", "          40 0x8002be20", "  Total Blks  Total Size", "           2          64"].join("\n");
    await expect(e.import(0, "bad.txt", dump)).rejects.toThrow(/^line 4: expected a node at or after 0x8002be30, where the node of line 3 ends/);
  });
});

describe("a dropped allocation trace CSV", () => {
  it("replays exactly, on the rules it was recorded under, and ends where the transcript's session ends", async () => {
    const e = engine();
    const summary = await e.import(0, "trace-rv-virt-unpatched.csv", fixtureText("groundtruth/trace-rv-virt-unpatched.csv"));
    expect(summary.kind).toBe("trace");
    expect(summary.problems).toEqual([]);
    expect(summary.profile.name).toBe("rv-virt/unpatched");
    expect(summary.notes.join(" ")).toMatch(/does not say how big the heap is/);
    const view = e.view(0, summary.length, 0);
    // The session's last free row, less free's own two nodes (264 + 8 and 512 + 8 bytes), which it freed when it exited.
    const [total, used, free, maxused, maxfree, nused, nfree] = umemRows(traceSession("unpatched")).at(-1)!;
    expect(view.info).toEqual({ total, used: used - 792, free: free + 792, maxused, maxfree, nused: nused - 2, nfree });
    expect(view.count).toBeGreaterThan(40);
  });

  it("refuses a trace whose nodes lie far beyond any heap", async () => {
    const csv = "seq,op,heap,off,req,node,pid,off2,node2,curused\n0,M,180032,16,16,24,0,,,24\n1,M,180032,900000000,16,24,0,,,48\n";
    await expect(engine().import(0, "far.csv", csv)).rejects.toThrow(/^line 3: expected a node within 256 MiB of the heap's start/);
  });
});

describe("a failed import", () => {
  it("names the line and leaves the pane as it was", async () => {
    const e = engine();
    const before = await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    const garbage = ["nsh> free", "                 total       used       free    maxused    maxfree  nused  nfree", "      Umem:   33375068       7044   oops"].join("\n");
    await expect(e.import(0, "garbage.txt", garbage)).rejects.toThrow(/^line 3: expected /);
    await expect(e.import(0, "huge.txt", "x".repeat(MAX_IMPORT_BYTES))).rejects.toThrow(/must be smaller than 50 MB/);
    expect(e.summary(0).title).toBe(before.title);
    expect(e.view(0, 10, 0).count).toBeGreaterThan(0);
  });
});
