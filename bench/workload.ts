// The allocator benchmark's workload, as fixtures/nuttx/reference/bench-workload.md §1
// defines it: malloc/free/realloc over 4096 slots, drawn from xorshift32.

export const SEED = 2463534242;
export const OPS = 1_000_000;
export const SLOTS = 4096;
export const HEAP_BYTES = 16 * 1024 * 1024;
/** Each op's kind, as the binary form encodes it. */
export const MALLOC = 0;
export const FREE = 1;
export const REALLOC = 2;
export const KIND_NAMES = ["malloc", "free", "realloc"] as const;
const RECORD_BYTES = 8;

/** Marsaglia's xorshift32 (13/17/5) on a uint32 state. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** The op stream as parallel arrays; `size` is 0 for a free. */
export interface Workload {
  length: number;
  kind: Uint8Array;
  slot: Uint16Array;
  size: Uint32Array;
}

export function generateWorkload(ops = OPS, seed = SEED): Workload {
  const next = xorshift32(seed);
  const drawSize = () => (next() % 16 === 0 ? 4096 + (next() % 61441) : 16 + (next() % 1024));
  const occupied = new Uint8Array(SLOTS);
  const workload: Workload = { length: ops, kind: new Uint8Array(ops), slot: new Uint16Array(ops), size: new Uint32Array(ops) };
  for (let i = 0; i < ops; i++) {
    const s = next() % SLOTS;
    workload.slot[i] = s;
    if (!occupied[s]) {
      workload.kind[i] = MALLOC;
      workload.size[i] = drawSize();
      occupied[s] = 1;
    } else if (next() % 8 === 0) {
      workload.kind[i] = REALLOC;
      workload.size[i] = drawSize();
    } else {
      workload.kind[i] = FREE;
      occupied[s] = 0;
    }
  }
  return workload;
}

/** One little-endian record per op: u8 kind, u8 0, u16 slot, u32 size. */
export function binaryForm(workload: Workload): Uint8Array {
  const bytes = new Uint8Array(workload.length * RECORD_BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < workload.length; i++) {
    const at = i * RECORD_BYTES;
    view.setUint8(at, workload.kind[i]);
    view.setUint16(at + 2, workload.slot[i], true);
    view.setUint32(at + 4, workload.size[i], true);
  }
  return bytes;
}

/** The stream's properties, named as §1's table names them. */
export function workloadProperties(workload: Workload): Record<string, number> {
  const counts = [0, 0, 0];
  let liveBlocks = 0;
  let peak = 0;
  let sizeSum = 0;
  let large = 0;
  for (let i = 0; i < workload.length; i++) {
    const kind = workload.kind[i];
    const size = workload.size[i];
    counts[kind]++;
    sizeSum += size;
    if (size >= 4096) large++;
    if (kind !== REALLOC) {
      liveBlocks += kind === MALLOC ? 1 : -1;
      peak = Math.max(peak, liveBlocks);
    }
  }
  const sized = counts[MALLOC] + counts[REALLOC];
  return {
    malloc: counts[MALLOC],
    free: counts[FREE],
    realloc: counts[REALLOC],
    "ops that carry a size": sized,
    "mean requested size": Math.round((sizeSum / sized) * 10) / 10,
    "large (≥ 4096) requests": large,
    "live blocks at the end": liveBlocks,
    "peak live blocks": peak,
  };
}
