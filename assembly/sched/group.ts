// Task groups (include/nuttx/sched.h struct task_group_s): what the threads
// of one task share. In the 2024 trees the group lives inside the main task's
// TCB allocation; in 2026 it is an allocation of its own (group_allocate).
import { Mutex } from "../semaphore/mutex";
import { Tcb } from "./tcb";

export const enum GroupFlag {
  /** The main task's TCB is gone from the scheduler but kept for a waiter (GROUP_FLAG_DELETED). */
  Deleted = 1,
  /** group_release has run. */
  Released = 2,
}

/** A variable of the environment: its text and its heap string. */
export class EnvVar {
  constructor(
    public text: string,
    public node: u32,
  ) {}
}

/** struct task_join_s: a thread's exit value waiting for pthread_join. */
export class JoinRecord {
  node: u32 = 0;
  exitValue: i32 = 0;
  completed: bool = false;
  detached: bool = false;
  /** Threads blocked in pthread_join on this thread. */
  waiters: Tcb[] = [];
  constructor(public pid: i32) {}
}

export class Group {
  /** Members, newest first (group_join uses sq_addfirst). */
  members: Tcb[] = [];
  flags: i32 = 0;
  /** The heap node group_drop frees: the main task's TCB (2024) or the group itself (2026). */
  node: u32 = 0;
  leaderName: string = "";
  env: EnvVar[] = [];
  envArrayNode: u32 = 0;
  /** tg_envpc: slots in the environment array. */
  envSlots: i32 = 0;
  /** waitpid() callers, and the semaphore they wait on (tg_exitsem). */
  nwaiters: i32 = 0;
  exitSem: i32 = 0;
  exitStatus: i32 = 0;
  /** tg_joinlock and tg_joinqueue (join records, newest first). */
  joinLock: Mutex = new Mutex();
  joins: JoinRecord[] = [];
  /** tg_ppid: the creating task's group, kept with SCHED_HAVE_PARENT (sched/group/group_create.c); else 0. */
  ppid: i32 = 0;
  /** A member waiting for SIGCHLD from any child (waitid(P_ALL), wait()): its semaphore, and the child whose death woke it. */
  childWaitSem: i32 = 0;
  childWaiters: i32 = 0;
  deadChild: i32 = 0;

  constructor(public id: i32) {}

  joinOf(pid: i32): JoinRecord | null {
    for (let i = 0; i < this.joins.length; i++) if (this.joins[i].pid == pid) return this.joins[i];
    return null;
  }
}

export const groups = new Map<i32, Group>();

export function groupOf(tcb: Tcb): Group {
  return groups.get(tcb.groupId);
}

/** SIGCHLD's si_status for a parent that has yet to take it in waitpid (SCHED_HAVE_PARENT), by the child's pid. */
const childStatus = new Map<i32, i32>();

export function keepChildStatus(pid: i32, status: i32): void {
  childStatus.set(pid, status);
}

export function takeChildStatus(pid: i32): i32 {
  if (!childStatus.has(pid)) return 0;
  const status = childStatus.get(pid);
  childStatus.delete(pid);
  return status;
}
