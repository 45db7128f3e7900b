// Allocation traces recorded with gdb breakpoints on the entries of mm_malloc,
// mm_delayfree, mm_realloc and mm_memalign (fixtures/nuttx/measured/README.md,
// tools/trace.py), one call per line:
//   <seq> M pid=<pid> req=<bytes> bt=<frames>
//   <seq> F pid=<pid> mem=0x<address> node=<bytes> delay=<0|1> bt=<frames>
//   <seq> R pid=<pid> old=0x<address> oldnode=<bytes> req=<bytes> bt=<frames>
//   <seq> A pid=<pid> align=<bytes> req=<bytes> bt=<frames>
// The frames are the callers, innermost first, joined by "<". A last line
// "END <reason>" says why gdb stopped. Before the first call, a line
// "NOBP <location>" says a breakpoint could not be set (on the sim,
// `NOBP *mm_memalign`: no memalign calls are in that trace).
import { ParseError } from "./parse-error";

export type GdbOp = "M" | "F" | "R" | "A";

export interface GdbCall {
  line: number;
  seq: number;
  op: GdbOp;
  /** this_task()->pid at the call. */
  pid: number;
  /** The request (M, R, A); 0 for F. */
  req: number;
  /** The block freed (F) or reallocated (R); 0 for M, A and realloc(NULL, n). */
  mem: number;
  /** Its node size, read from the node header. */
  node: number;
  frames: string[];
}

/** The fields after the pid, by op, and how each is written. */
const FIELDS: Record<GdbOp, [string, RegExp][]> = {
  M: [["req", /^\d+$/]],
  F: [["mem", /^0x[0-9a-f]+$/i], ["node", /^\d+$/], ["delay", /^[01]$/]],
  R: [["old", /^0x[0-9a-f]+$/i], ["oldnode", /^\d+$/], ["req", /^\d+$/]],
  A: [["align", /^\d+$/], ["req", /^\d+$/]],
};

function field(words: string[], index: number, name: string, format: RegExp, line: number): number {
  const word = words[index] ?? "";
  const [key, value] = [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)];
  if (!word.includes("=") || key !== name || !format.test(value)) throw new ParseError(line, `${name}=<value>`, word || "the end of the line");
  return Number(value);
}

function parseCall(text: string, line: number): GdbCall {
  const words = text.trim().split(/\s+/);
  if (!/^\d+$/.test(words[0])) throw new ParseError(line, "a sequence number", words[0]);
  const op = words[1] as GdbOp;
  if (!Object.hasOwn(FIELDS, op)) throw new ParseError(line, "an op of M, F, R or A", words[1] ?? "the end of the line");
  const pid = field(words, 2, "pid", /^-?\d+$/, line);
  const values = new Map(FIELDS[op].map(([name, format], i) => [name, field(words, 3 + i, name, format, line)]));
  const trace = words[3 + FIELDS[op].length] ?? "";
  if (!trace.startsWith("bt=") || words.length !== 4 + FIELDS[op].length) throw new ParseError(line, "bt=<frames> last", words.slice(3 + FIELDS[op].length).join(" ") || "the end of the line");
  return {
    line,
    seq: Number(words[0]),
    op,
    pid,
    req: values.get("req") ?? 0,
    mem: values.get("mem") ?? values.get("old") ?? 0,
    node: values.get("node") ?? values.get("oldnode") ?? 0,
    frames: trace.slice(3).split("<"),
  };
}

export function parseGdbTrace(text: string): GdbCall[] {
  const calls: GdbCall[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const content = lines[i].trim();
    if (content === "") continue;
    if (content.startsWith("NOBP")) {
      if (calls.length > 0 || !/^NOBP \S+$/.test(content)) throw new ParseError(line, calls.length > 0 ? "a call (NOBP lines come first)" : "NOBP <location>", content);
      continue;
    }
    if (content.startsWith("END")) {
      const rest = lines.slice(i + 1).findIndex((l) => l.trim() !== "");
      if (rest >= 0) throw new ParseError(line + 1 + rest, "nothing after the END line", lines[i + 1 + rest]);
      break;
    }
    const call = parseCall(content, line);
    const expected = calls.length === 0 ? call.seq : calls[calls.length - 1].seq + 1;
    if (call.seq !== expected) throw new ParseError(line, `seq ${expected}`, String(call.seq));
    calls.push(call);
  }
  return calls;
}

/** A call as the model logs heap events: M, F (really freed), D (pushed onto the delay list), R (in place). */
export interface HeapCall {
  line: number;
  op: "M" | "F" | "D" | "R";
  pid: number;
  /** The request (M, R) or the node size (F, D). */
  size: number;
}

const drains = (call: GdbCall) => call.frames[0] === "free_delaylist";

/** A malloc's breakpoint is at its entry; the delay-list frees it makes come before its block, so they go first. */
function inHeapOrder(calls: GdbCall[]): GdbCall[] {
  const out: GdbCall[] = [];
  for (let i = 0; i < calls.length; i++) {
    let end = i + 1;
    if (calls[i].op === "M") while (end < calls.length && drains(calls[end]) && calls[end].frames[1] === "mm_malloc") end++;
    out.push(...calls.slice(i + 1, end), calls[i]);
    i = end - 1;
  }
  return out;
}

/** For each free: whether the next free of the same block is free_delaylist's, i.e. this one only deferred it. */
function deferrals(calls: GdbCall[]): boolean[] {
  const nextDrains = new Map<number, boolean>();
  const deferred = new Array<boolean>(calls.length).fill(false);
  for (let i = calls.length - 1; i >= 0; i--) {
    if (calls[i].op !== "F") continue;
    deferred[i] = !drains(calls[i]) && nextDrains.get(calls[i].mem) === true;
    nextDrains.set(calls[i].mem, drains(calls[i]));
  }
  return deferred;
}

/**
 * The calls as heap events, in the order they change the heap. A free whose
 * block is next freed by free_delaylist was deferred (D); realloc(NULL, n)
 * and a moving realloc are the M (and F) they make inside; mm_memalign's
 * entry is the M it makes. An in-place realloc's request is raised to
 * MM_MIN_CHUNK - MM_ALLOCNODE_OVERHEAD (4 pointers less one) as
 * mm/mm_heap/mm_realloc.c does, as the CSV traces and the model log it.
 */
export function heapCalls(calls: GdbCall[], pointerSize: number): HeapCall[] {
  const smallest = 3 * pointerSize;
  const ordered = inHeapOrder(calls);
  const deferred = deferrals(ordered);
  const out: HeapCall[] = [];
  ordered.forEach((call, i) => {
    const next = ordered[i + 1];
    if (call.op === "A" || (call.op === "R" && (call.mem === 0 || (next?.op === "M" && next.frames[0] === "mm_realloc")))) return;
    const size = call.op === "F" ? call.node : call.op === "R" ? Math.max(call.req, smallest) : call.req;
    out.push({ line: call.line, op: call.op === "F" && deferred[i] ? "D" : call.op, pid: call.pid, size });
  });
  return out;
}
