// Heap profiles: the allocator facts of each board and tree.
// Sources: ../shared/reference/nuttx-mm-heap.md §1.2, §2.1, §9, §11.2, §16 and
// the struct table of the groundtruth README (sizeof(struct mm_heap_s)).

export const BOARDS = ["rv-virt", "sim"] as const;
export const TREES = ["unpatched", "backport", "patched", "upstream"] as const;
export type Board = (typeof BOARDS)[number];
export type Tree = (typeof TREES)[number];

/** Which source lines assert on a bad free; they moved between trees. */
export type AssertSites = {
  freeNotAlloc: string;
  freeNotMember: string;
  reallocNotAlloc: string;
  reallocNotMember: string;
};

export interface HeapProfile {
  name: string;
  /** sizeof(uintptr_t) = sizeof(mmsize_t). */
  pointerSize: 4 | 8;
  /** MM_ALIGN: 2 x pointer before apache/nuttx 11d54b34a75e (2025-01), then 8. */
  align: number;
  /** sizeof(struct mm_heap_s). */
  heapStruct: number;
  /** mm_curused counts the heap struct and guards: apache/nuttx bdcda24a680 (2024-06-07). */
  curusedFixed: boolean;
  /** mallinfo drains the delay list (mm_foreach, apache/nuttx e8bbf496ee9e, 2026-01). */
  drainOnWalk: boolean;
  /** NSH `free`: 2024 puts "Name:" first; 2026 (60aa08e365f9) puts the name last. */
  freeFormat: "2024" | "2026";
  asserts: AssertSites;
}

const ASSERTS_2024_05: AssertSites = {
  freeNotAlloc: "mm_heap/mm_free.c:113",
  freeNotMember: "mm_heap/mm_free.c:219",
  reallocNotAlloc: "mm_heap/mm_realloc.c:133",
  reallocNotMember: "mm_heap/mm_realloc.c:84",
};
const ASSERTS_2024_06: AssertSites = {
  freeNotAlloc: "mm_heap/mm_free.c:120",
  freeNotMember: "mm_heap/mm_free.c:226",
  reallocNotAlloc: "mm_heap/mm_realloc.c:133",
  reallocNotMember: "mm_heap/mm_realloc.c:84",
};
const ASSERTS_2026: AssertSites = {
  freeNotAlloc: "mm_heap/mm_malloc_size.c:73",
  freeNotMember: "mm_heap/mm_free.c:243",
  reallocNotAlloc: "mm_heap/mm_realloc.c:140",
  reallocNotMember: "mm_heap/mm_realloc.c:87",
};

const POINTER: Record<Board, 4 | 8> = { "rv-virt": 4, sim: 8 };
/** sizeof(struct mm_heap_s): rv32 and sim64, 2024 and 2026 trees. */
const HEAP_STRUCT: Record<Board, [number, number]> = { "rv-virt": [356, 368], sim: [680, 696] };

export function heapProfile(board: Board, tree: Tree): HeapProfile {
  const pointerSize = POINTER[board];
  const upstream = tree === "upstream";
  const legacy = tree === "unpatched" || tree === "backport";
  return {
    name: `${board}/${tree}`,
    pointerSize,
    align: upstream ? 8 : 2 * pointerSize,
    heapStruct: HEAP_STRUCT[board][upstream ? 1 : 0],
    curusedFixed: !legacy,
    drainOnWalk: upstream,
    freeFormat: upstream ? "2026" : "2024",
    asserts: upstream ? ASSERTS_2026 : legacy ? ASSERTS_2024_05 : ASSERTS_2024_06,
  };
}

export function allHeapProfiles(): HeapProfile[] {
  return BOARDS.flatMap((board) => TREES.map((tree) => heapProfile(board, tree)));
}

export function isBoard(name: string): name is Board {
  return (BOARDS as readonly string[]).includes(name);
}

export function isTree(name: string): name is Tree {
  return (TREES as readonly string[]).includes(name);
}
