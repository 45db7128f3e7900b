// Every TCB by pid, and the prioritised task lists (sched/sched/sched.h):
// g_readytorun (its head is the running task) and g_pendingtasks (ready while
// the running task holds the scheduler lock).
import { insertAt } from "../kernel/lists";
import { TaskState, Tcb } from "./tcb";

export const tasks = new Map<i32, Tcb>();
let newest: i32 = 0;
export const readyToRun: Tcb[] = [];
export const pendingTasks: Tcb[] = [];

export function taskOf(pid: i32): Tcb | null {
  return tasks.has(pid) ? tasks.get(pid) : null;
}

export function running(): Tcb {
  return readyToRun[0];
}

/** nxsched_add_prioritized: after every task of the same or higher priority. True if it became the head. */
export function addPrioritized(tcb: Tcb, list: Tcb[]): bool {
  let at = 0;
  while (at < list.length && tcb.priority <= list[at].priority) at++;
  insertAt(list, at, tcb);
  return at == 0;
}

export function removeFrom(tcb: Tcb, list: Tcb[]): bool {
  const at = list.indexOf(tcb);
  if (at < 0) return false;
  list.splice(at, 1);
  return true;
}

/** Register a new task or thread under its pid. */
export function addTask(tcb: Tcb): void {
  tasks.set(tcb.pid, tcb);
  newest = tcb.pid;
}

export function lastCreated(): i32 {
  return newest;
}

export function resetTasks(): void {
  tasks.clear();
  readyToRun.length = 0;
  pendingTasks.length = 0;
}

export function liveTaskCount(): i32 {
  let count = 0;
  const all = tasks.values();
  for (let i = 0; i < all.length; i++) if (all[i].state != TaskState.Exited) count++;
  return count;
}
