// The out-of-band node tags (assembly/mm/tags.ts): a state byte for every
// address a node can start at, and the records the views read, which the host
// may stop keeping.
import { describe, expect, it } from "vitest";
import { EVENT_OP, Heap, NODE_WORDS } from "../../src/heap/heap";
import { allHeapProfiles, heapProfile } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";

const START = 0x8002bf40;
const SIZE = 1 << 20;
const SIZES = [100, 24, 1000, 40, 5000, 8, 300];

/** Each node's row as an object, the guards left out. */
function liveRows(heap: Heap) {
  const view = heap.nodes();
  const rows = [];
  for (let row = 0; row < view.count; row++) {
    const [offset, size, flags, pid, seqno, label, request] = view.words.slice(row * NODE_WORDS, (row + 1) * NODE_WORDS);
    if ((flags & 1) !== 0 && (flags & 4) === 0) rows.push({ offset, size, pid, seqno, label, request });
  }
  return rows;
}

describe("a pointer into a live block is never taken for a node", () => {
  it.each(allHeapProfiles().map((p) => [p.name, p] as const))("%s: every aligned pointer inside a block's first 64 bytes", async (_, profile) => {
    const heap = Heap.create(await nodeInstance(), profile, START, SIZE);
    const blocks = SIZES.map((size) => heap.malloc(size));
    const before = liveRows(heap);
    for (const [i, block] of blocks.entries()) {
      for (let inside = profile.align; inside < Math.min(64, SIZES[i]); inside += profile.align) {
        expect(heap.free(block + inside)?.kind, `block ${block} + ${inside}`).toBe("not-a-node");
      }
    }
    expect(liveRows(heap)).toEqual(before);
    expect(heap.check()).toBeNull();
  });
});

describe("records", () => {
  it("are kept by default: pid, seqno, owner | site << 8 and the request", async () => {
    const heap = Heap.create(await nodeInstance(), heapProfile("rv-virt", "patched"), START, SIZE);
    heap.setContext(7, 3, 0x1234);
    const a = heap.malloc(100);
    heap.setContext(9, 0xff, 0xffff);
    const b = heap.malloc(40);
    expect(liveRows(heap).map(({ offset, pid, seqno, label, request }) => ({ offset, pid, seqno, label, request }))).toEqual([
      { offset: a - 8, pid: 7, seqno: 0, label: 3 | (0x1234 << 8), request: 100 },
      { offset: b - 8, pid: 9, seqno: 1, label: 0xff | (0xffff << 8), request: 40 },
    ]);
  });

  it("read as 0 for nodes handed out while they were off; the others keep theirs, and seqno keeps counting", async () => {
    const heap = Heap.create(await nodeInstance(), heapProfile("sim", "upstream"), START, SIZE);
    heap.setContext(5, 2, 1);
    heap.malloc(100);
    heap.keepRecords(false);
    const b = heap.malloc(200);
    heap.realloc(heap.malloc(50), 30);
    heap.keepRecords(true);
    heap.malloc(60);
    expect(liveRows(heap).map(({ pid, seqno, label, request }) => [pid, seqno, label, request])).toEqual([
      [5, 0, 2 | (1 << 8), 100],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [5, 4, 2 | (1 << 8), 60],
    ]);
    expect(heap.free(b)).toBeNull();
    expect(heap.check()).toBeNull();
  });

  it("off: double frees, frees on the delay list and pointers inside blocks are still caught", async () => {
    const heap = Heap.create(await nodeInstance(), heapProfile("rv-virt", "unpatched"), START, SIZE);
    heap.keepRecords(false);
    const a = heap.malloc(100);
    const b = heap.malloc(100);
    const c = heap.malloc(100);
    expect(heap.free(a)).toBeNull();
    expect(heap.free(a)?.kind).toBe("double-free");
    expect(heap.free(b + 8)?.kind).toBe("not-a-node");
    expect(heap.free(b, true)).toBeNull();
    expect(heap.free(b)?.kind).toBe("already-deferred");
    expect(heap.realloc(a, 10)).toBe(0);
    expect(heap.lastError("realloc")?.kind).toBe("realloc-freed");
    expect(heap.free(c)).toBeNull();
    expect(heap.check()).toBeNull();
  });

  it("off: a free's event carries label 0 where no record was kept", async () => {
    const heap = Heap.create(await nodeInstance(), heapProfile("rv-virt", "patched"), START, SIZE);
    heap.setContext(1, 4, 2);
    const kept = heap.malloc(100);
    heap.keepRecords(false);
    const unkept = heap.malloc(100);
    heap.setContext(1, 6, 0);
    heap.free(kept);
    heap.free(unkept);
    const events = heap.events();
    const frees = [];
    for (let row = 0; row < events.count; row++) if (events.get(row, 1) === EVENT_OP.F) frees.push(events.get(row, 9));
    expect(frees).toEqual([4 | (2 << 8), 0]);
  });
});
