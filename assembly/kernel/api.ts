// The kernel's export surface for the host: configuration and boot, the run
// loop's questions (who runs, what it waits for), and the system calls that
// programs make. A call acts for the running task; its result is delivered
// with complete(), read back by the host when the task's program resumes.
import { absoluteAddress, heapInit } from "../mm/api";
import { boot } from "./boot";
import { clearConfig, config, enabled, missingConfig, setConfig, setConfigText } from "./config";
import { panicCall } from "./panic";
import { resumeKernel } from "./resume";
import { advance, complete, schedLock, schedUnlock } from "../sched/scheduler";
import { lastCreated, running, taskOf } from "../sched/tasks";
import { groupOf } from "../sched/group";
import { pendingWatchdogs, ticks } from "../sched/clock";
import { consoleInput, consoleRead, consoleWaiting } from "../drivers/console";
import { OWNER_NAMES, ownerName, siteCount, siteName } from "./labels";

export function kernelSetConfig(key: string, value: i32): void {
  setConfig(key, value);
}

export function kernelSetConfigText(key: string, value: string): void {
  setConfigText(key, value);
}

export function kernelClearConfig(): void {
  clearConfig();
}

/** The first configuration key the model read without a value, or "". */
export function kernelMissingConfig(): string {
  return missingConfig();
}

/** Initialise the heap on the board's region, then boot. Returns the init task's pid, or -1. */
export function kernelBoot(start: u32, size: u32): i32 {
  const ok = heapInit(
    u32(config("sizeof_pointer")),
    u32(config("mm_align")),
    u32(config("sizeof_mm_heap")),
    config("curused_fixed") != 0,
    config("drain_on_walk") != 0,
    start,
    size,
  );
  return ok ? boot() : -1;
}

/** 0, or what the kernel halted on: 1 a free, 2 a realloc (kernel/panic.ts). */
export function kernelPanicCall(): i32 {
  return panicCall();
}

export function kernelRunning(): i32 {
  return running().pid;
}

export function kernelRunningName(): string {
  return running().name;
}

export function kernelTaskName(pid: i32): string {
  const tcb = taskOf(pid);
  return tcb == null ? "" : tcb.name;
}

export function kernelTaskAlive(pid: i32): bool {
  return taskOf(pid) != null;
}

/** The running task is inside a kernel path that must go on before its program. */
export function kernelInKernel(): bool {
  return running().resume != 0;
}

export function kernelResume(): void {
  resumeKernel(running());
}

export function kernelBusy(): bool {
  return running().burn > 0;
}

/** Let simulated time pass; false if nothing can ever happen again. */
export function kernelAdvance(): bool {
  return advance();
}

export function kernelTicks(): f64 {
  return f64(ticks());
}

export function kernelHasResult(): bool {
  return running().hasResult;
}

/** The running task's syscall result; reading it consumes it. */
export function kernelTakeResult(): i32 {
  const tcb = running();
  tcb.hasResult = false;
  return tcb.result;
}

export function kernelAuxResult(): i32 {
  return running().auxResult;
}

export function kernelOwnerCount(): u32 {
  return u32(OWNER_NAMES.length);
}

export function kernelOwnerName(index: u32): string {
  return ownerName(index);
}

export function kernelSiteName(index: u32): string {
  return siteName(index);
}

export function kernelSiteCount(): u32 {
  return siteCount();
}

export function sysSchedLock(): void {
  schedLock();
  complete(running(), 0);
}

export function sysSchedUnlock(): void {
  complete(running(), 0);
  schedUnlock();
}

/** CPU work: the task keeps the CPU (or shares it by round robin) for `ms` ticks of busy time. */
export function sysBurn(duration: i32): void {
  const tcb = running();
  tcb.burn = i64(duration);
  complete(tcb, 0);
}

/** The pid of the task or thread created last, so the host can attach its program at once. */
export function kernelLastCreated(): i32 {
  return lastCreated();
}

export function kernelPendingWatchdogs(): i32 {
  return pendingWatchdogs();
}

export function kernelConsoleWaiting(): bool {
  return consoleWaiting();
}

/** A line was typed on the console. */
export function kernelConsoleInput(): void {
  consoleInput();
}

/** The running task reads a line from the console. */
export function sysConsoleRead(): void {
  consoleRead();
}

/** sched/sched/sched_get_stateinfo.c g_statenames, by TaskState: the state, then the event waited for. */
const STATE_NAMES: string[] = ["Inactive", "Running", "Ready", "Waiting,Unlock", "Waiting,Semaphore", "Waiting,Signal", "Waiting,MQ empty", "Waiting,MQ full", "Stopped", "Exited"];

/**
 * What /proc/<pid>/status and /proc/<pid>/stack give ps, tab-separated: group,
 * parent, priority, policy (1 FIFO, 2 RR), type (fs_procfsproc.c
 * g_ttypenames), state[,event], signal mask (hex), and the stack: the
 * address of its allocation (0 for idle's static stack) and its requested size.
 */
export function kernelTaskStatus(pid: i32): string {
  const tcb = taskOf(pid);
  if (tcb == null) return "";
  const kernel = pid == 0 || tcb.isKernelThread();
  // 2024 kernel threads have their own group, inside their TCB allocation; 2026 ones share idle's.
  const group = kernel && pid != 0 && !enabled("group_allocated") ? pid : tcb.groupId;
  const type = kernel ? "Kthread" : tcb.isPthread() ? "pthread" : "Task";
  const stack = tcb.stackNode == 0 ? 0 : absoluteAddress(tcb.stackNode);
  const fields: string[] = [group.toString(), groupOf(tcb).ppid.toString(), tcb.priority.toString(), tcb.policy.toString(), type, STATE_NAMES[tcb.state], tcb.sigprocmask.toString(16), stack.toString(), tcb.stackSize.toString()];
  return fields.join("\t");
}

/**
 * What /proc/<pid>/group/status and group/env give: the main task, the parent,
 * the members' pids (comma-separated), then the environment, a line per variable.
 */
export function kernelGroupStatus(pid: i32): string {
  const tcb = taskOf(pid);
  if (tcb == null) return "";
  const group = groupOf(tcb);
  const members: string[] = [];
  for (let i = 0; i < group.members.length; i++) members.push(group.members[i].pid.toString());
  const env: string[] = [];
  for (let i = 0; i < group.env.length; i++) env.push(group.env[i].text);
  return [group.id.toString(), group.ppid.toString(), members.join(","), env.join("\n")].join("\t");
}
