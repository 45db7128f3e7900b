// A pane whose Recording is replayed on its own WASM heap: a bundled or
// imported trace, or a model run. Everything it shows comes from the Player.
import { largestShortfall, mmFragRate, sizeClasses } from "../analysis/fragmentation";
import { CAUSES, analyseGrowth, growthAt, type GrowthAnalysis } from "../analysis/growth";
import { phaseDeltas, runSeries } from "../analysis/runs";
import { NODE_FLAG, NODE_WORDS } from "../heap/heap";
import type { FreeRowExport } from "../export/free-rows";
import type { PaneContent } from "./pane-content";
import type { Player } from "./player";
import { MARK, type PaneSummary, type PaneView } from "./protocol";
import type { Recording } from "./recording";
import type { KernelSource, SourceSpec } from "./source";

/** The end of the furthest node any event makes (offsets are user pointers: the node header is before them). */
function usedSpan(recording: Recording, pointerSize: number): number {
  return recording.events.reduce((end, e) => (e.op === "F" || e.op === "D" ? end : Math.max(end, e.off - 2 * pointerSize + e.node)), 0);
}

/** Each `free` marker's row: the mallinfo where it printed, after the command typed before it. */
function freeRows(recording: Recording, player: Player): FreeRowExport[] {
  const commands = recording.markers.filter((m) => m.kind === "command");
  return recording.markers
    .filter((m) => m.kind === "free")
    .map((m) => {
      const command = commands.findIndex((c) => c.from === m.from || (m.from > c.from && m.from < c.to));
      return { position: m.to, after: commands[command - 1]?.label ?? null, heaps: [{ name: "Umem", info: player.series.at(m.to) }] };
    });
}

/** The fragmentation figures of a heap's free chunks. */
export function fragmentation(freeSizes: readonly number[]): PaneView["fragmentation"] {
  return {
    rate: mmFragRate(freeSizes),
    shortfall: largestShortfall(freeSizes),
    freeBytes: freeSizes.reduce((a, b) => a + b, 0),
    largest: freeSizes.reduce((a, b) => Math.max(a, b), 0),
    chunks: freeSizes.length,
  };
}

/** What a view without a boot to compare with says about growth. */
export const NO_GROWTH: PaneView["growth"] = { ready: false, groups: [], goneNodes: 0, goneBytes: 0, goneFreeNodes: 0, goneFreeBytes: 0 };

export class ReplayPane implements PaneContent {
  private readonly growth: GrowthAnalysis;
  /** Growth counts from the session's first `free`; a source without one (a trace alone) has no boot to count from. */
  private readonly hasBoot: boolean;

  constructor(
    readonly source: SourceSpec,
    readonly kernel: KernelSource | null,
    readonly recording: Recording,
    readonly player: Player,
    private readonly notes: string[] = [],
  ) {
    this.growth = analyseGrowth(recording);
    this.hasBoot = recording.markers.some((m) => m.kind === "free");
  }

  summary(): PaneSummary {
    const { source, recording, player, growth } = this;
    const n = recording.events.length;
    const used = new Int32Array(n + 1);
    const maxused = new Int32Array(n + 1);
    for (let p = 0; p <= n; p++) [used[p], maxused[p]] = [player.series.field(p, "used"), player.series.field(p, "maxused")];
    const here = player.position;
    player.seek(0);
    const walk = player.nodes();
    const last = (walk.count - 1) * NODE_WORDS;
    player.seek(here);
    return {
      source,
      title: recording.title,
      kind: recording.source,
      sessions: [],
      rows: [],
      notes: this.notes,
      board: recording.board,
      tree: recording.tree,
      fixes: recording.fixes,
      profile: { name: player.profile.name, pointerSize: player.profile.pointerSize },
      length: n,
      markers: recording.markers,
      freeRows: freeRows(recording, player),
      console: recording.console,
      owners: recording.owners,
      sites: recording.sites,
      tasks: recording.tasks,
      used,
      maxused,
      baseline: growth.baseline,
      heapBytes: walk.words[last] + walk.words[last + 1],
      spanBytes: usedSpan(recording, player.profile.pointerSize),
      problems: player.problems,
      phases: phaseDeltas(recording, player.series),
      runs: runSeries(recording, player.series, growth),
    };
  }

  view(position: number, stepStart: number): PaneView {
    const { recording, player, growth } = this;
    player.seek(position);
    const { count, words } = player.nodes();
    const birth = new Int32Array(count).fill(-1);
    const marks = new Uint8Array(count);
    const cause = new Uint8Array(count).fill(255);
    const owner = new Uint8Array(count);
    const born = { nodes: 0, bytes: 0 };
    const freeSizes: number[] = [];
    for (let row = 0; row < count; row++) {
      const [size, flags, seqno] = [words[row * NODE_WORDS + 1], words[row * NODE_WORDS + 2], words[row * NODE_WORDS + 4]];
      if ((flags & NODE_FLAG.guard) !== 0) continue;
      if ((flags & NODE_FLAG.alloc) === 0) {
        freeSizes.push(size);
        continue;
      }
      const event = player.stampEvent[seqno];
      birth[row] = event;
      owner[row] = recording.events[event].owner;
      if (event >= stepStart && event < position) {
        marks[row] |= MARK.born;
        born.nodes++;
        born.bytes += size;
      }
      if (this.hasBoot && event >= growth.baseline && position >= growth.baseline) {
        marks[row] |= MARK.growth | (CAUSES[growth.cause[event]] === "in-use" ? MARK.transient : 0);
        cause[row] = growth.cause[event];
      }
    }
    return {
      position: player.position,
      info: player.mallinfo(),
      freeText: player.freeText(),
      row: null,
      base: null,
      count,
      nodes: words,
      birth,
      owner,
      marks,
      cause,
      classes: sizeClasses(player.profile, player.freeChunks()),
      fragmentation: fragmentation(freeSizes),
      growth: this.hasBoot ? growthAt(recording, growth, player.position) : NO_GROWTH,
      born,
    };
  }

  dispose(): void {
    this.player.dispose();
  }
}
