// What NSH `free` prints: fs/procfs/fs_procfsmeminfo.c, meminfo_read.
// 2024 trees: "%11s%11s%11s%11s%11s%11s%7s%7s" header, then "%10s:%11lu...%7lu%7lu".
// 2026 trees (60aa08e365f9): "%11s...%7s%7s%s" with " name" last, rows "...%7lu%7lu %s".
import type { Mallinfo } from "./mallinfo";
import type { HeapProfile } from "./profiles";

const pad = (width: number, value: string | number) => String(value).padStart(width);

/** mallinfo fields are int; procfs prints them as unsigned long. */
const ulong = (value: number) => value >>> 0;

function columns(info: Mallinfo): string {
  return [info.total, info.used, info.free, info.maxused, info.maxfree].map((v) => pad(11, ulong(v))).join("") + pad(7, ulong(info.nused)) + pad(7, ulong(info.nfree));
}

export function formatFree(format: HeapProfile["freeFormat"], heaps: { name: string; info: Mallinfo }[]): string {
  const titles = ["total", "used", "free", "maxused", "maxfree"].map((t) => pad(11, t)).join("") + pad(7, "nused") + pad(7, "nfree");
  if (format === "2024") {
    return [pad(11, "") + titles, ...heaps.map(({ name, info }) => `${pad(10, name)}:${columns(info)}`)].join("\n") + "\n";
  }
  return [titles + " name", ...heaps.map(({ name, info }) => `${columns(info)} ${name}`)].join("\n") + "\n";
}
