// nxsched_set_priority (sched/sched/sched_setpriority.c).
import { ESRCH } from "../kernel/errno";
import { reprioritize } from "./scheduler";
import { pendingTasks, readyToRun, running, taskOf, addPrioritized } from "./tasks";
import { TaskState } from "./tcb";
import { reorderWaiter } from "../semaphore/sem";

export function setPriority(pid: i32, priority: i32): i32 {
  const tcb = taskOf(pid);
  if (tcb == null) return -ESRCH;
  const current = running();
  if (tcb == current && current.lockcount > 0 && readyToRun.length > 1 && priority <= readyToRun[1].priority) {
    // Locked: the tasks that would now preempt it wait on the pending list.
    while (readyToRun.length > 1 && priority < readyToRun[1].priority) {
      const next = readyToRun.splice(1, 1)[0];
      addPrioritized(next, pendingTasks);
      next.state = TaskState.Pending;
    }
    tcb.priority = priority;
    return 0;
  }
  if (tcb.state == TaskState.Running || tcb.state == TaskState.ReadyToRun) {
    reprioritize(tcb, priority);
    return 0;
  }
  tcb.priority = priority;
  if (tcb.state == TaskState.WaitSem) reorderWaiter(tcb);
  return 0;
}
