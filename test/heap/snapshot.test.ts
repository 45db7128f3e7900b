import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Heap } from "../../src/heap/heap";
import { heapProfile } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";
import { invariantViolations } from "../support/invariants";

function state(heap: Heap) {
  const nodes = heap.nodes();
  return { info: heap.mallinfo(), nodes: Array.from(nodes.words) };
}

/** A deterministic workload step: malloc, or free / realloc of a live block, or a deferred free. */
function step(heap: Heap, live: number[], choice: number, size: number): void {
  const kind = choice % 4;
  if (kind === 0 || live.length === 0) {
    const off = heap.malloc(size);
    if (off) live.push(off);
  } else if (kind === 1) {
    const off = heap.realloc(live[choice % live.length], size);
    if (off) live[choice % live.length] = off;
  } else {
    heap.free(live.splice(choice % live.length, 1)[0], kind === 3);
  }
}

describe("snapshots restore the exact heap state", () => {
  it.each(["unpatched", "upstream"] as const)("rv-virt/%s: back and forth gives the same heap as a straight run", async (tree) => {
    const wasm = await nodeInstance();
    const ops = fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 3000 })), { minLength: 20, maxLength: 150 });
    fc.assert(
      fc.property(ops, fc.nat(), (list, cut) => {
        const at = cut % list.length;
        const heap = Heap.create(wasm, heapProfile("rv-virt", tree), 0x8002bf40, 1 << 20);
        const live: number[] = [];
        list.slice(0, at).forEach(([c, s]) => step(heap, live, c, s));
        const saved = heap.save();
        const savedLive = [...live];
        const before = state(heap);
        list.slice(at).forEach(([c, s]) => step(heap, live, c, s));
        const after = state(heap);

        heap.restore(saved);
        expect(state(heap)).toEqual(before);
        expect(invariantViolations(heap)).toEqual([]);
        expect(heap.check()).toBeNull();
        list.slice(at).forEach(([c, s]) => step(heap, savedLive, c, s));
        expect(state(heap)).toEqual(after);
        heap.discard(saved);
      }),
      { numRuns: 60 },
    );
  });

  it("a pointer freed only in the newer state is no longer live after restoring", async () => {
    const heap = Heap.create(await nodeInstance(), heapProfile("rv-virt", "unpatched"), 0x8002bf40, 1 << 20);
    const saved = heap.save();
    const a = heap.malloc(5000);
    heap.restore(saved);
    expect(heap.free(a)?.kind).toMatch(/not-a-node|double-free/);
    expect(heap.check()).toBeNull();
  });
});
