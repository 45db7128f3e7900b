// One line per recording found: "transcript: 14 free rows, 58 phase tables, 0 heap events",
// or "trace+transcript: ..." for a trace imported with its transcript.
// Heap events are what a heap map can draw: a trace's events, and the nodes a
// memdump lists (one node each), also when a transcript holds them.
import type { Imported } from "./import";
import type { MemDump } from "./memdump";
import type { ImportedPair } from "./pair";

export interface RecordingCounts {
  kind: Imported["kind"] | ImportedPair["kind"];
  freeRows: number;
  phaseTables: number;
  heapEvents: number;
}

const nodesIn = (dumps: MemDump[]) => dumps.reduce((sum, dump) => sum + dump.nodes.length, 0);

export function recordingCounts(imported: Imported): RecordingCounts[] {
  const kind = imported.kind;
  if (kind === "transcript") {
    return imported.sessions.map((s) => ({ kind, freeRows: s.free.length, phaseTables: s.phases.length, heapEvents: nodesIn(s.dumps) + s.traces.reduce((n, t) => n + t.events.length, 0) }));
  }
  if (kind === "free") return [{ kind, freeRows: imported.rows.length, phaseTables: 0, heapEvents: 0 }];
  if (kind === "memdump") return [{ kind, freeRows: 0, phaseTables: 0, heapEvents: nodesIn(imported.dumps) }];
  return [{ kind, freeRows: 0, phaseTables: 0, heapEvents: imported.events.length }];
}

const countsLine = (c: RecordingCounts) => `${c.kind}: ${c.freeRows} free rows, ${c.phaseTables} phase tables, ${c.heapEvents} heap events`;

export function summaryLines(imported: Imported): string[] {
  return recordingCounts(imported).map(countsLine);
}

/** A trace with the transcript session it replays: that session's tables and the trace's events. */
export function pairSummaryLine(pair: ImportedPair, session: number): string {
  const { free, phases } = pair.transcript.sessions[session];
  return countsLine({ kind: pair.kind, freeRows: free.length, phaseTables: phases.length, heapEvents: pair.trace.events.length });
}
