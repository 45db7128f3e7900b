// What a program may do. Every method that enters the kernel is a generator:
// the call is made, then the program yields so that the kernel can block or
// preempt it; the value comes back when the task runs again.
import { dumpKindOf, formatMemdump } from "../heap/memdump";
import type { Mallinfo } from "../heap/mallinfo";
import type { Leakless } from "../wasm/leakless";
import type { Kernel, ProgramMain, SignalHandler } from "./kernel";

export type Call<T = number> = Generator<void, T, number>;

/** Owner kinds of assembly/kernel/labels.ts, by name. */
export type OwnerName = "user" | "stream" | "env" | "console" | "procfs" | "inode" | "driver";

/** FileKind.Console and FileKind.Memdump of assembly/fs/files.ts. */
const FILE_CONSOLE = 1;
const FILE_MEMDUMP = 7;

/** SCHED_FIFO and SCHED_RR as NuttX numbers them. */
export const SCHED_FIFO = 1;
export const SCHED_RR = 2;

/** A task as ps shows it. */
export interface TaskStatus {
  pid: number;
  group: number;
  ppid: number;
  priority: number;
  policy: "RR" | "FIFO";
  type: string;
  state: string;
  event: string;
  sigmask: bigint;
  /** The stack allocation's address (0 for idle's static stack) and the size asked for. */
  stackAddress: number;
  stackSize: number;
  argv: string[];
}

