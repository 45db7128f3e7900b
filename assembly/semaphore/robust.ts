// Robust mutexes (sched/pthread/pthread_mutexinconsistent.c, called from
// nxtask_recover when a thread exits or is restarted): each mutex its holder
// still holds is marked inconsistent and its semaphore given, so the next
// locker gets EOWNERDEAD. The pthread_mutex_t itself is user memory; the
// kernel keeps, per thread, which mutex semaphores it holds.
import { Tcb } from "../sched/tcb";
import { semPost } from "./sem";

const held = new Map<i32, i32[]>();
const inconsistent = new Set<i32>();

export function resetRobust(): void {
  held.clear();
  inconsistent.clear();
}

export function holdMutex(pid: i32, sem: i32): void {
  if (!held.has(pid)) held.set(pid, []);
  held.get(pid).push(sem);
}

export function releaseMutex(pid: i32, sem: i32): void {
  if (!held.has(pid)) return;
  const list = held.get(pid);
  const at = list.indexOf(sem);
  if (at >= 0) list.splice(at, 1);
}

export function mutexInconsistent(sem: i32): bool {
  return inconsistent.has(sem);
}

export function makeConsistent(sem: i32): void {
  inconsistent.delete(sem);
}

/** pthread_mutex_inconsistent: newest first, as tcb->mhead is a stack. */
export function recoverMutexes(tcb: Tcb): void {
  if (!held.has(tcb.pid)) return;
  const list = held.get(tcb.pid);
  held.delete(tcb.pid);
  for (let i = list.length - 1; i >= 0; i--) {
    inconsistent.add(list[i]);
    semPost(list[i]);
  }
}
