// Tasks: creation (sched/task/task_spawn.c, task_init.c, task_setup.c), exit
// (task/exit.c, task_exithook.c, task_exit.c, sched/sched_releasetcb.c,
// group/group_leave.c) and waitpid (sched/sched_waitpid.c, !HAVE_PARENT).
import { dupEnv, releaseEnv } from "../environ/env";
import { config, enabled } from "../kernel/config";
import { ECHILD, ENOSYS, ESRCH } from "../kernel/errno";
import { recoverMutexes } from "../semaphore/robust";
import { releaseActions } from "../signal/action";
import { cleanupSignals } from "../signal/deliver";
import { absoluteAddress } from "../mm/api";
import { cancelWatchdog } from "./clock";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { Resume } from "../kernel/resume";
import { abandonWait, semDestroy, semInit, semPost, semValue, semWait } from "../semaphore/sem";
import { Group, GroupFlag, groupOf, groups, keepChildStatus, takeChildStatus } from "./group";
import { inheritStdio, releaseFiles } from "../fs/files";
import { assignPid, releasePid } from "./pidhash";
import { block, complete, makeReady, roundRobinInterval } from "./scheduler";
import { addTask, running, taskOf, tasks } from "./tasks";
import { Policy, TaskState, Tcb, TcbFlag } from "./tcb";
import { cancelThread } from "../pthread/pthread";
import { adjustedStackSize } from "./stack";

/**
 * nxtask_init: the TCB, the group (inside the 2024 TCB; its own allocation in
 * 2026, sched/group/group_create.c group_allocate), the environment copy, the
 * stack, then a pid.
 */
export function createTask(name: string, priority: i32, stackSize: u32, parent: Group, site: string): Tcb {
  const separate = enabled("group_allocated");
  const tcbNode = kzalloc(u32(config(separate ? "sizeof_tcb" : "sizeof_task_tcb")), Owner.Tcb, site);
  const group = new Group(0);
  group.node = separate ? kzalloc(u32(config("sizeof_group")), Owner.Tcb, "group_allocate") : tcbNode;
  dupEnv(group, parent.env);
  stackSize = adjustedStackSize(stackSize);
  const stackNode = kmalloc(stackSize, Owner.Stack, "up_create_stack");
  const tcb = newTcb(name, priority, tcbNode, stackNode, stackSize);
  group.id = tcb.pid;
  if (enabled("sched_have_parent")) group.ppid = parent.id;
  group.leaderName = name;
  group.exitSem = semInit(0);
  group.members.push(tcb);
  groups.set(group.id, group);
  inheritStdio(group, parent);
  tcb.groupId = group.id;
  addTask(tcb);
  return tcb;
}

/**
 * nxthread_create(TCB_FLAG_TTYPE_KERNEL): a TCB and a stack. The thread joins
 * idle's group (g_kthread_group), so it has no group, environment or files of
 * its own (sched/group/group_create.c, sched/environ/env_dup.c).
 */
export function createKernelThread(name: string, priority: i32, stackSize: u32): Tcb {
  const tcbNode = kzalloc(u32(config(enabled("group_allocated") ? "sizeof_tcb" : "sizeof_task_tcb")), Owner.Tcb, "nxthread_create");
  stackSize = adjustedStackSize(stackSize);
  const stackNode = kmalloc(stackSize, Owner.Stack, "up_create_stack");
  const tcb = newTcb(name, priority, tcbNode, stackNode, stackSize);
  tcb.flags |= TcbFlag.Kernel;
  groups.get(0).members.push(tcb);
  addTask(tcb);
  return tcb;
}

function newTcb(name: string, priority: i32, tcbNode: u32, stackNode: u32, stackSize: u32): Tcb {
  const tcb = new Tcb(assignPid());
  tcb.name = name;
  tcb.priority = priority;
  tcb.basePriority = priority;
  tcb.tcbNode = tcbNode;
  tcb.stackNode = stackNode;
  tcb.stackSize = stackSize;
  // task_setup.c: every task is round-robin when CONFIG_RR_INTERVAL > 0.
  tcb.policy = roundRobinInterval() > 0 ? Policy.RoundRobin : Policy.Fifo;
  tcb.timeslice = roundRobinInterval();
  return tcb;
}

/** exit() / return from main: kill the other threads, then the exit hook. A kernel thread's return is a bare _exit(). */
export function startTaskExit(tcb: Tcb, status: i32): void {
  tcb.exitCode = status;
  if (!tcb.isKernelThread()) killChildren(tcb);
  tcb.resume = Resume.TaskExitWakeup;
}

