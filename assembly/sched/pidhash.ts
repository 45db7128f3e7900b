// The pid hash (sched/init/nx_start.c, sched/task/task_setup.c
// nxtask_assign_pid, sched/sched/sched_releasetcb.c): a table of TCB pointers
// indexed by pid & (length - 1). It doubles when no free slot is found among
// the next `length` pids, and never shrinks.
import { config } from "../kernel/config";
import { Owner } from "../kernel/labels";
import { kfree, kzalloc } from "../kernel/kmm";

let slots: i32[] = [];
let tableNode: u32 = 0;
let lastPid: i32 = 0;

export function pidHashLength(): i32 {
  return slots.length;
}

/** At boot: CONFIG_PID_INITIAL_COUNT rounded up to a power of two (PR 12427), else 4. */
export function initPidHash(initialCount: i32): void {
  let length = 1;
  while (length < initialCount) length <<= 1;
  slots = new Array<i32>(length).fill(-1);
  tableNode = kzalloc(u32(length * config("sizeof_pointer")), Owner.PidHash, "nx_start");
  slots[0] = 0; // the idle task
  lastPid = 0;
}

function grow(): void {
  const bigger = new Array<i32>(slots.length * 2).fill(-1);
  const node = kzalloc(u32(bigger.length * config("sizeof_pointer")), Owner.PidHash, "nxtask_assign_pid");
  for (let i = 0; i < slots.length; i++) bigger[slots[i] & (bigger.length - 1)] = slots[i];
  kfree(tableNode);
  tableNode = node;
  slots = bigger;
}

/** nxtask_assign_pid: the first free slot among the next `length` pids, growing if none is. */
export function assignPid(): i32 {
  while (true) {
    let pid = lastPid + 1;
    for (let i = 0; i < slots.length; i++, pid++) {
      if (pid <= 0) pid = 1;
      const slot = pid & (slots.length - 1);
      if (slots[slot] < 0) {
        slots[slot] = pid;
        lastPid = pid;
        return pid;
      }
    }
    grow();
  }
  return -1;
}

export function releasePid(pid: i32): void {
  const slot = pid & (slots.length - 1);
  if (slots[slot] == pid) slots[slot] = -1;
}
