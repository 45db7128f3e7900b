// Reads fixtures/nuttx/reference/bench-workload.md: the workload's published
// properties, and native NuttX's heap states and timings on it. The benchmark
// checks against what this file says, so no recorded value is retyped in code.
import { MALLINFO_FIELDS, type Mallinfo } from "../src/heap/mallinfo";
import { ParseError } from "../src/trace/parse-error";

export interface TableRow {
  line: number;
  cells: string[];
}

export interface MarkdownTable {
  line: number;
  /** The nearest text line above the table, e.g. "**J x86_64** (commit ...)". */
  caption: string;
  header: string[];
  rows: TableRow[];
}

export interface ConfigReference {
  /** "J x86_64", "U -m32", ... */
  name: string;
  /** The state after N ops; 0 is the fresh heap, where recorded. */
  checkpoints: Map<number, Mallinfo>;
  final: Mallinfo;
  hash: number;
  reallocMoved: number;
  firstOffsets: number[];
}

export interface NativeFigure {
  build: string;
  nsPerOp: number;
}

export interface BenchReference {
  firstOutputs: number[];
  firstOps: { kind: string; slot: number; size: number }[];
  /** §1's "Properties of the stream", with the op counts split by kind. */
  properties: Record<string, number>;
  binaryBytes: number;
  sha256: string;
  configs: ConfigReference[];
  native: NativeFigure[];
}

