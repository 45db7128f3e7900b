// Kernel threads that wait for their whole life in the model's sessions: the
// high-priority work queue gets no work, and the sim's loop task only polls
// the host between sleeps. Neither touches the heap after its creation, so
// the model creates them (TCB and stack, kthread_create) and leaves them waiting.
import { createKernelThread } from "./task";
import { TaskState, Tcb } from "./tcb";

/** `waits` is what ps shows it waiting for: a semaphore (a work queue) or a signal (a sleep). */
export function parkedKernelThread(name: string, priority: i32, stackSize: i32, waits: TaskState = TaskState.WaitSem): Tcb {
  const tcb = createKernelThread(name, priority, u32(stackSize));
  tcb.state = waits;
  return tcb;
}
