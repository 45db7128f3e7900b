// The portable build (the benchmark's JS baseline) is the same allocator
// source compiled by esbuild instead of asc. Where AssemblyScript's u32
// arithmetic and JavaScript's numbers part ways, the two builds would differ:
// random sequences, with sizes, alignments and labels up to 2^32, must give
// the same results, node tables and event logs on both.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPortable, portableInstance } from "../../bench/portable";
import { Heap, type RowView } from "../../src/heap/heap";
import { allHeapProfiles } from "../../src/heap/profiles";
import type { Leakless } from "../../src/wasm/leakless";
import { nodeInstance } from "../../src/wasm/node";

type Op =
  | { kind: "context"; pid: number; owner: number; site: number }
  | { kind: "records"; on: boolean }
  | { kind: "malloc"; size: number }
  | { kind: "memalign"; align: number; size: number }
  | { kind: "realloc"; pick: number; size: number }
  | { kind: "free"; pick: number; deferred: boolean };

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const size = fc.oneof(fc.integer({ min: 0, max: 5000 }), u32);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("context" as const), pid: fc.integer({ min: -1, max: 1000 }), owner: fc.integer({ min: 0, max: 0xff }), site: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant("records" as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant("malloc" as const), size }),
  fc.record({ kind: fc.constant("memalign" as const), align: fc.oneof(fc.constantFrom(8, 64, 4096, 0x40000000, 0x80000000), u32), size }),
  fc.record({ kind: fc.constant("realloc" as const), pick: u32, size }),
  fc.record({ kind: fc.constant("free" as const), pick: u32, deferred: fc.boolean() }),
);

/** Frees and reallocs pick a live block, or, for a pick past the live ones, any offset at all. */
function apply(heap: Heap, live: number[], o: Op): unknown {
  if (o.kind === "context") return heap.setContext(o.pid, o.owner, o.site);
  if (o.kind === "records") return heap.keepRecords(o.on);
  if (o.kind === "malloc") return keep(live, heap.malloc(o.size));
  if (o.kind === "memalign") return keep(live, heap.memalign(o.align, o.size));
  const target = o.pick < 0x80000000 && live.length > 0 ? live[o.pick % live.length] : o.pick;
  if (o.kind === "realloc") return [heap.realloc(target, o.size), heap.lastError("realloc")?.kind];
  return heap.free(target, o.deferred)?.kind ?? live.splice(live.indexOf(target), 1);
}

function keep(live: number[], offset: number): number {
  if (offset !== 0) live.push(offset);
  return offset;
}

const rows = (view: RowView) => Array.from(view.words);

let wasm: Leakless;
let js: Leakless;
beforeAll(async () => {
  await buildPortable();
  [wasm, js] = [await nodeInstance(), await portableInstance()];
});

describe("the portable JS build does what the WASM build does", () => {
  it.each(allHeapProfiles().map((p) => [p.name, p] as const))("%s", (_name, profile) => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 0, max: 4095 }), (ops, misalign) => {
        const heaps = [wasm, js].map((build) => Heap.create(build, profile, 0x30000 + misalign * 4, 128 * 1024));
        const live: number[][] = [[], []];
        for (const o of ops) {
          const [a, b] = heaps.map((heap, i) => apply(heap, live[i], o));
          expect(b, JSON.stringify(o)).toEqual(a);
          expect(heaps[1].mallinfo()).toEqual(heaps[0].mallinfo());
        }
        const [nodesA, nodesB] = heaps.map((heap) => rows(heap.nodes()));
        expect(nodesB).toEqual(nodesA);
        const [eventsA, eventsB] = heaps.map((heap) => rows(heap.events()));
        expect(eventsB).toEqual(eventsA);
      }),
      {
        numRuns: 60,
        // memalign whose ALIGN_UP(size) + 2 * alignment wraps past 2^32 must fail before its malloc drains the delay list
        examples: [[[{ kind: "malloc", size: 100 }, { kind: "free", pick: 0, deferred: true }, { kind: "memalign", align: 0x40000000, size: 0x80000000 }], 0]],
      },
    );
  });
});
