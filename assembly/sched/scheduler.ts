// Which task runs (sched/sched/sched_addreadytorun.c, sched_removereadytorun.c,
// sched_lock.c, sched_roundrobin.c), and how simulated time passes.
//
// The running task is the head of g_readytorun. A task's program runs only
// while it is the head; CPU work (`burn`) and idling advance the clock, and
// watchdogs that fall due can wake tasks that preempt the running one.
import { advanceClock, takeDueWatchdog, ticksToNextWatchdog, Watchdog } from "./clock";
import { Policy, TaskState, Tcb } from "./tcb";
import { addPrioritized, pendingTasks, readyToRun, removeFrom, running } from "./tasks";

let rrInterval: i32 = 200;
/** Handlers for watchdog kinds, registered by the subsystems that own them. */
const expiryHandlers = new Map<i32, (wd: Watchdog) => void>();

export function setRoundRobinInterval(ticks: i32): void {
  rrInterval = ticks;
}

export function roundRobinInterval(): i32 {
  return rrInterval;
}

export function onExpiry(kind: i32, handler: (wd: Watchdog) => void): void {
  expiryHandlers.set(kind, handler);
}

/** nxsched_add_readytorun: a task becomes ready; it may preempt the running one. */
export function makeReady(tcb: Tcb): void {
  const current = running();
  if (current.lockcount > 0 && current.priority < tcb.priority) {
    addPrioritized(tcb, pendingTasks);
    tcb.state = TaskState.Pending;
    return;
  }
  if (addPrioritized(tcb, readyToRun)) {
    tcb.state = TaskState.Running;
    readyToRun[1].state = TaskState.ReadyToRun;
  } else {
    tcb.state = TaskState.ReadyToRun;
  }
}

/** nxsched_remove_readytorun, then the task waits in `state`. */
export function block(tcb: Tcb, state: i32): void {
  if (!removeFrom(tcb, readyToRun)) removeFrom(tcb, pendingTasks);
  tcb.state = state;
  if (readyToRun.length > 0) readyToRun[0].state = TaskState.Running;
}

/** Deliver a syscall result to a task, to be read when its program resumes. */
export function complete(tcb: Tcb, result: i32): void {
  tcb.result = result;
  tcb.hasResult = true;
}

export function schedLock(): void {
  running().lockcount++;
}

/** sched_unlock: when the count reaches zero, pending tasks join the ready list. */
export function schedUnlock(): void {
  const tcb = running();
  if (tcb.lockcount > 0) tcb.lockcount--;
  if (tcb.lockcount > 0) return;
  while (pendingTasks.length > 0) makeReady(pendingTasks.shift());
}

export function schedLocked(): bool {
  return running().lockcount > 0;
}

/** nxsched_reprioritize_rtr: move a ready task to its new place in the list. */
export function reprioritize(tcb: Tcb, priority: i32): void {
  const wasReady = tcb.state == TaskState.Running || tcb.state == TaskState.ReadyToRun;
  tcb.priority = priority;
  if (!wasReady) return;
  removeFrom(tcb, readyToRun);
  makeReady(tcb);
  readyToRun[0].state = TaskState.Running;
  for (let i = 1; i < readyToRun.length; i++) readyToRun[i].state = TaskState.ReadyToRun;
}

/** nxsched_process_roundrobin: at the end of a slice, go behind equal-priority tasks. */
function expireTimeslice(tcb: Tcb): void {
  tcb.timeslice = rrInterval;
  if (tcb.lockcount > 0 || readyToRun.length < 2 || readyToRun[1].priority < tcb.priority) return;
  reprioritize(tcb, tcb.priority);
}

function fireDueWatchdogs(): void {
  let wd = takeDueWatchdog();
  while (wd != null) {
    if (expiryHandlers.has(wd.kind)) expiryHandlers.get(wd.kind)(wd);
    wd = takeDueWatchdog();
  }
}

/**
 * Let time pass: the idle task waits for the next watchdog, a busy task spends
 * CPU until its work ends, its slice ends or a watchdog falls due, whichever
 * comes first. False when nothing can ever happen again.
 */
export function advance(): bool {
  const tcb = running();
  const toWatchdog = ticksToNextWatchdog();
  if (tcb.burn <= 0) {
    if (toWatchdog < 0) return false;
    advanceClock(toWatchdog);
    fireDueWatchdogs();
    return true;
  }
  let step = tcb.burn;
  if (toWatchdog >= 0 && toWatchdog < step) step = toWatchdog;
  const roundRobin = tcb.policy == Policy.RoundRobin && rrInterval > 0;
  if (roundRobin && i64(tcb.timeslice) < step) step = i64(tcb.timeslice);
  advanceClock(step);
  tcb.burn -= step;
  if (roundRobin) {
    tcb.timeslice -= i32(step);
    if (tcb.timeslice <= 0) expireTimeslice(tcb);
  }
  fireDueWatchdogs();
  return true;
}
