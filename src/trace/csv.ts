// Allocation traces recorded on real NuttX (../shared/groundtruth README):
//   seq,op,heap,off,req,node,pid,off2,node2,curused
// M: a malloc; F: a node freed; R: an in-place realloc (off2/node2 = old);
// A: a memalign trim after its raw M (off2 = the raw chunk).
import { csvParseRows } from "d3-dsv";
import { ParseError } from "./parse-error";

export type TraceOp = "M" | "F" | "R" | "A";

/** The columns every heap event has, real or modelled (src/engine/recording.ts adds D and who made it). */
export interface EventColumns<Op extends string = TraceOp> {
  seq: number;
  op: Op;
  /** User pointer minus the start guard. */
  off: number;
  req: number;
  node: number;
  pid: number;
  off2: number | null;
  node2: number | null;
  curused: number;
}

export interface TraceEvent extends EventColumns {
  line: number;
  /** The heap's start address. */
  heap: number;
}

export const TRACE_HEADER = ["seq", "op", "heap", "off", "req", "node", "pid", "off2", "node2", "curused"];
const OPS = new Set(["M", "F", "R", "A"]);

function field(row: string[], index: number, line: number, optional = false): number | null {
  const text = row[index]?.trim() ?? "";
  if (text === "" && optional) return null;
  if (!/^-?\d+$/.test(text)) throw new ParseError(line, `an integer in column ${TRACE_HEADER[index]}`, text);
  return Number(text);
}

function parseRow(row: string[], line: number): TraceEvent {
  if (row.length !== TRACE_HEADER.length) throw new ParseError(line, `${TRACE_HEADER.length} columns`, `${row.length}: ${row.join(",")}`);
  const op = row[1].trim();
  if (!OPS.has(op)) throw new ParseError(line, "an op of M, F, R or A", op);
  const n = (i: number) => field(row, i, line) as number;
  const event: TraceEvent = {
    line,
    seq: n(0),
    op: op as TraceOp,
    heap: n(2),
    off: n(3),
    req: n(4),
    node: n(5),
    pid: n(6),
    off2: field(row, 7, line, true),
    node2: field(row, 8, line, true),
    curused: n(9),
  };
  if ((op === "R" || op === "A") && event.off2 === null) throw new ParseError(line, `off2 for ${op}`, "an empty column");
  return event;
}

export function isTraceCsv(text: string): boolean {
  return text.trimStart().startsWith(TRACE_HEADER.join(","));
}

/** `firstLine` numbers the header's line when the CSV sits inside a longer text (a console transcript). */
export function parseTraceCsv(text: string, firstLine = 1): TraceEvent[] {
  const rows = csvParseRows(text);
  if (rows.length === 0 || rows[0].join(",").trim() !== TRACE_HEADER.join(",")) {
    throw new ParseError(firstLine, `the header ${TRACE_HEADER.join(",")}`, rows[0]?.join(",") ?? "an empty file");
  }
  const events: TraceEvent[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + firstLine + 1;
    if (row.length === 1 && row[0].trim() === "") return;
    const event = parseRow(row, line);
    const expected = events.length === 0 ? event.seq : events[events.length - 1].seq + 1;
    if (event.seq !== expected) throw new ParseError(line, `seq ${expected}`, String(event.seq));
    events.push(event);
  });
  return events;
}
