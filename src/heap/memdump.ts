// What writing to /proc/memdump prints (mm/mm_heap/mm_memdump.c, 2024 layout,
// CONFIG_MM_BACKTRACE < 0): every used node (guards included) or every free
// node, each as its size and its payload's address, then the totals.
import { NODE_FLAG, type Heap } from "./heap";

export type DumpKind = "used" | "free";

/** fs/procfs/fs_procfsmeminfo.c memdump_write: 'f' asks for free nodes; anything else dumps the used ones. */
export function dumpKindOf(written: string): DumpKind {
  return written.startsWith("f") ? "free" : "used";
}

export function formatMemdump(heap: Heap, kind: DumpKind): string {
  const width = heap.profile.pointerSize === 4 ? 11 : 19;
  const header = heap.profile.pointerSize * 2;
  const base = heap.start + heap.startOffset;
  const nodes = heap.nodes();
  const lines = [kind === "used" ? "Dump all used memory node info:" : "Dump all free memory node info:", `${"Size".padStart(12)}${"Address".padStart(width)}`];
  let blocks = 0;
  let bytes = 0;
  for (let row = 0; row < nodes.count; row++) {
    const used = (nodes.get(row, 2) & NODE_FLAG.alloc) !== 0;
    if (used !== (kind === "used")) continue;
    const size = nodes.get(row, 1);
    const address = base + nodes.get(row, 0) + header;
    lines.push(`${String(size).padStart(12)}${`0x${address.toString(16)}`.padStart(width)}`);
    blocks++;
    bytes += size;
  }
  lines.push(`${"Total Blks".padStart(12)}${"Total Size".padStart(12)}`, `${String(blocks).padStart(12)}${String(bytes).padStart(12)}`);
  return `${lines.join("\n")}\n`;
}
