// /proc/memdump output (fs/procfs/fs_procfsmeminfo.c, memdump_write ->
// mm/mm_heap/mm_memdump.c): a title, a column line, one row per node, and a
// footer with the number of nodes and their total size.
//   2024: "Dump all used memory node info:", columns [PID] Size [Sequence] Address [Backtrace]
//   2026: "Memdump task ALL", ..., columns [PID] Size Overhead [Sequence] Address [Backtrace]
// Widths are printf's: PID %6d, Size %12zu, Overhead %9zu, Sequence %12lu,
// Address %*p (11 on 32-bit, 19 on 64-bit). Free rows never have PID or
// Sequence, even when the column line does. A row is accepted only if
// printing its values at those widths gives the same text, and the footer
// must count and add up the rows.
import { ParseError } from "../trace/parse-error";
import { foundAt } from "./text";

export type DumpMode = "used" | "free" | "leak" | "task" | "biggest" | "orphan" | "mempool";
export type DumpColumn = "PID" | "Size" | "Overhead" | "Sequence" | "Address" | "Backtrace";

export interface DumpNode {
  line: number;
  /** The node size, header included. */
  size: number;
  /** The printed address: the node plus its header (the user pointer). */
  address: number;
  pid?: number;
  overhead?: number;
  seq?: number;
  /** The backtrace, or the "skip block dump" note of a mempool. */
  note?: string;
}

export interface MemDump {
  /** The title line; `end` is the totals line. */
  line: number;
  end: number;
  title: string;
  mode: DumpMode;
  columns: DumpColumn[];
  /** 4 or 8: from the width of the Address column. */
  pointerSize: 4 | 8;
  nodes: DumpNode[];
  totals: { blocks: number; size: number };
}

const TITLES: [RegExp, DumpMode][] = [
  [/^Dump all used memory node info:$/, "used"],
  [/^Dump all free memory node info:?$/, "free"],
  [/^Memdump task /, "task"],
  [/^Memdump leak$/, "leak"],
  [/^Memdump biggest allocated top \d+$/, "biggest"],
  [/^Dump allocated orphan nodes$/, "orphan"],
  [/^Memdump mempool$/, "mempool"],
];
const WIDTH: Record<DumpColumn, number> = { PID: 6, Size: 12, Overhead: 9, Sequence: 12, Address: 0, Backtrace: 0 };
const ORDER: DumpColumn[] = ["PID", "Size", "Overhead", "Sequence", "Address", "Backtrace"];
const ADDRESS_WIDTHS = new Map<number, 4 | 8>([
  [11, 4],
  [19, 8],
]);
const FOOTER = "Total Blks  Total Size";
const SKIPPED_POOL = "skip block dump";

// With CONFIG_SYSLOG_TIMESTAMP, _PRIORITY or _PROCESS_NAME, syslog puts "[...] " before every line.
const SYSLOG_PREFIX = /^(?:\[[^\]\n]{0,64}\] ?)+/;

export function withoutSyslogPrefix(line: string): string {
  return line.replace(SYSLOG_PREFIX, "");
}

function titleMode(line: string): DumpMode | undefined {
  const text = withoutSyslogPrefix(line).trim();
  return TITLES.find(([pattern]) => pattern.test(text))?.[1];
}

export function isDumpTitle(line: string): boolean {
  return titleMode(line) !== undefined;
}

interface Columns {
  names: DumpColumn[];
  pointerSize: 4 | 8;
  addressWidth: number;
}

/** Each word of a line with the column just past its end. */
function wordEnds(text: string): { word: string; end: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], end: (m.index ?? 0) + m[0].length }));
}

/** The column line, with every width as printf prints it; undefined if it is not one. */
function columnsOf(line: string): Columns | undefined {
  const words = wordEnds(withoutSyslogPrefix(line));
  const names = words.map((w) => w.word as DumpColumn);
  const inOrder = names.every((name, k) => ORDER.includes(name) && (k === 0 || ORDER.indexOf(name) > ORDER.indexOf(names[k - 1])));
  if (!inOrder || !names.includes("Size") || !names.includes("Address")) return undefined;
  const widths = words.map((w, k) => (k === 0 ? undefined : w.end - words[k - 1].end));
  const addressWidth = widths[names.indexOf("Address")] ?? 0;
  const pointerSize = ADDRESS_WIDTHS.get(addressWidth);
  const printfWidths = names.every((name, k) => k === 0 || name === "Address" || widths[k] === (name === "Backtrace" ? 1 + name.length : WIDTH[name]));
  return pointerSize && printfWidths ? { names, pointerSize, addressWidth } : undefined;
}

