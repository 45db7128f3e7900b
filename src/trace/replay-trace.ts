// Replay a real kernel trace through the WASM heap, checking every recorded
// offset, node size and curused value.
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

/** memalign's alignment, recovered from its raw malloc: allocsize = ALIGN_UP(size) + 2 * alignment. */
function alignmentOf(raw: TraceEvent, trim: TraceEvent, profile: HeapProfile): number {
  const size = Math.ceil(trim.req / profile.align) * profile.align;
  return (raw.req - size) / 2;
}

function lastEvent(heap: Heap) {
  const view = heap.events();
  const row = view.count - 1;
  return { off: view.get(row, 2), node: view.get(row, 4), curused: view.get(row, 8) };
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
    heap.setContext(event.pid);
    let result: number;
    const next = events[i + 1];
    if (event.op === "M" && next?.op === "A" && next.off2 === event.off) result = heap.memalign(alignmentOf(event, next, profile), next.req);
    else if (event.op === "M") result = heap.malloc(event.req);
    else if (event.op === "R") result = heap.realloc(event.off2 ?? 0, event.req);
    else if (event.op === "F") result = heap.free(event.off) ? 0 : event.off;
    else result = lastEvent(heap).off; // A: done together with its raw M
    const mine = lastEvent(heap);
    const problems: string[] = [];
    if (result === 0) problems.push(`the heap refused it${heap.lastError("free") ? ` (${heap.lastError("free")?.message})` : ""}`);
    else {
      if (mine.off !== event.off) problems.push(`offset ${mine.off} (recorded ${event.off})`);
      if (mine.node !== event.node) problems.push(`node ${mine.node} (recorded ${event.node})`);
      if (mine.curused !== event.curused) problems.push(`curused ${mine.curused} (recorded ${event.curused})`);
    }
    check(event, problems);
    if (wanted.has(event.seq)) report.snapshots.push({ seq: event.seq, info: heap.mallinfo() });
  });
  return report;
}
