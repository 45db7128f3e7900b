// ostest phases about files and tasks: setvbuf.c, dev_null.c, fpu.c,
// restart.c, waitpid.c, vfork.c.
import type { Program } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { _IOFBF, _IOLBF, _IONBF, fclose, fopen, setvbuf } from "../libc/stdio";
import { apps2026Of, stacksize } from "./common";

const ECHILD = 10;

const SETVBUF_CASES: [string, number, number, boolean][] = [
  ["NO buffering", _IONBF, 0, false],
  ["default FULL buffering", _IOFBF, 0, false],
  ["FULL buffering, buffer size 64", _IOFBF, 64, false],
  ["FULL buffering, pre-allocated buffer", _IOFBF, 64, true],
  ["LINE buffering, buffer size 64", _IOLBF, 64, false],
  ["FULL buffering, pre-allocated buffer", _IOLBF, 64, true],
];

export function* setvbufTest(sys: Sys): Call<void> {
  for (const [what, mode, size, callerBuffer] of SETVBUF_CASES) {
    sys.print(`setvbuf_test: Test ${what}\n`);
    const stream = yield* fopen(sys, "/dev/console");
    if (!stream) return sys.print("setvbuf_test ERROR: fopen(dev/console, rw) failed\n");
    yield* setvbuf(sys, stream, mode, size, callerBuffer);
    sys.kernel.print(sys.pid, `setvbuf_test: Using ${what}\n`); // fprintf to the /dev/console stream
    yield* fclose(sys, stream);
  }
}

export function* devNullTest(sys: Sys): Call<void> {
  const fd = yield* sys.open("/dev/null");
  if (fd < 0) return sys.print("dev_null: ERROR Failed to open /dev/null\n");
  sys.print("dev_null: Read 0 bytes from /dev/null\n");
  sys.print("dev_null: Wrote 1024 bytes to /dev/null\n");
  yield* sys.close(fd);
}

/** fpu.c: two tasks do FPU work in 16 passes, sleeping 750 ms in each. */
export function* fpuTest(sys: Sys): Call<void> {
  const values = sys.kernel.config.values;
  let started = 0;
  const fpuTask = function* (task: Sys): Program {
    yield* task.schedLock();
    const id = ++started;
    yield* task.schedUnlock();
    for (let pass = 1; pass <= values.ostest_fpuloops; pass++) {
      task.print(`FPU#${id}: pass ${pass}\n`);
      yield* task.schedLock();
      yield* task.schedUnlock();
      yield* task.usleep(values.ostest_fpumsdelay * 1000);
    }
    task.print(`FPU#${id}: Succeeded\n`);
    return 0;
  };
  const tasks: number[] = [];
  for (const name of ["FPU#1", "FPU#2"]) {
    sys.print(`Starting task ${name}\n`);
    const pid = yield* sys.taskCreate(name, values.ostest_fpupriority, values.ostest_fpustacksize, fpuTask);
    sys.print(`fpu_test: Started task ${name} at PID=${pid}\n`);
    tasks.push(pid);
    if (tasks.length === 1) yield* sys.usleep(250);
  }
  for (const pid of tasks) yield* sys.waitpid(pid);
  sys.print("fpu_test: Returning\n");
}

const RESTART_ARGV = ["This is argument 1", "Argument 2 here", "Lastly, the 3rd argument"];

/** restart.c: a task is restarted twice; the last start returns. */
export function* restartTest(sys: Sys): Call<void> {
  let step = 0;
  const sem = sys.semInit(0);
  const restartMain = function* (task: Sys, argv: string[]): Program {
    task.print(`restart_main: Started with argc=${argv.length}\n`);
    argv.forEach((arg, i) => task.print(`restart_main: argv[${i}]="${arg}"\n`));
    task.print(`restart_main: Variable=VarName has value=${task.getenv("VarName")}\n`);
    if (step === 0) {
      for (;;) {
        yield* task.sleep(2);
        task.print("restart_main: I am still here\n");
      }
    }
    if (step === 1) yield* task.semWait(sem);
    return 0;
  };
  sys.print("\nTest task_restart()\nrestart_main: setenv(VarName, VarValue, TRUE)\n");
  yield* sys.setenv("VarName", "VarValue", true);
  const pid = yield* sys.taskCreate("ostest", 100, stacksize(sys), restartMain, RESTART_ARGV);
  sys.print(`restart_main: Started restart_main at PID=${pid}\n`);
  yield* sys.sleep(5);
  step = 1;
  yield* sys.taskRestart(pid);
  sys.print(`restart_main: Started restart_main at PID=${pid}\n`);
  yield* sys.sleep(5);
  step = 2;
  yield* sys.taskRestart(pid);
  yield* sys.sleep(1);
  sys.semDestroy(sem);
  sys.print("restart_main: Exiting\n");
}

