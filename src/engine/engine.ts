// The engine behind the page: one Player per pane, each on its own WASM
// instance. It runs in a Web Worker in the browser and directly in Node tests;
// it has no DOM and reads files through the function it is given.
import { largestShortfall, mmFragRate, sizeClasses } from "../analysis/fragmentation";
import { CAUSES, analyseGrowth, growthAt, type GrowthAnalysis } from "../analysis/growth";
import { phaseDeltas, runSeries } from "../analysis/runs";
import { NODE_FLAG, NODE_WORDS } from "../heap/heap";
import { createInstance } from "../wasm/leakless";
import { BUNDLED_RECORDINGS, isBundledId } from "./bundled";
import { Player } from "./player";
import { MARK, type Capabilities, type PaneSummary, type PaneView, type Request } from "./protocol";
import type { Recording } from "./recording";
import type { KernelSource, ModelFactory, SourceSpec } from "./source";
import { tracePlayer } from "./trace-recording";

interface Loaded {
  kernel: KernelSource | null;
  recording: Recording;
  player: Player;
}

interface Pane {
  source: SourceSpec;
  kernel: KernelSource | null;
  recording: Recording;
  player: Player;
  growth: GrowthAnalysis;
}

/** The end of the furthest node any event makes (offsets are user pointers: the node header is before them). */
function usedSpan(recording: Recording, pointerSize: number): number {
  return recording.events.reduce((end, e) => (e.op === "F" || e.op === "D" ? end : Math.max(end, e.off - 2 * pointerSize + e.node)), 0);
}

export class Engine {
  private readonly panes: Pane[] = [];
  private readonly texts = new Map<string, Promise<string>>();
  /** A recording loaded before anyone asked (see prepare), by its source's JSON. */
  private prepared: { key: string; loading: Promise<Loaded> } | null = null;

  /** `module` may still be compiling: files are fetched meanwhile. */
  constructor(
    private readonly module: WebAssembly.Module | Promise<WebAssembly.Module>,
    private readonly readText: (path: string) => Promise<string>,
    private readonly model: ModelFactory | null = null,
  ) {}

  async handle(request: Request): Promise<unknown> {
    if (request.type === "capabilities") return this.capabilities();
    if (request.type === "open") return this.open(request.pane, request.source, request.session);
    if (request.type === "view") return this.view(request.pane, request.position, request.stepStart);
    return this.run(request.pane, request.commands);
  }

  capabilities(): Capabilities {
    return { model: this.model !== null };
  }

  private text(path: string): Promise<string> {
    if (!this.texts.has(path)) this.texts.set(path, this.readText(path));
    return this.texts.get(path)!;
  }

  /** A pane's recording and its Player, each pane on its own WASM instance. */
  private async kernel(source: SourceSpec, session: string[]): Promise<Loaded> {
    if (source.kind === "model") {
      if (!this.model) throw new Error("The model is not available in this build.");
      const kernel = await this.model(source.board, source.tree, source.fixes, await this.module);
      for (const command of session) kernel.run(command);
      const recording = kernel.recording();
      return { kernel, recording, player: new Player(await createInstance(await this.module), recording) };
    }
    if (!isBundledId(source.id)) throw new Error(`There is no bundled recording called "${String(source.id)}".`);
    const files = BUNDLED_RECORDINGS[source.id];
    const [csv, transcript] = await Promise.all([this.text(files.csv), this.text(files.transcript)]);
    const { recording, player } = tracePlayer(await createInstance(await this.module), { ...files, fixes: [...files.fixes], csv, transcript });
    return { kernel: null, recording, player };
  }

  /**
   * Start loading a bundled recording now, so that a later open() of it only
   * waits for what is left. The worker calls this at start for its pane's
   * default source.
   */
  prepare(source: SourceSpec & { kind: "recording" }): void {
    const loading = this.kernel(source, []);
    loading.catch(() => {}); // reported by open(), if it is ever asked for
    this.prepared = { key: JSON.stringify(source), loading };
  }

  private load(source: SourceSpec, session: string[]): Promise<Loaded> {
    const prepared = this.prepared;
    this.prepared = null;
    if (prepared && prepared.key === JSON.stringify(source)) return prepared.loading;
    prepared?.loading.then(({ player }) => player.dispose(), () => {});
    return this.kernel(source, session);
  }

  async open(pane: number, source: SourceSpec, session: string[] = []): Promise<PaneSummary> {
    const { kernel, recording, player } = await this.load(source, session);
    this.panes[pane]?.player.dispose();
    this.panes[pane] = { source, kernel, recording, player, growth: analyseGrowth(recording) };
    return this.summary(pane);
  }

  private pane(index: number): Pane {
    const pane = this.panes[index];
    if (!pane) throw new Error(`pane ${index} has no source yet`);
    return pane;
  }

  summary(index: number): PaneSummary {
    const { source, recording, player, growth } = this.pane(index);
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
      board: recording.board,
      tree: recording.tree,
      fixes: recording.fixes,
      profile: { name: player.profile.name, pointerSize: player.profile.pointerSize },
      length: n,
      markers: recording.markers,
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

  view(index: number, position: number, stepStart: number): PaneView {
    const { recording, player, growth } = this.pane(index);
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
      if (event >= growth.baseline && position >= growth.baseline) {
        marks[row] |= MARK.growth | (CAUSES[growth.cause[event]] === "in-use" ? MARK.transient : 0);
        cause[row] = growth.cause[event];
      }
    }
    const chunks = player.freeChunks();
    return {
      position: player.position,
      info: player.mallinfo(),
      freeText: player.freeText(),
      count,
      nodes: words,
      birth,
      owner,
      marks,
      cause,
      classes: sizeClasses(player.profile, chunks),
      fragmentation: {
        rate: mmFragRate(freeSizes),
        shortfall: largestShortfall(freeSizes),
        freeBytes: freeSizes.reduce((a, b) => a + b, 0),
        largest: freeSizes.reduce((a, b) => Math.max(a, b), 0),
        chunks: freeSizes.length,
      },
      growth: growthAt(recording, growth, player.position),
      born,
    };
  }

  /** Run typed commands on a model pane; a recording cannot run anything. */
  async run(index: number, commands: string[]): Promise<PaneSummary> {
    const pane = this.pane(index);
    if (!pane.kernel) throw new Error("A recording plays what was recorded; typed commands run on the model.");
    for (const command of commands) pane.kernel.run(command);
    pane.player.dispose();
    const recording = pane.kernel.recording();
    this.panes[index] = { ...pane, recording, player: new Player(await createInstance(await this.module), recording), growth: analyseGrowth(recording) };
    return this.summary(index);
  }
}
