// ostest (apps/testing/ostest/ostest_main.c): ostest_main sets up the
// environment and starts user_main, which runs every test phase of this
// configuration in order and checks the heap after each one.
import type { Program, ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { HALF_SECOND_USEC, mallinfo, memoryTable, stacksize, Usage } from "./common";
import { setUpEnvironment, showEnvironment } from "./environment";
import { mqueueTest, timedMqueueTest } from "./mqueue";
import { barrierTest, rrTest, schedLockTest } from "./schedule";
import { posixTimerTest, sighandTest, signestTest, sigprocmaskTest } from "./signals";
import { cancelTest, condTest, mutexTest, robustTest, semTest, semTimedTest, timedMutexTest } from "./sync";
import { devNullTest, fpuTest, restartTest, setvbufTest, vforkTest, waitpidTest } from "./tasks";
import { pthreadExitTest, rwlockCancelTest, rwlockTest, timedWaitTest } from "./threads";

const USER_ARGV = ["Arg1", "Arg2", "Arg3", "Arg4"];

/** The phases of the test loop that run on rv-virt:nsh, in order, with their banners. */
const PHASES: [string, (sys: Sys) => Call<void>][] = [
  ["setvbuf test", setvbufTest],
  ["/dev/null test", devNullTest],
  ["FPU test", fpuTest],
  ["task_restart test", restartTest],
  ["waitpid test", waitpidTest],
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
  ["message queue test", mqueueTest],
  ["timed message queue test", timedMqueueTest],
  ["sigprocmask test", sigprocmaskTest],
  ["signal handler test", sighandTest],
  ["nested signal handler test", signestTest],
  ["POSIX timer test", posixTimerTest],
  ["round-robin scheduler test", rrTest],
  ["barrier test", barrierTest],
  ["scheduler lock test", schedLockTest],
];

export const OSTEST_PHASES = ["argument test", "getopt() test", "libc tests", ...PHASES.map(([name]) => name), "vfork() test"];

const userMain: ProgramMain = function* (sys: Sys, argv: string[]): Program {
  yield* sys.usleep(HALF_SECOND_USEC);
  const usage = new Usage(sys);
  sys.print(`\nuser_main: Begin argument test\nuser_main: Started with argc=${argv.length}\n`);
  argv.forEach((arg, i) => sys.print(`user_main: argv[${i}]="${arg}"\n`));
  yield* usage.check(sys);
  sys.print("\nuser_main: getopt() test\n");
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
  for (const [name, phase] of PHASES) {
    sys.print(`\nuser_main: ${name}\n`);
    yield* phase(sys);
    yield* usage.check(sys);
  }
  sys.print("\nuser_main: vfork() test\n");
  yield* vforkTest(sys);
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
  sys.print(`ostest_main: Started user_main at PID=${pid}\n\n`);
  const [result, status] = yield* sys.waitpid(pid);
  const exit = result < 0 ? 1 : status;
  sys.print(`ostest_main: Exiting with status ${exit}\n`);
  return exit;
};
