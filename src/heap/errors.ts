// The allocator's error codes (assembly/mm/errors.ts) as NuttX would report
// them: the text of the DEBUGASSERT that fires (sched/misc/assert.c format).
import type { HeapProfile } from "./profiles";

export const HEAP_ERRORS = {
  1: "not-in-heap",
  2: "double-free",
  3: "not-a-node",
  4: "realloc-freed",
  5: "already-deferred",
  10: "bad-guard",
  11: "bad-size",
  12: "bad-preceding",
  13: "adjacent-free",
  14: "bad-tiling",
  15: "bad-links",
  16: "list-order",
  17: "list-mismatch",
} as const;

export type HeapErrorKind = (typeof HEAP_ERRORS)[keyof typeof HEAP_ERRORS];

export interface HeapError {
  kind: HeapErrorKind;
  /** The user-pointer offset involved, from the start guard. */
  offset: number;
  /** NuttX's assertion text (sched/misc/assert.c prints it after "Assertion failed"). */
  assertion: string;
  /** What it means here: what was wrong, and where. */
  meaning: string;
  /** The assertion, then its meaning. */
  message: string;
}

const EXPLAIN: Record<HeapErrorKind, string> = {
  "not-in-heap": "the pointer is not inside the heap",
  "double-free": "the block was already freed",
  "not-a-node": "the pointer is not the start of a heap block",
  "realloc-freed": "realloc of a block that is not allocated",
  "already-deferred": "the block is already waiting on the delay list",
  "bad-guard": "a guard node was overwritten",
  "bad-size": "a node has an impossible size",
  "bad-preceding": "a node's preceding size or PREVFREE bit is wrong",
  "adjacent-free": "two free nodes are adjacent",
  "bad-tiling": "the nodes do not reach the end guard",
  "bad-links": "a free-list link is broken",
  "list-order": "a free list is out of order",
  "list-mismatch": "the free lists and the heap walk disagree",
};

function assertion(kind: HeapErrorKind, call: "free" | "realloc", profile: HeapProfile): string {
  const sites = profile.asserts;
  const node = call === "free" ? "node" : "oldnode";
  const mem = call === "free" ? "mem" : "oldmem";
  if (kind === "not-in-heap") {
    const site = call === "free" ? sites.freeNotMember : sites.reallocNotMember;
    return `Assertion failed mm_heapmember(heap, ${mem}): at file: ${site}`;
  }
  if (kind === "double-free" || kind === "not-a-node" || kind === "realloc-freed" || kind === "already-deferred") {
    const site = call === "free" ? sites.freeNotAlloc : sites.reallocNotAlloc;
    return `Assertion failed (((${node})->size & 0x1) != 0): at file: ${site}`;
  }
  return `Assertion failed: mm_checkcorruption: ${EXPLAIN[kind]}`;
}

export function heapError(code: number, offset: number, call: "free" | "realloc" | "check", profile: HeapProfile): HeapError | null {
  const kind = HEAP_ERRORS[code as keyof typeof HEAP_ERRORS];
  if (!kind) return null;
  const text = assertion(kind, call === "check" ? "free" : call, profile);
  const meaning = `${EXPLAIN[kind]} at offset ${offset}`;
  return { kind, offset, assertion: text, meaning, message: `${text} (${meaning})` };
}
