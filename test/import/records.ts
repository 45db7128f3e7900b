// The records of an import, flattened for the fuzz properties: each with the
// lines it was read from (its block) and the lines its meaning depends on
// (its span: the block, the command that printed it, the phase banner above
// it, the prompt before it). Ordinals that count earlier records (run, index,
// command number) are left out; the lines they come from are compared instead.
import { formatFree } from "../../src/heap/format";
import type { Imported } from "../../src/import/import";
import type { DumpNode, MemDump } from "../../src/import/memdump";
import { printOstestRow, type OstestTable } from "../../src/import/ostest";
import type { Session } from "../../src/import/transcript";
import type { TraceEvent } from "../../src/trace/csv";

export type Range = [number, number];

export interface ImportRecord {
  key: string;
  /** The lines the record was read from, and the line after them. */
  block: Range;
  /** What it depends on while no prompt or session banner appears or disappears. */
  span: Range[];
  /** What it depends on otherwise: everything from its command's prompt (or the one before, or the session's start). */
  reach: Range;
  value: unknown;
  /** The record printed again as NuttX (or the trace) prints it, from its first line on. */
  printed: string[];
}

/** A line number of one parse as a line of the other (identity, or the shift of an inserted line). */
export type LineMap = (line: number) => number;

const OSTEST_ROWS = ["arena", "ordblks", "mxordblk", "uordblks", "fordblks"] as const;

function printOstest(table: OstestTable): string[] {
  const title = table.final ? "Final memory usage:" : "End of test memory usage:";
  return [title, "VARIABLE  BEFORE   AFTER", "======== ======== ========", ...OSTEST_ROWS.map((n) => printOstestRow(n, table.before[n], table.after[n]))];
}

/** mm_memdump.c's printf widths; the column line is taken as it was. */
function printDump(dump: MemDump, columnLine: string): string[] {
  const address = dump.pointerSize === 4 ? 11 : 19;
  const field = (value: number | undefined, width: number) => (value === undefined ? "" : String(value).padStart(width));
  const row = (n: DumpNode) =>
    field(n.pid, 6) + field(n.size, 12) + field(n.overhead, 9) + field(n.seq, 12) + `0x${n.address.toString(16)}`.padStart(address) + (n.note ? ` ${n.note}` : "");
  return [dump.title, columnLine, ...dump.nodes.map(row), "  Total Blks  Total Size", field(dump.totals.blocks, 12) + field(dump.totals.size, 12)];
}

const printEvent = (e: TraceEvent) => [e.seq, e.op, e.heap, e.off, e.req, e.node, e.pid, e.off2 ?? "", e.node2 ?? "", e.curused].join(",");

/** Output before any prompt has no command: its first line means nothing. */
function commandOf(session: Session, index: number, at: LineMap) {
  const command = session.commands[index];
  if (!command || command.text === null) return { value: null, span: [] as Range[], line: undefined };
  return { value: [at(command.line), command.text], span: [[command.line, command.line]] as Range[], line: command.line };
}

function sessionRecords(session: Session, at: LineMap, lines: string[]): ImportRecord[] {
  const free = session.free.map((row): ImportRecord => {
    const printedBy = commandOf(session, row.command, at);
    const from = commandOf(session, row.command - 1, at).line ?? printedBy.line ?? row.line;
    return {
      key: `free@${at(row.line)}`,
      block: [row.line, row.end + 1],
      span: [[from, row.end + 1]],
      reach: [commandOf(session, row.command - 1, at).line ?? printedBy.line ?? session.line, row.end + 1],
      value: { command: printedBy.value, after: row.after, format: row.format, heaps: row.heaps.map((h) => ({ ...h, line: at(h.line) })), end: at(row.end) },
      printed: formatFree(row.format, row.heaps).trimEnd().split("\n"),
    };
  });
  const phases = session.phases.map((table): ImportRecord => {
    const printedBy = commandOf(session, table.command, at);
    const from = table.phaseLine === null ? (printedBy.line ?? session.commands[table.command].line) : table.phaseLine - 1;
    return {
      key: `phase@${at(table.line)}`,
      block: [table.line, table.end],
      span: [...printedBy.span, [from, table.end]],
      reach: [printedBy.line ?? session.line, table.end],
      value: { command: printedBy.value, phase: table.phase, phaseLine: table.phaseLine && at(table.phaseLine), final: table.final, before: table.before, after: table.after },
      printed: printOstest(table),
    };
  });
  const dumps = session.dumps.map((dump): ImportRecord => {
    const printedBy = commandOf(session, dump.command, at);
    return {
      key: `dump@${at(dump.line)}`,
      block: [dump.line, dump.end],
      span: [...printedBy.span, [dump.line, dump.end]],
      reach: [printedBy.line ?? session.line, dump.end],
      value: { command: printedBy.value, title: dump.title, columns: dump.columns, totals: dump.totals, nodes: dump.nodes.map((n) => ({ ...n, line: at(n.line) })), end: at(dump.end) },
      printed: printDump(dump, lines[dump.line]),
    };
  });
  const events = session.traces.flatMap((trace) => {
    const printedBy = commandOf(session, trace.command, at);
    return trace.events.map((event): ImportRecord => ({
      key: `event@${at(event.line)}`,
      block: [event.line, event.line],
      span: [...printedBy.span, [trace.line, trace.line], [event.line, event.line]],
      reach: [printedBy.line ?? session.line, event.line],
      value: { ...event, line: at(event.line), command: printedBy.value },
      printed: [printEvent(event)],
    }));
  });
  return [...free, ...phases, ...dumps, ...events];
}

/** `lines` are the text's lines as the importer split them (src/import/text.ts textLines). */
export function importRecords(imported: Imported, lines: string[], at: LineMap = (line) => line): ImportRecord[] {
  if (imported.kind === "transcript") return imported.sessions.flatMap((s) => sessionRecords(s, at, lines));
  if (imported.kind === "free") return sessionRecords({ line: 1, title: null, commands: [{ line: 1, text: null, output: [] }], free: imported.rows.map((r) => ({ ...r, command: 0, after: null })), phases: [], dumps: [], traces: [] }, at, lines);
  if (imported.kind === "memdump") return sessionRecords({ line: 1, title: null, commands: [{ line: 1, text: null, output: [] }], free: [], phases: [], dumps: imported.dumps.map((d) => ({ ...d, command: 0 })), traces: [] }, at, lines);
  const trace = { line: 1, end: imported.events.length + 1, command: 0, events: imported.events };
  return sessionRecords({ line: 1, title: null, commands: [{ line: 1, text: null, output: [] }], free: [], phases: [], dumps: [], traces: [trace] }, at, lines);
}

/** Does any of the ranges meet the lines from..to? */
export const touches = (ranges: Range[], [from, to]: Range): boolean => ranges.some(([a, b]) => a <= to && b >= from);
