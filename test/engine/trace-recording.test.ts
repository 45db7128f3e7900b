import { describe, expect, it } from "vitest";
import { Player } from "../../src/engine/player";
import { traceRecording } from "../../src/engine/trace-recording";
import { nodeInstance } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";
import { TRACE_TREES, bundledRecording, tableAfters, traceSession, transcriptText, umemRows } from "./recordings";

// The groundtruth README's session table: used / maxused / nused / nfree at each `free`.
const SESSION_TABLE = {
  unpatched: [[7044, 7028, 21, 2], [7044, 9284, 21, 2], [7060, 18356, 21, 4], [9148, 46100, 40, 6], [9196, 48188, 41, 7], [9108, 48188, 39, 7], [9244, 48188, 42, 9]],
  backport: [[7092, 7076, 21, 2], [7092, 9332, 21, 2], [7092, 18388, 21, 2], [7180, 46132, 23, 3], [7180, 46220, 23, 3], [7092, 46220, 21, 2], [7180, 46220, 23, 3]],
};

// trace-analysis-rv-virt-*.txt: the seq of the read buffer at each `free`.
const ANALYSIS_SEQS = {
  unpatched: [24, 44, 84, 451, 794, 842, 1189],
  backport: [24, 44, 82, 548, 1010, 1058, 1522],
};

const SESSION = ["free", "hello", "free", "getprime 4", "free", "ostest", "echo $?", "free", "ostest", "free", "ls -R /var", "rm -r /var", "free", "ostest", "free"];

describe.each(TRACE_TREES)("the %s trace as a Recording", (tree) => {
  it("has the transcript's session as command markers, after boot", async () => {
    const recording = await bundledRecording(tree);
    const commands = recording.markers.filter((m) => m.kind === "command");
    expect(commands.map((m) => m.label)).toEqual(["(boot)", ...SESSION]);
    commands.forEach((m, i) => expect(m.from).toBe(commands[i - 1]?.to ?? 0));
    expect(commands[commands.length - 1].to).toBe(recording.events.length);
  });

  it("puts each `free` where the replayed heap prints the transcript's row, at the analysis file's seqs", async () => {
    const recording = await bundledRecording(tree);
    const player = new Player(await nodeInstance(), recording);
    const frees = recording.markers.filter((m) => m.kind === "free");
    const rows = umemRows(traceSession(tree));
    expect(frees).toHaveLength(7);
    expect(rows).toHaveLength(7);
    frees.forEach((marker, i) => {
      expect(recording.events[marker.to - 1].seq).toBe(ANALYSIS_SEQS[tree][i]);
      player.seek(marker.to);
      const info = player.mallinfo();
      expect([info.total, info.used, info.free, info.maxused, info.maxfree, info.nused, info.nfree]).toEqual(rows[i]);
      expect([info.used, info.maxused, info.nused, info.nfree]).toEqual(SESSION_TABLE[tree][i]);
    });
  });

  it("ends each ostest phase where the heap equals that phase's table", async () => {
    const recording = await bundledRecording(tree);
    const player = new Player(await nodeInstance(), recording);
    const ostestPhases = recording.markers.filter((m) => m.kind === "phase" && !m.label.startsWith("vfork"));
    const afters = tableAfters(traceSession(tree));
    expect(afters).toHaveLength(90);
    expect(ostestPhases).toHaveLength(90);
    ostestPhases.forEach((marker, i) => {
      player.seek(marker.to);
      const info = player.mallinfo();
      expect([info.total, info.nfree, info.maxfree, info.used, info.free]).toEqual(afters[i]);
    });
  });

  it("names each phase as ostest's banner does, and nests the phases inside their ostest", async () => {
    const recording = await bundledRecording(tree);
    const runs = recording.markers.filter((m) => m.kind === "command" && m.label === "ostest");
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      const phases = recording.markers.filter((m) => m.kind === "phase" && m.from >= run.from && m.to <= run.to);
      expect(phases).toHaveLength(31);
      expect(phases[0].label).toBe("Begin argument test");
      expect(phases.map((p) => p.label)).toContain("message queue test");
      expect(phases[30]).toMatchObject({ label: "vfork() test", to: run.to });
      phases.forEach((p, i) => expect(p.from).toBe(phases[i - 1]?.to ?? run.from));
    }
  });

  it("places console text where it was printed", async () => {
    const recording = await bundledRecording(tree);
    const text = recording.console.map((c) => c.text).join("");
    expect(text).toContain("nsh> getprime 4\n");
    expect(text).toContain("Hello, World!!\n");
    const ats = recording.console.map((c) => c.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    const firstFreeRow = recording.console.find((c) => c.text.includes("Umem:"))!;
    expect(firstFreeRow.at).toBe(recording.markers.find((m) => m.kind === "free")!.to);
  });

  it("names owners by who ran when each pid first appeared", async () => {
    const recording = await bundledRecording(tree);
    expect(recording.owners.slice(0, 3)).toEqual(["unknown", "boot", "nsh"]);
    expect(recording.owners).toEqual(expect.arrayContaining(["hello", "getprime", "ostest"]));
    expect(recording.owners[recording.events[0].owner]).toBe("boot");
    expect(recording.tasks[0]).toBe("Idle Task");
  });
});

