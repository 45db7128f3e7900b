import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { straightReplay } from "../../src/engine/straight-replay";
import { Player } from "../../src/engine/player";
import { tracePlayer } from "../../src/engine/trace-recording";
import type { HeapEvent, Recording } from "../../src/engine/recording";
import { NODE_FLAG, NODE_WORDS } from "../../src/heap/heap";
import { heapProfile } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";
import { bundledFiles, bundledRecording } from "./recordings";

/** The node table at every position, from one straight replay on a separate instance. */
async function straightTables(recording: Recording): Promise<Uint32Array[]> {
  const tables: Uint32Array[] = [];
  const profile = heapProfile(recording.board, recording.tree);
  straightReplay(await nodeInstance(), profile, { start: recording.heapStart, size: recording.heapSize }, recording.events, (heap) => {
    const view = heap.nodes();
    tables.push(view.words.slice(0, view.count * NODE_WORDS));
  });
  return tables;
}

describe("Player", () => {
  it("seeking back and forth gives the straight replay's mallinfo and node table at every stop", async () => {
    const recording = await bundledRecording("unpatched");
    const tables = await straightTables(recording);
    const player = new Player(await nodeInstance(), recording, { snapshotEvery: 50 });
    expect(player.problems).toEqual([]);
    const n = recording.events.length;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: n }), { minLength: 1, maxLength: 40 }), (positions) => {
        for (const p of positions) {
          player.seek(p);
          expect(player.position).toBe(p);
          expect(player.mallinfo()).toEqual(player.series.at(p));
          expect(player.nodes().words).toEqual(tables[p]);
        }
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it("steps backwards one event at a time through snapshots", async () => {
    const recording = await bundledRecording("backport");
    const tables = await straightTables(recording);
    const player = new Player(await nodeInstance(), recording);
    for (let p = recording.events.length; p >= 0; p -= 7) {
      player.seek(p);
      expect(player.nodes().words).toEqual(tables[p]);
    }
  });

  it("a trace's player, which snapshots the marker boundaries when seeks first reach them, seeks like the straight replay", async () => {
    const { recording, player } = tracePlayer(await nodeInstance(), bundledFiles("unpatched"));
    const tables = await straightTables(recording);
    const boundaries = [...new Set(recording.markers.flatMap((m) => [m.from, m.to]))];
    expect(boundaries.length).toBeGreaterThan(50);
    // Owners are known only after the trace's first replay, so the label word of the nodes born in it is 0: compare the rest.
    const withoutLabels = (words: Uint32Array) => words.filter((_, i) => i % NODE_WORDS !== 5);
    const first = new Map<number, Uint32Array>();
    // Every boundary twice, in a shuffled order: first reached, then again, from its own snapshot.
    const order = fc.sample(fc.shuffledSubarray([...boundaries, ...boundaries], { minLength: 2 * boundaries.length }), { numRuns: 1, seed: 7 })[0];
    for (const p of order) {
      player.seek(p);
      const words = player.nodes().words;
      expect(player.mallinfo()).toEqual(player.series.at(p));
      expect(withoutLabels(words), `at ${p}`).toEqual(withoutLabels(tables[p]));
      if (first.has(p)) expect(words, `at ${p} again`).toEqual(first.get(p));
      else first.set(p, words);
    }
    player.dispose();
  });

  it("clamps a seek outside the recording to its ends", async () => {
    const recording = await bundledRecording("backport");
    const player = new Player(await nodeInstance(), recording);
    player.seek(-5);
    expect(player.position).toBe(0);
    player.seek(1e9);
    expect(player.position).toBe(recording.events.length);
  });

  it("maps every live node's seqno to the event that made it", async () => {
    const recording = await bundledRecording("unpatched");
    const player = new Player(await nodeInstance(), recording);
    const header = 2 * player.profile.pointerSize;
    for (const p of [0, 25, 452, 900, recording.events.length]) {
      player.seek(p);
      const { count, words } = player.nodes();
      for (let row = 0; row < count; row++) {
        const [offset, , flags, pid, seqno] = words.subarray(row * NODE_WORDS, row * NODE_WORDS + 5);
        if ((flags & NODE_FLAG.alloc) === 0 || (flags & NODE_FLAG.guard) !== 0) continue;
        expect(seqno).toBeLessThan(player.stamps[p]);
        const birth = recording.events[player.stampEvent[seqno]];
        expect(birth.off).toBe(offset + header);
        expect(birth.pid).toBe(pid);
      }
    }
  });

  it("prints `free` in the tree's layout", async () => {
    const recording = await bundledRecording("unpatched");
    const player = new Player(await nodeInstance(), recording);
    player.seek(recording.markers.find((m) => m.kind === "free")!.to);
    expect(player.freeText()).toBe(
      "                 total       used       free    maxused    maxfree  nused  nfree\n" +
        "      Umem:   33374396       7044   33367352       7028   33367320     21      2\n",
    );
  });

  it("replays a memalign (a raw M then its A) as one call, and seeks between the two", async () => {
    // Let a reference heap log memalign(64, 100) and a free; replay that log as a recording.
    const region = { start: 0x8002bf40, size: 1 << 20 };
    const reference = straightReplay(await nodeInstance(), heapProfile("rv-virt", "unpatched"), region, []).heap;
    reference.setContext(1);
    const mem = reference.memalign(64, 100);
    reference.free(mem);
    const log = reference.events();
    const events: HeapEvent[] = Array.from({ length: log.count }, (_, r) => {
      const op = String.fromCharCode(log.get(r, 1)) as HeapEvent["op"];
      return { seq: r, op, off: log.get(r, 2), req: log.get(r, 3), node: log.get(r, 4), pid: 1, off2: op === "A" ? log.get(r, 6) : null, node2: null, curused: log.get(r, 8), owner: 0, site: 0 };
    });
    expect(events.map((e) => e.op)).toEqual(["M", "A", "F"]);
    const player = new Player(await nodeInstance(), { ...emptyRecording(), heapStart: region.start, heapSize: region.size, events });
    expect(player.problems).toEqual([]);
    player.seek(2);
    const afterMemalign = player.nodes().words;
    expect(afterMemalign.length).toBeGreaterThan(3 * NODE_WORDS); // not the fresh heap
    for (const p of [3, 1, 0, 1]) {
      player.seek(p);
      if (p > 0 && p < 3) expect(player.nodes().words).toEqual(afterMemalign);
      else expect(player.nodes().count).toBe(3); // guard, one free node, guard
    }
  });
});

function emptyRecording(): Recording {
  return { title: "t", source: "model", board: "rv-virt", tree: "unpatched", fixes: [], heapStart: 0x8002bf40, heapSize: 1 << 20, events: [], markers: [], console: [], owners: ["unknown"], sites: ["unknown"], tasks: {} };
}
