// System calls for semaphores, scheduling, cancellation, robust mutexes,
// signals, message queues and POSIX timers.
import { groupOf } from "../sched/group";
import { complete, reprioritize, schedLocked } from "../sched/scheduler";
import { running, taskOf } from "../sched/tasks";
import { restart, vfork } from "../sched/task";
import { cancel, setCancelState } from "../pthread/pthread";
import { BLOCKED, semDestroy, semInit, semPost, semReset, semTryWait, semValue, semWait } from "../semaphore/sem";
import { holdMutex, makeConsistent, mutexInconsistent, releaseMutex } from "../semaphore/robust";
import { findAction, setAction } from "../signal/action";
import { beginHandler, deliveringValue, endHandler, handlerOf, kill, setMask, Signal, waitSignal } from "../signal/deliver";
import { timerCreate, timerDelete, timerSettime } from "../signal/timer";
import { mqClose, mqOpen, mqReceive, mqSend, mqUnlink } from "../mqueue/mqueue";
import { setPriority } from "../sched/priority";
import { Resume } from "./resume";

/** Returns the semaphore's id; sem_t is user memory, so nothing is allocated. */
export function sysSemInit(value: i32): i32 {
  return semInit(value);
}

export function sysSemDestroy(id: i32): i32 {
  return semDestroy(id);
}

export function sysSemReset(id: i32, value: i32): void {
  semReset(id, value);
}

export function sysSemValue(id: i32): i32 {
  return semValue(id);
}

/** sem_wait, or sem_clockwait with a timeout in ticks (-1: none). */
export function sysSemWait(id: i32, timeout: i32): void {
  const result = semWait(id, i64(timeout));
  if (result != BLOCKED) complete(running(), result);
}

export function sysSemTryWait(id: i32): void {
  complete(running(), semTryWait(id));
}

/** sem_post: a waiter of higher priority preempts the caller here. */
export function sysSemPost(id: i32): void {
  complete(running(), semPost(id));
}

/** sched_yield: behind every other ready task of the same priority. */
export function sysYield(): void {
  const tcb = running();
  complete(tcb, 0);
  reprioritize(tcb, tcb.priority);
}

/** pthread_setschedprio / sched_setparam (pid 0: the caller). */
export function sysSetPriority(pid: i32, priority: i32): void {
  const caller = running();
  complete(caller, setPriority(pid == 0 ? caller.pid : pid, priority));
}

export function sysGetPriority(pid: i32): i32 {
  const tcb = pid == 0 ? running() : taskOf(pid);
  return tcb == null ? -1 : tcb.priority;
}

export function sysPthreadCancel(pid: i32): void {
  complete(running(), cancel(pid));
}

/** pthread_setcancelstate: 1 if a pending cancel now ends the caller (it must pthread_exit). */
export function sysSetCancelState(enable: bool): void {
  complete(running(), setCancelState(enable) ? 1 : 0);
}

export function sysTaskRestart(pid: i32): void {
  complete(running(), restart(pid));
}

/** vfork: the child is created; the parent waits for it (kernelLastCreated() is its pid). */
export function sysFork(): void {
  vfork();
}

export function sysRobustHold(sem: i32): void {
  holdMutex(running().pid, sem);
}

export function sysRobustRelease(sem: i32): void {
  releaseMutex(running().pid, sem);
}

export function sysRobustInconsistent(sem: i32): bool {
  return mutexInconsistent(sem);
}

export function sysRobustConsistent(sem: i32): void {
  makeConsistent(sem);
}

/** sigaction(signo, handler id or 0 for SIG_DFL/SIG_IGN, flags, mask). */
export function sysSigaction(signo: i32, handler: i32, flags: i32, maskLow: u32, maskHigh: u32): void {
  setAction(groupOf(running()), signo, handler, flags, (u64(maskHigh) << 32) | u64(maskLow));
  complete(running(), 0);
}

/** sigaction's oact: the action on signo in the caller's group, "handler flags mask" (mask in hex), or "" for SIG_DFL. */
export function sysSigactionOf(signo: i32): string {
  const action = findAction(groupOf(running()), signo);
  if (action == null) return "";
  return `${action.handler}\t${action.flags}\t${action.mask.toString(16)}`;
}

/** kill / pthread_kill / sigqueue: to the thread with that id. */
export function sysKill(pid: i32, signo: i32, value: i32, code: i32): void {
  complete(running(), kill(pid, new Signal(signo, value, code)));
}

/** sigprocmask: 0 block, 1 unblock, 2 set; the old mask's low word is the result. */
export function sysSigprocmask(how: i32, maskLow: u32, maskHigh: u32): void {
  const old = setMask(how, (u64(maskHigh) << 32) | u64(maskLow));
  complete(running(), i32(u32(old & 0xffffffff)));
}

/** sigwaitinfo(set): the signal's number; its value is the second result. */
export function sysSigwaitinfo(maskLow: u32, maskHigh: u32): void {
  waitSignal((u64(maskHigh) << 32) | u64(maskLow));
}

/** The host asks before resuming a program: a signal whose handler must run first, or 0. */
export function kernelSignalToRun(): i32 {
  return beginHandler();
}

export function kernelSignalHandler(signo: i32): i32 {
  return handlerOf(groupOf(running()), signo);
}

export function kernelSignalValue(): i32 {
  return deliveringValue();
}

export function kernelSignalReturn(): void {
  endHandler();
}

/** A program's pending result, put back after a handler ran in between. */
export function kernelRestoreResult(result: i32): void {
  complete(running(), result);
}

export function kernelSchedLocked(): bool {
  return schedLocked();
}

export function sysMqOpen(name: string, create: bool, maxmsgs: i32): void {
  complete(running(), mqOpen(groupOf(running()), name, create, maxmsgs));
}

export function sysMqClose(fd: i32): void {
  complete(running(), mqClose(groupOf(running()), fd));
}

export function sysMqUnlink(name: string): void {
  complete(running(), mqUnlink(name));
}

/** mq_send (timeout -1) or mq_timedsend of a `length`-byte message. */
export function sysMqSend(fd: i32, priority: i32, length: i32, timed: bool, timeout: i32): void {
  const tcb = running();
  const result = mqSend(groupOf(tcb), fd, priority, length, timed, i64(timeout));
  if (result != 1) return complete(tcb, result);
  tcb.resume = Resume.MqSendResumed;
  tcb.resumeArg = tcb.waitingOn;
  tcb.resumeArg2 = priority;
}

export function sysMqReceive(fd: i32, timed: bool, timeout: i32): void {
  const tcb = running();
  const result = mqReceive(groupOf(tcb), fd, timed, i64(timeout));
  if (result != 1) return complete(tcb, result);
  tcb.resume = Resume.MqReceiveResumed;
  tcb.resumeArg = tcb.waitingOn;
}

export function sysTimerCreate(signo: i32, value: i32): void {
  complete(running(), timerCreate(signo, value));
}

export function sysTimerSettime(id: i32, initial: i32, interval: i32): void {
  complete(running(), timerSettime(id, i64(initial), i64(interval)));
}

export function sysTimerDelete(id: i32): void {
  complete(running(), timerDelete(id));
}
