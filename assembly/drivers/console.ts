// The serial console's receive side (drivers/serial/serial.c uart_read): a
// reader blocks until a line arrives. The line itself stays with the host,
// which types it; the kernel only models the waiting.
import { complete } from "../sched/scheduler";
import { running } from "../sched/tasks";
import { BLOCKED, semInit, semPost, semValue, semWait } from "../semaphore/sem";

let received: i32 = 0;

export function resetConsole(): void {
  received = semInit(0);
}

export function consoleWaiting(): bool {
  return semValue(received) < 0;
}

/** The host typed a line: the waiting reader wakes. */
export function consoleInput(): void {
  semPost(received);
}

export function consoleRead(): void {
  if (semWait(received, -1) != BLOCKED) complete(running(), 0);
}
