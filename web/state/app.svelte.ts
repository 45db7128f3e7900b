// The page's state: what each pane shows, where the stepper stands, and the
// link that reproduces it. The engine worker does the work; this only asks.
import type { Capabilities, PaneSummary, PaneView } from "../../src/engine/protocol";
import { refuseTooLarge } from "../../src/import/text";
import { MAIN_SESSION, type SourceSpec } from "../../src/engine/source";
import { Timeline, type Cursor, type Granularity } from "../../src/engine/timeline";
import { EngineClient } from "../engine/client";
import { DEFAULT_SOURCES, formatUrlState, parseUrlState } from "./url";

/** How long a played step stays on screen. */
const PLAY_DELAY: Record<Granularity, number> = { command: 900, phase: 450, event: 40 };

export class AppState {
  capabilities = $state<Capabilities>({ model: false });
  sources = $state<[SourceSpec, SourceSpec]>([...DEFAULT_SOURCES]);
  summaries = $state.raw<[PaneSummary | null, PaneSummary | null]>([null, null]);
  views = $state.raw<[PaneView | null, PaneView | null]>([null, null]);
  granularity = $state<Granularity>("phase");
  cursor = $state<Cursor>({ segment: 0, offset: 0 });
  compact = $state(false);
  /** The commands a model pane runs; a recording plays its own session. */
  session = $state<string[]>([...MAIN_SESSION]);
  /** A command or session is running on the model. */
  busy = $state(false);
  playing = $state(false);
  /** Problems with the link, shown until dismissed. */
  linkErrors = $state<string[]>([]);
  /** Problems opening a source or running a command. */
  errors = $state<string[]>([]);
  ready = $state(false);
  theme = $state<"light" | "dark">("light");
  /** Per pane: an import under way, and why the last one failed (shown until the next import or dismissed). */
  importing = $state<[boolean, boolean]>([false, false]);
  importErrors = $state<[string | null, string | null]>([null, null]);
  /** What each pane last imported, kept by its engine: the pane can go back to it after showing something else. */
  imported = $state<[SourceSpec | null, SourceSpec | null]>([null, null]);

  timeline = $derived.by(() => {
    const [a, b] = this.summaries;
    return a && b ? Timeline.of([a, b].map((s) => ({ markers: s.markers, length: s.length }))) : null;
  });

  private readonly engine = new EngineClient();
  private serial = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  async start(search: string): Promise<void> {
    const capabilities = this.engine.request({ type: "capabilities" }).then((c) => (this.capabilities = c));
    // Only a link that asks for the model has to wait to learn whether there is one.
    const hopeful = parseUrlState(search, true);
    const needsModel = hopeful.state.sources.some((s) => s.kind === "model");
    const { state, errors } = needsModel ? parseUrlState(search, (await capabilities).model) : hopeful;
    this.linkErrors = errors;
    this.sources = state.sources;
    this.granularity = state.granularity;
    this.compact = state.compact;
    if (state.session) this.session = state.session;
    await this.openAll();
    const timeline = this.timeline;
    if (!timeline) {
      this.ready = true;
      return;
    }
    const at = state.at === null ? null : timeline.parse(state.at);
    if (state.at !== null && at === null) this.linkErrors = [...this.linkErrors, `at=${JSON.stringify(state.at)}: not a position of this session (it has ${timeline.segments} segments; a position is SEGMENT.EVENTS, e.g. 3.0). Starting at boot instead.`];
    if (state.session !== null && this.sources.every((s) => s.kind === "recording")) {
      this.linkErrors = [...this.linkErrors, "session: a recording plays the session it recorded; a session in the link applies to the model only."];
    }
    await this.moveTo(at ?? this.bootCursor());
    this.ready = true;
  }

  /** The first `free`: the baseline every growth is measured against. */
  private bootCursor(): Cursor {
    const timeline = this.timeline!;
    const index = timeline.stops.findIndex((s) => s.command === "free");
    return timeline.atStop(index);
  }

