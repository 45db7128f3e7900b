// The session's `free` rows as CSV: one line per heap of every `free` the
// session printed (or, for a replayed source, that the heap gives there).
import type { Mallinfo } from "../heap/mallinfo";
import { MALLINFO_FIELDS } from "../heap/mallinfo";
import { toCsv } from "./csv";

export interface FreeRowExport {
  /** The stepper position where it printed. */
  position: number;
  /** The command typed before this `free`. */
  after: string | null;
  heaps: { name: string; info: Mallinfo }[];
}

/** The heap a `free` row is about when one number is wanted: the user heap, else the first. */
export function mainHeap<T extends { name: string }>(heaps: readonly T[]): T {
  return heaps.find((h) => h.name === "Umem") ?? heaps[0];
}

export const FREE_COLUMNS = ["row", "position", "after", "heap", ...MALLINFO_FIELDS] as const;

export function freeRowsCsv(rows: readonly FreeRowExport[]): string {
  const lines = rows.flatMap((row, i) => row.heaps.map(({ name, info }) => ({ row: i + 1, position: row.position, after: row.after, heap: name, ...info })));
  return toCsv(lines, FREE_COLUMNS);
}
