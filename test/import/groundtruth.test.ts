// Every file of the real recordings, imported: the counts are derived here
// from the raw text independently of the parser, and the values are checked
// against the groundtruth README and against how ostest and mallinfo work.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { heapProfile } from "../../src/heap/profiles";
import { importText, type Imported } from "../../src/import/import";
import { summaryLines } from "../../src/import/summary";
import type { Session } from "../../src/import/transcript";
import { ParseError } from "../../src/trace/parse-error";
import { FIXTURES, fixtureText } from "../support/fixtures";

const FILES = readdirSync(new URL("groundtruth/", FIXTURES)).sort();
const TRANSCRIPTS = FILES.filter((f) => /^rv-virt-.*\.txt$/.test(f));
const TRACES = FILES.filter((f) => f.endsWith(".csv"));

function transcriptOf(file: string): Extract<Imported, { kind: "transcript" }> {
  const imported = importText(fixtureText(`groundtruth/${file}`), file);
  if (imported.kind !== "transcript") throw new Error(`${file} imported as ${imported.kind}`);
  return imported;
}

/** The raw sections between "====\n# title\n====" headers, found without the parser. */
function rawSections(text: string): { title: string; lines: string[] }[] {
  const lines = text.split("\n");
  const banner = (i: number) => /^=+$/.test(lines[i] ?? "");
  const starts = lines.map((_, i) => i).filter((i) => banner(i) && banner(i + 2) && lines[i + 1].startsWith("# "));
  return starts.map((start, k) => ({ title: lines[start + 1].slice(2), lines: lines.slice(start + 3, starts[k + 1]) }));
}

function rawCounts(lines: string[]) {
  const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;
  return {
    free: count(/^ +Umem:/),
    phases: count(/^(End of test|Final) memory usage:$/),
    prompts: count(/^nsh> /),
    dumps: count(/^Dump all /),
    nodes: count(/^ +\d+ 0x[0-9a-f]+$/),
    runs: count(/^Final memory usage:$/),
  };
}

function parsedCounts(session: Session) {
  return {
    free: session.free.length,
    phases: session.phases.length,
    prompts: session.commands.filter((c) => c.text !== null).length,
    dumps: session.dumps.length,
    nodes: session.dumps.reduce((n, d) => n + d.nodes.length, 0),
    runs: new Set(session.phases.map((p) => p.run)).size,
  };
}

/** The README's session table: "| step | used / maxused / nused / nfree (unpatched) | (backport) |". */
function readmeSteps(tree: "unpatched" | "backport") {
  const column = tree === "unpatched" ? 1 : 2;
  const rows = fixtureText("groundtruth/README.md")
    .split("\n")
    .filter((line) => /^\| [^|]+ \| \d+ \/ \d+ \/ \d+ \/ \d+ \| \d+ \/ \d+ \/ \d+ \/ \d+ \|$/.test(line));
  return rows.map((row) => {
    const [used, maxused, nused, nfree] = row.split("|")[column + 1].trim().split(" / ").map(Number);
    return { step: row.split("|")[1].trim(), used, maxused, nused, nfree };
  });
}

function readmeTotal(tree: "unpatched" | "backport"): number {
  const row = fixtureText("groundtruth/README.md").split("\n").find((line) => line.startsWith("| total |"));
  return Number(row?.split("|")[tree === "unpatched" ? 2 : 3]);
}

const treeOf = (file: string) => (file.includes("unpatched") ? "unpatched" : "backport");

