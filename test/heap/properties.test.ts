import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Heap } from "../../src/heap/heap";
import { allHeapProfiles } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";
import { invariantViolations } from "../support/invariants";

type Op =
  | { kind: "malloc"; size: number }
  | { kind: "memalign"; align: number; size: number }
  | { kind: "realloc"; pick: number; size: number }
  | { kind: "free"; pick: number; deferred: boolean };

const size = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 4096 }), fc.integer({ min: 4096, max: 40000 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("malloc" as const), size }),
  fc.record({ kind: fc.constant("memalign" as const), align: fc.constantFrom(8, 16, 32, 64, 128, 512, 4096), size }),
  fc.record({ kind: fc.constant("realloc" as const), pick: fc.nat(), size }),
  fc.record({ kind: fc.constant("free" as const), pick: fc.nat(), deferred: fc.boolean() }),
);

function apply(heap: Heap, live: number[], o: Op): void {
  if (o.kind === "malloc" || o.kind === "memalign") {
    const off = o.kind === "malloc" ? heap.malloc(o.size) : heap.memalign(o.align, o.size);
    if (off !== 0) live.push(off);
    return;
  }
  if (live.length === 0) return;
  const i = o.pick % live.length;
  if (o.kind === "realloc") {
    const off = heap.realloc(live[i], o.size);
    if (off !== 0) live[i] = off;
  } else {
    expect(heap.free(live[i], o.deferred)).toBeNull();
    live.splice(i, 1);
  }
}

describe("random operation sequences keep the heap well formed", () => {
  it.each(allHeapProfiles().map((p) => [p.name, p] as const))("%s", async (_name, profile) => {
    const wasm = await nodeInstance();
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 0, max: 511 }), (ops, misalign) => {
        const heap = Heap.create(wasm, profile, 0x20000 + misalign * 4, 256 * 1024);
        const live: number[] = [];
        for (const o of ops) {
          apply(heap, live, o);
          const problems = invariantViolations(heap);
          if (problems.length > 0) throw new Error(`after ${JSON.stringify(o)}: ${problems.join("; ")}`);
          expect(heap.check()).toBeNull();
        }
      }),
      { numRuns: 100 },
    );
  });
});
