// Runs the benchmark workload on a heap: the WASM core, or the same allocator
// compiled to plain JavaScript, behind the same Heap facade. Two paths: one
// call into the heap per op, or the op loop inside the module (assembly/mm/batch.ts).
import { Heap } from "../src/heap/heap";
import type { Mallinfo } from "../src/heap/mallinfo";
import { heapProfile, type HeapProfile } from "../src/heap/profiles";
import type { Leakless } from "../src/wasm/leakless";
import { FREE, HEAP_BYTES, MALLOC, SLOTS, binaryForm, type Workload } from "./workload";

export interface BenchConfig {
  profile: HeapProfile;
  /** How bench-workload.md §3 names the native build of the same allocator, if it timed one. */
  nativeBuild?: string;
}

/** bench-workload.md's configurations: J = the June 2024 tree, U = upstream 2026; -m32 = 4-byte pointers. */
export const BENCH_CONFIGS: Record<string, BenchConfig> = {
  "J x86_64": { profile: heapProfile("sim", "patched"), nativeBuild: "NuttX 2024-06, x86_64" },
  "U x86_64": { profile: heapProfile("sim", "upstream"), nativeBuild: "NuttX 2026, x86_64" },
  "J -m32": { profile: heapProfile("rv-virt", "patched"), nativeBuild: "NuttX 2024-06, 32-bit pointers" },
  "U -m32": { profile: heapProfile("rv-virt", "upstream") },
};

/** Any multiple of 4096 gives the same offsets. */
const HEAP_START = 0x100000;
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const NULL_OFFSET = 0xffffffff;
export const FIRST_OFFSETS_KEPT = 16;

/** "calls": the host calls malloc, free or realloc once per op; "batch": the module loops over the ops itself. */
export type RunPath = "calls" | "batch";

export interface Trajectory {
  ops: number;
  /** The FNV-style hash over every returned offset from the buffer start. */
  hash: number;
  reallocMoved: number;
  firstOffsets: number[];
  /** mallinfo after N ops, for each N asked for. */
  checkpoints: Map<number, Mallinfo>;
}

export function benchConfig(name: string): BenchConfig {
  const config = BENCH_CONFIGS[name];
  if (!config) throw new Error(`bench-workload.md names a configuration "${name}" that no heap profile models`);
  return config;
}

/**
 * mm_initialize(buf, 16 MiB) on a buffer that starts at a multiple of 4096.
 * Like native NuttX (CONFIG_MM_BACKTRACE < 0), it keeps no event log and no
 * per-node records for the views; bad frees are still caught.
 */
export function benchHeap(wasm: Leakless, profile: HeapProfile): Heap {
  const heap = Heap.create(wasm, profile, HEAP_START, HEAP_BYTES);
  heap.logEvents(false);
  heap.keepRecords(false);
  return heap;
}

/** Ops 0 .. ops-1 of the workload, on a fresh heap, one call per op. Live blocks are not freed at the end. */
export function runWorkload(heap: Heap, workload: Workload, ops = workload.length, checkpointsAt: number[] = []): Trajectory {
  const { kind, slot, size } = workload;
  const stops = [...checkpointsAt.filter((n) => n <= ops).sort((a, b) => a - b), Infinity]; // never read past the end: V8's slow path
  const checkpoints = new Map<number, Mallinfo>();
  const firstOffsets: number[] = [];
  const ptr = new Uint32Array(SLOTS);
  const base = heap.startOffset;
  let hash = FNV_OFFSET;
  let reallocMoved = 0;
  let stop = 0;
  while (stops[stop] === 0) checkpoints.set(stops[stop++], heap.mallinfo());
  for (let i = 0; i < ops; i++) {
    const s = slot[i];
    if (kind[i] === FREE) {
      heap.free(ptr[s]);
      ptr[s] = 0;
    } else {
      const old = ptr[s];
      const p = kind[i] === MALLOC ? heap.malloc(size[i]) : heap.realloc(old, size[i]);
      if (p !== 0) {
        if (old !== 0 && p !== old) reallocMoved++;
        ptr[s] = p;
      }
      const v = p === 0 ? NULL_OFFSET : base + p;
      hash = Math.imul(hash ^ v, FNV_PRIME) >>> 0;
      if (firstOffsets.length < FIRST_OFFSETS_KEPT) firstOffsets.push(v);
    }
    if (i + 1 === stops[stop]) checkpoints.set(stops[stop++], heap.mallinfo());
  }
  return { ops, hash, reallocMoved, firstOffsets, checkpoints };
}

/** The workload whose binary form each instance holds for the batch path. */
const loaded = new WeakMap<Leakless, Workload>();

/** Writes the workload's binary form into the instance's memory, unless it is there already. */
export function loadBatch(wasm: Leakless, workload: Workload): void {
  if (loaded.get(wasm) === workload) return;
  const at = wasm.heapBatchReserve(workload.length);
  new Uint8Array(wasm.memory.buffer).set(binaryForm(workload), at);
  loaded.set(wasm, workload);
}

/** The first `count` ops that return a pointer: ends of stretches of their own, so that each offset can be read back. */
function firstSizedEnds(workload: Workload, ops: number, count: number): number[] {
  const ends: number[] = [];
  for (let i = 0; i < ops && ends.length < count; i++) if (workload.kind[i] !== FREE) ends.push(i + 1);
  return ends;
}

/**
 * The same ops, looped inside the module: one call per stretch between
 * checkpoints, and one for each of the first `firstOffsetsKept` ops that return a pointer.
 */
export function runBatch(heap: Heap, workload: Workload, ops = workload.length, checkpointsAt: number[] = [], firstOffsetsKept = 0): Trajectory {
  const { wasm } = heap;
  loadBatch(wasm, workload);
  const ends = [...new Set([...firstSizedEnds(workload, ops, firstOffsetsKept), ...checkpointsAt.filter((n) => n < ops), ops])].filter((n) => n > 0);
  const checkpoints = new Map<number, Mallinfo>();
  const firstOffsets: number[] = [];
  let state = { hash: FNV_OFFSET, reallocMoved: 0 };
  wasm.heapBatchStart();
  if (checkpointsAt.includes(0)) checkpoints.set(0, heap.mallinfo());
  let done = 0;
  for (const end of ends.sort((a, b) => a - b)) {
    const at = wasm.heapBatchRun(done, end) >>> 2;
    const words = heap.memory();
    state = { hash: words[at], reallocMoved: words[at + 1] };
    if (firstOffsets.length < firstOffsetsKept && workload.kind[end - 1] !== FREE) firstOffsets.push(words[at + 2]);
    if (checkpointsAt.includes(end)) checkpoints.set(end, heap.mallinfo());
    done = end;
  }
  return { ops, ...state, firstOffsets, checkpoints };
}
