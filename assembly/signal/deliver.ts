// Sending and delivering signals (sched/signal/sig_dispatch.c,
// sig_deliver.c, sig_procmask.c). A signal to a thread that has not masked it
// interrupts its waits (semaphore, sleep, message queue: EINTR) and, if the
// group has an action, queues the handler, which the host runs the next time
// the thread is about to run its program. Masked signals wait as pending.
import { Group, groupOf } from "../sched/group";
import { block, makeReady, complete } from "../sched/scheduler";
import { running, taskOf } from "../sched/tasks";
import { TaskState, Tcb, TcbFlag } from "../sched/tcb";
import { cancelWatchdog } from "../sched/clock";
import { EINTR, EINVAL, ESRCH } from "../kernel/errno";
import { interruptWait } from "../semaphore/sem";
import { interruptMqWait } from "../mqueue/mqueue";
import { findAction } from "./action";

export const SIGRTMIN: i32 = 32;
export const MAX_SIGNO: i32 = 63;

/** A signal on its way to a handler (sigq_t) or waiting while masked (sigpendq_t). */
export class Signal {
  constructor(
    public signo: i32,
    public value: i32,
    public code: i32,
  ) {}
}

class SignalState {
  actions: Signal[] = [];
  pending: Signal[] = [];
  /** The masks saved while handlers run, innermost last. */
  saved: u64[] = [];
  delivering: Signal | null = null;
}

const states = new Map<i32, SignalState>();

export function resetSignals(): void {
  states.clear();
}

function stateOf(tcb: Tcb): SignalState {
  if (!states.has(tcb.pid)) states.set(tcb.pid, new SignalState());
  return states.get(tcb.pid);
}

/** nxsig_cleanup: a thread's queued signals go with it. */
export function cleanupSignals(tcb: Tcb): void {
  states.delete(tcb.pid);
}

function bit(signo: i32): u64 {
  return u64(1) << u64(signo);
}

export function isMasked(tcb: Tcb, signo: i32): bool {
  return (tcb.sigprocmask & bit(signo)) != 0;
}

/** A woken sleeper or waiter gets EINTR. */
function interrupt(tcb: Tcb): void {
  if (tcb.state == TaskState.WaitSig) {
    if (tcb.timeoutId >= 0) cancelWatchdog(tcb.timeoutId);
    tcb.timeoutId = -1;
    complete(tcb, -EINTR);
    makeReady(tcb);
  } else if (tcb.state == TaskState.WaitSem) {
    interruptWait(tcb);
  } else if (tcb.state == TaskState.WaitMqNotEmpty || tcb.state == TaskState.WaitMqNotFull) {
    interruptMqWait(tcb);
  }
}

/** nxsig_tcbdispatch. */
export function dispatch(tcb: Tcb, signal: Signal): i32 {
  if ((tcb.flags & TcbFlag.ExitProcessing) != 0) return -ESRCH;
  if (signal.signo == 0) return 0;
  if (signal.signo < 1 || signal.signo >= MAX_SIGNO + 1) return -EINVAL;
  const state = stateOf(tcb);
  if (tcb.state == TaskState.WaitSig && (tcb.sigwaitmask & bit(signal.signo)) != 0) return endSigwait(tcb, signal);
  if (isMasked(tcb, signal.signo)) {
    state.pending.push(signal);
    return 0;
  }
  if (findAction(groupOf(tcb), signal.signo) != null) state.actions.push(signal);
  interrupt(tcb);
  return 0;
}

/**
 * sigwaitinfo (sched/signal/sig_timedwait.c): a pending signal of `set` is
 * taken at once; otherwise the caller waits for one, masked or not. The
 * result is the signal's number, its value the second result.
 */
export function waitSignal(set: u64): void {
  const tcb = running();
  const pending = stateOf(tcb).pending;
  for (let i = 0; i < pending.length; i++) {
    if ((set & bit(pending[i].signo)) == 0) continue;
    const signal = pending[i];
    pending.splice(i, 1);
    tcb.auxResult = signal.value;
    return complete(tcb, signal.signo);
  }
  tcb.sigwaitmask = set;
  block(tcb, TaskState.WaitSig);
}

function endSigwait(tcb: Tcb, signal: Signal): i32 {
  tcb.sigwaitmask = 0;
  tcb.auxResult = signal.value;
  complete(tcb, signal.signo);
  makeReady(tcb);
  return 0;
}

/** kill(pid, signo) / sigqueue: to the thread with that id. */
export function kill(pid: i32, signal: Signal): i32 {
  const tcb = taskOf(pid);
  if (tcb == null) return -ESRCH;
  return dispatch(tcb, signal);
}

/** The next handler the running thread must run: its signal number, or 0. */
export function beginHandler(): i32 {
  const tcb = running();
  const state = stateOf(tcb);
  if (state.actions.length == 0) return 0;
  const signal = state.actions.shift();
  const action = findAction(groupOf(tcb), signal.signo);
  if (action == null) return beginHandler();
  state.saved.push(tcb.sigprocmask);
  tcb.sigprocmask |= action.mask | bit(signal.signo);
  state.delivering = signal;
  return signal.signo;
}

export function handlerOf(group: Group, signo: i32): i32 {
  const action = findAction(group, signo);
  return action == null ? 0 : action.handler;
}

export function deliveringValue(): i32 {
  const signal = stateOf(running()).delivering;
  return signal == null ? 0 : signal.value;
}

/** The handler returned: restore the mask, then deliver what it unmasked. */
export function endHandler(): void {
  const tcb = running();
  const state = stateOf(tcb);
  if (state.saved.length > 0) tcb.sigprocmask = state.saved.pop();
  state.delivering = null;
  unmaskPending(tcb);
}

/** nxsig_unmask_pendingsignal. */
export function unmaskPending(tcb: Tcb): void {
  const state = stateOf(tcb);
  const still: Signal[] = [];
  const now: Signal[] = [];
  for (let i = 0; i < state.pending.length; i++) (isMasked(tcb, state.pending[i].signo) ? still : now).push(state.pending[i]);
  state.pending = still;
  for (let i = 0; i < now.length; i++) dispatch(tcb, now[i]);
}

/** sigprocmask(how, set): returns the old mask. how: 0 block, 1 unblock, 2 set. */
export function setMask(how: i32, set: u64): u64 {
  const tcb = running();
  const old = tcb.sigprocmask;
  if (how == 0) tcb.sigprocmask |= set;
  else if (how == 1) tcb.sigprocmask &= ~set;
  else tcb.sigprocmask = set;
  unmaskPending(tcb);
  return old;
}
