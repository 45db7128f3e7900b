// Comparing a model run with a real recording: free rows, ostest's tables,
// and the heap events, each as matched / total with the first differences.
import type { FreeRow, PhaseTable } from "../import/transcript";
import type { HeapEvent, Recording } from "../engine/recording";
import { markerAt } from "../engine/markers";
import type { HeapCall } from "../trace/gdb";

export interface Difference {
  /** Where: "MAIN SESSION › ostest #1 › mutex test". */
  where: string;
  what: string;
  cause: string;
}

export interface Score {
  matched: number;
  total: number;
  differences: Difference[];
}

export function emptyScore(): Score {
  return { matched: 0, total: 0, differences: [] };
}

export function addScore(into: Score, from: Score): void {
  into.matched += from.matched;
  into.total += from.total;
  into.differences.push(...from.differences);
}

const FREE_CELLS = ["used", "maxused", "nused", "nfree"] as const;

/** (a) used, maxused, nused and nfree of every `free`, in order. */
export function compareFree(where: string, real: FreeRow[], model: FreeRow[]): Score {
  const score = emptyScore();
  real.forEach((row, i) => {
    const want = row.heaps[0].info;
    const got = model[i]?.heaps[0]?.info;
    for (const cell of FREE_CELLS) {
      score.total++;
      if (got && got[cell] === want[cell]) score.matched++;
      else score.differences.push({ where: `${where} › free #${i + 1} (after ${row.after ?? "boot"})`, what: `${cell} ${got ? got[cell] : "missing"}, real ${want[cell]}`, cause: freeCause(cell) });
    }
  });
  return score;
}

function freeCause(cell: (typeof FREE_CELLS)[number]): string {
  return cell === "maxused" ? "the peak depends on which threads were alive together" : "the heap holds different nodes at this point";
}

const TABLE_ROWS = ["arena", "ordblks", "mxordblk", "uordblks", "fordblks"] as const;

/** (b) both columns of every row of every "End of test memory usage" / "Final memory usage" table. */
export function compareTables(where: string, real: PhaseTable[], model: PhaseTable[]): Score {
  const score = emptyScore();
  real.forEach((table, i) => {
    const got = model[i];
    const label = `${where} › ostest #${table.run} › ${table.final ? "Final memory usage" : (table.phase ?? `table ${table.index + 1}`)}`;
    let wrong: string[] = [];
    for (const column of ["before", "after"] as const) {
      for (const row of TABLE_ROWS) {
        score.total++;
        if (got && got[column][row] === table[column][row]) score.matched++;
        else wrong.push(`${column} ${row} ${got ? got[column][row] : "missing"} (real ${table[column][row]})`);
      }
    }
    if (wrong.length > 0) score.differences.push({ where: label, what: wrong.slice(0, 3).join("; ") + (wrong.length > 3 ? `; ${wrong.length - 3} more` : ""), cause: tableCause(table, got, wrong) });
  });
  return score;
}

function tableCause(real: PhaseTable, model: PhaseTable | undefined, wrong: string[]): string {
  if (!model) return "the model printed fewer tables";
  if (wrong.every((cell) => cell.startsWith("before"))) return "carried over: the previous table's AFTER column";
  const bytes = model.after.uordblks - real.after.uordblks;
  if (bytes === 0) return "the same bytes in use, laid out differently (an earlier difference moved a free chunk)";
  return `${bytes > 0 ? "+" : ""}${bytes} B in use when the table was taken: a thread or task that had exited was still on the delay list in one run and already freed in the other (which thread wakes first is a timing race)`;
}

const key = (e: HeapEvent) => `${e.op} ${e.req} ${e.node} ${e.off} ${e.pid}`;

