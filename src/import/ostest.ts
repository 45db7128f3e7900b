// ostest's own memory tables (apps testing/ostest/ostest_main.c,
// show_memory_usage and check_test_memory_usage):
//
//   End of test memory usage:          (or "Final memory usage:")
//   VARIABLE  BEFORE   AFTER
//   ======== ======== ========
//   arena     1fd435c  1fd435c         "%8x %8x"
//   ordblks         2        2         "%8d %8d"
//   mxordblk  1fced28  1fced28
//   uordblks     491c     491c
//   fordblks  1fcfa40  1fcfa40
//
// A row is accepted only if printing its values again gives the same text.
import { ParseError } from "../trace/parse-error";
import { foundAt } from "./text";

export interface OstestMallinfo {
  arena: number;
  ordblks: number;
  mxordblk: number;
  uordblks: number;
  fordblks: number;
}

export interface OstestTable {
  /** The title line; `end` is the fordblks row. */
  line: number;
  end: number;
  final: boolean;
  before: OstestMallinfo;
  after: OstestMallinfo;
}

const TITLES = new Map([
  ["End of test memory usage:", false],
  ["Final memory usage:", true],
]);
const HEAD = ["VARIABLE  BEFORE   AFTER", "======== ======== ========"];
const ROWS = ["arena", "ordblks", "mxordblk", "uordblks", "fordblks"] as const;
const RADIX: Record<(typeof ROWS)[number], 10 | 16> = { arena: 16, ordblks: 10, mxordblk: 16, uordblks: 16, fordblks: 16 };

export function isOstestTitle(line: string): boolean {
  return TITLES.has(line.trim());
}

/** The table header, which only ever follows a title. */
export function isOstestHead(line: string): boolean {
  return line.trim() === HEAD[0];
}

/** printf's %8x shows an int as unsigned; %8d shows it signed. */
function printValue(value: number, radix: 10 | 16): string {
  return (radix === 16 ? (value >>> 0).toString(16) : String(value | 0)).padStart(8);
}

export function printOstestRow(name: (typeof ROWS)[number], before: number, after: number): string {
  return `${name.padEnd(9)}${printValue(before, RADIX[name])} ${printValue(after, RADIX[name])}`;
}

/** The table as ostest prints it, title to fordblks. */
export function printOstestTable(table: OstestTable): string {
  const title = [...TITLES].find(([, final]) => final === table.final)![0];
  return [title, ...HEAD, ...ROWS.map((name) => printOstestRow(name, table.before[name], table.after[name]))].join("\n") + "\n";
}

function readValue(text: string, radix: 10 | 16): number {
  if (radix === 16) return /^[0-9a-f]{1,8}$/.test(text) ? parseInt(text, 16) : NaN;
  return /^-?\d{1,10}$/.test(text) ? Number(text) : NaN;
}

function readRow(lines: string[], index: number, name: (typeof ROWS)[number]): [number, number] {
  const raw = foundAt(lines, index);
  const words = raw.trim().split(/\s+/);
  const [before, after] = words.slice(1).map((word) => readValue(word, RADIX[name]));
  const ok = words.length === 3 && words[0] === name && !isNaN(before) && !isNaN(after);
  if (!ok || printOstestRow(name, before, after) !== raw.trimEnd()) {
    throw new ParseError(index + 1, `the ${name} row of ostest's table (${RADIX[name] === 16 ? "hex" : "decimal"} BEFORE and AFTER)`, raw);
  }
  return [before, after];
}

/** mallinfo: uordblks + fordblks == arena, and mxordblk is one of the free chunks. */
function checkSums(info: OstestMallinfo, line: number, column: string, lines: string[]): void {
  const problem =
    ((info.uordblks + info.fordblks) >>> 0) !== info.arena
      ? `uordblks + fordblks = arena in ${column}`
      : info.mxordblk > info.fordblks
        ? `mxordblk <= fordblks in ${column}`
        : undefined;
  if (problem) throw new ParseError(line, problem, lines[line - 1]);
}

/** Reads the table whose title is at `start`; returns it and the index after it. */
export function readOstestTable(lines: string[], start: number): { table: OstestTable; next: number } {
  const final = TITLES.get(lines[start].trim());
  if (final === undefined) throw new ParseError(start + 1, "End of test memory usage: or Final memory usage:", lines[start]);
  HEAD.forEach((head, k) => {
    if (foundAt(lines, start + 1 + k).trimEnd() !== head) throw new ParseError(start + 2 + k, JSON.stringify(head), foundAt(lines, start + 1 + k));
  });
  const first = start + 3;
  const values = ROWS.map((name, k) => readRow(lines, first + k, name));
  const column = (c: 0 | 1) => Object.fromEntries(ROWS.map((name, k) => [name, values[k][c]])) as unknown as OstestMallinfo;
  const table: OstestTable = { line: start + 1, end: first + ROWS.length, final, before: column(0), after: column(1) };
  checkSums(table.before, table.end, "BEFORE", lines);
  checkSums(table.after, table.end, "AFTER", lines);
  return { table, next: first + ROWS.length };
}