const isTableLine = (text: string) => text.trim().startsWith("|");
const cellsOf = (text: string) =>
  text
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.replace(/\*\*|`/g, "").trim());

export function markdownTables(lines: string[]): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  let caption = "";
  for (let i = 0; i < lines.length; i++) {
    if (!isTableLine(lines[i])) {
      if (lines[i].trim() !== "") caption = lines[i].trim();
      continue;
    }
    const table: MarkdownTable = { line: i + 1, caption, header: cellsOf(lines[i]), rows: [] };
    if (!/^\|?[\s|:-]+$/.test(lines[i + 1] ?? "")) throw new ParseError(i + 2, "a table's |---| line", lines[i + 1] ?? "end of document");
    for (i += 2; i < lines.length && isTableLine(lines[i]); i++) {
      const cells = cellsOf(lines[i]);
      if (cells.length !== table.header.length) throw new ParseError(i + 1, `${table.header.length} cells`, lines[i]);
      table.rows.push({ line: i + 1, cells });
    }
    i--;
    tables.push(table);
  }
  return tables;
}

/** "1,000", "2678.1" or "0x99713e77". */
export function numberCell(text: string, line: number): number {
  const plain = text.replace(/,/g, "");
  if (/^0x[0-9a-f]+$/i.test(plain)) return parseInt(plain, 16);
  if (!/^\d+(\.\d+)?$/.test(plain)) throw new ParseError(line, "a number", text);
  return Number(plain);
}

/** "720, 1168, 2208": the list's commas have a space after them, thousands' commas do not. */
const numberList = (text: string, line: number) => text.trim().split(/,\s+/).map((part) => numberCell(part, line));

function findTable(lines: string[], tables: MarkdownTable[], what: string, test: (table: MarkdownTable) => boolean): MarkdownTable {
  const table = tables.find(test);
  if (!table) throw new ParseError(lines.length, what, "end of document");
  return table;
}

function findLine(lines: string[], what: string, pattern: RegExp): { match: RegExpExecArray; line: number } {
  for (let i = 0; i < lines.length; i++) {
    const match = pattern.exec(lines[i]);
    if (match) return { match, line: i + 1 };
  }
  throw new ParseError(lines.length, what, "end of document");
}

function column(table: MarkdownTable, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new ParseError(table.line, `a column "${name}"`, table.header.join(" | "));
  return index;
}

function mallinfoOf(table: MarkdownTable, row: TableRow): Mallinfo {
  const entries = MALLINFO_FIELDS.map((field) => [field, numberCell(row.cells[column(table, field)], row.line)]);
  return Object.fromEntries(entries) as Mallinfo;
}

/** "init", "after 10,000" or "final (1,000,000)": the number of ops done. */
function pointOf(text: string, line: number): number {
  if (text === "init") return 0;
  const match = /^(?:after ([\d,]+)|final \(([\d,]+)\))$/.exec(text);
  if (!match) throw new ParseError(line, 'a point "init", "after N" or "final (N)"', text);
  return numberCell(match[1] ?? match[2], line);
}

/** The anchor configuration: its own table of states, then "Other facts for NAME:" bullets. */
function anchorConfig(lines: string[], tables: MarkdownTable[]): ConfigReference {
  const table = findTable(lines, tables, "the anchor configuration's table", (t) => t.header[0] === "point");
  const name = /^([^(]+?)\s*\(/.exec(table.caption.replace(/\*\*/g, ""))?.[1];
  if (!name) throw new ParseError(table.line, "a caption NAME (commit ...) above the table", table.caption);
  if (table.rows.length === 0) throw new ParseError(table.line, "rows of states", "an empty table");
  const checkpoints = new Map<number, Mallinfo>();
  for (const row of table.rows) checkpoints.set(pointOf(row.cells[0], row.line), mallinfoOf(table, row));
  const facts = lines.findIndex((text) => text.trim() === `Other facts for ${name}:`) + 1;
  if (facts === 0) throw new ParseError(lines.length, `"Other facts for ${name}:"`, "end of document");
  const fact = (what: string, pattern: RegExp) => {
    const { match, line } = findLine(lines.slice(facts), what, pattern);
    return numberList(match[1], facts + line);
  };
  return {
    name,
    checkpoints,
    final: checkpoints.get(Math.max(...checkpoints.keys())) as Mallinfo,
    hash: fact("the offset hash", /offset hash \*\*(0x[0-9a-f]+)\*\*/)[0],
    firstOffsets: fact("the first returned offsets", /first returned offsets are ([\d, ]+);/),
    reallocMoved: fact("the realloc-moved count", /different pointer ([\d,]+) times/)[0],
  };
}

function firstOffsetsByConfig(lines: string[]): Map<string, number[]> {
  const { match, line } = findLine(lines, '"The first offsets are ..."', /^The first offsets are (.*)\.$/);
  const byConfig = new Map<string, number[]>();
  for (const part of match[1].split(/;\s*(?:and\s+)?/)) {
    const entry = /^([\d, ]+) for (.+)$/.exec(part);
    if (!entry) throw new ParseError(line, '"N, N, ... for CONFIG"', part);
    byConfig.set(entry[2], numberList(entry[1], line));
  }
  return byConfig;
}

function otherConfigs(lines: string[], tables: MarkdownTable[]): ConfigReference[] {
  const finals = findTable(lines, tables, "the other configurations' final states", (t) => t.header[0] === "config" && t.header.includes("hash"));
  const points = findTable(lines, tables, "the other configurations' checkpoints", (t) => t.header[0] === "config" && t.header[1] === "point");
  const offsets = firstOffsetsByConfig(lines);
  return finals.rows.map((row) => {
    const name = row.cells[0].replace(/\s*\(.*$/, "");
    const checkpoints = new Map<number, Mallinfo>();
    for (const point of points.rows.filter((p) => p.cells[0] === name)) checkpoints.set(pointOf(point.cells[1], point.line), mallinfoOf(points, point));
    const firstOffsets = offsets.get(name);
    if (!firstOffsets) throw new ParseError(row.line, `first offsets for ${name}`, "none in the document");
    return {
      name,
      checkpoints,
      final: mallinfoOf(finals, row),
      hash: numberCell(row.cells[column(finals, "hash")], row.line),
      reallocMoved: numberCell(row.cells[column(finals, "realloc moved")], row.line),
      firstOffsets,
    };
  });
}

/** "467,883 malloc, 465,709 free, 66,408 realloc" splits by kind; "2678.1 bytes" drops its unit. */
function properties(table: MarkdownTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { cells, line } of table.rows) {
    const counts = [...cells[1].matchAll(/([\d,]+) (malloc|free|realloc)\b/g)];
    if (counts.length > 0) for (const [, count, kind] of counts) out[kind] = numberCell(count, line);
    else out[cells[0]] = numberCell(cells[1].replace(/ bytes$/, ""), line);
  }
  return out;
}

export function parseBenchReference(text: string): BenchReference {
  const lines = text.split(/\r?\n/);
  const tables = markdownTables(lines);
  const outputs = findLine(lines, '"The first outputs from the seed are ..."', /^The first outputs from the seed are ([\d, ]+)\.$/);
  const binary = findLine(lines, "the binary form's size and SHA-256", /make ([\d,]+) bytes with SHA-256 `([0-9a-f]{64})`/);
  const ops = findTable(lines, tables, "the first ops (op | kind | slot | size)", (t) => t.header.join() === "op,kind,slot,size");
  const native = findTable(lines, tables, "the native figures (build | ns/op)", (t) => t.header[0] === "build");
  const nsColumn = column(native, "ns/op");
  return {
    firstOutputs: numberList(outputs.match[1], outputs.line),
    firstOps: ops.rows.map(({ cells, line }) => ({ kind: cells[1], slot: numberCell(cells[2], line), size: numberCell(cells[3], line) })),
    properties: properties(findTable(lines, tables, "the stream's properties (property | value)", (t) => t.header.join() === "property,value")),
    binaryBytes: numberCell(binary.match[1], binary.line),
    sha256: binary.match[2],
    configs: [anchorConfig(lines, tables), ...otherConfigs(lines, tables)],
    native: native.rows.map(({ cells, line }) => ({ build: cells[0], nsPerOp: numberCell(cells[nsColumn], line) })),
  };
}
