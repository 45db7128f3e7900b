// The host side of one simulated NuttX kernel: it configures and boots the
// WASM kernel, then runs the programs of its tasks as coroutines. The kernel
// decides who runs; this loop only resumes the running task's program, runs a
// signal handler first when one is due, lets a half-done kernel path go on, or
// lets time pass.
import { Heap } from "../heap/heap";
import type { BoardConfig } from "../boards/board";
import type { Leakless } from "../wasm/leakless";
import { Sys } from "./sys";
import { appBringUp } from "./bringup";

/** A program's code: a coroutine that makes system calls through `Sys` and returns its exit status. */
export type Program = Generator<void, number, number>;
export type ProgramMain = (sys: Sys, argv: string[]) => Program;
export type SignalHandler = (sys: Sys, signo: number, value: number) => Program;

export class KernelError extends Error {}

/** kernel/panic.ts: the call a heap assertion fired in. */
const PANIC_REALLOC = 2;

interface Frame {
  program: Program;
  started: boolean;
  /** A handler frame keeps the interrupted call's result, to put back when it returns. */
  handler: boolean;
  stash: number | null;
}

interface Process {
  frames: Frame[];
  thread: boolean;
  main: ProgramMain;
  argv: string[];
}

/** A chunk of console output, and how many heap events had happened when it was printed. */
export interface Output {
  at: number;
  pid: number;
  text: string;
}

export class Kernel {
  readonly heap: Heap;
  readonly output: Output[] = [];
  private readonly processes = new Map<number, Process>();
  private readonly handlers = new Map<number, SignalHandler>();
  private owners: string[] = [];
  /** Every task and thread's name, by pid, as it was created. */
  readonly names = new Map<number, string>();
  /** What the kernel halted on (an assertion, in NuttX's words); nothing runs after it. */
  halted: string | null = null;
  readonly initPid: number;

  constructor(
    readonly wasm: Leakless,
    readonly config: BoardConfig,
    init: ProgramMain,
  ) {
    wasm.kernelClearConfig();
    for (const [key, value] of Object.entries(config.values)) wasm.kernelSetConfig(key, value);
    for (const [key, value] of Object.entries(config.texts)) wasm.kernelSetConfigText(key, value);
    this.initPid = wasm.kernelBoot(config.heapStart >>> 0, config.heapSize >>> 0);
    this.checkConfig();
    if (this.initPid < 0) throw new KernelError(`mm_initialize refused the heap region of ${config.board}/${config.tree}`);
    this.heap = Heap.attach(wasm, config.heap, config.heapStart, config.heapSize);
    this.print(0, config.banner);
    if (config.values.board_late_initialize) this.attach(this.initPid, appBringUp(init), ["AppBringUp"], false);
    else this.attach(this.initPid, init, ["nsh_main"], false);
  }

  private checkConfig(): void {
    const missing = this.wasm.kernelMissingConfig();
    if (missing) throw new KernelError(`the model needs "${missing}" for ${this.config.board}/${this.config.tree}`);
  }

  /** Give a new task its program; it starts when the task first runs. */
  attach(pid: number, main: ProgramMain, argv: string[], thread: boolean): void {
    this.names.set(pid, this.wasm.kernelTaskName(pid));
    const frame: Frame = { program: main(new Sys(this, pid), argv), started: false, handler: false, stash: null };
    this.processes.set(pid, { frames: [frame], thread, main, argv });
  }

  /** The arguments a task was started with, its name first; none for idle. */
  argvOf(pid: number): string[] {
    return this.processes.get(pid)?.argv ?? [];
  }

  /** task_restart: the task starts its program again from the beginning. */
  restart(pid: number): void {
    const process = this.processes.get(pid);
    if (process) this.attach(pid, process.main, process.argv, process.thread);
  }

  registerHandler(handler: SignalHandler): number {
    const id = this.handlers.size + 1;
    this.handlers.set(id, handler);
    return id;
  }

