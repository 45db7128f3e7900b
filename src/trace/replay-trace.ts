// Replay a real kernel trace through the WASM heap, checking every recorded
// offset, node size and curused value.
import { applyEvent, eventProblems } from "../engine/apply-event";
import { Heap } from "../heap/heap";
import type { Mallinfo } from "../heap/mallinfo";
import type { HeapProfile } from "../heap/profiles";
import type { Leakless } from "../wasm/leakless";
import type { TraceEvent } from "./csv";

export interface TraceReport {
  passed: number;
  failed: number;
  failures: string[];
  /** mallinfo right after each requested seq. */
  snapshots: { seq: number; info: Mallinfo }[];
  heap: Heap;
}

/** The `size` for mm_initialize(start, size) that gives `arena == total`. */
export function regionForTotal(profile: HeapProfile, start: number, total: number): number {
  const up = (x: number, a: number) => Math.ceil(x / a) * a;
  const twoA = 4 * profile.pointerSize;
  const s0 = up(start, profile.align);
  const base = up(s0 + profile.heapStruct + twoA, profile.align) - twoA;
  const region = total - profile.heapStruct;
  if (region <= 4 * twoA || region % profile.align !== 0) {
    throw new Error(`total ${total} is not possible on ${profile.name}: total minus the heap struct (${profile.heapStruct}) must be a positive multiple of MM_ALIGN (${profile.align})`);
  }
  return base - start + region;
}

export function replayTrace(wasm: Leakless, profile: HeapProfile, total: number, events: TraceEvent[], at: number[] = []): TraceReport {
  const start = events[0]?.heap ?? 0;
  const heap = Heap.create(wasm, profile, start, regionForTotal(profile, start, total));
  const report: TraceReport = { passed: 0, failed: 0, failures: [], snapshots: [], heap };
  const wanted = new Set(at);
  const check = (event: TraceEvent, problems: string[]) => {
    if (problems.length === 0) report.passed++;
    else {
      report.failed++;
      report.failures.push(`seq ${event.seq} (line ${event.line}) ${event.op}: ${problems.join(", ")}`);
    }
  };
  events.forEach((event, i) => {
    check(event, eventProblems(heap, events, i, applyEvent(heap, events, i)));
    if (wanted.has(event.seq)) report.snapshots.push({ seq: event.seq, info: heap.mallinfo() });
  });
  return report;
}
