// A Recording is what every view draws: a stream of heap events, plus the
// console and the markers (commands, ostest phases) that give it meaning.
// A real NuttX trace and a model run both become one, and both are replayed
// through the same WASM heap by the Player.
import type { Board, Tree } from "../heap/profiles";
import type { EventColumns } from "../trace/csv";

/** M malloc, F free, R in-place realloc, A memalign trim, D deferred free (no state change). */
export type HeapOp = "M" | "F" | "R" | "A" | "D";

/** The trace columns of ../shared/groundtruth, plus who made the event. */
export interface HeapEvent extends EventColumns<HeapOp> {
  /** Owner kind and call site (names in Recording.owners / Recording.sites); 0 = unknown. */
  owner: number;
  site: number;
}

export type MarkerKind = "command" | "phase" | "free";

/** A span of the session: `from` is the first event index inside it, `to` one past the last. */
export interface Marker {
  kind: MarkerKind;
  label: string;
  from: number;
  to: number;
  /**
   * A phase found by its ostest table (a trace recording): how many positions
   * between this phase's end and the next phase's end give the same mallinfo.
   * Absent when the end is the only one; then the boundary is exact.
   */
  matches?: number;
}

export interface ConsoleChunk {
  /** The number of events that had happened when this text was printed. */
  at: number;
  text: string;
}

export interface Recording {
  title: string;
  source: "model" | "trace";
  board: Board;
  tree: Tree;
  /** The fixes switched on, e.g. ["12402", "12406", "12427", "rm-var"]. */
  fixes: string[];
  /** mm_initialize(start, size): the simulated address and size of the heap region. */
  heapStart: number;
  heapSize: number;
  events: HeapEvent[];
  markers: Marker[];
  console: ConsoleChunk[];
  /** Names for HeapEvent.owner and HeapEvent.site. Index 0 is "unknown". */
  owners: string[];
  sites: string[];
  /** pid -> task name, where known. */
  tasks: Record<number, string>;
}
