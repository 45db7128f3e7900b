import { beforeEach, describe, expect, it } from "vitest";
import { Heap } from "../../src/heap/heap";
import { heapProfile } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";

const START = 0x8002bf40;
const SIZE = 1 << 20;

describe("bad frees get NuttX's assertion text and leave the heap usable", () => {
  let heap: Heap;
  beforeEach(async () => {
    heap = Heap.create(await nodeInstance(), heapProfile("rv-virt", "unpatched"), START, SIZE);
  });

  function unchangedAfter(action: () => void) {
    const before = heap.mallinfo();
    action();
    expect(heap.mallinfo()).toEqual(before);
    expect(heap.check()).toBeNull();
    expect(heap.malloc(40)).not.toBe(0);
  }

  it("double free", () => {
    const a = heap.malloc(100);
    heap.malloc(100);
    expect(heap.free(a)).toBeNull();
    unchangedAfter(() => {
      const error = heap.free(a);
      expect(error?.kind).toBe("double-free");
      expect(error?.message).toContain("Assertion failed (((node)->size & 0x1) != 0): at file: mm_heap/mm_free.c:113");
      expect(error?.offset).toBe(a);
    });
  });

  it("double free after the block merged into its free neighbour", () => {
    const a = heap.malloc(100);
    expect(heap.free(a)).toBeNull();
    unchangedAfter(() => expect(heap.free(a)?.kind).toBe("double-free"));
  });

  it("a pointer into the middle of a block", () => {
    const a = heap.malloc(100);
    unchangedAfter(() => expect(heap.free(a + 8)?.kind).toBe("not-a-node"));
  });

  it("a misaligned pointer and a pointer outside the heap", () => {
    const a = heap.malloc(100);
    unchangedAfter(() => {
      expect(heap.free(a + 3)?.kind).toBe("not-a-node");
      const outside = heap.free(0x7fffffff);
      expect(outside?.kind).toBe("not-in-heap");
      expect(outside?.message).toContain("Assertion failed mm_heapmember(heap, mem): at file: mm_heap/mm_free.c:219");
    });
  });

  it("realloc of a freed block", () => {
    const a = heap.malloc(100);
    heap.malloc(10);
    heap.free(a);
    unchangedAfter(() => {
      expect(heap.realloc(a, 200)).toBe(0);
      const error = heap.lastError("realloc");
      expect(error?.kind).toBe("realloc-freed");
      expect(error?.message).toContain("(((oldnode)->size & 0x1) != 0): at file: mm_heap/mm_realloc.c:133");
    });
  });

  it("a free of a block already on the delay list", () => {
    const a = heap.malloc(100);
    expect(heap.free(a, true)).toBeNull();
    unchangedAfter(() => expect(heap.free(a)?.kind).toBe("already-deferred"));
  });

  it("upstream reports a double free where its tree asserts: mm_malloc_size.c", async () => {
    const upstream = Heap.create(await nodeInstance(), heapProfile("rv-virt", "upstream"), START, SIZE);
    const a = upstream.malloc(100);
    upstream.free(a);
    expect(upstream.free(a)?.message).toContain("at file: mm_heap/mm_malloc_size.c:73");
  });

  it("a deferred free stays used until the next malloc drains the delay list", () => {
    const a = heap.malloc(100);
    heap.malloc(10);
    const used = heap.mallinfo().used;
    heap.free(a, true);
    expect(heap.mallinfo().used).toBe(used);
    heap.malloc(10);
    expect(heap.mallinfo().used).toBe(used - 104 + 16);
  });
});

describe("the corruption check finds damage and nothing traps", () => {
  // Word offsets from the start guard (rv32: a node header is preceding, size; a free node adds flink, blink).
  it.each([
    ["a node's size word", (a: number) => a - 8 + 4, 0x12345670],
    ["the start guard", () => 4, 0],
    ["a free node's flink", (_a: number, b: number) => b - 8 + 8, 0xdeadbeec],
  ])("%s overwritten", async (_what, where, value) => {
    const heap = Heap.create(await nodeInstance(), heapProfile("rv-virt", "unpatched"), START, SIZE);
    const a = heap.malloc(100);
    const b = heap.malloc(100);
    heap.malloc(100);
    heap.free(b);
    expect(heap.check()).toBeNull();
    heap.memory()[(heap.hostAddress(where(a, b))) >>> 2] = value;
    const error = heap.check();
    expect(error?.message).toMatch(/^Assertion failed/);
    expect(() => heap.mallinfo()).not.toThrow();
    expect(() => heap.nodes()).not.toThrow();
  });
});