  private async openAll(): Promise<void> {
    const opened = await Promise.allSettled(this.sources.map((source, pane) => this.engine.request({ type: "open", pane, source: $state.snapshot(source), session: $state.snapshot(this.session) })));
    const failed = opened.flatMap((r, pane) => (r.status === "rejected" ? [`${pane === 0 ? "Left" : "Right"} pane: ${(r.reason as Error).message}`] : []));
    this.errors = failed;
    if (failed.length > 0 && this.sources.some((s) => s.kind !== "recording")) {
      this.sources = [...DEFAULT_SOURCES];
      return this.openAll();
    }
    this.summaries = opened.map((r) => (r.status === "fulfilled" ? r.value : null)) as [PaneSummary, PaneSummary];
  }

  async setSource(pane: number, source: SourceSpec): Promise<void> {
    const sources = [...this.sources] as [SourceSpec, SourceSpec];
    sources[pane] = source;
    if (source.kind === "import") this.imported = pane === 0 ? [source, this.imported[1]] : [this.imported[0], source];
    await this.reopen(() => (this.sources = sources));
  }

  /**
   * Text pasted or dropped into a pane. Only a text that imports in full
   * changes the pane; otherwise the pane keeps what it showed and the error
   * names the line, what was expected and what was found.
   */
  async importText(pane: 0 | 1, name: string, text: string): Promise<void> {
    await this.runImport(pane, name, () => this.engine.request({ type: "import", pane, name, text }));
  }

  /** A dropped or chosen file: refused by its size before it is read. */
  async importFile(pane: 0 | 1, file: File): Promise<void> {
    await this.runImport(pane, file.name, async () => {
      refuseTooLarge(file.size);
      return this.engine.request({ type: "import", pane, name: file.name, text: await file.text() });
    });
  }

  /** Files dropped or chosen together: one is imported alone, a trace CSV and its transcript as one recording (errors name their file). */
  async importFiles(pane: 0 | 1, files: File[]): Promise<void> {
    if (files.length === 1) return this.importFile(pane, files[0]);
    await this.runImport(pane, null, async () => {
      if (files.length !== 2) throw new Error(`${files.length} files dropped: drop one file, or a trace CSV together with the console transcript of its run`);
      for (const file of files) {
        try {
          refuseTooLarge(file.size);
        } catch (error) {
          throw new Error(`${file.name}: ${(error as Error).message}`);
        }
      }
      const read = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
      return this.engine.request({ type: "import-pair", pane, files: read });
    });
  }

  /** `name` prefixes an error (null when the error names its files itself). */
  private async runImport(pane: 0 | 1, name: string | null, load: () => Promise<PaneSummary>): Promise<void> {
    this.stop();
    this.setImport(pane, true, null);
    const stop = this.timeline?.stopAt(this.cursor) ?? -1;
    const key = stop >= 0 ? this.timeline!.stops[stop].key : null;
    try {
      const summary = await load();
      const sources = [...this.sources] as [SourceSpec, SourceSpec];
      const summaries = [...this.summaries] as [PaneSummary, PaneSummary];
      sources[pane] = summary.source;
      summaries[pane] = summary;
      this.imported = pane === 0 ? [summary.source, this.imported[1]] : [this.imported[0], summary.source];
      this.sources = sources;
      this.summaries = summaries;
      const timeline = this.timeline!;
      const again = key ? timeline.stops.findIndex((s) => s.key === key) : -1;
      const target = again >= 0 ? timeline.atStop(again) : this.bootCursor();
      // Where the import has nothing to show yet (a lone memdump before its stop), go to its first stop.
      const first = timeline.stops.findIndex((_, i) => timeline.position(pane, timeline.atStop(i)) > 0);
      await this.moveTo(timeline.position(pane, target) === 0 && first >= 0 ? timeline.atStop(first) : target);
      this.setImport(pane, false, null);
    } catch (error) {
      this.setImport(pane, false, `${name === null ? "" : `${name}: `}${(error as Error).message}`);
    }
  }

  private setImport(pane: 0 | 1, busy: boolean, error: string | null): void {
    this.importing = pane === 0 ? [busy, this.importing[1]] : [this.importing[0], busy];
    this.setImportError(pane, error);
  }

  setImportError(pane: 0 | 1, error: string | null): void {
    this.importErrors = pane === 0 ? [error, this.importErrors[1]] : [this.importErrors[0], error];
  }

