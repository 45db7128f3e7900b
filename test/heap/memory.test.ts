// The host memory behind a heap (assembly/mm/memory.ts reserve()): it must read
// as zero wherever it comes from. A new instance's memory comes from
// memory.grow; a heap initialised again on the same instance gets blocks that
// an earlier heap filled with nodes, records and state bytes.
import { describe, expect, it } from "vitest";
import { Heap } from "../../src/heap/heap";
import { heapProfile } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";

const PROFILE = heapProfile("rv-virt", "unpatched");
const START = 0x8002bf40;
const MIB = 1 << 20;

/** Some allocations with records, some freed: every part of the heap's host memory gets written. */
function fill(heap: Heap): number[] {
  const blocks: number[] = [];
  for (let i = 0; i < 400; i++) {
    heap.setContext(i + 1, i % 7, i);
    const block = heap.malloc(24 + ((i * 97) % 1500));
    if (block) blocks.push(block);
  }
  for (const block of blocks.filter((_, i) => i % 3 === 0)) heap.free(block);
  return blocks;
}

/**
 * Where the heap's host memory, from its start guard over the heap and its
 * records (`bytes` long), is not zero. Only where: free nodes link to the
 * heap struct by host address, and each instance places its heap elsewhere.
 */
function written(heap: Heap, bytes: number): number[] {
  const from = heap.hostAddress(0) >>> 2;
  const words = heap.memory().subarray(from, from + (bytes >>> 2));
  const found: number[] = [];
  words.forEach((word, i) => word !== 0 && found.push(i));
  return found;
}

/** What a heap shows after the same allocations: its nodes with their records, and how it answers frees of the old pointers. */
function observe(heap: Heap, oldBlocks: number[]) {
  const mine = fill(heap);
  const nodes = Array.from(heap.nodes().words);
  const frees = oldBlocks.filter((block) => !mine.includes(block)).map((block) => heap.free(block)?.kind ?? "freed");
  return { info: heap.mallinfo(), nodes, frees };
}

describe("a heap on reused host memory reads as on new memory", () => {
  it.each([
    ["smaller, inside the old heap's block", MIB / 2],
    ["larger, partly in pages grown for it", 3 * MIB],
  ])("initialised again, %s", async (_, size) => {
    const reused = await nodeInstance();
    const old = Heap.create(reused, PROFILE, START, MIB);
    const oldBlocks = fill(old);
    old.nodes();
    const again = Heap.create(reused, PROFILE, START, size);
    const fresh = Heap.create(await nodeInstance(), PROFILE, START, size);

    expect(written(again, 2 * size)).toEqual(written(fresh, 2 * size));
    expect(observe(again, oldBlocks)).toEqual(observe(fresh, oldBlocks));
    expect(written(again, 2 * size)).toEqual(written(fresh, 2 * size));
  });
});
