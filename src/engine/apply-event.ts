// One heap event, applied to a WASM heap. A real trace's replay and the
// Player share this, so a recording is replayed one way only.
import type { Heap } from "../heap/heap";
import type { HeapProfile } from "../heap/profiles";
import type { HeapEvent } from "./recording";

/** What replaying needs of an event: the trace columns (csv.ts) or a Recording's HeapEvent. */
export type ReplayableEvent = Pick<HeapEvent, "op" | "off" | "req" | "node" | "pid" | "off2" | "curused"> & Partial<Pick<HeapEvent, "owner" | "site">>;

/** A row of the heap's event log, `back` rows before the newest: what the allocator itself did. */
export function lastLoggedEvent(heap: Heap, back = 0): { off: number; node: number; curused: number } {
  const view = heap.events();
  const row = view.count - 1 - back;
  return { off: view.get(row, 2), node: view.get(row, 4), curused: view.get(row, 8) };
}

/** memalign's alignment, recovered from its raw malloc: allocsize = ALIGN_UP(size) + 2 * alignment. */
function alignmentOf(raw: ReplayableEvent, trim: ReplayableEvent, profile: HeapProfile): number {
  const size = Math.ceil(trim.req / profile.align) * profile.align;
  return (raw.req - size) / 2;
}

/** A raw malloc that the next event trims: the pair is one memalign call. */
export function startsMemalign(events: readonly ReplayableEvent[], i: number): boolean {
  const next = events[i + 1];
  return events[i].op === "M" && next?.op === "A" && next.off2 === events[i].off;
}

/**
 * Apply events[i] and return the offset the heap gave (0 if it refused).
 * An M that starts a memalign does the whole memalign; its A is then a no-op.
 * D (a free pushed onto the delay list) changes no heap state: it only annotates the view.
 */
export function applyEvent(heap: Heap, events: readonly ReplayableEvent[], i: number): number {
  const event = events[i];
  heap.setContext(event.pid, event.owner ?? 0, event.site ?? 0);
  if (startsMemalign(events, i)) return heap.memalign(alignmentOf(event, events[i + 1], heap.profile), events[i + 1].req);
  if (event.op === "M") return heap.malloc(event.req);
  if (event.op === "R") return heap.realloc(event.off2 ?? 0, event.req);
  if (event.op === "F") return heap.free(event.off) ? 0 : event.off;
  return event.op === "A" ? lastLoggedEvent(heap).off : event.off;
}

/** How the heap's own record of events[i], just applied, differs from the recorded one. */
export function eventProblems(heap: Heap, events: readonly ReplayableEvent[], i: number, result: number): string[] {
  const event = events[i];
  if (result === 0) {
    const why = heap.lastError("free");
    return [`the heap refused it${why ? ` (${why.message})` : ""}`];
  }
  if (event.op === "D") return [];
  // A memalign logs its raw M and then its A: the raw M is the second newest row.
  const mine = lastLoggedEvent(heap, startsMemalign(events, i) ? 1 : 0);
  const problems: string[] = [];
  if (mine.off !== event.off) problems.push(`offset ${mine.off} (recorded ${event.off})`);
  if (mine.node !== event.node) problems.push(`node ${mine.node} (recorded ${event.node})`);
  if (mine.curused !== event.curused) problems.push(`curused ${mine.curused} (recorded ${event.curused})`);
  return problems;
}
