// Kernel paths that can be preempted half-way. A task in the middle of one
// has `resume` set; when it is the running task again, the host calls
// resumeKernel() before its program runs, and the path goes on from there.
// Each stage ends where NuttX could switch context (a post that wakes a
// higher-priority task, a lock that blocks).
export const enum Resume {
  None = 0,
  TaskExitWakeup,
  ExitRelease,
  WaitpidReturn,
  WaitAnyReturn,
  JoinerLocked,
  JoinerWait,
  JoinerRelock,
  JoinerDone,
  ExiterJoinLocked,
  ExiterJoinPosted,
  MqSendResumed,
  MqReceiveResumed,
}

import { exitRelease, exitWakeup, waitAnyReturn, waitpidReturn } from "../sched/task";
import { exiterJoinLocked, exiterJoinPosted, joinerDone, joinerLocked, joinerRelock, joinerWait } from "../pthread/pthread";
import { Tcb } from "../sched/tcb";
import { mqReceiveResumed, mqSendResumed } from "../mqueue/mqueue";
import { complete } from "../sched/scheduler";

export function resumeKernel(tcb: Tcb): void {
  switch (tcb.resume) {
    case Resume.TaskExitWakeup:
      exitWakeup(tcb);
      break;
    case Resume.ExitRelease:
      exitRelease(tcb);
      break;
    case Resume.WaitpidReturn:
      waitpidReturn(tcb);
      break;
    case Resume.WaitAnyReturn:
      waitAnyReturn(tcb);
      break;
    case Resume.JoinerLocked:
      joinerLocked(tcb);
      break;
    case Resume.JoinerWait:
      joinerWait(tcb);
      break;
    case Resume.JoinerRelock:
      joinerRelock(tcb);
      break;
    case Resume.JoinerDone:
      joinerDone(tcb);
      break;
    case Resume.ExiterJoinLocked:
      exiterJoinLocked(tcb);
      break;
    case Resume.ExiterJoinPosted:
      exiterJoinPosted(tcb);
      break;
    case Resume.MqSendResumed:
      tcb.resume = Resume.None;
      complete(tcb, mqSendResumed(tcb, tcb.resumeArg, tcb.resumeArg2));
      break;
    case Resume.MqReceiveResumed:
      tcb.resume = Resume.None;
      complete(tcb, mqReceiveResumed(tcb, tcb.resumeArg));
      break;
  }
}
