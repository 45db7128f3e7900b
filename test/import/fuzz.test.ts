// Property tests: damaged input never crashes the importer with anything but
// a ParseError, and never gives a silent wrong result. The property, for a
// change at one place (a byte flip, an inserted line, a truncation):
//   - either a ParseError names a line from the change to the end of the
//     table it hit (never a line before the change: nothing there changed);
//   - or every record (free row, phase table, memdump, trace event) that does
//     not depend on the changed line is exactly as in the clean parse, and no
//     record appears or vanishes except where it depends on the changed line.
// A record depends on its own lines, the line after an open-ended table, its
// phase banner, its command's prompt and, for a free row, the prompt before.
// Only a prompt or a session banner that appears or disappears moves output
// from one command to another; then everything from the command's prompt on
// counts as depended on. Values are always those of the text: every row is
// read back by printing it again (see the parsers), so a record that changed
// says what the changed text says.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFree } from "../../src/heap/format";
import { importText, type Imported } from "../../src/import/import";
import { textLines } from "../../src/import/text";
import { ParseError } from "../../src/trace/parse-error";
import { fixtureText } from "../support/fixtures";
import { importRecords, touches, type ImportRecord, type LineMap, type Range } from "./records";

/** FUZZ_RUNS=5000 npx vitest run test/import/fuzz.test.ts for a deeper search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const EOL_RUNS = 60;

interface Base {
  name: string;
  text: string;
  lines: string[];
  clean: Imported;
  records: ImportRecord[];
  /** Lines inside records, where most changes are aimed. */
  recordLines: number[];
}

function memdumpSnippet(): string {
  const lines = fixtureText("groundtruth/rv-virt-unpatched.txt").split("\n");
  const from = lines.indexOf("Dump all free memory node info:");
  return lines.slice(from, from + 30).join("\n") + "\n";
}

function freeSnippet(): string {
  const kmem = { total: 65536, used: 1736, free: 63800, maxused: 2544, maxfree: 63688, nused: 3, nfree: 2 };
  const umem = { total: 33375068, used: 7044, free: 33368024, maxused: 7028, maxfree: 33367992, nused: 21, nfree: 2 };
  const heaps = [
    { name: "Kmem", info: kmem },
    { name: "Umem", info: umem },
  ];
  return formatFree("2026", heaps) + formatFree("2024", heaps);
}

function base(name: string, text: string): Base {
  const clean = importText(text);
  const records = importRecords(clean, textLines(text));
  const recordLines = [...new Set(records.flatMap((r) => Array.from({ length: r.block[1] - r.block[0] + 1 }, (_, k) => r.block[0] + k)))];
  return { name, text, lines: text.split("\n"), clean, records, recordLines };
}

const BASES = [
  base("rv-virt-unpatched.txt", fixtureText("groundtruth/rv-virt-unpatched.txt")),
  base("rv-virt-backport.txt", fixtureText("groundtruth/rv-virt-backport.txt")),
  base("trace-rv-virt-backport.csv", fixtureText("groundtruth/trace-rv-virt-backport.csv")),
  base("a memdump", memdumpSnippet()),
  base("free, 2026 then 2024", freeSnippet()),
];

const STRUCTURAL = (line: string) => /^nsh>( |$)/.test(line) || /^={10,}$/.test(line.trim());

interface Mutation {
  text: string;
  /** The changed lines, in the clean text's numbers and in the changed text's. */
  cleanLines: Range;
  changedLines: Range;
  toClean: LineMap;
  /** A prompt or session banner appeared or vanished. */
  structural: boolean;
  /** The last line a ParseError may name. */
  lastErrorLine: number;
}

/** The end of the records the change hits: an error may name any line up to it. */
function reachOfChange(b: Base, range: Range): number {
  return Math.max(range[0] + 1, ...b.records.filter((r) => touches([r.block], range)).map((r) => r.block[1]));
}

const pickLine = (b: Base, focus: boolean, k: number) => (focus && b.recordLines.length > 0 ? b.recordLines[k % b.recordLines.length] : (k % b.lines.length) + 1);