describe("a trace and a transcript that disagree get an error that names the line", () => {
  const csv = fixtureText("groundtruth/trace-rv-virt-unpatched.csv");
  const build = async (transcript: string, trace = csv) =>
    traceRecording(await nodeInstance(), { title: "t", board: "rv-virt", tree: "unpatched", fixes: [], csv: trace, transcript, section: "TRACE-BUILD SESSION" });

  it("a `free` row the trace never reaches", async () => {
    const row = "      Umem:   33374396       9244   33365152      48188   33360784     42      9";
    expect(transcriptText("unpatched")).toContain(row);
    const text = transcriptText("unpatched").replace(row, row.replace("9244   33365152", "9240   33365156"));
    await expect(build(text)).rejects.toThrow(/^line 5204: expected a point in the trace where the heap gives this `free` row/);
  });

  it("an ostest table the heap never equals", async () => {
    const lines = transcriptText("unpatched").split("\n");
    // 8 bytes moved from fordblks to uordblks: the table still adds up, but no point of the trace has it.
    const at = lines.findIndex((l, i) => i > 2640 && l.startsWith("uordblks"));
    const shift = (index: number, by: number) => (lines[index] = lines[index].replace(/\w+$/, (hex) => (parseInt(hex, 16) + by).toString(16).padStart(hex.length)));
    shift(at, 8);
    shift(at + 1, -8);
    await expect(build(lines.join("\n"))).rejects.toThrow(new RegExp(`^line ${at - 5}: expected a point in this ostest run where the heap equals the table's AFTER column`));
  });

  it("a garbled table row", async () => {
    const lines = transcriptText("unpatched").split("\n");
    const at = lines.findIndex((l, i) => i > 2640 && l.startsWith("mxordblk"));
    lines[at] = "mxordblk  zz";
    await expect(build(lines.join("\n"))).rejects.toThrow(new RegExp(`^line ${at + 1}: expected the mxordblk row of ostest's table`));
  });

  it("a missing session", async () => {
    await expect(build("nsh> free\n")).rejects.toThrow(/section header containing "TRACE-BUILD SESSION"/);
  });

  it("a trace that does not replay on the tree", async () => {
    const broken = csv.replace("\n5,M,180032,1856,35,40,0,,,1880", "\n5,M,180032,1864,35,40,0,,,1880");
    await expect(build(transcriptText("unpatched"), broken)).rejects.toThrow(/does not replay on rv-virt\/unpatched: event 5 \(seq 5\) M: offset 1856 \(recorded 1864\)/);
  });
});
