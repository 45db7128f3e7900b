// NSH `free` output (= `cat /proc/meminfo`): a header, then one row per heap.
// Both layouts of fs/procfs/fs_procfsmeminfo.c (meminfo_read) are read, and a
// row is accepted only if src/heap/format.ts prints it back to the same text,
// so every column width is checked. Page and Prog rows (CONFIG_MM_PGALLOC,
// CONFIG_FS_PROCFS_INCLUDE_PROGMEM) are not heaps; they end the table.
import { formatFree } from "../heap/format";
import type { Mallinfo } from "../heap/mallinfo";
import type { HeapProfile } from "../heap/profiles";
import { ParseError } from "../trace/parse-error";
import { foundAt } from "./text";

export type FreeFormat = HeapProfile["freeFormat"];

export interface HeapRow {
  line: number;
  name: string;
  info: Mallinfo;
}

export interface FreeTable {
  /** The header line; `end` is the last heap row. */
  line: number;
  end: number;
  format: FreeFormat;
  heaps: HeapRow[];
}

const FORMATS: FreeFormat[] = ["2024", "2026"];
const HEADERS = new Map(FORMATS.map((format) => [formatFree(format, []).trim(), format]));
/** procfs prints each field as unsigned long from an int: 32 bits at most. */
const MAX_FIELD = 2 ** 32 - 1;

export function freeHeaderFormat(line: string): FreeFormat | undefined {
  return HEADERS.get(line.trim());
}

/** printf's widths for total, used, free, maxused, maxfree, nused and nfree. */
const WIDTHS = [11, 11, 11, 11, 11, 7, 7];
const NUMBERS_WIDTH = WIDTHS.reduce((a, b) => a + b);

/** The seven numbers: by printf's widths when they fit (a full field has no space before it), else by spaces. */
function numberFields(text: string): string[] {
  if (text.length !== NUMBERS_WIDTH) return text.trim().split(/\s+/);
  let at = 0;
  return WIDTHS.map((width) => text.slice(at, (at += width)).trim());
}

/** "name: 7 numbers" (2024) or "7 numbers name" (2026); undefined if the line is neither. */
function rowFields(line: string, format: FreeFormat): { name: string; numbers: string[] } | undefined {
  const text = line.trimEnd();
  if (format === "2024") {
    const colon = text.lastIndexOf(":");
    const numbers = numberFields(text.slice(colon + 1));
    return colon > 0 && numbers.length === 7 ? { name: text.slice(0, colon).trim(), numbers } : undefined;
  }
  const fixed = numberFields(text.slice(0, NUMBERS_WIDTH));
  if (text[NUMBERS_WIDTH] === " " && fixed.every((n) => /^\d+$/.test(n))) return { name: text.slice(NUMBERS_WIDTH + 1).trim(), numbers: fixed };
  const match = /^(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) (.+)$/.exec(text.trim());
  return match ? { name: match[8].trim(), numbers: match.slice(1, 8) } : undefined;
}

/** The page-allocator and program-memory rows that meminfo_read prints after the heaps. */
const NOT_HEAPS = /^\s*(Page|Prog):|\s(Page|Prog)\s*$/;

/** Does the line look like a heap row at all (so that a bad one is an error, not the table's end)? */
function looksLikeRow(line: string, format: FreeFormat): boolean {
  const text = line.trim();
  if (NOT_HEAPS.test(text)) return false;
  if (format === "2026") return /^\d/.test(text);
  const colon = text.lastIndexOf(":");
  return colon > 0 && /^[\s\d]+$/.test(text.slice(colon + 1)) && /\d/.test(text.slice(colon + 1));
}

function toMallinfo(numbers: string[], line: number, raw: string): Mallinfo {
  const [total, used, free, maxused, maxfree, nused, nfree] = numbers.map((n) => {
    const value = /^\d+$/.test(n) ? Number(n) : NaN;
    if (!(value <= MAX_FIELD)) throw new ParseError(line, "seven whole numbers below 2^32", raw);
    return value;
  });
  return { total, used, free, maxused, maxfree, nused, nfree };
}

/** mm_mallinfo asserts uordblks + fordblks == arena; mxordblk is one of the free chunks. */
function checkSums(info: Mallinfo, line: number, raw: string): void {
  if (info.used + info.free !== info.total) throw new ParseError(line, `used + free = total (${info.used} + ${info.free} != ${info.total})`, raw);
  if (info.maxfree > info.free) throw new ParseError(line, `maxfree <= free (${info.maxfree} > ${info.free})`, raw);
}

function parseRow(raw: string, line: number, format: FreeFormat): HeapRow {
  const fields = rowFields(raw, format);
  const shape = format === "2024" ? "a heap row \"name: total used free maxused maxfree nused nfree\"" : "a heap row \"total used free maxused maxfree nused nfree name\"";
  if (!fields) throw new ParseError(line, shape, raw);
  const info = toMallinfo(fields.numbers, line, raw);
  const printed = formatFree(format, [{ name: fields.name, info }]).split("\n")[1];
  if (printed.trim() !== raw.trim()) throw new ParseError(line, `the columns as NuttX prints them: ${JSON.stringify(printed.trim())}`, raw);
  checkSums(info, line, raw);
  return { line, name: fields.name, info };
}

/** Reads the table whose header is at `start`; returns it and the index after its last row. */
export function readFreeTable(lines: string[], start: number): { table: FreeTable; next: number } {
  const format = freeHeaderFormat(lines[start]);
  if (!format) throw new ParseError(start + 1, "the header of NSH free", lines[start]);
  const heaps: HeapRow[] = [];
  let i = start + 1;
  for (; i < lines.length && looksLikeRow(lines[i], format); i++) heaps.push(parseRow(lines[i], i + 1, format));
  if (heaps.length === 0) throw new ParseError(i + 1, "a heap row after the header of free", foundAt(lines, i));
  return { table: { line: start + 1, end: i, format, heaps }, next: i };
}