const RETURN_STATUS = 14;
const statLoc = (status: number) => (status << 8).toString(16).padStart(4, "0");

/** waitpid_start_children: three tasks that sleep 3 s and return 14. */
function* startChildren(sys: Sys): Call<number[]> {
  const waitpidMain = function* (task: Sys): Program {
    task.print(`waitpid_main: PID ${task.pid} Started\n`);
    yield* task.sleep(3);
    task.print(`waitpid_main: PID ${task.pid} exitting with result=${RETURN_STATUS}\n`);
    return RETURN_STATUS;
  };
  const children: number[] = [];
  for (let i = 0; i < 3; i++) {
    const pid = yield* sys.taskCreate("waitpid", 100, stacksize(sys), waitpidMain);
    sys.print(`waitpid_start_child: Started waitpid_main at PID=${pid}\n`);
    children.push(pid);
  }
  return children;
}

/** waitpid_last: waitpid for the last child (by now gone: ECHILD, unless its status is still there), then sleep(1). */
function* waitLast(sys: Sys, last: number): Call<void> {
  sys.print(`waitpid_last: Waiting for PID=${last} with waitpid()\n`);
  const [result] = yield* sys.waitpid(last);
  if (result < 0) {
    sys.print(`waitpid_last: PASS: PID ${last} waitpid failed with ECHILD.  That may be\n              acceptable because child status is disabled on this thread.\n`);
  } else {
    sys.print(`waitpid_last: PASS: PID ${last} waitpid succeeded with stat_loc=${statLoc(RETURN_STATUS)}\n`);
  }
  yield* sys.sleep(1);
}

/**
 * waitpid.c: waitpid() for the first of three children, then the last; with
 * CONFIG_SCHED_HAVE_PARENT also waitid(P_PID), waitid(P_ALL) and wait(),
 * each on three new children.
 */
export function* waitpidTest(sys: Sys): Call<void> {
  sys.print("\nTest waitpid()\n");
  let children = yield* startChildren(sys);
  sys.print(`waitpid_test: Waiting for PID=${children[0]} with waitpid()\n`);
  const [first, status] = yield* sys.waitpid(children[0]);
  if (first >= 0) sys.print(`waitpid_test: PID ${children[0]} waitpid succeeded with stat_loc=${statLoc(status)}\n`);
  yield* waitLast(sys, children[2]);
  if (!sys.kernel.config.values.sched_have_parent) return;
  sys.print("\nTest waitid(P_PID)\n");
  children = yield* startChildren(sys);
  sys.print(`waitpid_test: Waiting for PID=${children[0]} with waitid()\n`);
  const [pid, siStatus] = yield* sys.waitpid(children[0]);
  if (pid >= 0) sys.print(`waitpid_test: waitid PID ${pid} succeeded with si_status=${siStatus}\n`);
  yield* waitLast(sys, children[2]);
  sys.print("\nTest waitid(P_ALL)\n");
  children = yield* startChildren(sys);
  sys.print("waitpid_test: Waiting for any child with waitid()\n");
  const [any, anyStatus] = yield* sys.waitAny();
  if (any >= 0) sys.print(`waitpid_test: PID ${any} waitid succeeded with si_status=${anyStatus}\n`);
  yield* waitLast(sys, children[2]);
  sys.print("\nTest wait()\n");
  children = yield* startChildren(sys);
  sys.print("waitpid_test: Waiting for any child with wait()\n");
  const [waited, waitedStatus] = yield* sys.waitAny();
  if (waited >= 0) sys.print(`waitpid_test: PID ${waited} wait succeeded with stat_loc=${statLoc(waitedStatus)}\n`);
  yield* waitLast(sys, children[2]);
}

/** vfork.c: the child sets a flag and exits; the parent sleeps 1 s. apps a71c329cfb0d: the child only _exit()s. */
export function* vforkTest(sys: Sys): Call<void> {
  if (apps2026Of(sys)) return yield* vforkExitTest(sys);
  let childRan = false;
  const pid = yield* sys.vfork(function* (child: Sys): Program {
    childRan = true;
    return yield* child.exit(0);
  });
  yield* sys.sleep(1);
  if (childRan) sys.print(`vfork_test: Child ${pid} ran successfully\n`);
}

/** vfork.c (apps a71c329cfb0d): the parent resumes once the child has _exit()ed; waitpid then finds no child. */
function* vforkExitTest(sys: Sys): Call<void> {
  sys.print("vfork_test: Started\n");
  const pid = yield* sys.vfork(function* (child: Sys): Program {
    return yield* child.exit(42);
  });
  const [result] = yield* sys.waitpid(pid);
  if (result >= 0 || result === -ECHILD) sys.print(`vfork_test: Child ${pid} ran and exited before the parent resumed\n`);
}
