// The engine behind the page: one pane's content per pane, each replayed on
// its own WASM instance. It runs in a Web Worker in the browser and directly
// in Node tests; it has no DOM and reads files through the function it is given.
import { importText, type Imported } from "../import/import";
import { importPair, pairOf, type ImportedPair, type NamedText } from "../import/pair";
import { createInstance } from "../wasm/leakless";
import { BUNDLED_RECORDINGS, isBundledId } from "./bundled";
import { importedTrace } from "./imported-trace";
import { pairedTrace } from "./paired-trace";
import type { PaneContent } from "./pane-content";
import { Player } from "./player";
import type { Capabilities, PaneSummary, PaneView, Request } from "./protocol";
import { ReplayPane } from "./replay-pane";
import { SessionPane, importedSession } from "./session-pane";
import type { ModelFactory, SourceSpec } from "./source";
import { tracePlayer } from "./trace-recording";

export class Engine {
  private readonly panes: PaneContent[] = [];
  /** What was imported into each pane, kept so that the pane can open it again (another session of it, say). */
  private readonly imports: (Imported | ImportedPair)[] = [];
  private readonly texts = new Map<string, Promise<string>>();
  /** A recording loaded before anyone asked (see prepare), by its source's JSON. */
  private prepared: { key: string; loading: Promise<PaneContent> } | null = null;

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
    if (request.type === "import") return this.import(request.pane, request.name, request.text);
    if (request.type === "import-pair") return this.importPair(request.pane, request.files);
    return this.run(request.pane, request.commands);
  }

  capabilities(): Capabilities {
    return { model: this.model !== null };
  }

  private text(path: string): Promise<string> {
    if (!this.texts.has(path)) this.texts.set(path, this.readText(path));
    return this.texts.get(path)!;
  }

  private async instance() {
    return createInstance(await this.module);
  }

  /** A pane's content, each pane on its own WASM instance. */
  private async content(source: SourceSpec, session: string[], kept?: Imported | ImportedPair): Promise<PaneContent> {
    if (source.kind === "import") {
      if (!kept || kept.name !== source.name) throw new Error(`"${source.name}" is not imported in this pane: paste or drop it again.`);
      return this.fromImport(kept, source.session);
    }
    if (source.kind === "model") {
      if (!this.model) throw new Error("The model is not available in this build.");
      const kernel = await this.model(source.board, source.tree, source.fixes, await this.module);
      for (const command of session) kernel.run(command);
      const recording = kernel.recording();
      return new ReplayPane(source, kernel, recording, new Player(await this.instance(), recording));
    }
    if (!isBundledId(source.id)) throw new Error(`There is no bundled recording called "${String(source.id)}".`);
    const files = BUNDLED_RECORDINGS[source.id];
    const [csv, transcript] = await Promise.all([this.text(files.csv), this.text(files.transcript)]);
    const { recording, player } = tracePlayer(await this.instance(), { ...files, fixes: [...files.fixes], csv, transcript });
    return new ReplayPane(source, null, recording, player);
  }

  /** `session` -1: the first session with something to show. */
  private async fromImport(imported: Imported | ImportedPair, session: number): Promise<PaneContent> {
    if (imported.kind === "trace+transcript") {
      const paired = pairedTrace(await this.instance(), imported);
      return new ReplayPane({ kind: "import", name: imported.name, session: paired.session }, null, paired.recording, paired.player, paired.notes);
    }
    if (imported.kind === "trace") {
      const { recording, player, notes } = importedTrace(await this.instance(), imported.events, imported.name);
      return new ReplayPane({ kind: "import", name: imported.name, session: 0 }, null, recording, player, notes);
    }
    const chosen = importedSession(imported, session);
    const index = session < 0 ? (chosen.sessions[0]?.index ?? 0) : session;
    return new SessionPane({ kind: "import", name: imported.name, session: index }, chosen);
  }

  /**
   * Start loading a bundled recording now, so that a later open() of it only
   * waits for what is left. The worker calls this at start for its pane's
   * default source.
   */
  prepare(source: SourceSpec & { kind: "recording" }): void {
    const loading = this.content(source, []);
    loading.catch(() => {}); // reported by open(), if it is ever asked for
    this.prepared = { key: JSON.stringify(source), loading };
  }

  private load(pane: number, source: SourceSpec, session: string[]): Promise<PaneContent> {
    const prepared = this.prepared;
    this.prepared = null;
    if (prepared && prepared.key === JSON.stringify(source)) return prepared.loading;
    prepared?.loading.then((content) => content.dispose(), () => {});
    return this.content(source, session, this.imports[pane]);
  }

  /** Replace a pane's content only once the new one is ready: a failure leaves the pane as it was. */
  private replace(pane: number, content: PaneContent): PaneSummary {
    const summary = content.summary();
    this.panes[pane]?.dispose();
    this.panes[pane] = content;
    return summary;
  }

  async open(pane: number, source: SourceSpec, session: string[] = []): Promise<PaneSummary> {
    const current = this.panes[pane];
    // A recording or an import shows the same whatever the session: keep what is open.
    if (current && source.kind !== "model" && JSON.stringify(current.source) === JSON.stringify(source)) return current.summary();
    return this.replace(pane, await this.load(pane, source, session));
  }

  /** Text pasted or dropped into a pane. It replaces the pane's source only if it imports in full. */
  async import(pane: number, name: string, text: string): Promise<PaneSummary> {
    const imported = importText(text, name);
    const pair = this.completing(pane, imported);
    if (!pair) return this.keep(pane, imported);
    try {
      return await this.keep(pane, pair);
    } catch (error) {
      const shown = imported.kind === "trace" ? pair.transcript.name : pair.trace.name;
      if (error instanceof Error) error.message += `. This pane shows ${shown}, so ${name} was taken as its ${imported.kind}; to show ${name} alone, first choose another source for this pane`;
      throw error;
    }
  }

  /** A trace CSV and the transcript of its run, imported as one recording. */
  async importPair(pane: number, files: NamedText[]): Promise<PaneSummary> {
    return this.keep(pane, importPair(files));
  }

  private async keep(pane: number, imported: Imported | ImportedPair): Promise<PaneSummary> {
    const summary = this.replace(pane, await this.fromImport(imported, -1));
    this.imports[pane] = imported;
    return summary;
  }

  /** A transcript dropped on a pane that shows an imported trace (or a trace on a transcript) is paired with it. */
  private completing(pane: number, imported: Imported): ImportedPair | null {
    const kept = this.imports[pane];
    const shown = this.panes[pane]?.source;
    if (!kept || kept.kind === "trace+transcript" || shown?.kind !== "import" || shown.name !== kept.name) return null;
    const kinds = new Set([kept.kind, imported.kind]);
    return kinds.has("trace") && kinds.has("transcript") ? pairOf(kept, imported) : null;
  }

  private pane(index: number): PaneContent {
    const pane = this.panes[index];
    if (!pane) throw new Error(`pane ${index} has no source yet`);
    return pane;
  }

  summary(index: number): PaneSummary {
    return this.pane(index).summary();
  }

  view(index: number, position: number, stepStart: number): PaneView {
    return this.pane(index).view(position, stepStart);
  }

  /** Run typed commands on a model pane; a recording cannot run anything. */
  async run(index: number, commands: string[]): Promise<PaneSummary> {
    const pane = this.pane(index);
    if (!pane.kernel) throw new Error("A recording plays what was recorded; typed commands run on the model.");
    for (const command of commands) pane.kernel.run(command);
    const recording = pane.kernel.recording();
    return this.replace(index, new ReplayPane(pane.source, pane.kernel, recording, new Player(await this.instance(), recording)));
  }
}
