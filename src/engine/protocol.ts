// The messages between the page and the engine's Web Worker. Everything here
// is structured-cloneable; typed arrays are transferred, not copied.
import type { SizeClass } from "../analysis/fragmentation";
import type { GrowthReport } from "../analysis/growth";
import type { PhaseDelta, RunSeries } from "../analysis/runs";
import type { FreeRowExport } from "../export/free-rows";
import type { Mallinfo } from "../heap/mallinfo";
import type { Board, Tree } from "../heap/profiles";
import type { ConsoleChunk, Marker } from "./recording";
import type { SourceSpec } from "./source";

export interface Capabilities {
  /** The model can run in a pane (and run typed commands). */
  model: boolean;
}

/**
 * What a pane shows at one position of an imported session (a transcript,
 * free output or memdump output): one row per table it printed. Session
 * panes have no heap events; -1 in a mallinfo field or in `used`/`maxused`
 * means the table does not say.
 */
export interface SessionRow {
  kind: "free" | "phase" | "dump";
  /** The table's first line in the imported text. */
  line: number;
  /** The command that printed it. */
  command: string;
  /** What the row is: "free", an ostest phase's name, "memdump". */
  label: string;
}

/** What a pane needs once, when its source opens. */
export interface PaneSummary {
  source: SourceSpec;
  title: string;
  /** trace and model: heap events replayed on the heap; session: an imported transcript's tables, row by row. */
  kind: "trace" | "model" | "session";
  /** The sessions of an imported transcript that have tables to show (the source's `session` is one's index); empty otherwise. */
  sessions: { index: number; title: string }[];
  /** A session pane's rows: row r is shown at position r + 1. Empty for replayed sources. */
  rows: SessionRow[];
  /** What the pane cannot know from its source, in a sentence each (e.g. a trace alone does not give the heap's size). */
  notes: string[];
  board: Board;
  tree: Tree;
  fixes: string[];
  profile: { name: string; pointerSize: number };
  length: number;
  markers: Marker[];
  console: ConsoleChunk[];
  owners: string[];
  sites: string[];
  tasks: Record<number, string>;
  /** Every `free` of the session: where it printed and what it printed (for a replay, what the heap gives there). */
  freeRows: FreeRowExport[];
  /** used and maxused at every position 0..length (-1 where a session's table does not say). */
  used: Int32Array;
  maxused: Int32Array;
  /** The position of "boot": the first `free`. */
  baseline: number;
  /** Bytes from the start guard to the end of the end guard. */
  heapBytes: number;
  /** The furthest end of any node the session allocates: what "fit to the used span" shows. */
  spanBytes: number;
  /** Where the replay disagreed with the recording; empty when exact. */
  problems: string[];
  phases: PhaseDelta[];
  runs: RunSeries[];
}

/** born: made in the current step; growth: alive now, not at boot; transient: growth that its own command frees later. */
export const MARK = { born: 1, growth: 2, transient: 4 } as const;

/** The heap at one position. */
export interface PaneView {
  position: number;
  /** -1 in a field the position's table does not give (session panes). */
  info: Mallinfo;
  /** NSH `free` at this position; in a session pane, the table the row printed, as printed. */
  freeText: string;
  /** The session row at this position (session panes; null before the first row and in other panes). */
  row: SessionRow | null;
  /** The address of offset 0 where the source gives it (a memdump's first node); null otherwise. */
  base: number | null;
  /** Rows of (offset, size, flags, pid, seqno, label, request); see NODE_WORDS. A memdump's label is its line. */
  count: number;
  nodes: Uint32Array;
  /** Per node: the event that made it (-1 for free and guard nodes). */
  birth: Int32Array;
  /** Per node: index into PaneSummary.owners, from the event that made it (0 for free and guard nodes). */
  owner: Uint8Array;
  /** Per node: MARK bits. */
  marks: Uint8Array;
  /** Per node: index into CAUSES for growth nodes, 255 otherwise. */
  cause: Uint8Array;
  classes: SizeClass[];
  fragmentation: { rate: number; shortfall: number; freeBytes: number; largest: number; chunks: number };
  growth: GrowthReport;
  born: { nodes: number; bytes: number };
}

export type Request =
  | { type: "capabilities" }
  /** `session`: the commands a model pane runs after boot (a recording plays its own). */
  | { type: "open"; pane: number; source: SourceSpec; session: string[] }
  | { type: "view"; pane: number; position: number; stepStart: number }
  | { type: "run"; pane: number; commands: string[] }
  /** Text pasted or dropped into a pane: it becomes the pane's source only if it imports in full. */
  | { type: "import"; pane: number; name: string; text: string }
  /** A trace CSV and the console transcript of its run, dropped or chosen together: one recording, or an error and the pane unchanged. */
  | { type: "import-pair"; pane: number; files: { name: string; text: string }[] };

export type Reply<R extends Request> = R extends { type: "capabilities" } ? Capabilities : R extends { type: "open" } ? PaneSummary : R extends { type: "view" } ? PaneView : R extends { type: "run" } ? PaneSummary : R extends { type: "import" } ? PaneSummary : R extends { type: "import-pair" } ? PaneSummary : never;

export type Envelope = { id: number; request: Request };
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
