// Threads (sched/pthread/): creation, exit with the join handshake, join,
// and the forced cancel that a task's exit applies to its other threads.
import { config } from "../kernel/config";
import { EDEADLK, EINVAL, ESRCH } from "../kernel/errno";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { Resume } from "../kernel/resume";
import { Mutex, mutexAcquired, mutexLock, mutexUnlock } from "../semaphore/mutex";
import { semInit, semPost, semWait } from "../semaphore/sem";
import { Group, JoinRecord, groupOf } from "../sched/group";
import { assignPid } from "../sched/pidhash";
import { complete, makeReady, roundRobinInterval, schedLock, schedUnlock } from "../sched/scheduler";
import { addTask, removeFrom, readyToRun, running, tasks } from "../sched/tasks";
import { terminate } from "../sched/task";
import { Policy, Tcb, TcbFlag } from "../sched/tcb";
import { adjustedStackSize } from "../sched/stack";

/** PTHREAD_CANCELED: the exit value of a cancelled thread. */
const CANCELED: i32 = -1;

/** nx_pthread_create: the TCB, the stack, a pid; it joins the creator's group and may run at once. */
export function createPthread(name: string, priority: i32, policy: i32, stackSize: u32): Tcb {
  const creator = running();
  const group = groupOf(creator);
  const tcbNode = kzalloc(u32(config("sizeof_pthread_tcb")), Owner.Tcb, "pthread_create");
  stackSize = adjustedStackSize(stackSize);
  const stackNode = kmalloc(stackSize, Owner.Stack, "up_create_stack");
  const tcb = new Tcb(assignPid());
  tcb.name = name;
  tcb.flags = TcbFlag.Pthread;
  tcb.priority = priority;
  tcb.basePriority = priority;
  tcb.policy = policy == Policy.Fifo ? Policy.Fifo : Policy.RoundRobin;
  tcb.timeslice = roundRobinInterval();
  tcb.tcbNode = tcbNode;
  tcb.stackNode = stackNode;
  tcb.stackSize = stackSize;
  tcb.groupId = group.id;
  group.members.unshift(tcb);
  addTask(tcb);
  schedLock();
  makeReady(tcb);
  schedUnlock();
  return tcb;
}

function joinLock(tcb: Tcb): Mutex {
  return groupOf(tcb).joinLock;
}

function holdLock(tcb: Tcb): void {
  const lock = joinLock(tcb);
  if (lock.holder != tcb.pid) mutexAcquired(lock, tcb.pid);
}

function joinSemOf(tcb: Tcb): i32 {
  if (tcb.joinSem == 0) tcb.joinSem = semInit(0);
  return tcb.joinSem;
}

/** pthread_findjoininfo(create = true): a task_join_s, newest first on tg_joinqueue. */
function joinRecord(group: Group, pid: i32): JoinRecord {
  const found = group.joinOf(pid);
  if (found != null) return found;
  const record = new JoinRecord(pid);
  record.node = kzalloc(u32(config("sizeof_task_join")), Owner.Join, "pthread_findjoininfo");
  group.joins.unshift(record);
  return record;
}

function destroyJoin(group: Group, record: JoinRecord): void {
  group.joins.splice(group.joins.indexOf(record), 1);
  kfree(record.node);
}

/** The first half of pthread_completejoin: hand the value to the joiners, or keep it in a record. */
function deliverExitValue(tcb: Tcb, value: i32): void {
  const group = groupOf(tcb);
  if (tcb.joinWaiters.length > 0) {
    const waiters = tcb.joinWaiters;
    tcb.joinWaiters = [];
    for (let i = 0; i < waiters.length; i++) {
      waiters[i].joinValue = value;
      semPost(joinSemOf(waiters[i]));
    }
  } else if (group.members.length > 1 && (tcb.flags & TcbFlag.Detached) == 0) {
    joinRecord(group, tcb.pid).exitValue = value;
  }
}

/** pthread_exit: lock tg_joinlock first (nx_pthread_exit -> pthread_completejoin). */
export function startPthreadExit(tcb: Tcb, value: i32): void {
  tcb.exitCode = value;
  tcb.resume = Resume.ExiterJoinLocked;
  mutexLock(joinLock(tcb));
}

/** Locked: wake the joiners (one of higher priority preempts us right after the post). */
export function exiterJoinLocked(tcb: Tcb): void {
  holdLock(tcb);
  deliverExitValue(tcb, tcb.exitCode);
  tcb.resume = Resume.ExiterJoinPosted;
}

