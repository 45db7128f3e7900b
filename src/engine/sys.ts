// What a program may do. Every method that enters the kernel is a generator:
// the call is made, then the program yields so that the kernel can block or
// preempt it; the value comes back when the task runs again.
import type { Leakless } from "../wasm/leakless";
import type { Kernel, ProgramMain } from "./kernel";

export type Call<T = number> = Generator<void, T, number>;

/** Owner kinds of assembly/kernel/labels.ts, by name. */
export type OwnerName = "user" | "stream" | "env" | "console" | "procfs" | "inode";

/** SCHED_FIFO and SCHED_RR as NuttX numbers them. */
export const SCHED_FIFO = 1;
export const SCHED_RR = 2;

export class Sys {
  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
  ) {}

  private get wasm(): Leakless {
    return this.kernel.wasm;
  }

  /** Make a call, then let the kernel switch; returns the call's result. */
  *call(invoke: (wasm: Leakless) => void): Call {
    invoke(this.wasm);
    return yield;
  }

  print(text: string): void {
    this.kernel.print(this.pid, text);
  }

  owner(name: OwnerName): number {
    return this.kernel.ownerIndex(name);
  }

  /** The second result of the last call (waitpid's status, pthread_join's value). */
  aux(): number {
    return this.wasm.kernelAuxResult();
  }

  ticks(): number {
    return this.kernel.ticks;
  }

  *malloc(size: number, owner: OwnerName, site: string): Call {
    return yield* this.call((w) => w.sysMalloc(size, this.owner(owner), site));
  }

  *zalloc(size: number, owner: OwnerName, site: string): Call {
    return yield* this.call((w) => w.sysZalloc(size, this.owner(owner), site));
  }

  *realloc(offset: number, size: number, owner: OwnerName, site: string): Call {
    return yield* this.call((w) => w.sysRealloc(offset, size, this.owner(owner), site));
  }

  *free(offset: number): Call {
    return yield* this.call((w) => w.sysFree(offset));
  }

  *open(path: string): Call {
    return yield* this.call((w) => w.sysOpen(path));
  }

  *close(fd: number): Call {
    return yield* this.call((w) => w.sysClose(fd));
  }

  *sleepTicks(ticks: number): Call {
    return yield* this.call((w) => w.sysSleep(ticks));
  }

  /** usleep: microseconds rounded up to whole ticks (clock_time2ticks). */
  *usleep(usec: number): Call {
    const usecPerTick = this.kernel.config.values.usec_per_tick ?? 1000;
    return yield* this.sleepTicks(Math.ceil(usec / usecPerTick));
  }

  *sleep(seconds: number): Call {
    return yield* this.usleep(seconds * 1_000_000);
  }

  /** Spend CPU time: the task runs, and may be preempted, for `ms` milliseconds of work. */
  *burn(ms: number): Call {
    const usecPerTick = this.kernel.config.values.usec_per_tick ?? 1000;
    return yield* this.call((w) => w.sysBurn(Math.ceil((ms * 1000) / usecPerTick)));
  }

  *schedLock(): Call {
    return yield* this.call((w) => w.sysSchedLock());
  }

  *schedUnlock(): Call {
    return yield* this.call((w) => w.sysSchedUnlock());
  }

  *consoleRead(): Call {
    return yield* this.call((w) => w.sysConsoleRead());
  }

  *execAttempt(name: string): Call {
    return yield* this.call((w) => w.sysExecAttempt(name));
  }

  *boardInit(): Call {
    return yield* this.call((w) => w.sysBoardInit());
  }

  *setenv(name: string, value: string, overwrite: boolean): Call {
    return yield* this.call((w) => w.sysSetenv(name, value, overwrite));
  }

  *unsetenv(name: string): Call {
    return yield* this.call((w) => w.sysUnsetenv(name));
  }

  *putenv(text: string): Call {
    return yield* this.call((w) => w.sysPutenv(text));
  }

  *clearenv(): Call {
    return yield* this.call((w) => w.sysClearenv());
  }

  getenv(name: string): string | null {
    return this.wasm.sysGetenv(name);
  }

  /** task_create / task_spawn: the new task's pid. */
  *taskCreate(name: string, priority: number, stackSize: number, main: ProgramMain, argv: string[] = []): Call {
    this.wasm.sysTaskCreate(name, priority, stackSize);
    this.kernel.attach(this.wasm.kernelLastCreated(), main, [name, ...argv], false);
    return yield;
  }

  /** waitpid: [pid or -errno, exit status]. */
  *waitpid(pid: number): Call<[number, number]> {
    const result = yield* this.call((w) => w.sysWaitpid(pid));
    return [result, this.aux()];
  }

  /** pthread_create: the new thread's id (its pid). */
  *pthreadCreate(name: string, priority: number, policy: number, stackSize: number, main: ProgramMain, argv: string[] = []): Call {
    this.wasm.sysPthreadCreate(name, priority, policy, stackSize);
    const tid = this.wasm.kernelLastCreated();
    this.kernel.attach(tid, main, argv, true);
    yield;
    return tid;
  }

  /** pthread_join: [0 or -errno, the thread's exit value]. */
  *pthreadJoin(tid: number): Call<[number, number]> {
    const result = yield* this.call((w) => w.sysPthreadJoin(tid));
    return [result, this.aux()];
  }

  *pthreadDetach(tid: number): Call {
    return yield* this.call((w) => w.sysPthreadDetach(tid));
  }

  /** exit(): does not return. */
  *exit(status: number): Call<never> {
    this.wasm.sysExit(status);
    for (;;) yield;
  }

  *pthreadExit(value: number): Call<never> {
    this.wasm.sysPthreadExit(value);
    for (;;) yield;
  }
}

export type { ProgramMain };
