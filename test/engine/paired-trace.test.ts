// A trace CSV imported with the console transcript of its run: the same
// recording as the bundled one, its session found by the heap. Golden data:
// the real recordings in fixtures/nuttx/groundtruth.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/engine";
import { pairedTrace } from "../../src/engine/paired-trace";
import { Timeline } from "../../src/engine/timeline";
import { MAX_IMPORT_BYTES } from "../../src/import/text";
import { importPair } from "../../src/import/pair";
import { nodeInstance, wasmModule } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";
import { TRACE_TREES, bundledRecording, traceSession, transcriptText, umemRows } from "./recordings";

const engine = () => new Engine(wasmModule(), (path) => readFile(new URL(`../../public/${path}`, import.meta.url), "utf8"));

const traceFile = (tree: string) => ({ name: `trace-rv-virt-${tree}.csv`, text: fixtureText(`groundtruth/trace-rv-virt-${tree}.csv`) });
const transcriptFile = (tree: (typeof TRACE_TREES)[number]) => ({ name: `rv-virt-${tree}.txt`, text: transcriptText(tree) });

/** The session headers of a transcript, in order, read with a plain regex (independent of src/import). */
const sessionHeaders = (text: string) => [...text.matchAll(/^# ([A-Z][A-Z -]+[A-Z])/gm)].map((m) => m[1]);

/** The 1-based numbers of the lines of `text` that match. */
const linesMatching = (text: string, pattern: RegExp) => text.split("\n").flatMap((line, i) => (pattern.test(line) ? [i + 1] : []));

describe.each(TRACE_TREES)("the %s trace imported with its transcript", (tree) => {
  it("is the bundled recording: the same markers, console and owners, from the TRACE-BUILD SESSION", async () => {
    const paired = pairedTrace(await nodeInstance(), importPair([traceFile(tree), transcriptFile(tree)]));
    paired.player.dispose();
    const bundled = await bundledRecording(tree);
    expect(sessionHeaders(transcriptText(tree))[paired.session]).toBe("TRACE-BUILD SESSION");
    expect(paired.recording.title).toBe(`trace-rv-virt-${tree}.csv + rv-virt-${tree}.txt · TRACE-BUILD SESSION`);
    expect(paired.recording.markers).toEqual(bundled.markers);
    expect(paired.recording.console).toEqual(bundled.console);
    expect(paired.recording.owners).toEqual(bundled.owners);
    expect(paired.recording.heapSize).toBe(bundled.heapSize);
    expect(paired.notes[0]).toContain(`the session "TRACE-BUILD SESSION" of rv-virt-${tree}.txt`);
  });

  it("is the same whichever file comes first", async () => {
    const a = pairedTrace(await nodeInstance(), importPair([transcriptFile(tree), traceFile(tree)]));
    a.player.dispose();
    expect(a.recording.markers).toEqual((await bundledRecording(tree)).markers);
  });
});

describe("a pane given a trace and its transcript", () => {
  it("steps at the bundled recording's stops, and prints the session's last free row at its last free", async () => {
    const e = engine();
    const paired = await e.importPair(0, [traceFile("unpatched"), transcriptFile("unpatched")]);
    const bundled = await e.open(1, { kind: "recording", id: "rv-virt-unpatched" });
    const stops = (s: typeof paired) => Timeline.of([{ markers: s.markers, length: s.length }]).stops.map((stop) => stop.key);
    expect(stops(paired)).toEqual(stops(bundled));
    expect(paired.kind).toBe("trace");
    expect(paired.source).toEqual({ kind: "import", name: "trace-rv-virt-unpatched.csv + rv-virt-unpatched.txt", session: 1 });
    const lastFree = paired.markers.filter((m) => m.kind === "free").at(-1)!;
    const row = umemRows(traceSession("unpatched")).at(-1)!;
    expect(e.view(0, lastFree.to, 0).freeText).toContain(`Umem:${row.map((n, i) => String(n).padStart(i < 5 ? 11 : 7)).join("")}`);
    // From the first free on, growth is counted: the pane has a boot, as the bundled one has.
    expect(paired.baseline).toBe(bundled.baseline);
  });

  it("keeps the pair: the pane goes back to it after showing something else", async () => {
    const e = engine();
    const paired = await e.importPair(0, [traceFile("backport"), transcriptFile("backport")]);
    await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    const again = await e.open(0, paired.source);
    expect(again).toMatchObject({ title: paired.title, source: paired.source, markers: paired.markers, notes: paired.notes });
  });

  it("refuses a trace and a transcript of different kernels, naming the sessions and lines, and keeps what it showed", async () => {
    const e = engine();
    const before = await e.open(0, { kind: "recording", id: "rv-virt-backport" });
    const wrong = e.importPair(0, [traceFile("unpatched"), transcriptFile("backport")]);
    await expect(wrong).rejects.toThrow(/^trace-rv-virt-unpatched\.csv and rv-virt-backport\.txt do not belong together: .*MAIN SESSION: rv-virt-backport\.txt line \d+: .*TRACE-BUILD SESSION: rv-virt-backport\.txt line \d+: expected a point in the trace where the heap gives this `free` row/);
    const named = Number(((await wrong.catch((error: Error) => error.message)) as string).match(/TRACE-BUILD SESSION: rv-virt-backport\.txt line (\d+)/)![1]);
    // The line named is the TRACE-BUILD SESSION's first free row of the backport transcript.
    const umem = linesMatching(transcriptText("backport"), /^\s*Umem:/);
    const traceBuild = linesMatching(transcriptText("backport"), /^# TRACE-BUILD SESSION/)[0];
    expect(named).toBe(umem.find((line) => line > traceBuild));
    expect(e.summary(0).title).toBe(before.title);
    expect(e.summary(0).markers).toEqual(before.markers);
  });

  it("takes the transcript later, dropped on the pane that shows the imported trace, and the trace on a transcript", async () => {
    const e = engine();
    const bundled = await e.open(1, { kind: "recording", id: "rv-virt-backport" });
    const alone = await e.import(0, "trace-rv-virt-backport.csv", traceFile("backport").text);
    expect(alone.markers.filter((m) => m.kind === "command")).toHaveLength(1);
    const paired = await e.import(0, "rv-virt-backport.txt", transcriptText("backport"));
    expect(paired.title).toBe("trace-rv-virt-backport.csv + rv-virt-backport.txt · TRACE-BUILD SESSION");
    expect(paired.markers).toEqual(bundled.markers);
    await e.import(0, "rv-virt-unpatched.txt", transcriptText("unpatched"));
    const other = await e.import(0, "trace-rv-virt-unpatched.csv", traceFile("unpatched").text);
    expect(other.title).toBe("trace-rv-virt-unpatched.csv + rv-virt-unpatched.txt · TRACE-BUILD SESSION");
  });

  it("refuses a later transcript of another run, and the pane keeps its trace", async () => {
    const e = engine();
    const alone = await e.import(0, "trace-rv-virt-unpatched.csv", traceFile("unpatched").text);
    await expect(e.import(0, "rv-virt-backport.txt", transcriptText("backport"))).rejects.toThrow(
      /do not belong together: .*This pane shows trace-rv-virt-unpatched\.csv, so rv-virt-backport\.txt was taken as its transcript; to show rv-virt-backport\.txt alone, first choose another source for this pane$/,
    );
    expect(e.summary(0)).toMatchObject({ title: alone.title, source: alone.source, markers: alone.markers });
    // Shown elsewhere, the kept trace no longer pairs: a transcript then replaces the pane.
    await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    expect((await e.import(0, "rv-virt-backport.txt", transcriptText("backport"))).kind).toBe("session");
  });
});

describe("files that do not make a pair", () => {
  const trace = traceFile("unpatched");
  const transcript = transcriptFile("unpatched");

  it("two traces, two transcripts, or free output instead of a transcript", () => {
    expect(() => importPair([trace, traceFile("backport")])).toThrow("trace-rv-virt-unpatched.csv and trace-rv-virt-backport.csv are both allocation trace CSVs: import a trace CSV together with the console transcript");
    expect(() => importPair([transcript, transcriptFile("backport")])).toThrow("rv-virt-unpatched.txt and rv-virt-backport.txt are both console transcripts");
    const lines = transcript.text.split("\n");
    const header = lines.findIndex((l) => /^\s+total\s+used/.test(l));
    const free = lines.slice(header, header + 2).join("\n");
    expect(free).toMatch(/^\s+total\s+used.*\n\s+Umem:/);
    expect(() => importPair([trace, { name: "free.txt", text: free }])).toThrow("trace-rv-virt-unpatched.csv is an allocation trace CSV and free.txt is bare NSH `free` output, with no nsh> prompts");
    expect(() => importPair([trace])).toThrow("expected two files, got 1: import a trace CSV together");
  });

  it("a trace cut in the middle of a row: the file and the line", () => {
    const cut = trace.text.slice(0, trace.text.indexOf("\n", trace.text.length / 2) + 10);
    const line = cut.split("\n").length;
    expect(() => importPair([{ name: "cut.csv", text: cut }, transcript])).toThrow(new RegExp(`^cut\\.csv: line ${line}: expected 10 columns`));
  });

  it("a trace cut between rows: the transcript's first free row it never reaches", async () => {
    const rows = trace.text.split("\n");
    // The first 400 events: boot, and the session up to somewhere in the first ostest.
    const cut = { name: "cut.csv", text: rows.slice(0, 401).join("\n") };
    const error = await Promise.resolve()
      .then(async () => pairedTrace(await nodeInstance(), importPair([cut, transcript])))
      .catch((e: Error) => e.message);
    expect(error).toMatch(/^cut\.csv and rv-virt-unpatched\.txt do not belong together/);
    const named = Number((error as string).match(/TRACE-BUILD SESSION: rv-virt-unpatched\.txt line (\d+)/)![1]);
    const text = transcript.text.split("\n");
    expect(text[named - 1]).toMatch(/^\s*(Umem:|arena|ordblks|End of test memory usage)/);
    expect(named).toBeGreaterThan(linesMatching(transcript.text, /^# TRACE-BUILD SESSION/)[0]);
  });

  it("a transcript that stops before the trace still pairs: its commands are placed, the rest of the trace steps by event", async () => {
    const start = transcript.text.indexOf("# TRACE-BUILD SESSION");
    const cut = transcript.text.slice(0, transcript.text.indexOf("nsh> getprime 4", start));
    const e = engine();
    const summary = await e.importPair(0, [trace, { name: "cut.txt", text: cut }]);
    expect(summary.markers.filter((m) => m.kind === "command").map((m) => m.label)).toEqual(["(boot)", "free", "hello", "free"]);
    const bundled = await bundledRecording("unpatched");
    expect(summary.markers.filter((m) => m.kind === "free")).toEqual(bundled.markers.filter((m) => m.kind === "free").slice(0, 2));
    const timeline = Timeline.of([{ markers: summary.markers, length: summary.length }]);
    expect(timeline.position(0, timeline.last("event"))).toBe(1192);
  });

  it("a session whose free total would need a heap of a gigabyte is not replayed", async () => {
    const row = [1000000004, 7044, 1000000004 - 7044, 7028, 1000000004 - 7044 - 32, 21, 2].map((n, i) => String(n).padStart(i < 5 ? 11 : 7)).join("");
    const header = transcript.text.split("\n").find((l) => /^\s+total\s+used/.test(l))!;
    const huge = { name: "huge-total.txt", text: `nsh> free\n${header}\n      Umem:${row}\nnsh> ` };
    await expect(engine().importPair(0, [trace, huge])).rejects.toThrow(/^trace-rv-virt-unpatched\.csv and huge-total\.txt do not belong together: .*session at line 1: its first `free` total gives a heap of \d+ B, more than the 256 MiB a replay maps\)$/);
  });

  it("a transcript cut inside an ostest table: the file and the line", () => {
    const lines = transcript.text.split("\n");
    const table = lines.findIndex((l) => l.startsWith("VARIABLE  BEFORE"));
    const cut = lines.slice(0, table + 3).join("\n");
    expect(() => importPair([trace, { name: "cut.txt", text: cut }])).toThrow(new RegExp(`^cut\\.txt: line ${table + 4}: expected`));
  });

  it("a file of 50 MB", () => {
    expect(() => importPair([trace, { name: "huge.txt", text: " ".repeat(MAX_IMPORT_BYTES) }])).toThrow("huge.txt: the input is 50.0 MB; imports must be smaller than 50 MB");
  });
});
