// Bring-up (sched/init/nx_start.c, nx_bringup.c): the heap, the pid hash, the
// boot-time kernel objects of this board and tree, and the init task (nsh),
// or, with CONFIG_BOARD_LATE_INITIALIZE, the AppBringUp kernel thread that
// starts it. nx_start holds the scheduler lock throughout, so nothing else
// runs yet.
import { initPidHash } from "../sched/pidhash";
import { Group, groups } from "../sched/group";
import { resetFiles, setupIdleFiles } from "../fs/files";
import { readyToRun, resetTasks, tasks } from "../sched/tasks";
import { resetClock } from "../sched/clock";
import { schedLock, schedUnlock, setRoundRobinInterval } from "../sched/scheduler";
import { Policy, TaskState, Tcb } from "../sched/tcb";
import { activate, createKernelThread, createTask } from "../sched/task";
import { releaseEnv, setEnv } from "../environ/env";
import { initInodes, InodeKind, reserveInode } from "../fs/inode";
import { registerSemaphoreTimeouts, resetSemaphores } from "../semaphore/sem";
import { resetRobust } from "../semaphore/robust";
import { resetActions } from "../signal/action";
import { resetSignals } from "../signal/deliver";
import { resetTimers } from "../signal/timer";
import { resetMqueues } from "../mqueue/mqueue";
import { resetConsole } from "../drivers/console";
import { registerSleep } from "../sched/sleep";
import { config, configText, enabled } from "./config";
import { romfsEtc, simInitialize, simIrqInitialize } from "../boards/sim";
import { parkedKernelThread } from "../sched/kthread";
import { kmalloc } from "./kmm";
import { Owner } from "./labels";

function resetKernel(): void {
  resetTasks();
  resetClock();
  resetSemaphores();
  resetConsole();
  resetFiles();
  registerSleep();
  registerSemaphoreTimeouts();
  resetRobust();
  resetActions();
  resetSignals();
  resetTimers();
  resetMqueues();
  groups.clear();
  setRoundRobinInterval(config("rr_interval_ticks"));
}

/** The idle task (pid 0) and its group; both are static, not on the heap. */
function startIdle(): Tcb {
  const idle = new Tcb(0);
  idle.name = "Idle_Task";
  idle.state = TaskState.Running;
  idle.policy = Policy.Fifo;
  tasks.set(0, idle);
  readyToRun.push(idle);
  const group = new Group(0);
  group.members.push(idle);
  groups.set(0, group);
  return idle;
}

/** The allocations the kernel makes before the first task, in nx_start's order. */
function bootObjects(): void {
  initPidHash(config("pid_initial_count"));
  initInodes();
  if (enabled("sim_loop_wq")) simIrqInitialize(); // irq_initialize -> up_irqinitialize
  if (config("sizeof_timer_lowerhalf") > 0) kmalloc(u32(config("sizeof_timer_lowerhalf")), Owner.Driver, "up_timer_initialize");
  if (enabled("signal_pool_on_heap")) {
    const actions = config("num_pending_actions") + config("sig_prealloc_irq_actions");
    const signals = config("num_signals_pending") + config("sig_prealloc_irq_actions");
    kmalloc(u32(actions * config("sizeof_sigq") + signals * config("sizeof_sigpendq")), Owner.SigPool, "nxsig_initialize");
  }
  if (enabled("mqueue_pool_on_heap")) {
    const messages = config("prealloc_mq_msgs") + config("prealloc_mq_irq_msgs");
    const sysv = config("prealloc_mq_msgs") * config("sizeof_msgbuf");
    kmalloc(u32(messages * config("sizeof_mqueue_msg") + sysv), Owner.MqPool, "nxmq_initialize");
  }
  // up_initialize: rv-virt's 16550 UART is the console and /dev/ttyS0; the sim has its own devices.
  if (enabled("arch_sim")) simInitialize();
  else {
    reserveInode("/dev/console", InodeKind.Driver, "register_driver");
    reserveInode("/dev/ttyS0", InodeKind.Driver, "register_driver");
  }
  // drivers_initialize: /dev/null, /dev/zero, and /dev/loop with CONFIG_DEV_LOOP.
  reserveInode("/dev/null", InodeKind.Driver, "register_driver");
  reserveInode("/dev/zero", InodeKind.Driver, "register_driver");
  if (enabled("dev_loop")) reserveInode("/dev/loop", InodeKind.Driver, "loop_register");
  setupIdleFiles(groups.get(0));
}

/**
 * nx_bringup: PWD and PATH in idle's environment, then the init task, or the
 * AppBringUp kernel thread that will start it (nx_create_initthread); then,
 * in 2024, idle's environment is cleared.
 */
function bringUp(idleGroup: Group): Tcb {
  setEnv(idleGroup, "PWD", "/", true);
  setEnv(idleGroup, "PATH", configText("path_initial"), true);
  // nx_workqueues: the high-priority work queue's thread (sched/wqueue/kwork_thread.c work_start_highpri).
  if (enabled("sched_hpwork")) parkedKernelThread("hpwork", config("sched_hpworkpriority"), config("sched_hpworkstacksize"));
  const first = enabled("board_late_initialize")
    ? createKernelThread("AppBringUp", config("board_initthread_priority"), u32(config("board_initthread_stacksize")))
    : startApplication(idleGroup);
  activate(first);
  if (enabled("idle_env_released")) releaseEnv(idleGroup);
  return first;
}

/** nx_start_application: /etc from the ROMFS image (CONFIG_ETC_ROMFS), then task_spawn of the init task. */
function startApplication(idleGroup: Group): Tcb {
  if (enabled("etc_romfs")) romfsEtc();
  return createTask("nsh_main", config("init_priority"), u32(config("init_stacksize")), idleGroup, "nx_start_application");
}

/** Boot; returns the pid of the first task: the init task, or AppBringUp. */
export function boot(): i32 {
  resetKernel();
  startIdle();
  schedLock();
  bootObjects();
  const init = bringUp(groups.get(0));
  schedUnlock(); // the init task outranks idle and takes the CPU
  return init.pid;
}
