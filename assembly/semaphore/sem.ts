// Counting semaphores (sched/semaphore/sem_wait.c, sem_post.c,
// sem_clockwait.c, sem_waitirq.c). Waiters queue by priority, FIFO among
// equals; a post hands the count to the first waiter. sem_t lives in the
// user's memory, so a semaphore costs no heap.
import { cancelWatchdog, startWatchdog, Wake, Watchdog } from "../sched/clock";
import { block, complete, makeReady, onExpiry } from "../sched/scheduler";
import { addPrioritized, removeFrom, running, taskOf } from "../sched/tasks";
import { TaskState, Tcb } from "../sched/tcb";
import { EAGAIN, EINTR, EINVAL, ETIMEDOUT } from "../kernel/errno";

export class Semaphore {
  waiters: Tcb[] = [];
  constructor(public count: i32) {}
}

const semaphores = new Map<i32, Semaphore>();
let nextSem: i32 = 1;

export function resetSemaphores(): void {
  semaphores.clear();
  nextSem = 1;
}

export function semInit(value: i32): i32 {
  const id = nextSem++;
  semaphores.set(id, new Semaphore(value));
  return id;
}

export function semDestroy(id: i32): i32 {
  if (!semaphores.has(id)) return -EINVAL;
  semaphores.delete(id);
  return 0;
}

export function semValue(id: i32): i32 {
  return semaphores.has(id) ? semaphores.get(id).count : 0;
}

export function semExists(id: i32): bool {
  return semaphores.has(id);
}

/** Returned by a wait that blocked the caller; the result comes when it wakes. */
export const BLOCKED: i32 = 1;

/** sem_wait / sem_clockwait, `timeout` in ticks (-1: none): 0, -errno, or BLOCKED. */
export function semWait(id: i32, timeout: i64): i32 {
  const tcb = running();
  if (!semaphores.has(id)) return -EINVAL;
  const sem = semaphores.get(id);
  if (sem.count > 0) {
    sem.count--;
    return 0;
  }
  if (timeout == 0) return -ETIMEDOUT;
  sem.count--;
  tcb.waitingOn = id;
  addPrioritized(tcb, sem.waiters);
  block(tcb, TaskState.WaitSem);
  if (timeout > 0) tcb.timeoutId = startWatchdog(timeout, Wake.Timeout, tcb.pid, 0);
  return BLOCKED;
}

export function semTryWait(id: i32): i32 {
  if (!semaphores.has(id)) return -EINVAL;
  const sem = semaphores.get(id);
  if (sem.count <= 0) return -EAGAIN;
  sem.count--;
  return 0;
}

/** sem_post: the count goes up; the first waiter, if any, gets it and runs when it can. */
export function semPost(id: i32): i32 {
  if (!semaphores.has(id)) return -EINVAL;
  const sem = semaphores.get(id);
  sem.count++;
  if (sem.count <= 0 && sem.waiters.length > 0) wakeWaiter(sem.waiters[0], 0);
  return 0;
}

/** End a task's wait: it leaves the wait list with `result` (nxsem_wait_irq). */
export function wakeWaiter(tcb: Tcb, result: i32): void {
  if (semaphores.has(tcb.waitingOn)) {
    const sem = semaphores.get(tcb.waitingOn);
    removeFrom(tcb, sem.waiters);
    if (result != 0) sem.count++;
  }
  if (tcb.timeoutId >= 0) cancelWatchdog(tcb.timeoutId);
  tcb.timeoutId = -1;
  tcb.waitingOn = -1;
  complete(tcb, result);
  makeReady(tcb);
}

/** A signal interrupts the wait. */
export function interruptWait(tcb: Tcb): void {
  wakeWaiter(tcb, -EINTR);
}

function timeoutWait(wd: Watchdog): void {
  const tcb = taskOf(wd.pid);
  if (tcb == null || tcb.state != TaskState.WaitSem) return;
  tcb.timeoutId = -1;
  wakeWaiter(tcb, -ETIMEDOUT);
}

export function registerSemaphoreTimeouts(): void {
  onExpiry(Wake.Timeout, timeoutWait);
}

/** A task that is terminated while it waits leaves the wait list. */
export function abandonWait(tcb: Tcb): void {
  if (tcb.state != TaskState.WaitSem || !semaphores.has(tcb.waitingOn)) return;
  const sem = semaphores.get(tcb.waitingOn);
  removeFrom(tcb, sem.waiters);
  sem.count++;
  if (tcb.timeoutId >= 0) cancelWatchdog(tcb.timeoutId);
}

/** A waiter's priority changed: its place in the wait list follows. */
export function reorderWaiter(tcb: Tcb): void {
  if (!semaphores.has(tcb.waitingOn)) return;
  const waiters = semaphores.get(tcb.waitingOn).waiters;
  removeFrom(tcb, waiters);
  addPrioritized(tcb, waiters);
}

/** nxsem_reset: the count becomes `value`, waking waiters while it is negative. */
export function semReset(id: i32, value: i32): void {
  if (!semaphores.has(id)) return;
  const sem = semaphores.get(id);
  while (sem.waiters.length > 0 && value > 0) {
    value--;
    sem.count++;
    wakeWaiter(sem.waiters[0], 0);
  }
  sem.count = value;
}
