// Free lists per size class and fragmentation, as NuttX developers measure them.
import type { HeapProfile } from "../heap/profiles";

/** MM_MAX_SHIFT (mm/mm_heap/mm.h): every free chunk of 4 MiB or more shares the last list. */
const MAX_SHIFT = 22;

export interface SizeClass {
  /** mm_nodelist index. */
  bucket: number;
  /** Chunk sizes in [min, max); max is Infinity for the last list. */
  min: number;
  max: number;
  count: number;
  bytes: number;
  largest: number;
}

/** MM_MIN_SHIFT = LOG2_CEIL(sizeof(struct mm_freenode_s)), four pointers. */
function minShift(profile: HeapProfile): number {
  return Math.ceil(Math.log2(4 * profile.pointerSize));
}

/** mm_size2ndx (mm/mm_heap/mm_size2ndx.c): the free list a chunk of `size` bytes is on. */
export function sizeClassOf(profile: HeapProfile, size: number): number {
  const shift = minShift(profile);
  return Math.max(0, Math.min(MAX_SHIFT - shift, Math.floor(Math.log2(size)) - shift));
}

/** Every size class of the heap (mm_size2ndx), empty ones included. */
export function sizeClasses(profile: HeapProfile, chunks: Iterable<{ size: number; bucket: number }>): SizeClass[] {
  const shift = minShift(profile);
  const classes: SizeClass[] = Array.from({ length: MAX_SHIFT - shift + 1 }, (_, bucket) => ({
    bucket,
    min: 2 ** (bucket + shift),
    max: bucket === MAX_SHIFT - shift ? Infinity : 2 ** (bucket + shift + 1),
    count: 0,
    bytes: 0,
    largest: 0,
  }));
  for (const { size, bucket } of chunks) {
    const entry = classes[bucket];
    entry.count++;
    entry.bytes += size;
    entry.largest = Math.max(entry.largest, size);
  }
  return classes;
}

/**
 * nxgdb's `mm frag` rate, per mille (apache/nuttx tools/pynuttx/nxgdb/memdump.py, MMfrag):
 * with the free chunks s1 >= s2 >= ... and F their sum, R_i = F - (s1 + ... + s(i-1)),
 * rate = 1000 * sum over i of (1 - s_i / R_i) * s_i / F. One free chunk gives 0.
 */
export function mmFragRate(freeSizes: readonly number[]): number {
  const sizes = [...freeSizes].sort((a, b) => b - a);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return 0;
  let remaining = total;
  let rate = 0;
  for (const size of sizes) {
    rate += (1 - size / remaining) * (size / total);
    remaining -= size;
  }
  return rate * 1000;
}

/** 1 - largest / total free: the share of free memory that a single request cannot get. */
export function largestShortfall(freeSizes: readonly number[]): number {
  const total = freeSizes.reduce((sum, size) => sum + size, 0);
  const largest = freeSizes.reduce((max, size) => Math.max(max, size), 0);
  return total === 0 ? 0 : 1 - largest / total;
}
