// A model run: one kernel, one NSH, and the console session typed into it.
// Each command runs until the system is idle again, the way the transcripts
// were recorded (the next command is sent when the prompt appears).
import { boardConfig, type BoardConfig } from "../boards/board";
import type { Fix } from "../boards/fixes";
import type { Board, Tree } from "../heap/profiles";
import { readChunk } from "../apps/nsh/readline";
import { nsh, type Terminal } from "../apps/nsh/nsh";
import { createInstance } from "../wasm/leakless";
import { Kernel, KernelError } from "./kernel";

export class ModelSession implements Terminal {
  private pending: string[] = [];
  /** Each command: the heap event count when it started, and how many console lines came before its output. */
  readonly commands: { line: string; at: number; outputFrom: number }[] = [];

  private constructor(readonly kernel: Kernel) {}

  static async create(module: WebAssembly.Module, board: Board, tree: Tree, fixes: Fix[] = []): Promise<ModelSession> {
    return ModelSession.boot(module, boardConfig(board, tree, fixes));
  }

  static async boot(module: WebAssembly.Module, config: BoardConfig): Promise<ModelSession> {
    const wasm = await createInstance(module);
    let session: ModelSession | undefined;
    const terminal: Terminal = {
      nextLine: (buflen) => session!.nextLine(buflen),
      commandStarted: (line) => session!.commandStarted(line),
    };
    session = new ModelSession(new Kernel(wasm, config, nsh(terminal)));
    // A board with a console login is logged into first, as the recordings were.
    if (config.login) session.pending.push(config.login.username, config.login.password);
    session.kernel.runUntilIdle();
    return session;
  }

  /** One readline of the typed lines: up to buflen - 1 characters; the rest waits for the next read. */
  nextLine(buflen: number): { text: string; ended: boolean } | null {
    if (this.pending.length === 0) return null;
    const chunk = readChunk(this.pending[0], buflen);
    if (chunk.rest === null) this.pending.shift();
    else this.pending[0] = chunk.rest;
    return { text: chunk.text, ended: chunk.rest === null };
  }

  commandStarted(line: string): void {
    this.commands.push({ line, at: this.kernel.wasm.heapEventCount(), outputFrom: this.kernel.lineCount });
  }

  /** Type a line at the prompt and run until the system is idle again. */
  run(line: string): void {
    if (this.kernel.halted !== null) throw new KernelError(`this kernel halted at an assertion (${this.kernel.halted}); choose its source again to reboot it`);
    this.pending.push(line);
    if (this.kernel.waitingForInput()) this.kernel.wasm.kernelConsoleInput();
    this.kernel.runUntilIdle();
  }

  console(): string {
    return this.kernel.output.map((o) => o.text).join("");
  }
}
