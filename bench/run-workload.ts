// Runs the benchmark workload on a heap and checks where it went against the
// native NuttX states that bench-workload.md §2 records.
import { Heap } from "../src/heap/heap";
import { MALLINFO_FIELDS, type Mallinfo } from "../src/heap/mallinfo";
import { heapProfile, type HeapProfile } from "../src/heap/profiles";
import type { Leakless } from "../src/wasm/leakless";
import type { ConfigReference } from "./reference";
import { FREE, HEAP_BYTES, MALLOC, SLOTS, type Workload } from "./workload";

/** The document's configurations: J = the June 2024 tree, U = upstream 2026; -m32 = 4-byte pointers. */
export const CONFIG_PROFILES: Record<string, HeapProfile> = {
  "J x86_64": heapProfile("sim", "patched"),
  "U x86_64": heapProfile("sim", "upstream"),
  "J -m32": heapProfile("rv-virt", "patched"),
  "U -m32": heapProfile("rv-virt", "upstream"),
};

/** Any multiple of 4096 gives the same offsets. */
const HEAP_START = 0x100000;
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const NULL_OFFSET = 0xffffffff;
const FIRST_OFFSETS_KEPT = 16;

export interface Trajectory {
  ops: number;
  /** The FNV-style hash over every returned offset from the buffer start. */
  hash: number;
  reallocMoved: number;
  firstOffsets: number[];
  /** mallinfo after N ops, for each N asked for. */
  checkpoints: Map<number, Mallinfo>;
}

export function profileFor(config: string): HeapProfile {
  const profile = CONFIG_PROFILES[config];
  if (!profile) throw new Error(`bench-workload.md names a configuration "${config}" that no heap profile models`);
  return profile;
}

/** mm_initialize(buf, 16 MiB) on a buffer that starts at a multiple of 4096. */
export function benchHeap(wasm: Leakless, profile: HeapProfile): Heap {
  const heap = Heap.create(wasm, profile, HEAP_START, HEAP_BYTES);
  heap.logEvents(false);
  return heap;
}

/** Ops 0 .. ops-1 of the workload, on a fresh heap. Live blocks are not freed at the end. */
export function runWorkload(heap: Heap, workload: Workload, ops = workload.length, checkpointsAt: number[] = []): Trajectory {
  const { kind, slot, size } = workload;
  const stops = checkpointsAt.filter((n) => n <= ops).sort((a, b) => a - b);
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

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

function mallinfoProblems(what: string, want: Mallinfo, got: Mallinfo | undefined): string[] {
  if (!got) return [`${what}: not measured`];
  const wrong = MALLINFO_FIELDS.filter((field) => got[field] !== want[field]);
  return wrong.length === 0 ? [] : [`${what}: ${wrong.map((field) => `${field} ${got[field]} (native ${want[field]})`).join(", ")}`];
}

/** Every recorded fact the trajectory covers; a run of all ops must also end in the final state. */
export function trajectoryProblems(reference: ConfigReference, run: Trajectory, totalOps: number): string[] {
  const problems: string[] = [];
  for (const [ops, want] of reference.checkpoints) {
    if (ops <= run.ops && ops < totalOps) problems.push(...mallinfoProblems(ops === 0 ? "init" : `after ${ops} ops`, want, run.checkpoints.get(ops)));
  }
  const first = run.firstOffsets.slice(0, reference.firstOffsets.length);
  if (first.join() !== reference.firstOffsets.join()) problems.push(`first offsets ${first.join(", ")} (native ${reference.firstOffsets.join(", ")})`);
  if (run.ops < totalOps) return problems;
  problems.push(...mallinfoProblems("final", reference.final, run.checkpoints.get(totalOps)));
  if (run.hash !== reference.hash) problems.push(`offset hash ${hex(run.hash)} (native ${hex(reference.hash)})`);
  if (run.reallocMoved !== reference.reallocMoved) problems.push(`realloc moved ${run.reallocMoved} times (native ${reference.reallocMoved})`);
  return problems;
}

/** The first `ops` ops in the reference's configuration, checked at every recorded point they reach. */
export function checkWorkload(wasm: Leakless, reference: ConfigReference, workload: Workload, ops = workload.length): string[] {
  const heap = benchHeap(wasm, profileFor(reference.name));
  const run = runWorkload(heap, workload, ops, [...reference.checkpoints.keys(), workload.length]);
  return trajectoryProblems(reference, run, workload.length);
}
