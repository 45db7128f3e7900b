// The system clock in ticks (CONFIG_USEC_PER_TICK) and the watchdog list
// (sched/wdog/wd_start.c): a watchdog fires `delay + 1` ticks after it is
// started, and watchdogs due on the same tick fire in the order started.
import { insertAt } from "../kernel/lists";

export const enum Wake {
  /** A timed semaphore wait ends with ETIMEDOUT. */
  Timeout = 1,
  /** A sleep ends. */
  Sleep = 2,
  /** A timed message-queue send or receive ends with ETIMEDOUT. */
  MqTimeout = 3,
  /** A POSIX timer expires. */
  PosixTimer = 4,
}

export class Watchdog {
  constructor(
    public id: i32,
    public due: i64,
    public kind: i32,
    public pid: i32,
    public arg: i32,
  ) {}
}

let now: i64 = 0;
let nextId: i32 = 1;
const active: Watchdog[] = [];

export function ticks(): i64 {
  return now;
}

export function resetClock(): void {
  now = 0;
  nextId = 1;
  active.length = 0;
}

/** wd_start(delay): returns the watchdog's id. */
export function startWatchdog(delay: i64, kind: i32, pid: i32, arg: i32): i32 {
  const due = now + (delay <= 0 ? 1 : delay + 1);
  let at = 0;
  while (at < active.length && active[at].due <= due) at++;
  const id = nextId++;
  insertAt(active, at, new Watchdog(id, due, kind, pid, arg));
  return id;
}

export function cancelWatchdog(id: i32): void {
  for (let i = 0; i < active.length; i++) {
    if (active[i].id == id) {
      active.splice(i, 1);
      return;
    }
  }
}

/** Ticks until the next watchdog is due; -1 if none is active. */
export function ticksToNextWatchdog(): i64 {
  return active.length == 0 ? -1 : active[0].due - now;
}

export function pendingWatchdogs(): i32 {
  return active.length;
}

export function advanceClock(delta: i64): void {
  now += delta;
}

/** Remove and return the first watchdog due by now, or null. */
export function takeDueWatchdog(): Watchdog | null {
  if (active.length == 0 || active[0].due > now) return null;
  return active.shift();
}
