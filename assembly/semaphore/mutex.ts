// Kernel mutexes (include/nuttx/mutex.h nxmutex / nxrmutex): a semaphore of
// count 1 with a holder, recursive for the rmutex.
import { running } from "../sched/tasks";
import { BLOCKED, semInit, semPost, semWait } from "./sem";

export class Mutex {
  sem: i32;
  holder: i32 = -1;
  depth: i32 = 0;
  constructor() {
    this.sem = semInit(1);
  }
}

/** True if the caller holds the lock now; false if it blocked (then call mutexAcquired when it wakes). */
export function mutexLock(mutex: Mutex): bool {
  const pid = running().pid;
  if (mutex.holder == pid) {
    mutex.depth++;
    return true;
  }
  if (semWait(mutex.sem, -1) == BLOCKED) return false;
  mutexAcquired(mutex, pid);
  return true;
}

export function mutexAcquired(mutex: Mutex, pid: i32): void {
  mutex.holder = pid;
  mutex.depth = 1;
}

/** Unlock; a waiter of higher priority preempts the caller right here. */
export function mutexUnlock(mutex: Mutex): void {
  if (--mutex.depth > 0) return;
  mutex.holder = -1;
  semPost(mutex.sem);
}