const FLIP_CHARS = [..."0123456789abcdefx :=#<>\u0000\t-", "\u00e9", "\r"];

function flip(b: Base, focus: boolean, k: number, column: number, char: string): Mutation | undefined {
  const line = pickLine(b, focus, k);
  const old = b.lines[line - 1];
  if (old.length === 0) return undefined;
  const at = column % old.length;
  const changed = old.slice(0, at) + char + old.slice(at + 1);
  if (changed === old || char === "\r") return undefined; // "\r" would split the line: that is an insertion, below.
  const lines = [...b.lines];
  lines[line - 1] = changed;
  return { text: lines.join("\n"), cleanLines: [line, line], changedLines: [line, line], toClean: (n) => n, structural: STRUCTURAL(old) || STRUCTURAL(changed), lastErrorLine: reachOfChange(b, [line, line]) };
}

const GARBAGE = [
  "nsh> free",
  "nsh> ",
  "nsh>",
  "==============================",
  "# a comment",
  "",
  "VARIABLE  BEFORE   AFTER",
  "End of test memory usage:",
  "Final memory usage:",
  "======== ======== ========",
  "        Size    Address",
  "  Total Blks  Total Size",
  "Dump all used memory node info:",
  "                 total       used       free    maxused    maxfree  nused  nfree",
  "      Umem:   33375068       7044   33368024       7028   33367992     21      2",
  "      1 2 3 4 5 6 7 Umem",
  "user_main: a fake test",
  "<script>alert(1)</script>",
  "\u0000\u0000\u0000",
  "seq,op,heap,off,req,node,pid,off2,node2,curused",
  "1,M,180224,16,64,72,0,,,72",
];

const garbageLine = fc.oneof(
  fc.constantFrom(...GARBAGE),
  fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, " ")),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, " ")),
);

function insert(b: Base, focus: boolean, k: number, garbage: string): Mutation {
  const at = pickLine(b, focus, k); // the new line becomes line `at`
  const lines = [...b.lines.slice(0, at - 1), garbage, ...b.lines.slice(at - 1)];
  return {
    text: lines.join("\n"),
    cleanLines: [at - 1, at],
    changedLines: [at, at],
    toClean: (n) => (n > at ? n - 1 : n),
    structural: STRUCTURAL(garbage),
    lastErrorLine: reachOfChange(b, [at - 1, at]) + 1,
  };
}

function truncate(b: Base, focus: boolean, k: number, column: number): Mutation {
  const line = pickLine(b, focus, k);
  const keep = b.lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0) + (column % (b.lines[line - 1].length + 1));
  return { text: b.text.slice(0, keep), cleanLines: [line, Infinity], changedLines: [line, Infinity], toClean: (n) => n, structural: true, lastErrorLine: line + 1 };
}

/** The error for a text with nothing importable names its first line with text. */
const NOTHING_TO_IMPORT = "NSH free output, a console transcript";
const firstTextLine = (text: string) => Math.max(1, text.split(/\r\n|\r|\n/).findIndex((line) => line.trim() !== "") + 1);

function indexByKey(records: ImportRecord[], changed: Range, structural: boolean) {
  const hit = (r: ImportRecord) => touches(structural ? [r.reach] : r.span, changed);
  return new Map(records.map((r) => [r.key, { value: r.value, hit: hit(r) }]));
}

/** Every record, damaged or not, says what its lines say: printed again, it gives them back. */
function expectFaithful(record: ImportRecord, lines: string[]): void {
  // csv.ts trims each field and reads it as a number: spaces around a comma and leading zeros say nothing.
  const plain = (line: string) => line.trim().replace(/\s*,\s*/g, ",").replace(/(^|,)(-?)0+(?=\d)/g, "$1$2");
  const from = record.block[0] - 1;
  expect(record.printed.map(plain), record.key).toEqual(lines.slice(from, from + record.printed.length).map(plain));
}

