// What an engine pane holds, whatever its source: something that can say what
// the pane shows once (its summary) and at each position (its view).
import type { PaneSummary, PaneView } from "./protocol";
import type { KernelSource, SourceSpec } from "./source";

export interface PaneContent {
  readonly source: SourceSpec;
  /** The model behind a model pane, which can run typed commands; null for everything recorded or imported. */
  readonly kernel: KernelSource | null;
  summary(): PaneSummary;
  view(position: number, stepStart: number): PaneView;
  /** Free the WASM memory it holds; it cannot be viewed afterwards. */
  dispose(): void;
}