/** A struct sigaction as sigaction() hands back in oact. */
export interface OldAction {
  handler: number;
  flags: number;
  mask: bigint;
}

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

  /** printf: to standard output, which may have been redirected (to /dev/null, say). */
  print(text: string): void {
    this.write(1, text);
  }

  /** fprintf(stderr) / write(2). */
  printErr(text: string): void {
    this.write(2, text);
  }

  /** write(fd): the console shows it; /proc/memdump dumps the heap to the console (syslog). */
  write(fd: number, text: string): void {
    const kind = this.wasm.sysFileKindOf(this.pid, fd);
    if (kind === FILE_CONSOLE) this.kernel.print(this.pid, text);
    else if (kind === FILE_MEMDUMP) this.kernel.print(this.pid, formatMemdump(this.kernel.heap, dumpKindOf(text)));
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

  /** mallinfo(): the heap's numbers; where mallinfo drains the delay list, the frees are this task's. */
  mallinfo(): Mallinfo {
    this.kernel.heap.setContext(this.pid);
    return this.kernel.heap.mallinfo();
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

  /** What a descriptor is (FileKind of assembly/fs/files.ts), or 0. */
  fileKind(fd: number): number {
    return this.wasm.sysFileKindOf(this.pid, fd);
  }

  *dup(fd: number): Call {
    return yield* this.call((w) => w.sysDup(fd));
  }

  *dup2(from: number, to: number): Call {
    return yield* this.call((w) => w.sysDup2(from, to));
  }

  /** What procfs tells ps about a task (kernelTaskStatus), or null if there is no such task. */
  taskStatus(pid: number): TaskStatus | null {
    const fields = this.wasm.kernelTaskStatus(pid).split("\t");
    if (fields.length < 9) return null;
    const [group, ppid, priority, policy, type, state, sigmask, stackAddress, stackSize] = fields;
    const [stateName, event = ""] = state.split(",");
    const argv = this.kernel.argvOf(pid);
    return {
      ...{ pid, group: Number(group), ppid: Number(ppid), priority: Number(priority), policy: Number(policy) === SCHED_RR ? "RR" : "FIFO" },
      ...{ type, state: stateName, event, sigmask: BigInt(`0x${sigmask}`), stackAddress: Number(stackAddress), stackSize: Number(stackSize) },
      argv: argv.length > 0 ? argv : [this.wasm.kernelTaskName(pid)],
    };
  }

  /** What /proc/<pid>/group/status and group/env give. */
  groupStatus(pid: number): { main: number; parent: number; members: number[]; env: string[] } {
    const [main, parent, members, env] = this.wasm.kernelGroupStatus(pid).split("\t");
    return { main: Number(main), parent: Number(parent), members: (members ?? "").split(",").filter(Boolean).map(Number), env: (env ?? "").split("\n").filter(Boolean) };
  }

  /** The simulated clock since boot, in seconds (clock_systime_timespec). */
  uptimeSeconds(): number {
    return (this.wasm.kernelTicks() * (this.kernel.config.values.usec_per_tick ?? 1000)) / 1e6;
  }

  /** An open procfs file's path below /proc, or "". */
  filePath(fd: number): string {
    return this.wasm.sysFilePath(fd);
  }

  *openDir(path: string): Call {
    return yield* this.call((w) => w.sysOpenDir(path));
  }

  /** readdir: the names in the directory; a directory's name ends in "/". */
  readDir(fd: number): string[] {
    const names: string[] = [];
    for (let name = this.wasm.sysDirEntry(fd, 0); name !== ""; name = this.wasm.sysDirEntry(fd, names.length)) names.push(name);
    return names;
  }

  /** stat: st_mode, or -ENOENT. */
  stat(path: string): number {
    return this.wasm.sysStat(path);
  }

  /** stat's st_size. */
  statSize(path: string): number {
    return this.wasm.sysStatSize(path);
  }

  *mkdir(path: string): Call {
    return yield* this.call((w) => w.sysMkdir(path));
  }

  *rmdir(path: string): Call {
    return yield* this.call((w) => w.sysRmdir(path));
  }

  *unlink(path: string): Call {
    return yield* this.call((w) => w.sysUnlink(path));
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

  /**
   * posix_spawn(name): the program's pid if a PATH directory has it (the new
   * task runs `main`), or -ENOENT. `stdout` is a file to open as its fd 1.
   */
  *spawnProgram(name: string, priority: number, stackSize: number, main: ProgramMain, argv: string[] = [], stdout = ""): Call {
    const newest = this.wasm.kernelLastCreated();
    this.wasm.sysSpawnProgram(name, priority, stackSize, stdout);
    const pid = this.wasm.kernelLastCreated();
    if (pid !== newest) this.kernel.attach(pid, main, [name, ...argv], false);
    return yield;
  }

  /** boardctl(BOARDIOC_MKRD): a RAM disk /dev/ram<minor>. */
  *mkrd(minor: number, nsectors: number, sectsize: number): Call {
    return yield* this.call((w) => w.sysMkrd(minor, nsectors, sectsize));
  }

  /** mount(source, target, fstype, 0, data); source "" for none. */
  *mount(source: string, target: string, fstype: string, data = ""): Call {
    return yield* this.call((w) => w.sysMount(source, target, fstype, data));
  }

  /** nx_romfsetc: the ROMFS /etc image as a RAM disk, mounted at /etc. */
  *mountEtc(): Call {
    return yield* this.call((w) => w.sysRomfsEtc());
  }

  /** One read() of /proc/fs/mount. */
  *readMounts(): Call {
    return yield* this.call((w) => w.sysReadMounts());
  }

  /** The text /proc/fs/mount reads as. */
  mountListing(): string {
    return this.wasm.sysMountListing();
  }

  /** ioctl(BIOC_GEOMETRY) on an open block device: its sector size, or -errno. */
  sectorSize(fd: number): number {
    return this.wasm.sysSectorSize(fd);
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

  /** task_create / task_spawn: the new task's pid; `stdout` is a file to open as its fd 1. */
  *taskCreate(name: string, priority: number, stackSize: number, main: ProgramMain, argv: string[] = [], stdout = ""): Call {
    this.wasm.sysTaskCreate(name, priority, stackSize, stdout);
    this.kernel.attach(this.wasm.kernelLastCreated(), main, [name, ...argv], false);
    return yield;
  }

  /** kthread_create: a kernel thread's pid. */
  *kthreadCreate(name: string, priority: number, stackSize: number, main: ProgramMain, argv: string[] = []): Call {
    this.wasm.sysKthreadCreate(name, priority, stackSize);
    this.kernel.attach(this.wasm.kernelLastCreated(), main, [name, ...argv], false);
    return yield;
  }

  /** waitpid: [pid or -errno, exit status]. */
  *waitpid(pid: number): Call<[number, number]> {
    const result = yield* this.call((w) => w.sysWaitpid(pid));
    return [result, this.aux()];
  }

  /** waitid(P_ALL) / wait() with SCHED_HAVE_PARENT: [the child's pid or -errno, its exit status]. */
  *waitAny(): Call<[number, number]> {
    const result = yield* this.call((w) => w.sysWaitAny());
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

  *semWait(sem: number, timeoutTicks = -1): Call {
    return yield* this.call((w) => w.sysSemWait(sem, timeoutTicks));
  }

  *semTryWait(sem: number): Call {
    return yield* this.call((w) => w.sysSemTryWait(sem));
  }

  *semPost(sem: number): Call {
    return yield* this.call((w) => w.sysSemPost(sem));
  }

  semInit(value: number): number {
    return this.wasm.sysSemInit(value);
  }

  semDestroy(sem: number): void {
    this.wasm.sysSemDestroy(sem);
  }

  semValue(sem: number): number {
    return this.wasm.sysSemValue(sem);
  }

  *yield(): Call {
    return yield* this.call((w) => w.sysYield());
  }

  *setPriority(pid: number, priority: number): Call {
    return yield* this.call((w) => w.sysSetPriority(pid, priority));
  }

  getPriority(pid = 0): number {
    return this.wasm.sysGetPriority(pid);
  }

  *pthreadCancel(tid: number): Call {
    return yield* this.call((w) => w.sysPthreadCancel(tid));
  }

  /** pthread_setcancelstate; enabling with a cancel pending ends the thread. */
  *setCancelState(enable: boolean): Call {
    const mustExit = yield* this.call((w) => w.sysSetCancelState(enable));
    if (mustExit === 1) yield* this.pthreadExit(PTHREAD_CANCELED);
    return 0;
  }

  *taskRestart(pid: number): Call {
    const result = yield* this.call((w) => w.sysTaskRestart(pid));
    if (result === 0) this.kernel.restart(pid);
    return result;
  }

  /**
   * vfork: the child runs `child` while the parent waits for it; returns the
   * child's pid. In 2024 the parent's wait is a waitpid; in 2026 the kernel
   * suspends it until the child is released.
   */
  *vfork(child: ProgramMain): Call {
    this.wasm.sysFork();
    const pid = this.wasm.kernelLastCreated();
    this.kernel.attach(pid, child, [], false);
    yield;
    if (!this.kernel.config.values.vfork_resumed_at_release) yield* this.waitpid(pid);
    return pid;
  }

  robustHold(sem: number): void {
    this.wasm.sysRobustHold(sem);
  }

  robustRelease(sem: number): void {
    this.wasm.sysRobustRelease(sem);
  }

  robustInconsistent(sem: number): boolean {
    return this.wasm.sysRobustInconsistent(sem);
  }

  robustConsistent(sem: number): void {
    this.wasm.sysRobustConsistent(sem);
  }

  /**
   * sigaction: a handler, or null for SIG_DFL; `mask` lists the signals blocked while it runs.
   * Returns oact, the action it replaces: handler 0 is SIG_DFL, another the kernel's number for a handler.
   */
  *sigaction(signo: number, handler: SignalHandler | null, mask: number[] = [], flags = 0): Call<OldAction> {
    const [oldHandler = "0", oldFlags = "0", oldMask = "0"] = this.wasm.sysSigactionOf(signo).split("\t");
    const id = handler ? this.kernel.registerHandler(handler) : 0;
    const [low, high] = maskWords(mask);
    yield* this.call((w) => w.sysSigaction(signo, id, flags, low, high));
    return { handler: Number(oldHandler), flags: Number(oldFlags), mask: BigInt(`0x${oldMask}`) };
  }

  *kill(pid: number, signo: number, value = 0, code = 0): Call {
    return yield* this.call((w) => w.sysKill(pid, signo, value, code));
  }

  /** sigprocmask: how 0 block, 1 unblock, 2 set. */
  *sigprocmask(how: 0 | 1 | 2, signals: number[]): Call {
    const [low, high] = maskWords(signals);
    return yield* this.call((w) => w.sysSigprocmask(how, low, high));
  }

  /** sigwaitinfo: [the signal's number or -errno, its value]. */
  *sigwaitinfo(signals: number[]): Call<[number, number]> {
    const [low, high] = maskWords(signals);
    const signo = yield* this.call((w) => w.sysSigwaitinfo(low, high));
    return [signo, this.aux()];
  }

  *mqOpen(name: string, create: boolean, maxmsgs: number): Call {
    return yield* this.call((w) => w.sysMqOpen(name, create, maxmsgs));
  }

  *mqClose(fd: number): Call {
    return yield* this.call((w) => w.sysMqClose(fd));
  }

  *mqUnlink(name: string): Call {
    return yield* this.call((w) => w.sysMqUnlink(name));
  }

  /** mq_send of a `length`-byte message, or mq_timedsend with a timeout in ticks. */
  *mqSend(fd: number, priority: number, length: number, timeoutTicks: number | null = null): Call {
    return yield* this.call((w) => w.sysMqSend(fd, priority, length, timeoutTicks !== null, timeoutTicks ?? -1));
  }

  *mqReceive(fd: number, timeoutTicks: number | null = null): Call {
    return yield* this.call((w) => w.sysMqReceive(fd, timeoutTicks !== null, timeoutTicks ?? -1));
  }

  *timerCreate(signo: number, value: number): Call {
    return yield* this.call((w) => w.sysTimerCreate(signo, value));
  }

  *timerSettime(id: number, initialTicks: number, intervalTicks: number): Call {
    return yield* this.call((w) => w.sysTimerSettime(id, initialTicks, intervalTicks));
  }

  *timerDelete(id: number): Call {
    return yield* this.call((w) => w.sysTimerDelete(id));
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

/** PTHREAD_CANCELED as a thread's exit value. */
export const PTHREAD_CANCELED = -1;

function maskWords(signals: number[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const signo of signals) {
    if (signo < 32) low |= 1 << signo;
    else high |= 1 << (signo - 32);
  }
  return [low >>> 0, high >>> 0];
}

export type { ProgramMain };