describe("the groundtruth transcripts", () => {
  it.each(TRANSCRIPTS)("%s: every session, free row, phase table and memdump is recognised", (file) => {
    const raw = rawSections(fixtureText(`groundtruth/${file}`));
    const { sessions, notes } = transcriptOf(file);
    expect(notes.length).toBeGreaterThan(0);
    expect(sessions.map((s) => s.title)).toEqual(raw.map((r) => r.title));
    sessions.forEach((session, k) => expect(parsedCounts(session), session.title ?? "").toEqual(rawCounts(raw[k].lines)));
  });

  it.each(TRANSCRIPTS)("%s: the whole file holds as many rows and tables as grep finds", (file) => {
    const text = fixtureText(`groundtruth/${file}`);
    const { sessions } = transcriptOf(file);
    const total = (pick: (s: Session) => number) => sessions.reduce((n, s) => n + pick(s), 0);
    expect(total((s) => s.free.length)).toBe(text.match(/Umem:/g)?.length);
    expect(total((s) => s.phases.length)).toBe(text.match(/End of test memory usage|Final memory usage/g)?.length);
  });

  it("the counts measured in the real files", () => {
    expect(summaryLines(transcriptOf("rv-virt-unpatched.txt"))).toEqual([
      "transcript: 7 free rows, 93 phase tables, 0 heap events",
      "transcript: 7 free rows, 93 phase tables, 0 heap events",
      "transcript: 3 free rows, 31 phase tables, 266 heap events",
    ]);
    expect(summaryLines(transcriptOf("rv-virt-backport.txt"))).toEqual([
      "transcript: 7 free rows, 93 phase tables, 0 heap events",
      "transcript: 2 free rows, 0 phase tables, 0 heap events",
      "transcript: 7 free rows, 93 phase tables, 0 heap events",
    ]);
  });

  it.each(TRANSCRIPTS)("%s: the main session's free rows are the README's table", (file) => {
    const main = transcriptOf(file).sessions[0];
    const tree = treeOf(file);
    const steps = readmeSteps(tree);
    expect(steps).toHaveLength(7);
    expect(main.free.map((row) => row.heaps.map((h) => h.name))).toEqual(steps.map(() => ["Umem"]));
    const seen = main.free.map(({ heaps: [{ info }] }, k) => ({ step: steps[k].step, used: info.used, maxused: info.maxused, nused: info.nused, nfree: info.nfree }));
    expect(seen).toEqual(steps);
    expect(main.free.every((row) => row.heaps[0].info.total === readmeTotal(tree))).toBe(true);
    expect(main.free.map((row) => row.after)).toEqual([null, "hello", "getprime 4", "echo $?", "ostest", "rm -r /var", "ostest"]);
  });

  it("the boot row of the unpatched board: 7044 / 7028 / 21 / 2 of 33375068", () => {
    const boot = transcriptOf("rv-virt-unpatched.txt").sessions[0].free[0];
    expect(boot).toMatchObject({ line: 11, format: "2024", command: 1, after: null });
    expect(boot.heaps).toEqual([
      { line: 12, name: "Umem", info: { total: 33375068, used: 7044, free: 33368024, maxused: 7028, maxfree: 33367992, nused: 21, nfree: 2 } },
    ]);
  });

  it("the trace builds are 672 bytes smaller than the plain builds, and otherwise print the same", () => {
    for (const file of TRANSCRIPTS) {
      const sessions = transcriptOf(file).sessions;
      const trace = sessions.find((s) => s.title?.startsWith("TRACE-BUILD"))!;
      expect(trace.free.map((r) => r.heaps[0].info.total)).toEqual(sessions[0].free.map((r) => r.heaps[0].info.total - 672));
      if (file.includes("unpatched")) {
        expect(trace.free.map((r) => ({ ...r.heaps[0].info, total: 0, free: 0, maxfree: 0 }))).toEqual(sessions[0].free.map((r) => ({ ...r.heaps[0].info, total: 0, free: 0, maxfree: 0 })));
      }
    }
  });
});

describe("ostest's phase tables", () => {
  const sessions = TRANSCRIPTS.flatMap((file) => transcriptOf(file).sessions.map((s) => ({ file, s })));

  it.each(sessions.filter(({ s }) => s.phases.length > 0).map(({ file, s }) => [`${file}: ${s.title}`, s] as const))(
    "%s: each table's BEFORE is the last one's AFTER, and Final compares with the first BEFORE",
    (_name, session) => {
      const runs = [...new Set(session.phases.map((p) => p.run))];
      for (const run of runs) {
        const tables = session.phases.filter((p) => p.run === run);
        expect(tables.map((t) => t.index)).toEqual(tables.map((_, k) => k));
        expect(tables.map((t) => t.final)).toEqual(tables.map((_, k) => k === tables.length - 1));
        tables.slice(1, -1).forEach((t, k) => expect(t.before).toEqual(tables[k].after));
        expect(tables[tables.length - 1].before).toEqual(tables[0].before);
        expect(new Set(tables.map((t) => session.commands[t.command].text))).toEqual(new Set(["ostest"]));
      }
    },
  );

  it("arena is the heap's total, as free printed it in the same session", () => {
    for (const { s } of sessions) for (const table of s.phases) expect(table.after.arena).toBe(s.free[0].heaps[0].info.total);
  });

  it("the phases of one run are ostest's banners, in order, with three checks under libc tests", () => {
    const run = transcriptOf("rv-virt-unpatched.txt").sessions[0].phases.filter((p) => p.run === 1);
    expect(run.slice(0, 6).map((p) => p.phase)).toEqual(["Begin argument test", "getopt() test", "libc tests", "libc tests", "libc tests", "setvbuf test"]);
    expect(run.find((p) => p.phase === "timed message queue test")?.after.uordblks).toBe(0x6a0c);
    expect(run.filter((p) => p.phase === null)).toEqual([]);
    expect(run[run.length - 1]).toMatchObject({ final: true, phase: "vfork() test", before: { uordblks: 0x491c }, after: { ordblks: 6, uordblks: 0x710c } });
  });

  it("ostest >/dev/null prints no tables, and its free row comes after rm -r /var", () => {
    const writeUp = transcriptOf("rv-virt-backport.txt").sessions[1];
    expect(writeUp.title).toMatch(/^WRITE-UP SEQUENCE/);
    expect(writeUp.phases).toEqual([]);
    expect(writeUp.free.map((r) => [r.after, r.heaps[0].info.used, r.heaps[0].info.maxused])).toEqual([
      [null, 7092, 7076],
      ["rm -r /var", 7092, 46156],
    ]);
  });
});

