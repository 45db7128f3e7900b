// The one straight pass over a stream of events: apply each in order, check it
// against what was recorded, and report each position to the caller.
import { Heap } from "../heap/heap";
import type { HeapProfile } from "../heap/profiles";
import type { Leakless } from "../wasm/leakless";
import { applyEvent, eventProblems, type ReplayableEvent } from "./apply-event";
import { MallinfoSeries } from "./mallinfo-series";

export interface StraightReplay {
  heap: Heap;
  /** mallinfo at every position 0..events.length. */
  series: MallinfoSeries;
  /** Events where the heap did not do what the recording says, e.g. "event 12 (seq 12) M: offset 40 (recorded 48)". */
  problems: string[];
}

/**
 * Replay `events` on a fresh heap. `visit(heap, p)` runs at each position p
 * (0 before the first event, events.length after the last).
 */
export function straightReplay(
  wasm: Leakless,
  profile: HeapProfile,
  region: { start: number; size: number },
  events: readonly (ReplayableEvent & { seq: number })[],
  visit: (heap: Heap, position: number) => void = () => {},
): StraightReplay {
  const heap = Heap.create(wasm, profile, region.start, region.size);
  const series = MallinfoSeries.empty(events.length + 1);
  const problems: string[] = [];
  series.set(0, heap.mallinfo());
  visit(heap, 0);
  events.forEach((event, i) => {
    const found = eventProblems(heap, events, i, applyEvent(heap, events, i));
    if (found.length > 0) problems.push(`event ${i} (seq ${event.seq}) ${event.op}: ${found.join(", ")}`);
    series.set(i + 1, heap.mallinfo());
    visit(heap, i + 1);
  });
  return { heap, series, problems };
}