/** group_kill_children: every other member is cancelled and released by the caller, now. */
function killChildren(tcb: Tcb): void {
  const members = groupOf(tcb).members.slice(0);
  for (let i = 0; i < members.length; i++) {
    if (members[i] != tcb) cancelThread(members[i]);
  }
}

/** nxtask_exitwakeup: the last member posts the waitpid() callers; one may preempt us here. */
export function exitWakeup(tcb: Tcb): void {
  recoverMutexes(tcb);
  const group = groupOf(tcb);
  if (group.members.length == 1) {
    group.exitStatus = tcb.exitCode;
    // SCHED_HAVE_PARENT: nxtask_signalparent sends SIGCHLD with the status (task_exithook.c).
    if (enabled("sched_have_parent")) {
      keepChildStatus(group.id, tcb.exitCode);
      signalParentWaiter(group);
    }
    while (semValue(group.exitSem) < 0) semPost(group.exitSem);
  }
  tcb.resume = Resume.ExitRelease;
}

/** The rest of nxtask_exithook, then nxtask_exit: from here the heap lock fails, so frees wait. */
export function exitRelease(tcb: Tcb): void {
  leaveGroup(tcb);
  tcb.flags |= TcbFlag.ExitProcessing;
  releaseTcb(tcb, true);
  tcb.resume = Resume.None;
}

/** nxtask_exithook for a thread that someone else terminates. */
export function terminate(tcb: Tcb): void {
  recoverMutexes(tcb);
  tcb.flags |= TcbFlag.ExitProcessing;
  leaveGroup(tcb);
  releaseTcb(tcb, false);
}

function leaveGroup(tcb: Tcb): void {
  const group = groupOf(tcb);
  const at = group.members.indexOf(tcb);
  if (at >= 0) group.members.splice(at, 1);
  if (group.members.length == 0 && (group.flags & GroupFlag.Released) == 0) releaseGroup(group, tcb.isPthread());
}

/** group_release: streams, signals, join records, files, environment; then the group goes (2026) or waits for its TCB (2024). */
function releaseGroup(group: Group, byPthread: bool): void {
  group.flags |= GroupFlag.Released;
  releaseActions(group);
  for (let i = 0; i < group.joins.length; i++) kfree(group.joins[i].node);
  group.joins = [];
  releaseFiles(group);
  releaseEnv(group);
  // sched/group/group_leave.c (2026): group_release marks the group deleted and drops it.
  if (byPthread || enabled("group_allocated")) {
    group.flags |= GroupFlag.Deleted;
    dropGroup(group);
  }
}

/** group_drop: the group's node goes once nobody waits for it. */
export function dropGroup(group: Group): void {
  if (group.nwaiters > 0 || (group.flags & GroupFlag.Deleted) == 0) return;
  kfree(group.node);
  groups.delete(group.id);
}

/**
 * nxtask_exit / nxtask_terminate -> nxsched_release_tcb: the task leaves the
 * ready list first, then its pid slot and its stack go; then its TCB. In 2024
 * a task's TCB holds its group, so it stays while a member or a waiter keeps it.
 */
function releaseTcb(tcb: Tcb, deferred: bool): void {
  abandonWait(tcb);
  cleanupSignals(tcb);
  releasePid(tcb.pid);
  block(tcb, TaskState.Exited);
  kfree(tcb.stackNode, deferred);
  tasks.delete(tcb.pid);
  if (enabled("group_allocated") || tcb.isPthread() || groupGoesWithTcb(tcb)) kfree(tcb.tcbNode, deferred);
  if (tcb.vforkSem != 0) resumeVforkParent(tcb);
}

/** nxtask_resume_vfork (sched/sched/sched_releasetcb.c): the suspended parent runs once its child is gone. */
function resumeVforkParent(child: Tcb): void {
  semPost(child.vforkSem);
  semDestroy(child.vforkSem);
  child.vforkSem = 0;
}

/** 2024: a task's TCB (and the group in it) stays while a member or a waiter keeps the group. */
function groupGoesWithTcb(tcb: Tcb): bool {
  const group = groupOf(tcb);
  if (group.members.length > 0 || group.nwaiters > 0) {
    group.flags |= GroupFlag.Deleted;
    return false;
  }
  groups.delete(group.id);
  return true;
}

/**
 * waitpid(pid): wait until the child's group exits; waitpidReturn() finishes.
 * Without SCHED_HAVE_PARENT the caller counts as a waiter of the child's group
 * (group_add_waiter), which keeps it; with it, the caller waits for SIGCHLD
 * (sched/sched/sched_waitpid.c) and keeps nothing.
 */
