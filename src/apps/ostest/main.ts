// ostest (apps/testing/ostest/ostest_main.c): ostest_main sets up the
// environment and starts user_main, which runs every test phase of this
// configuration in order and checks the heap after each one.
import type { Program, ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { apps2026Of, HALF_SECOND_USEC, mallinfo, memoryTable, stacksize, Usage } from "./common";
import { setUpEnvironment, showEnvironment } from "./environment";
import { getoptTest } from "./getopt";
import { mqueueTest, timedMqueueTest } from "./mqueue";
import { barrierTest, rrTest, schedLockTest, spinlockTest, wdogTest } from "./schedule";
import { posixTimerTest, sighandTest, signestTest, sigprocmaskTest } from "./signals";
import { cancelTest, condTest, mutexTest, robustTest, semTest, semTimedTest, timedMutexTest } from "./sync";
import { devNullTest, fpuTest, restartTest, setvbufTest, vforkTest, waitpidTest } from "./tasks";
import { pthreadExitTest, rwlockCancelTest, rwlockTest, timedWaitTest } from "./threads";
import { nxeventTest } from "./nxevent";
import { setjmpTest } from "./setjmp";
import { wqueueTest } from "./wqueue";

const USER_ARGV = ["Arg1", "Arg2", "Arg3", "Arg4"];

type Phase = [string, (sys: Sys) => Call<void>];

/** The Kconfig options that decide which phases user_main runs (testing/ostest/ostest_main.c). */
interface PhaseOptions {
  apps2026: boolean;
  /** CONFIG_ARCH_HAVE_VFORK, and since apps ee7642793 ("temporary remove vfork test on arch/sim") not on the sim. */
  vfork: boolean;
  fpu: boolean;
  workqueue: boolean;
  roundRobin: boolean;
  setjmp: boolean;
  events: boolean;
}

function phaseOptions(sys: Sys): PhaseOptions {
  const values = sys.kernel.config.values;
  return {
    apps2026: apps2026Of(sys),
    vfork: values.arch_sim !== 1,
    fpu: values.arch_fpu === 1,
    workqueue: values.sched_workqueue === 1,
    roundRobin: values.rr_interval_ticks > 0,
    setjmp: values.arch_setjmp_h === 1,
    events: values.sched_events === 1,
  };
}

/** The phases of the test loop that this configuration runs, in order, with their banners. */
function phases(options: PhaseOptions): Phase[] {
  const { apps2026 } = options;
  const when = (on: boolean, ...list: Phase[]) => (on ? list : []);
  // apps d9afe2db8: the timed message queue test before sigprocmask, the message queue test after it.
  const queues: Phase[] = [
    ["timed message queue test", timedMqueueTest],
    ["sigprocmask test", sigprocmaskTest],
    ["message queue test", mqueueTest],
  ];
  // apps 1b8c90c12, 8c22bb267: spinlock and wdog tests (CONFIG_BUILD_FLAT).
  const locks: Phase[] = [
    ["spinlock test", spinlockTest],
    ["wdog test", wdogTest],
  ];
  return [
    ["setvbuf test", setvbufTest],
    ["/dev/null test", devNullTest],
    ...when(options.fpu, ["FPU test", fpuTest]),
    ["task_restart test", restartTest],
    ["waitpid test", waitpidTest],
    // CONFIG_SCHED_WORKQUEUE (and a flat build).
    ...when(options.workqueue && apps2026, ["wqueue test", wqueueTest]),
    ["mutex test", mutexTest],
    ["timed mutex test", timedMutexTest],
    ["cancel test", cancelTest],
    ["robust test", robustTest],
    ["semaphore test", semTest],
    ["timed semaphore test", semTimedTest],
    ["condition variable test", condTest],
    ["pthread_exit() test", pthreadExitTest],
    ["pthread_rwlock test", rwlockTest],
    ["pthread_rwlock_cancel test", rwlockCancelTest],
    ["timed wait test", timedWaitTest],
    ...(apps2026 ? queues : [queues[2], queues[0], queues[1]]),
    ["signal handler test", sighandTest],
    ["nested signal handler test", signestTest],
    ["POSIX timer test", posixTimerTest],
    ...when(apps2026, ...locks),
    // CONFIG_RR_INTERVAL > 0.
    ...when(options.roundRobin, ["round-robin scheduler test", rrTest]),
    ["barrier test", barrierTest],
    ...when(options.setjmp && apps2026, ["setjmp test", setjmpTest]),
    ["scheduler lock test", schedLockTest],
    // CONFIG_SCHED_EVENTS (and a flat build).
    ...when(options.events && apps2026, ["nxevent test", nxeventTest]),
  ];
}

/** apps 860815a33: the vfork test runs first, with its own memory check; before, it ran last. */
function* vforkPhase(sys: Sys): Call<void> {
  sys.print("\nuser_main: vfork() test\n");
  yield* vforkTest(sys);
}

const userMain: ProgramMain = function* (sys: Sys, argv: string[]): Program {
  const options = phaseOptions(sys);
  const apps2026 = options.apps2026;
  yield* sys.usleep(HALF_SECOND_USEC);
  const usage = new Usage(sys);
  if (apps2026 && options.vfork) {
    yield* vforkPhase(sys);
    yield* usage.check(sys);
  }
  sys.print(`\nuser_main: Begin argument test\nuser_main: Started with argc=${argv.length}\n`);
  argv.forEach((arg, i) => sys.print(`user_main: argv[${i}]="${arg}"\n`));
  yield* usage.check(sys);
  sys.print("\nuser_main: getopt() test\n");
  getoptTest(sys);
  yield* usage.check(sys);
  sys.print("\nuser_main: libc tests\n");
  yield* usage.check(sys);
  showEnvironment(sys, [true, true, true]);
  yield* sys.unsetenv("Variable1");
  showEnvironment(sys, [false, true, true]);
  yield* usage.check(sys);
  yield* sys.clearenv();
  showEnvironment(sys, [false, false, false]);
  yield* usage.check(sys);
  for (const [name, phase] of phases(options)) {
    sys.print(`\nuser_main: ${name}\n`);
    yield* phase(sys);
    yield* usage.check(sys);
  }
  if (!apps2026) yield* vforkPhase(sys);
  yield* sys.usleep(HALF_SECOND_USEC);
  sys.print(`\nFinal memory usage:\n${memoryTable(usage.before, mallinfo(sys))}`);
  sys.print("user_main: Exiting\n");
  return 0;
};

/** ostest_main: stdio checks, the environment, then user_main, and its result. */
export const ostest: ProgramMain = function* (sys: Sys): Program {
  sys.print("stdio_test: write fd=1\nstdio_test: Standard I/O Check: printf\n");
  sys.printErr("stdio_test: write fd=2\nstdio_test: Standard I/O Check: fprintf to stderr\n");
  yield* setUpEnvironment(sys);
  const pid = yield* sys.taskCreate("ostest", 100, stacksize(sys), userMain, USER_ARGV);
  sys.print(`ostest_main: Started user_main at PID=${pid}\n`);
  const [result, status] = yield* sys.waitpid(pid);
  const exit = result < 0 ? 1 : status;
  sys.print(`ostest_main: Exiting with status ${exit}\n`);
  return exit;
};
