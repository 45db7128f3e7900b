// A heap as /proc/memdump printed it: the nodes of one or two dumps (the used
// and the free ones) laid out by address, in the node table layout the heap
// map draws (NODE_WORDS: offset, size, flags, pid, seqno, label, request).
// mm_heap tiles its region with nodes and merges neighbouring free nodes
// (mm/mm_heap/mm_free.c), so with every used node listed, each gap between
// two of them is exactly one free node; with every free node listed, each
// gap is used. Other dumps (one task's, the leaks) say nothing about gaps.
import type { DumpNode, MemDump } from "../import/memdump";
import { NODE_FLAG, NODE_WORDS } from "../heap/heap";
import { ParseError } from "../trace/parse-error";

export interface DumpHeap {
  /** The address offsets count from. */
  base: number;
  /** From `base` to the last node's end. */
  bytes: number;
  /** The end of the last used node that is not the end guard: what the heap map fits to. */
  span: number;
  count: number;
  /** NODE_WORDS per node; `label` is the line the dump printed it on (0 for a gap no dump lists). */
  nodes: Uint32Array;
  usedNodes: number;
  usedBytes: number;
  freeSizes: number[];
  /** Every dump has a PID column (CONFIG_MM_BACKTRACE >= 0, or a 2026 tree). */
  hasPid: boolean;
}

/** The node table's offsets are 32-bit. */
const MAX_SPAN = 2 ** 32 - 1;
const SKIPPED_POOL = "skip block dump";

interface Placed {
  start: number;
  size: number;
  used: boolean;
  guard: boolean;
  pid: number;
  seq: number;
  line: number;
}

/** MM_SIZEOF_ALLOCNODE (mm/mm_heap/mm.h, MM_BACKTRACE < 0): the printed address is the node plus this. */
function headerSize(dump: MemDump): number {
  return 2 * dump.pointerSize;
}

function place(dump: MemDump, node: DumpNode): Placed {
  const used = dump.mode !== "free";
  return { start: node.address - headerSize(dump), size: node.size, used, guard: false, pid: node.pid ?? 0, seq: node.seq ?? 0, line: node.line };
}

/** Dumps that describe one heap at one moment: a used dump and a free dump, next to each other. */
export function groupDumps<T extends MemDump>(dumps: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const dump of dumps) {
    const last = groups[groups.length - 1];
    const pairs = last?.length === 1 && [last[0].mode, dump.mode].sort().join() === "free,used" && last[0].pointerSize === dump.pointerSize;
    if (pairs) last.push(dump);
    else groups.push([dump]);
  }
  return groups;
}

/** mm_initialize's start and end guards: the lowest and highest used node, each one header long (mm/mm_heap/mm_initialize.c). */
function markGuards(nodes: Placed[], header: number): void {
  for (const node of [nodes[0], nodes[nodes.length - 1]]) if (node?.used && node.size === header) node.guard = true;
}

/** The gaps between listed nodes, as the nodes the listed mode implies (or none). */
function fillGaps(nodes: Placed[], gapsUsed: boolean | null): Placed[] {
  if (gapsUsed === null) return nodes;
  const out: Placed[] = [];
  nodes.forEach((node, i) => {
    const previous = nodes[i - 1];
    const end = previous ? previous.start + previous.size : node.start;
    if (node.start > end) out.push({ start: end, size: node.start - end, used: gapsUsed, guard: false, pid: 0, seq: 0, line: 0 });
    out.push(node);
  });
  return out;
}

/** The lowest node start of any of the dumps: one base for every dump of a session keeps their maps on one axis. */
export function dumpBase(dumps: readonly MemDump[]): number {
  const starts = dumps.flatMap((dump) => dump.nodes.map((node) => node.address - headerSize(dump)));
  return starts.length > 0 ? starts.reduce((a, b) => Math.min(a, b)) : 0;
}

export function dumpHeap(dumps: readonly MemDump[], base = dumpBase(dumps)): DumpHeap {
  const header = headerSize(dumps[0]);
  const listed = dumps
    .flatMap((dump) => dump.nodes.filter((n) => n.note !== SKIPPED_POOL).map((node) => place(dump, node)))
    .sort((a, b) => a.start - b.start);
  listed.forEach((node, i) => {
    const previous = listed[i - 1];
    if (previous && node.start < previous.start + previous.size) {
      throw new ParseError(node.line, `a node at or after 0x${(previous.start + previous.size + header).toString(16)}, where the node of line ${previous.line} ends`, `0x${(node.start + header).toString(16)}`);
    }
  });
  const modes = new Set(dumps.map((d) => d.mode));
  markGuards(listed, header);
  const nodes = fillGaps(listed, modes.has("used") ? false : modes.has("free") ? true : null);
  const last = nodes[nodes.length - 1];
  const bytes = last ? last.start + last.size - base : 0;
  if (bytes > MAX_SPAN) throw new ParseError(last.line || dumps[0].line, "nodes within 4 GiB of the first one", `a heap of ${bytes} bytes`);
  const table = new Uint32Array(nodes.length * NODE_WORDS);
  nodes.forEach((node, row) => {
    const flags = (node.used ? NODE_FLAG.alloc : 0) | (node.guard ? NODE_FLAG.guard : 0);
    table.set([node.start - base, node.size, flags, node.pid >>> 0, node.seq >>> 0, node.line, 0], row * NODE_WORDS);
  });
  const used = nodes.filter((n) => n.used);
  const lastUsed = used.filter((n) => !n.guard).at(-1);
  return {
    base,
    bytes,
    span: lastUsed ? lastUsed.start + lastUsed.size - base : 0,
    count: nodes.length,
    nodes: table,
    usedNodes: used.length,
    usedBytes: used.reduce((sum, n) => sum + n.size, 0),
    freeSizes: nodes.filter((n) => !n.used).map((n) => n.size),
    hasPid: dumps.every((dump) => dump.columns.includes("PID")),
  };
}