/** A line that only a memdump prints: its column line or its footer. */
export function isDumpInterior(line: string): boolean {
  return (line.includes("Address") && columnsOf(line) !== undefined) || withoutSyslogPrefix(line).trim() === FOOTER;
}

const NUMBER: Record<Exclude<DumpColumn, "Backtrace">, RegExp> = {
  PID: /^-?\d+$/,
  Size: /^\d+$/,
  Overhead: /^\d+$/,
  Sequence: /^\d+$/,
  Address: /^0x[0-9a-f]+$/,
};

function fieldValue(column: DumpColumn, word: string): number {
  if (!NUMBER[column as keyof typeof NUMBER].test(word)) return NaN;
  const value = Number(word);
  return Number.isSafeInteger(value) ? value : NaN;
}

/** As printf prints a value: %p is "0x" and lowercase hex digits, the others plain decimal. */
function printField(column: DumpColumn, value: number, width: number): string {
  return (column === "Address" ? `0x${value.toString(16)}` : String(value)).padStart(width);
}

/** Reads a row with the given fixed columns; undefined if printing its values does not give the same text. */
function rowWith(columns: DumpColumn[], addressWidth: number, text: string, line: number): DumpNode | undefined {
  const words = wordEnds(text).slice(0, columns.length);
  if (words.length < columns.length) return undefined;
  const values = columns.map((column, k) => fieldValue(column, words[k].word));
  if (values.some(isNaN)) return undefined;
  const rest = text.slice(words[words.length - 1].end).trimEnd();
  const note = rest.startsWith(" ") ? rest.slice(1) : rest;
  const fixed = columns.map((column, k) => printField(column, values[k], column === "Address" ? addressWidth : WIDTH[column])).join("");
  if (`${fixed}${note ? ` ${note}` : ""}`.trim() !== text.trim()) return undefined;
  const node: DumpNode = { line, size: 0, address: 0 };
  const keys = { PID: "pid", Size: "size", Overhead: "overhead", Sequence: "seq", Address: "address" } as const;
  columns.forEach((column, k) => (node[keys[column as keyof typeof keys]] = values[k]));
  if (note) node.note = note;
  return node;
}

function readNode(columns: Columns, raw: string, line: number): DumpNode {
  const fixed = columns.names.filter((c) => c !== "Backtrace");
  const text = withoutSyslogPrefix(raw);
  const node =
    rowWith(fixed, columns.addressWidth, text, line) ??
    rowWith(
      fixed.filter((c) => c !== "PID" && c !== "Sequence"),
      columns.addressWidth,
      text,
      line,
    );
  if (!node) throw new ParseError(line, `a memdump row with columns ${fixed.join(" ")}, or the totals line "${FOOTER}"`, raw);
  return node;
}

function readTotals(lines: string[], index: number, nodes: DumpNode[]): { blocks: number; size: number } {
  const raw = foundAt(lines, index);
  const words = withoutSyslogPrefix(raw).trim().split(/ +/);
  if (words.length !== 2 || !words.every((w) => /^\d+$/.test(w))) throw new ParseError(index + 1, "the totals: blocks and bytes", raw);
  const [blocks, size] = words.map(Number);
  const listed = nodes.filter((node) => node.note !== SKIPPED_POOL);
  const listedSize = listed.reduce((sum, node) => sum + node.size, 0);
  const skipped = listed.length < nodes.length;
  if (!skipped && (blocks !== listed.length || size !== listedSize)) {
    throw new ParseError(index + 1, `totals that match the ${listed.length} rows above (${listed.length} blocks, ${listedSize} bytes)`, raw);
  }
  return { blocks, size };
}

/** Reads the dump whose title is at `start`; returns it and the index after its totals. */
export function readMemdump(lines: string[], start: number): { dump: MemDump; next: number } {
  const mode = titleMode(lines[start]);
  if (!mode) throw new ParseError(start + 1, "a memdump title such as \"Dump all used memory node info:\"", lines[start]);
  const columns = columnsOf(foundAt(lines, start + 1));
  if (!columns) throw new ParseError(start + 2, "the memdump column line, such as \"Size Address\" at printf widths", foundAt(lines, start + 1));
  const nodes: DumpNode[] = [];
  let i = start + 2;
  for (; withoutSyslogPrefix(foundAt(lines, i)).trim() !== FOOTER; i++) {
    if (i >= lines.length) throw new ParseError(i + 1, `a memdump row or "${FOOTER}"`, foundAt(lines, i));
    nodes.push(readNode(columns, lines[i], i + 1));
  }
  const totals = readTotals(lines, i + 1, nodes);
  const title = withoutSyslogPrefix(lines[start]).trim();
  return { dump: { line: start + 1, end: i + 2, title, mode, columns: columns.names, pointerSize: columns.pointerSize, nodes, totals }, next: i + 2 };
}