export function waitpid(pid: i32): void {
  const tcb = running();
  if (!tasks.has(pid)) return complete(tcb, -ECHILD);
  const group = groupOf(tasks.get(pid));
  if (!enabled("sched_have_parent")) group.nwaiters++;
  tcb.resume = Resume.WaitpidReturn;
  tcb.resumeArg = group.id;
  semWait(group.exitSem, -1);
}

/** The waiter resumes: group_del_waiter, which may free the child's TCB; or, with SIGCHLD, the status the signal carried. */
export function waitpidReturn(tcb: Tcb): void {
  tcb.resume = Resume.None;
  const id = tcb.resumeArg;
  if (enabled("sched_have_parent")) {
    tcb.auxResult = takeChildStatus(id);
    return complete(tcb, id);
  }
  const group = groups.get(id);
  group.nwaiters--;
  tcb.auxResult = group.exitStatus;
  dropGroup(group);
  complete(tcb, group.id);
}

/**
 * SIGCHLD reaches a parent member blocked in nxsig_timedwait for it
 * (waitid(P_ALL), wait()); SIGCHLD's default action drops it otherwise.
 */
function signalParentWaiter(child: Group): void {
  if (!groups.has(child.ppid)) return;
  const parent = groups.get(child.ppid);
  if (parent.childWaiters == 0 || parent.deadChild != 0) return;
  parent.deadChild = child.id;
  semPost(parent.childWaitSem);
}

/**
 * nx_waitid(P_ALL) without CONFIG_SCHED_CHILD_STATUS (sched/sched/sched_waitid.c):
 * ECHILD if the group has no living child, else wait for the next SIGCHLD.
 */
export function waitAny(): void {
  const tcb = running();
  const group = groupOf(tcb);
  if (!hasLivingChild(group)) return complete(tcb, -ECHILD);
  if (group.childWaitSem == 0) group.childWaitSem = semInit(0);
  group.childWaiters++;
  tcb.resume = Resume.WaitAnyReturn;
  semWait(group.childWaitSem, -1);
}

/** The SIGCHLD's si_pid and si_status. */
export function waitAnyReturn(tcb: Tcb): void {
  tcb.resume = Resume.None;
  const group = groupOf(tcb);
  const pid = group.deadChild;
  group.deadChild = 0;
  group.childWaiters--;
  tcb.auxResult = takeChildStatus(pid);
  complete(tcb, pid);
}

function hasLivingChild(group: Group): bool {
  const all = groups.values();
  for (let i = 0; i < all.length; i++) {
    if (all[i].ppid == group.id && all[i] != group && (all[i].flags & GroupFlag.Released) == 0) return true;
  }
  return false;
}

export function activate(tcb: Tcb): void {
  makeReady(tcb);
}

/** task_restart (sched/task/task_restart.c): same TCB, same stack, a fresh start. No heap. */
export function restart(pid: i32): i32 {
  const caller = running();
  if (pid == 0 || pid == caller.pid) return -ENOSYS;
  const tcb = taskOf(pid);
  if (tcb == null || tcb.isPthread()) return -ESRCH;
  recoverMutexes(tcb);
  killChildren(tcb);
  abandonWait(tcb);
  if (tcb.timeoutId >= 0) cancelWatchdog(tcb.timeoutId);
  tcb.timeoutId = -1;
  block(tcb, TaskState.Inactive);
  tcb.sigpending = 0;
  tcb.sigprocmask = 0;
  tcb.priority = tcb.basePriority;
  tcb.lockcount = 0;
  tcb.burn = 0;
  tcb.resume = Resume.None;
  tcb.hasResult = false;
  makeReady(tcb);
  return 0;
}

/**
 * vfork (sched/task/task_fork.c nxtask_setup_fork): a child task with a copy of
 * the environment and a stack as big as the parent's adjusted stack, which
 * up_create_stack aligned down to STACK_ALIGNMENT at its absolute address.
 * In 2026 the parent is suspended until the child is released; in 2024 it
 * goes on, and waits for the child with waitpid (nxtask_start_vfork).
 */
export function vfork(): void {
  const parent = running();
  const child = fork();
  if (!enabled("vfork_resumed_at_release")) return complete(parent, child.pid);
  child.vforkSem = semInit(0);
  semWait(child.vforkSem, -1);
}

function fork(): Tcb {
  const parent = running();
  const group = groupOf(parent);
  const align = u32(config("stack_alignment"));
  const start = absoluteAddress(parent.stackNode);
  const stackSize = ((start + parent.stackSize) & ~(align - 1)) - start;
  const child = createTask(parent.name, parent.priority, stackSize, group, "nxtask_setup_fork");
  activate(child);
  return child;
}
