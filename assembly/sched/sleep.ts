// nxsig_nanosleep (sched/signal/sig_nanosleep.c): the task waits for a
// signal with a watchdog that ends the wait after the delay.
import { cancelWatchdog, startWatchdog, Wake, Watchdog } from "./clock";
import { block, complete, makeReady, onExpiry } from "./scheduler";
import { taskOf } from "./tasks";
import { TaskState, Tcb } from "./tcb";

export function sleepFor(tcb: Tcb, ticks: i64): void {
  if (ticks <= 0) return complete(tcb, 0);
  block(tcb, TaskState.WaitSig);
  tcb.timeoutId = startWatchdog(ticks, Wake.Sleep, tcb.pid, 0);
}

/** A signal ends the sleep early. */
export function interruptSleep(tcb: Tcb, result: i32): void {
  if (tcb.timeoutId >= 0) cancelWatchdog(tcb.timeoutId);
  tcb.timeoutId = -1;
  complete(tcb, result);
  makeReady(tcb);
}

function wakeSleeper(wd: Watchdog): void {
  const tcb = taskOf(wd.pid);
  if (tcb == null || tcb.state != TaskState.WaitSig) return;
  tcb.timeoutId = -1;
  complete(tcb, 0);
  makeReady(tcb);
}

export function registerSleep(): void {
  onExpiry(Wake.Sleep, wakeSleeper);
}