  /** A new session for the model panes: they boot again and run it. */
  async setSession(session: string[]): Promise<void> {
    await this.reopen(() => (this.session = session));
  }

  /** Open the panes again after `change`, staying at the same stop where there is one. */
  private async reopen(change: () => void): Promise<void> {
    this.stop();
    const stop = this.timeline?.stopAt(this.cursor) ?? -1;
    const key = stop >= 0 ? this.timeline!.stops[stop].key : null;
    change();
    this.busy = true;
    await this.openAll();
    this.busy = false;
    const again = key ? this.timeline!.stops.findIndex((s) => s.key === key) : -1;
    await this.moveTo(again >= 0 ? this.timeline!.atStop(again) : this.bootCursor());
  }

  /** Fetch both panes' views at a cursor; a newer move makes older answers irrelevant. */
  async moveTo(cursor: Cursor): Promise<void> {
    const timeline = this.timeline;
    if (!timeline) return;
    const serial = ++this.serial;
    const start = timeline.stepStart(cursor, this.granularity);
    const views = await Promise.all(
      [0, 1].map((pane) => this.engine.request({ type: "view", pane, position: timeline.position(pane, cursor), stepStart: timeline.position(pane, start) })),
    );
    if (serial !== this.serial) return;
    this.cursor = cursor;
    this.views = views as [PaneView, PaneView];
    this.writeUrl();
  }

  step(direction: 1 | -1): Promise<void> {
    if (!this.timeline) return Promise.resolve();
    return this.moveTo(this.timeline.step(this.cursor, this.granularity, direction));
  }

  reset(): Promise<void> {
    this.stop();
    return this.moveTo({ segment: 0, offset: 0 });
  }

  runToEnd(): Promise<void> {
    this.stop();
    return this.timeline ? this.moveTo(this.timeline.last(this.granularity)) : Promise.resolve();
  }

  get atEnd(): boolean {
    const t = this.timeline;
    return !t || (this.cursor.segment === t.last(this.granularity).segment && this.cursor.offset === t.last(this.granularity).offset);
  }

  togglePlay(): void {
    if (this.playing) return this.stop();
    this.playing = true;
    const tick = async () => {
      if (!this.playing) return;
      if (this.atEnd) return this.stop();
      await this.step(1);
      this.timer = setTimeout(tick, PLAY_DELAY[this.granularity]);
    };
    void tick();
  }

  stop(): void {
    this.playing = false;
    clearTimeout(this.timer);
  }

  setGranularity(granularity: Granularity): void {
    this.granularity = granularity;
    void this.moveTo(this.cursor);
  }

  setCompact(compact: boolean): void {
    this.compact = compact;
    this.writeUrl();
  }

  /** Run commands on every model pane (a recording cannot run anything), then show the end. */
  async runCommands(commands: string[]): Promise<void> {
    const panes = [0, 1].filter((pane) => this.sources[pane].kind === "model");
    if (panes.length === 0 || commands.length === 0) return;
    this.stop();
    this.busy = true;
    try {
      const summaries = [...this.summaries] as [PaneSummary, PaneSummary];
      const answers = await Promise.all(panes.map((pane) => this.engine.request({ type: "run", pane, commands })));
      panes.forEach((pane, i) => (summaries[pane] = answers[i]));
      this.session = [...this.session, ...commands];
      this.summaries = summaries;
      // Where the last command finished (for `free`: where it printed).
      await this.moveTo(this.timeline!.last("command"));
    } catch (error) {
      this.errors = [(error as Error).message];
    } finally {
      this.busy = false;
    }
  }

  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  /** The link follows the state; written a moment after the last change, not on every step. */
  private writeUrl(): void {
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.replaceUrl(), 150);
  }

  /** The link that reproduces the view, as the address bar shows it. */
  link(): string {
    clearTimeout(this.urlTimer);
    this.replaceUrl();
    return location.href;
  }

  private replaceUrl(): void {
    const session = this.sources.some((s) => s.kind === "model") && this.session.join(";") !== MAIN_SESSION.join(";") ? this.session : null;
    const url = formatUrlState({ sources: this.sources, granularity: this.granularity, at: Timeline.format(this.cursor), session, compact: this.compact });
    history.replaceState(null, "", url);
  }
}
