// The Player replays a Recording's events through its own WASM heap and can
// stand at any position: it saves heap snapshots every `snapshotEvery` events
// and at the marker boundaries, and seeks by restoring the nearest earlier
// snapshot and replaying forward. Going back never re-runs from the start.
import { formatFree } from "../heap/format";
import type { Heap } from "../heap/heap";
import { NODE_WORDS } from "../heap/heap";
import type { Mallinfo } from "../heap/mallinfo";
import { heapProfile, type HeapProfile } from "../heap/profiles";
import type { Leakless } from "../wasm/leakless";
import { applyEvent } from "./apply-event";
import type { MallinfoSeries } from "./mallinfo-series";
import type { Recording } from "./recording";
import { straightReplay } from "./straight-replay";

export interface PlayerOptions {
  snapshotEvery?: number;
}

/** Rows of (offset, size, flags, pid, seqno, label, request), copied out of WASM memory. */
export interface NodeTable {
  count: number;
  words: Uint32Array;
}

/** Ops that stamp a node with the next seqno (assembly/mm/tags.ts stamp()). */
const STAMPS = new Set(["M", "A", "R"]);

export class Player {
  readonly profile: HeapProfile;
  readonly series: MallinfoSeries;
  /** Events where the heap disagreed with the recording (empty for an exact replay). */
  readonly problems: string[];
  /** stamps[p]: how many nodes had been stamped after p events; a node's seqno is its stamp number. */
  readonly stamps: Int32Array;
  /** The event that stamped each seqno. */
  readonly stampEvent: Int32Array;
  private readonly heap: Heap;
  private readonly snapshots = new Map<number, number>();
  /** Snapshot positions, ascending. */
  private readonly saved: number[] = [];
  /** Marker boundaries to snapshot when a seek first lands on them. */
  private readonly wanted = new Set<number>();
  private at: number;

  constructor(
    wasm: Leakless,
    readonly recording: Recording,
    options: PlayerOptions = {},
  ) {
    const every = options.snapshotEvery ?? 64;
    const events = recording.events;
    this.profile = heapProfile(recording.board, recording.tree);
    const boundaries = new Set(recording.markers.flatMap((m) => [m.from, m.to]));
    const replay = straightReplay(wasm, this.profile, { start: recording.heapStart, size: recording.heapSize }, events, (heap, p) => {
      if (p % every === 0 || boundaries.has(p) || p === events.length) this.keep(p, heap.save());
    });
    this.heap = replay.heap;
    this.series = replay.series;
    this.problems = replay.problems;
    this.at = events.length;
    this.stamps = new Int32Array(events.length + 1);
    events.forEach((event, i) => (this.stamps[i + 1] = this.stamps[i] + (STAMPS.has(event.op) ? 1 : 0)));
    this.stampEvent = new Int32Array(this.stamps[events.length]);
    events.forEach((event, i) => {
      if (STAMPS.has(event.op)) this.stampEvent[this.stamps[i]] = i;
    });
  }

  private keep(position: number, snapshot: number): void {
    this.snapshots.set(position, snapshot);
    const after = this.saved.findIndex((p) => p > position);
    this.saved.splice(after < 0 ? this.saved.length : after, 0, position);
  }

  /**
   * Snapshot every marker boundary of the recording. The constructor does it
   * for the markers it is given. A recording whose markers are found from its
   * own replay (a trace) calls this once they are known; those are snapshotted
   * when a seek first lands on them, since reaching them all now would cost
   * another replay of the whole recording while the page waits.
   */
  snapshotMarkers(): void {
    for (const marker of this.recording.markers) {
      for (const position of [marker.from, marker.to]) if (!this.snapshots.has(position)) this.wanted.add(position);
    }
  }

  get position(): number {
    return this.at;
  }

  get length(): number {
    return this.recording.events.length;
  }

  /** The last snapshot at or before `position` (binary search over `saved`). */
  private snapshotBefore(position: number): number {
    let lo = 0;
    let hi = this.saved.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.saved[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    return this.saved[lo];
  }

  seek(position: number): void {
    const target = Math.max(0, Math.min(this.length, Math.trunc(position)));
    if (target === this.at) return;
    const base = this.snapshotBefore(target);
    if (target < this.at || base > this.at) {
      this.heap.restore(this.snapshots.get(base)!);
      this.at = base;
    }
    const events = this.recording.events;
    for (; this.at < target; this.at++) applyEvent(this.heap, events, this.at);
    if (this.wanted.delete(target)) this.keep(target, this.heap.save());
  }

  mallinfo(): Mallinfo {
    return this.heap.mallinfo();
  }

  /** NSH `free` at this position, in the tree's own layout. */
  freeText(): string {
    return formatFree(this.profile.freeFormat, [{ name: "Umem", info: this.mallinfo() }]);
  }

  nodes(): NodeTable {
    const view = this.heap.nodes();
    return { count: view.count, words: view.words.slice(0, view.count * NODE_WORDS) };
  }

  /** The free chunks in list order: (size, bucket) pairs. */
  freeChunks(): { size: number; bucket: number }[] {
    const view = this.heap.freeLists();
    return Array.from({ length: view.count }, (_, row) => ({ size: view.get(row, 1), bucket: view.get(row, 2) }));
  }

  /** Free every snapshot's WASM memory. The player cannot seek afterwards. */
  dispose(): void {
    for (const snapshot of this.snapshots.values()) this.heap.discard(snapshot);
    this.snapshots.clear();
    this.saved.length = 0;
    this.wanted.clear();
  }
}