describe("the memdump session", () => {
  const session = transcriptOf("rv-virt-unpatched.txt").sessions[2];
  const profile = heapProfile("rv-virt", "unpatched");

  it("`echo used` dumps twice and `echo free` dumps free then used (the echoed newline is a default dump)", () => {
    const byCommand = session.dumps.map((d) => `${session.commands[d.command].text}: ${d.mode}`);
    expect(byCommand).toEqual([
      ...Array(2).fill("echo used > /proc/memdump: used"),
      "echo free > /proc/memdump: free",
      "echo free > /proc/memdump: used",
      ...Array(2).fill("echo used > /proc/memdump: used"),
      "echo free > /proc/memdump: free",
      "echo free > /proc/memdump: used",
      ...Array(2).fill("echo used > /proc/memdump: used"),
    ]);
  });

  it("used and free nodes plus the heap struct add up to free's total", () => {
    const total = session.free[0].heaps[0].info.total;
    const pairs = session.dumps.flatMap((d, k) => (d.mode === "free" ? [[d, session.dumps[k + 1]]] : []));
    expect(pairs).toHaveLength(2);
    for (const [free, used] of pairs) expect(free.totals.size + used.totals.size + profile.heapStruct).toBe(total);
  });

  it("a used dump runs from the start guard to the end guard at the top of RAM", () => {
    for (const dump of session.dumps.filter((d) => d.mode === "used")) {
      const guard = 2 * profile.pointerSize;
      expect(dump.pointerSize).toBe(profile.pointerSize);
      expect(dump.nodes[0]).toMatchObject({ size: guard, address: 0x8002be10 });
      expect(dump.nodes[dump.nodes.length - 1]).toMatchObject({ size: guard, address: 0x82000000 });
      dump.nodes.slice(1, -1).forEach((node, k) => expect(node.address).toBeGreaterThanOrEqual(dump.nodes[k].address + dump.nodes[k].size));
    }
  });

  it("the boot dump: 21 nodes of 6200 bytes, as its footer says", () => {
    const boot = session.dumps[0];
    expect(boot).toMatchObject({ line: 5216, end: 5240, title: "Dump all used memory node info:", columns: ["Size", "Address"], totals: { blocks: 21, size: 6200 } });
    expect(boot.nodes).toHaveLength(21);
    expect(boot.nodes[4]).toEqual({ line: 5222, size: 632, address: 0x8002be88 });
  });
});

describe("the traces and the other files", () => {
  it.each(TRACES)("%s imports as a trace with one event per line", (file) => {
    const text = fixtureText(`groundtruth/${file}`);
    const imported = importText(text, file);
    expect(imported.kind).toBe("trace");
    expect(summaryLines(imported)).toEqual([`trace: 0 free rows, 0 phase tables, ${text.trim().split("\n").length - 1} heap events`]);
  });

  it.each(FILES.filter((f) => !TRANSCRIPTS.includes(f) && !TRACES.includes(f)))("%s is no recording: refused at line 1", (file) => {
    expect(() => importText(fixtureText(`groundtruth/${file}`), file)).toThrow(ParseError);
    expect(() => importText(fixtureText(`groundtruth/${file}`), file)).toThrow(/^line 1: expected NSH free output, a console transcript/);
  });
});
