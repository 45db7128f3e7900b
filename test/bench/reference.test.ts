// bench-workload.md is read, not retyped: the parser must find every recorded
// value, and say which line is wrong when the document is not what it expects.
import { describe, expect, it } from "vitest";
import { markdownTables, numberCell, parseBenchReference } from "../../bench/reference";
import { MALLINFO_FIELDS } from "../../src/heap/mallinfo";
import { ParseError } from "../../src/trace/parse-error";
import { fixtureText } from "../support/fixtures";

const text = fixtureText("reference/bench-workload.md");
const lines = text.split("\n");
const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start)) + 1;
const replaceLine = (start: string, by: string) => lines.map((line) => (line.startsWith(start) ? by : line)).join("\n");

describe("the real bench-workload.md", () => {
  const reference = parseBenchReference(text);

  it("has the four configurations, each with a final state, checkpoints and the trajectory's facts", () => {
    expect(reference.configs.map((config) => config.name)).toEqual(["J x86_64", "U x86_64", "J -m32", "U -m32"]);
    for (const config of reference.configs) {
      expect(Object.keys(config.final)).toEqual([...MALLINFO_FIELDS]);
      expect([...config.checkpoints.keys()]).toEqual(expect.arrayContaining([1000, 10000, 100000]));
      expect(config.firstOffsets).toHaveLength(4);
      expect(config.hash).toBeGreaterThan(0);
      expect(config.reallocMoved).toBeGreaterThan(30000);
    }
  });

  it("reads the anchor's final row, thousands separators and hex as numbers", () => {
    const [anchor] = reference.configs;
    expect(anchor.checkpoints.get(1_000_000)).toEqual(anchor.final);
    expect(anchor.hash.toString(16)).toBe(/offset hash \*\*0x([0-9a-f]+)\*\*/.exec(text)?.[1]);
    expect(anchor.reallocMoved).toBe(Number(/pointer ([\d,]+) times/.exec(text)?.[1].replace(",", "")));
  });

  it("reads the native figures and the binary form's digest", () => {
    expect(reference.native.map((figure) => figure.build)).toContain("glibc 2.36 malloc, for comparison");
    expect(reference.native.every((figure) => figure.nsPerOp > 0)).toBe(true);
    expect(reference.sha256).toMatch(/^d5d0e5a6[0-9a-f]{56}$/);
    expect(reference.binaryBytes).toBe(8 * 1_000_000);
  });
});

describe("a document that is not what the benchmark expects", () => {
  const failure = (document: string) => {
    try {
      parseBenchReference(document);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it("names the line of a value that is not a number", () => {
    const row = "| U x86_64 | after 1,000 |";
    const error = failure(replaceLine(row, `${row} 16777216 | lots | 14410880 | 2367032 | 14409184 | 815 | 16 |`));
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(lineOf(row));
    expect((error as Error).message).toContain('expected a number, found "lots"');
  });

  it("names the line of a row with too few cells", () => {
    const row = "| 3 | malloc | 3641 |";
    const error = failure(replaceLine(row, "| 3 | malloc |"));
    expect((error as ParseError).line).toBe(lineOf(row));
  });

  it("says what is missing from a truncated document", () => {
    const truncated = lines.slice(0, lineOf("## 2."));
    const error = failure(truncated.join("\n"));
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(truncated.length);
    expect((error as Error).message).toMatch(/expected the .*, found "end of document"$/);
  });

  it("rejects an empty document", () => {
    expect(failure("")).toBeInstanceOf(ParseError);
  });

  it("treats regex and markup in names as plain text", () => {
    const error = failure(text.replaceAll("J x86_64", "J (.*)+<script>"));
    expect(error).toBeInstanceOf(ParseError);
  });

  it("reads a huge document of padding in linear time", () => {
    const padding = "filler line | not a table\n".repeat(200_000);
    const started = performance.now();
    expect(parseBenchReference(padding + text).configs).toHaveLength(4);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("the table and number readers", () => {
  it("takes a table's caption from the line above and strips bold and code marks", () => {
    const [table] = markdownTables(["**Caption**", "", "| a | `b` |", "|---|---|", "| **1** | 2 |"]);
    expect(table).toMatchObject({ line: 3, caption: "**Caption**", header: ["a", "b"], rows: [{ line: 5, cells: ["1", "2"] }] });
  });

  it("needs the |---| line under a header", () => {
    expect(() => markdownTables(["| a | b |", "| 1 | 2 |"])).toThrow(/line 2: expected a table's \|---\| line/);
  });

  it.each([["1,000", 1000], ["2678.1", 2678.1], ["0x99713e77", 0x99713e77]])("reads %s", (cell, value) => {
    expect(numberCell(cell, 1)).toBe(value);
  });

  it.each(["", "-1", "1e6", "12abc", "0x"])("refuses %j", (cell) => {
    expect(() => numberCell(cell, 7)).toThrow(/^line 7: expected a number/);
  });
});
