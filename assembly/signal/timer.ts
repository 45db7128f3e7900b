// POSIX timers (sched/timer/): timer_create takes a struct posix_timer_s
// from a pool of CONFIG_PREALLOC_TIMERS (no heap while it lasts); on expiry
// the owner gets the timer's signal (SIGEV_SIGNAL), then the timer re-arms.
import { config } from "../kernel/config";
import { EAGAIN, EINVAL } from "../kernel/errno";
import { cancelWatchdog, startWatchdog, Wake, Watchdog } from "../sched/clock";
import { onExpiry } from "../sched/scheduler";
import { running, taskOf } from "../sched/tasks";
import { dispatch, Signal } from "./deliver";

/** include/signal.h. */
const SI_TIMER: i32 = 2;

class PosixTimer {
  watchdog: i32 = -1;
  interval: i64 = 0;
  constructor(
    public owner: i32,
    public signo: i32,
    public value: i32,
  ) {}
}

const timers = new Map<i32, PosixTimer>();
let nextTimer: i32 = 1;

export function resetTimers(): void {
  timers.clear();
  nextTimer = 1;
  onExpiry(Wake.PosixTimer, expire);
}

export function timerCreate(signo: i32, value: i32): i32 {
  if (timers.size >= config("prealloc_timers")) return -EAGAIN;
  const id = nextTimer++;
  timers.set(id, new PosixTimer(running().pid, signo, value));
  return id;
}

export function timerSettime(id: i32, initial: i64, interval: i64): i32 {
  if (!timers.has(id)) return -EINVAL;
  const timer = timers.get(id);
  if (timer.watchdog >= 0) cancelWatchdog(timer.watchdog);
  timer.interval = interval;
  timer.watchdog = initial > 0 ? startWatchdog(initial, Wake.PosixTimer, timer.owner, id) : -1;
  return 0;
}

export function timerDelete(id: i32): i32 {
  if (!timers.has(id)) return -EINVAL;
  const timer = timers.get(id);
  if (timer.watchdog >= 0) cancelWatchdog(timer.watchdog);
  timers.delete(id);
  return 0;
}

function expire(wd: Watchdog): void {
  if (!timers.has(wd.arg)) return;
  const timer = timers.get(wd.arg);
  timer.watchdog = timer.interval > 0 ? startWatchdog(timer.interval, Wake.PosixTimer, timer.owner, wd.arg) : -1;
  const owner = taskOf(timer.owner);
  if (owner != null) dispatch(owner, new Signal(timer.signo, timer.value, SI_TIMER));
}
