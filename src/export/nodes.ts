// The heap at one position as a table of nodes, for a file: JSON or CSV
// (names from imported text can neither break a row nor run as a formula).
import { CAUSES } from "../analysis/growth";
import type { PaneSummary, PaneView } from "../engine/protocol";
import { NODE_FLAG, NODE_WORDS } from "../heap/heap";
import { toCsv } from "./csv";

export interface NodeRow {
  /** Bytes from the start guard (a memdump: from its first node). */
  offset: number;
  /** The node's address, where the source gives it. */
  address: string | null;
  size: number;
  state: "used" | "free" | "guard";
  pid: number | null;
  seqno: number | null;
  request: number | null;
  owner: string | null;
  task: string | null;
  /** The model's call site. */
  site: string | null;
  /** The event that made it (replayed sources). */
  event: number | null;
  /** Why it is new since boot, if it is. */
  cause: string | null;
  /** The memdump line that lists it (imported sessions). */
  line: number | null;
}

export const NODE_COLUMNS: (keyof NodeRow)[] = ["offset", "address", "size", "state", "pid", "seqno", "request", "owner", "task", "site", "event", "cause", "line"];

type NodeSource = Pick<PaneSummary, "kind" | "owners" | "tasks" | "sites">;
type NodeView = Pick<PaneView, "count" | "nodes" | "owner" | "birth" | "cause" | "base">;

function stateOf(flags: number): NodeRow["state"] {
  if (flags & NODE_FLAG.guard) return "guard";
  return flags & NODE_FLAG.alloc ? "used" : "free";
}

export function heapNodes(summary: NodeSource, view: NodeView): NodeRow[] {
  const session = summary.kind === "session";
  return Array.from({ length: view.count }, (_, row) => {
    const [offset, size, flags, pid, seqno, label, request] = view.nodes.subarray(row * NODE_WORDS, row * NODE_WORDS + NODE_WORDS);
    const state = stateOf(flags);
    const used = state === "used";
    const known = used && (!session || view.owner[row] > 0);
    return {
      offset,
      address: view.base === null ? null : `0x${(view.base + offset).toString(16)}`,
      size,
      state,
      pid: known ? pid | 0 : null,
      seqno: used && !session ? seqno : null,
      request: used && !session ? request : null,
      owner: used ? (summary.owners[view.owner[row]] ?? "unknown") : null,
      task: known ? (summary.tasks[pid | 0] ?? null) : null,
      site: used && summary.kind === "model" ? (summary.sites[label >>> 8] ?? null) : null,
      event: view.birth[row] >= 0 ? view.birth[row] : null,
      cause: view.cause[row] !== 255 ? (CAUSES[view.cause[row]] ?? null) : null,
      line: session && label > 0 ? label : null,
    };
  });
}

export function nodesCsv(rows: readonly NodeRow[]): string {
  return toCsv(rows, NODE_COLUMNS);
}

export function nodesJson(about: { title: string; position: number; profile: string }, rows: readonly NodeRow[]): string {
  return `${JSON.stringify({ ...about, columns: NODE_COLUMNS, nodes: rows.map((r) => NODE_COLUMNS.map((c) => r[c])) })}\n`;
}