/** The property of the header comment, for one change. */
function checkChange(b: Base, m: Mutation): void {
  let imported: Imported;
  try {
    imported = importText(m.text);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    if (error.expected.startsWith(NOTHING_TO_IMPORT)) {
      expect(error.line, "nothing to import: the first line with text").toBe(firstTextLine(m.text));
      return;
    }
    expect(error.line).toBeGreaterThanOrEqual(m.changedLines[0]);
    expect(error.line).toBeLessThanOrEqual(m.lastErrorLine);
    return;
  }
  const lines = textLines(m.text);
  const records = importRecords(imported, lines, m.toClean);
  for (const record of records) expectFaithful(record, lines);
  const clean = indexByKey(b.records, m.cleanLines, m.structural);
  const changed = indexByKey(records, m.changedLines, m.structural);
  for (const key of new Set([...clean.keys(), ...changed.keys()])) {
    const [was, now] = [clean.get(key), changed.get(key)];
    if (was?.hit || now?.hit) continue;
    expect(now?.value, `${b.name}: ${key}`).toEqual(was?.value);
  }
}

const focus = fc.boolean().map((b) => b || Math.random() < 0.5);
const baseIndex = fc.nat({ max: BASES.length - 1 });

describe("damaged input: a ParseError naming a line, or the clean parse wherever the damage does not reach", () => {
  it("byte flips", () => {
    fc.assert(
      fc.property(baseIndex, fc.boolean(), fc.nat(), fc.nat(), fc.constantFrom(...FLIP_CHARS), (i, f, k, column, char) => {
        const m = flip(BASES[i], f, k, column, char);
        if (m) checkChange(BASES[i], m);
      }),
      { numRuns: RUNS },
    );
  });

  it("inserted garbage lines", () => {
    fc.assert(
      fc.property(baseIndex, fc.boolean(), fc.nat(), garbageLine, (i, f, k, garbage) => checkChange(BASES[i], insert(BASES[i], f, k, garbage))),
      { numRuns: RUNS },
    );
  });

  it("random truncation", () => {
    fc.assert(
      fc.property(baseIndex, fc.boolean(), fc.nat(), fc.nat(), (i, f, k, column) => checkChange(BASES[i], truncate(BASES[i], f, k, column))),
      { numRuns: RUNS },
    );
  });

  it("the bases parse, and have records to damage", () => {
    expect(BASES.map((b) => [b.name, b.clean.kind, b.records.length > 0])).toEqual([
      ["rv-virt-unpatched.txt", "transcript", true],
      ["rv-virt-backport.txt", "transcript", true],
      ["trace-rv-virt-backport.csv", "trace", true],
      ["a memdump", "memdump", true],
      ["free, 2026 then 2024", "free", true],
    ]);
  });
});

describe("mixed line endings", () => {
  /** \r then an empty line ended by \n would read as one \r\n: that empty line gets \r\n instead. */
  function withEndings(lines: string[], picks: number[]): string {
    const endings = ["\n", "\r\n", "\r"];
    return lines
      .map((line, k) => {
        let end = endings[picks[k % picks.length] % 3];
        if (end === "\n" && line === "" && k > 0 && endings[picks[(k - 1) % picks.length] % 3] === "\r") end = "\r\n";
        return k === lines.length - 1 ? line : line + end;
      })
      .join("");
  }

  it("\\n, \\r\\n and \\r in any mix give exactly the clean parse", () => {
    fc.assert(
      fc.property(baseIndex, fc.array(fc.nat(), { minLength: 1, maxLength: 97 }), (i, picks) => {
        expect(importText(withEndings(BASES[i].lines, picks))).toEqual(BASES[i].clean);
      }),
      { numRuns: EOL_RUNS },
    );
  });

  it("a damaged text fails at the same line whatever its line endings", () => {
    const lines = [...BASES[0].lines];
    lines[11] = lines[11].replace("7044", "7045");
    const expected = /^line 12: expected used \+ free = total/;
    for (const end of ["\n", "\r\n", "\r"]) expect(() => importText(lines.join(end))).toThrow(expected);
  });
});

describe("any text at all", () => {
  it("gives a result or a ParseError, never another exception", () => {
    const pieces = fc.oneof(fc.constantFrom(...GARBAGE), fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r", ""), (parts, end) => {
        try {
          importText(parts.join(end));
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
