// Where a pane's Recording comes from: a bundled real recording, the model, or
// text the user imported (kept by the pane's engine; `session` picks one
// session of a transcript).
import type { Board, Tree } from "../heap/profiles";
import type { BundledId } from "./bundled";
import type { Recording } from "./recording";

export type SourceSpec =
  | { kind: "recording"; id: BundledId }
  | { kind: "model"; board: Board; tree: Tree; fixes: string[] }
  | { kind: "import"; name: string; session: number };

/** A simulated kernel: its recording grows as commands run. */
export interface KernelSource {
  recording(): Recording;
  /** Runs one NSH command line; appends its events, markers and console to the recording. */
  run(commandLine: string): void;
}

export type ModelFactory = (board: Board, tree: Tree, fixes: string[], wasmModule: WebAssembly.Module) => KernelSource | Promise<KernelSource>;

/** Each transcript's main session (fixtures/nuttx/groundtruth/README.md, "The session"). */
export const MAIN_SESSION = ["free", "hello", "free", "getprime 4", "free", "ostest", "echo $?", "free", "ostest", "free", "ls -R /var", "rm -r /var", "free", "ostest", "free"];
