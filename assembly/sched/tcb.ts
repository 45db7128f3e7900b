// Task control blocks (include/nuttx/sched.h struct tcb_s): the scheduling
// state of every task and thread. The TCB's bytes live in the simulated heap
// (tcbNode); this object is the model's view of its fields.

export const enum TaskState {
  Inactive = 0,
  Running = 1,
  ReadyToRun = 2,
  Pending = 3,
  WaitSem = 4,
  WaitSig = 5,
  WaitMqNotEmpty = 6,
  WaitMqNotFull = 7,
  Stopped = 8,
  Exited = 9,
}

export const enum Policy {
  Fifo = 1,
  RoundRobin = 2,
}

export const enum TcbFlag {
  Pthread = 1,
  Detached = 2,
  CancelPending = 4,
  NonCancelable = 8,
  /** TCB_FLAG_EXIT_PROCESSING: nxtask_exithook has run. */
  ExitProcessing = 16,
  /** TCB_FLAG_JOIN_COMPLETED. */
  JoinCompleted = 32,
  ForcedCancel = 64,
  /** TCB_FLAG_TTYPE_KERNEL: a kernel thread, in idle's group (g_kthread_group). */
  Kernel = 128,
}

export class Tcb {
  name: string = "";
  priority: i32 = 0;
  basePriority: i32 = 0;
  policy: i32 = Policy.Fifo;
  state: i32 = TaskState.Inactive;
  flags: i32 = 0;
  /** Ticks left in this round-robin time slice. */
  timeslice: i32 = 0;
  /** sched_lock() nesting: while the running task holds it, nothing preempts it. */
  lockcount: i32 = 0;
  /** CPU time still to spend before the task's program runs again. */
  burn: i64 = 0;
  /** The pending result of the syscall the task is in, delivered when it runs. */
  result: i32 = 0;
  hasResult: bool = false;
  /** A second result, e.g. the exit status waitpid() returns with the pid. */
  auxResult: i32 = 0;
  /** What the task waits on (a semaphore id, a queue id, ...), and its timeout, if any. */
  waitingOn: i32 = -1;
  timeoutId: i32 = -1;
  /** Heap offsets of the TCB and the stack allocations; 0 if none. */
  tcbNode: u32 = 0;
  stackNode: u32 = 0;
  stackSize: u32 = 0;
  /** The task group (process) this task belongs to: its leader's pid. */
  groupId: i32 = 0;
  sigprocmask: u64 = 0;
  sigpending: u64 = 0;
  sigwaitmask: u64 = 0;
  exitCode: i32 = 0;
  /** A kernel path this task is in the middle of (kernel/resume.ts), and its argument. */
  resume: i32 = 0;
  resumeArg: i32 = 0;
  resumeArg2: i32 = 0;
  /** Threads waiting in pthread_join for this one (newest first), this thread's join_sem and join_val. */
  joinWaiters: Tcb[] = [];
  joinSem: i32 = 0;
  joinValue: i32 = 0;
  /** A vfork child: the semaphore its suspended parent waits on until the child is released (2026). */
  vforkSem: i32 = 0;

  constructor(public pid: i32) {}

  isPthread(): bool {
    return (this.flags & TcbFlag.Pthread) != 0;
  }

  isKernelThread(): bool {
    return (this.flags & TcbFlag.Kernel) != 0;
  }
}