  print(pid: number, text: string): void {
    this.output.push({ at: this.wasm.heapEventCount(), pid, text });
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineCount++;
  }

  /** Complete console lines printed so far. */
  lineCount = 0;

  ownerIndex(name: string): number {
    if (this.owners.length === 0) {
      for (let i = 0; i < this.wasm.kernelOwnerCount(); i++) this.owners.push(this.wasm.kernelOwnerName(i));
    }
    const index = this.owners.indexOf(name);
    if (index < 0) throw new KernelError(`unknown owner kind ${name}`);
    return index;
  }

  /** One turn of the loop; false when nothing can happen any more without input. */
  step(): boolean {
    const wasm = this.wasm;
    if (wasm.kernelInKernel()) {
      wasm.kernelResume();
      return true;
    }
    const pid = wasm.kernelRunning();
    if (pid === 0 || wasm.kernelBusy()) return wasm.kernelAdvance();
    const process = this.processes.get(pid);
    if (!process) throw new KernelError(`task ${pid} (${wasm.kernelRunningName()}) runs, but it has no program`);
    this.startHandlers(pid, process);
    this.resume(pid, process);
    this.checkConfig();
    return true;
  }

  /** Signals due for this thread run their handlers before its program goes on. */
  private startHandlers(pid: number, process: Process): void {
    for (let signo = this.wasm.kernelSignalToRun(); signo !== 0; signo = this.wasm.kernelSignalToRun()) {
      const handler = this.handlers.get(this.wasm.kernelSignalHandler(signo));
      const stash = this.wasm.kernelHasResult() ? this.wasm.kernelTakeResult() : null;
      const sys = new Sys(this, pid);
      const program = handler ? handler(sys, signo, this.wasm.kernelSignalValue()) : (function* () { return 0; })();
      process.frames.push({ program, started: false, handler: true, stash });
    }
  }

  private resume(pid: number, process: Process): void {
    const wasm = this.wasm;
    const frame = process.frames[process.frames.length - 1];
    if (frame.started && !wasm.kernelHasResult()) throw new KernelError(`task ${pid} runs, but its system call has no result`);
    const result = frame.started ? wasm.kernelTakeResult() : 0;
    frame.started = true;
    const next = frame.program.next(result);
    if (!next.done) return;
    process.frames.pop();
    if (frame.handler) {
      wasm.kernelSignalReturn();
      if (frame.stash !== null) wasm.kernelRestoreResult(frame.stash);
      return;
    }
    this.processes.delete(pid);
    if (process.thread) wasm.sysPthreadExit(next.value);
    else wasm.sysExit(next.value);
  }

  /** Run until only the idle task could run and nothing is due: the system waits for input. */
  runUntilIdle(limit = 20_000_000): void {
    for (let i = 0; i < limit; i++) {
      if (this.halted !== null) return;
      if (this.wasm.kernelRunning() === 0 && !this.idleHasWork()) return;
      if (!this.step()) return;
      this.checkAssertion();
    }
    throw new KernelError(`the kernel did not settle within ${limit} steps`);
  }

  /** sched/misc/assert.c prints the assertion with the running task's name, then the board stops. */
  private checkAssertion(): void {
    const call = this.wasm.kernelPanicCall();
    if (call === 0) return;
    const error = this.heap.lastError(call === PANIC_REALLOC ? "realloc" : "free");
    const pid = this.wasm.kernelRunning();
    this.halted = `${error?.assertion ?? "Assertion failed"} task: ${this.wasm.kernelRunningName()}`;
    this.print(pid, `${this.halted}\n${error ? `(${error.meaning})\n` : ""}`);
  }

  private idleHasWork(): boolean {
    return this.wasm.kernelPendingWatchdogs() > 0 && !this.waitingForInput();
  }

  waitingForInput(): boolean {
    return this.wasm.kernelConsoleWaiting();
  }

  get ticks(): number {
    return this.wasm.kernelTicks();
  }
}