/** Mark the join complete and unlock; then the common exit hook. */
export function exiterJoinPosted(tcb: Tcb): void {
  tcb.flags |= TcbFlag.JoinCompleted;
  tcb.resume = Resume.TaskExitWakeup;
  mutexUnlock(joinLock(tcb));
}

/** pthread_join(thread): lock, then either collect a finished thread or queue and wait. */
export function join(pid: i32): void {
  const tcb = running();
  tcb.resume = Resume.JoinerLocked;
  tcb.resumeArg = pid;
  mutexLock(joinLock(tcb));
}

export function joinerLocked(tcb: Tcb): void {
  holdLock(tcb);
  const group = groupOf(tcb);
  const pid = tcb.resumeArg;
  const target = tasks.has(pid) ? tasks.get(pid) : null;
  if (target == null || (target.flags & TcbFlag.JoinCompleted) != 0) {
    const record = group.joinOf(pid);
    if (record != null) {
      tcb.joinValue = record.exitValue;
      destroyJoin(group, record);
    }
    return finishJoin(tcb, record != null ? 0 : -ESRCH);
  }
  if (target == tcb) return finishJoin(tcb, -EDEADLK);
  if (target.groupId != tcb.groupId || (target.flags & TcbFlag.Detached) != 0) return finishJoin(tcb, -EINVAL);
  target.joinWaiters.unshift(tcb);
  tcb.resume = Resume.JoinerWait;
  mutexUnlock(joinLock(tcb));
}

export function joinerWait(tcb: Tcb): void {
  tcb.resume = Resume.JoinerRelock;
  semWait(joinSemOf(tcb), -1);
}

/** Woken with the value: take the lock again, as pthread_join does, before returning. */
export function joinerRelock(tcb: Tcb): void {
  tcb.resume = Resume.JoinerDone;
  mutexLock(joinLock(tcb));
}

export function joinerDone(tcb: Tcb): void {
  holdLock(tcb);
  finishJoin(tcb, 0);
}

function finishJoin(tcb: Tcb, result: i32): void {
  tcb.resume = Resume.None;
  mutexUnlock(joinLock(tcb));
  complete(tcb, result);
  tcb.auxResult = tcb.joinValue;
}

/** pthread_detach: a finished thread's record goes now; a running one keeps none. */
export function detach(pid: i32): i32 {
  const tcb = running();
  const group = groupOf(tcb);
  const record = group.joinOf(pid);
  if (record != null) {
    destroyJoin(group, record);
    return 0;
  }
  if (!tasks.has(pid)) return -ESRCH;
  tasks.get(pid).flags |= TcbFlag.Detached;
  return 0;
}

/**
 * pthread_cancel (sched/pthread/pthread_cancel.c) without cancellation points:
 * a thread that disabled cancellation only gets a pending cancel; any other is
 * terminated at once from the caller's context. Returns 0 or an errno.
 */
export function cancel(pid: i32): i32 {
  if (pid == 0 || !tasks.has(pid)) return ESRCH;
  const target = tasks.get(pid);
  if ((target.flags & TcbFlag.ExitProcessing) != 0) return ESRCH;
  if ((target.flags & TcbFlag.NonCancelable) != 0) {
    target.flags |= TcbFlag.CancelPending;
    return 0;
  }
  if (target == running()) {
    startPthreadExit(target, CANCELED);
    return 0;
  }
  cancelThread(target);
  return 0;
}

/** pthread_setcancelstate: true if a pending cancel must now end the caller. */
export function setCancelState(enable: bool): bool {
  const tcb = running();
  if (!enable) {
    tcb.flags |= TcbFlag.NonCancelable;
    return false;
  }
  tcb.flags &= ~TcbFlag.NonCancelable;
  return (tcb.flags & TcbFlag.CancelPending) != 0;
}

/** Complete the join as cancelled and terminate the thread from the caller's context, so its frees are immediate. */
export function cancelThread(target: Tcb): void {
  if ((target.flags & TcbFlag.ExitProcessing) != 0) return;
  target.flags |= TcbFlag.ForcedCancel;
  deliverExitValue(target, CANCELED);
  target.flags |= TcbFlag.JoinCompleted;
  removeFrom(target, readyToRun);
  target.resume = Resume.None;
  terminate(target);
}