/** Longest common subsequence of two key lists: the pairs of matched indices. */
function commonSubsequence(a: string[], b: string[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Indices of a recording's events, D events left out (they change nothing on the heap). */
function stateChanges(recording: Recording): number[] {
  return recording.events.flatMap((event, i) => (event.op === "D" ? [] : [i]));
}

function eventCause(missed: HeapEvent, model: HeapEvent[]): string {
  const same = (e: HeapEvent) => e.op === missed.op && e.req === missed.req;
  if (model.some((e) => same(e) && e.node === missed.node && e.pid === missed.pid && e.off === missed.off)) {
    return "order: the real threads interleaved differently here (a timing race the NuttX source does not decide)";
  }
  if (model.some((e) => same(e) && e.off === missed.off && e.pid !== missed.pid)) return "pid: another thread made it (pids follow creation order)";
  if (model.some((e) => same(e) && e.pid === missed.pid)) return "placement: the heap's layout differs since an earlier difference";
  if (model.some(same)) return "placement and pid differ: follows an earlier difference";
  return "the model makes no such call in this command";
}

const describe = (e: HeapEvent) => `seq ${e.seq} ${e.op} req ${e.req} node ${e.node} off ${e.off} pid ${e.pid}`;

/**
 * (c) op, request, node size, offset and task of every event, matched over
 * the whole session (longest common subsequence), so that where a command
 * begins cannot hide or invent a difference. Each ostest phase (or command)
 * with a difference reports its first one.
 */
export function compareEvents(where: string, real: Recording, model: Recording): Score {
  const score = emptyScore();
  const indices = stateChanges(real);
  const events = indices.map((i) => real.events[i]);
  const mine = stateChanges(model).map((i) => model.events[i]);
  const pairs = commonSubsequence(events.map(key), mine.map(key));
  score.total = events.length;
  score.matched = pairs.length;
  const matched = new Set(pairs.map(([i]) => i));
  const reported = new Set<string>();
  events.forEach((event, k) => {
    if (matched.has(k)) return;
    const command = markerAt(real.markers, "command", indices[k])?.label ?? "";
    const phase = markerAt(real.markers, "phase", indices[k])?.label;
    const place = phase ? `${command} › ${phase}` : command;
    if (reported.has(place)) return;
    reported.add(place);
    score.differences.push({ where: `${where} › ${place}`, what: `first different event: ${describe(event)}`, cause: eventCause(event, mine) });
  });
  return score;
}

const callKey = (op: string, size: number, pid: number) => `${op} ${size} ${pid}`;

/** A model event as a gdb trace shows it: the request of a malloc or realloc, the node size of a free. */
function modelCallKey(e: HeapEvent): string {
  return callKey(e.op, e.op === "M" || e.op === "R" ? e.req : e.node, e.pid);
}

function callCause(call: HeapCall, model: HeapEvent[]): string {
  const keys = model.map(modelCallKey);
  if (keys.includes(callKey(call.op, call.size, call.pid))) return "order: the real threads interleaved differently here (a timing race)";
  if (keys.some((k) => k.startsWith(`${call.op} ${call.size} `))) return "pid: another thread made it (pids follow creation order)";
  return "the model makes no such call here";
}

/**
 * (c) for a gdb trace (src/trace/gdb.ts), which has no offsets: op, request
 * (node size for frees and deferrals) and task of every call, matched over
 * the whole session. The first of each run of unmatched calls is reported,
 * with its line in the trace.
 */
export function compareCalls(where: string, real: HeapCall[], model: Recording): Score {
  const mine = model.events.filter((e) => e.op !== "A");
  const pairs = commonSubsequence(real.map((c) => callKey(c.op, c.size, c.pid)), mine.map(modelCallKey));
  const matched = new Set(pairs.map(([i]) => i));
  const score: Score = { matched: pairs.length, total: real.length, differences: [] };
  real.forEach((call, k) => {
    if (matched.has(k) || (k > 0 && !matched.has(k - 1))) return;
    score.differences.push({ where: `${where} › trace line ${call.line}`, what: `first different call: ${call.op} ${call.size} pid ${call.pid}`, cause: callCause(call, mine) });
  });
  return score;
}
