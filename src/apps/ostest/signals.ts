// ostest phases about signals: sigprocmask.c, sighand.c, signest.c,
// posixtimer.c.
import type { Program } from "../../engine/kernel";
import { SCHED_RR, type Call, type OldAction, type Sys } from "../../engine/sys";
import { apps2026Of, deadline, stacksize } from "./common";
import { staticsOf } from "./statics";

const SIGKILL = 9;
const SIGCHLD = 17;
const SIGSTOP = 19;
const SIGRTMIN = 32;
const MAX_SIGNO = 63;
const SIGVALUE_INT = 42;
/** include/signal.h. */
const SI_TIMER = 2;
const SA_SIGINFO = 2;
const EINTR = 4;
/** sigfillset minus one signal: the mask while a handler runs. */
const allBut = (signo: number) => Array.from({ length: MAX_SIGNO }, (_, i) => i + 1).filter((s) => s !== signo);

/**
 * sighand.c and posixtimer.c print the action sigaction() replaced: sa_sigaction
 * with %p (0 for SIG_DFL; the model numbers its handlers where the real image has
 * their code addresses), sa_flags, and sa_mask as SIGSET_FMT (include/nuttx/signal.h).
 */
function showOldAction(oact: OldAction): string {
  const pointer = oact.handler === 0 ? "0" : `0x${oact.handler.toString(16)}`;
  return `oact.sigaction=${pointer} oact.sa_flags=${oact.flags.toString(16)} oact.sa_mask=${oact.mask.toString(16).padStart(16, "0")}`;
}

function* thread(sys: Sys, name: string, main: (t: Sys) => Program, priority: number): Call {
  return yield* sys.pthreadCreate(name, priority, SCHED_RR, stacksize(sys), main);
}

/** sigprocmask.c only changes masks: no heap, no other task. */
export function* sigprocmaskTest(sys: Sys): Call<void> {
  const signals = [1, 2, 3, 4, 5];
  for (const signo of signals) {
    yield* sys.sigprocmask(0, [signo]);
    yield* sys.sigprocmask(1, [signo]);
  }
  sys.print("sigprocmask_test: SUCCESS\n");
}

export function* sighandTest(sys: Sys): Call<void> {
  const sem1 = sys.semInit(0);
  let received = false;
  let exited = false;
  const waiter = function* (t: Sys): Program {
    t.print("waiter_main: Waiter started\n");
    t.print(`waiter_main: Unmasking signal ${SIGRTMIN}\n`);
    yield* t.sigprocmask(1, [SIGRTMIN]);
    t.print("waiter_main: Registering signal handler\n");
    const oact = yield* t.sigaction(
      SIGRTMIN,
      function* (h: Sys, signo: number, value: number): Program {
        received = signo === SIGRTMIN && value === SIGVALUE_INT;
        return 0;
      },
      allBut(SIGRTMIN),
      SA_SIGINFO,
    );
    t.print(`waiter_main: ${showOldAction(oact)}\n`);
    t.print("waiter_main: Waiting on semaphore\n");
    const status = yield* t.semWait(sem1);
    if (status === -EINTR) t.print("waiter_main: sem_wait() successfully interrupted by signal\n");
    yield* t.sigaction(SIGRTMIN, null);
    t.print("waiter_main: done\n");
    exited = true;
    return 0;
  };
  sys.print("sighand_test: Initializing semaphore to 0\n");
  // CONFIG_SCHED_HAVE_PARENT: death_of_child on SIGCHLD while the test runs (it prints only for a child task's death).
  const parent = sys.kernel.config.values.sched_have_parent === 1;
  if (parent) {
    sys.print("sighand_test: Unmasking SIGCHLD\n");
    yield* sys.sigprocmask(1, [SIGCHLD]);
    sys.print("sighand_test: Registering SIGCHLD handler\n");
    yield* sys.sigaction(SIGCHLD, function* (): Program {
      return 0;
    }, allBut(SIGCHLD), SA_SIGINFO);
  }
  sys.print("sighand_test: Starting waiter task\n");
  const pid = yield* thread(sys, "sighand_waiter", waiter, sys.getPriority());
  sys.print(`sighand_test: Started waiter_main pid=${pid}\n`);
  yield* sys.sleep(2);
  sys.print(`sighand_test: Signaling pid=${pid} with signo=${SIGRTMIN} sigvalue=${SIGVALUE_INT}\n`);
  yield* sys.kill(pid, SIGRTMIN, SIGVALUE_INT);
  yield* sys.sleep(2);
  if (!exited) sys.print("sighand_test: ERROR waiter task did not exit\n");
  if (!received) sys.print("sighand_test: ERROR signal handler did not run\n");
  if (parent) yield* sys.sigaction(SIGCHLD, null);
  sys.print("sighand_test: done\n");
  sys.semDestroy(sem1);
}

/**
 * signest.c: a handler on every signal, then three storms of kill() with and
 * without the lock. apps a71c329cfb0d (376cc5a73) also gives the interferer a
 * handler on MAX_SIGNO, signals it in the third storm, and unregisters every
 * handler at the end.
 */
export function* signestTest(sys: Sys): Call<void> {
  const apps2026 = apps2026Of(sys);
  const interfereAction = function* (): Program {
    return 0;
  };
  const waiterSem = sys.semInit(0);
  const interfererSem = sys.semInit(0);
  const threadStarted = sys.semInit(0);
  const signalFinish = sys.semInit(0);
  const state = { waiterRunning: false, interfererRunning: false, done: false, level: 0 };
  /** Signals sent, handled and handled inside another handler: [odd, even]. */
  const counts = { signalled: [0, 0], handled: [0, 0], nested: [0, 0] };
  const action = function* (h: Sys, signo: number): Program {
    const nested = state.level++ > 0;
    yield* h.schedLock();
    counts.handled[signo & 1 ? 0 : 1]++;
    if (nested) counts.nested[signo & 1 ? 0 : 1]++;
    yield* h.schedUnlock();
    state.level--;
    yield* h.semPost(signalFinish);
    return 0;
  };
  // signest.c: the odd signals below MAX_SIGNO.
  const odd = Array.from({ length: MAX_SIGNO - 1 }, (_, i) => i + 1).filter((s) => s % 2 === 1);
  const waiter = function* (t: Sys): Program {
    t.print("waiter_main: Waiter started\nwaiter_main: Setting signal mask\n");
    yield* t.sigprocmask(2, []);
    t.print("waiter_main: Registering signal handler\n");
    for (let signo = 1; signo < MAX_SIGNO; signo++) yield* t.sigaction(signo, action, odd);
    if (apps2026) yield* t.sigaction(MAX_SIGNO, interfereAction);
    t.print("waiter_main: Waiting on semaphore\n");
    yield* t.semPost(threadStarted);
    state.waiterRunning = true;
    while (!state.done) yield* t.semWait(waiterSem);
    state.waiterRunning = false;
    return 0;
  };
  const interferer = function* (t: Sys): Program {
    t.print("interfere_main: Waiting on semaphore\n");
    state.interfererRunning = true;
    while (!state.done) yield* t.semWait(interfererSem);
    state.interfererRunning = false;
    return 0;
  };
  const waitFinish = function* (): Call<void> {
    for (let i = 0; i < 2; i++) {
      const limit = deadline(sys, 2);
      yield* sys.semWait(signalFinish, Math.max(0, limit - sys.ticks()));
    }
  };
  const storm = function* (locked: boolean, interfere: boolean): Call<void> {
    for (let i = 0; i < 10; i++) {
      for (let j = 1; j < MAX_SIGNO; j += 2) {
        for (const pair of [[j, j + 1], [j + 1, j]]) {
          if (locked) yield* sys.schedLock();
          if (interfere && apps2026 && pair[0] === j) yield* sys.kill(interfererPid, MAX_SIGNO);
          yield* sys.kill(waiterPid, pair[0]);
          if (interfere) yield* sys.semPost(interfererSem);
          yield* sys.kill(waiterPid, pair[1]);
          counts.signalled[0]++;
          counts.signalled[1]++;
          if (locked) yield* sys.schedUnlock();
          yield* waitFinish();
        }
      }
    }
  };
  const base = sys.getPriority();
  sys.print(`signest_test: Starting signal waiter task at priority ${base + 1}\n`);
  const waiterPid = yield* thread(sys, "signest_waiter", waiter, base + 1);
  sys.print(`signest_test: Started waiter_main pid=${waiterPid}\nsignest_test: Starting interfering task at priority ${base + 2}\n`);
  const interfererPid = yield* thread(sys, "signest_interferer", interferer, base + 2);
  sys.print(`signest_test: Started interfere_main pid=${interfererPid}\n`);
  yield* sys.semWait(threadStarted);
  const report = (title: string) => {
    const line = (what: string, [odd, even]: number[]) => `  Total ${what.padEnd(9)} ${String(odd + even).padEnd(3)}  Odd=${String(odd).padEnd(3)} Even=${String(even).padEnd(3)}\n`;
    sys.print(`signest_test: ${title}\n${line("signalled", counts.signalled)}${line("handled", counts.handled)}${line("nested", counts.nested)}`);
  };
  yield* storm(false, false);
  report("Simple case:");
  yield* storm(true, false);
  report("With task locking");
  yield* storm(true, true);
  state.done = true;
  yield* sys.semPost(waiterSem);
  yield* sys.semPost(interfererSem);
  do yield* sys.usleep(500_000);
  while (state.waiterRunning || state.interfererRunning);
  report(apps2026 ? "With interfering thread" : "With intefering thread");
  // apps 376cc5a73: the handlers go again; libc signal() refuses SIGKILL and SIGSTOP (UNCAUGHT_SIGNO, include/signal.h).
  if (apps2026) for (let signo = 1; signo <= MAX_SIGNO; signo++) if (signo !== SIGKILL && signo !== SIGSTOP) yield* sys.sigaction(signo, null);
  for (const sem of [waiterSem, interfererSem, threadStarted, signalFinish]) sys.semDestroy(sem);
  sys.print("signest_test: done\n");
}

/** posixtimer.c: a 2-second periodic timer; five expirations, each handled. */
export function* posixTimerTest(sys: Sys): Call<void> {
  if (apps2026Of(sys)) return yield* sigwaitTimerTest(sys);
  const sem = sys.semInit(0);
  const statics = staticsOf(sys);
  sys.print(`timer_test: Initializing semaphore to 0\ntimer_test: Unmasking signal ${SIGRTMIN}\n`);
  yield* sys.sigprocmask(1, [SIGRTMIN]);
  sys.print("timer_test: Registering signal handler\n");
  const oact = yield* sys.sigaction(
    SIGRTMIN,
    function* (h: Sys, signo: number, value: number): Program {
      h.print(`timer_expiration: Received signal ${signo}\n`);
      statics.nsigreceived++;
      h.print(`timer_expiration: sival_int=${value}\ntimer_expiration: si_code=${SI_TIMER} (SI_TIMER)\n`);
      // sched/signal/sig_deliver.c hands every handler a NULL ucontext.
      h.print("timer_expiration: ucontext=0\n");
      return 0;
    },
    allBut(SIGRTMIN),
    SA_SIGINFO,
  );
  sys.print(`timer_test: ${showOldAction(oact)}\n`);
  sys.print("timer_test: Creating timer\n");
  const timer = yield* sys.timerCreate(SIGRTMIN, SIGVALUE_INT);
  sys.print("timer_test: Starting timer\n");
  const twoSeconds = 2_000_000 / sys.kernel.config.values.usec_per_tick;
  yield* sys.timerSettime(timer, twoSeconds, twoSeconds);
  for (let i = 0; i < 5; i++) {
    sys.print("timer_test: Waiting on semaphore\n");
    const status = yield* sys.semWait(sem);
    if (status === -EINTR) sys.print("timer_test: sem_wait() successfully interrupted by signal\n");
    sys.print(`timer_test: g_nsigreceived=${statics.nsigreceived}\n`);
  }
  sys.semDestroy(sem);
  sys.print("timer_test: Deleting timer\n");
  yield* sys.timerDelete(timer);
  yield* sys.sigaction(SIGRTMIN, null);
  sys.print("timer_test: done\n");
}

/** posixtimer.c (apps a71c329cfb0d): the timer's signal is masked and taken by sigwaitinfo(); no handler. */
function* sigwaitTimerTest(sys: Sys): Call<void> {
  sys.print(`timer_test: Masking signal ${SIGRTMIN}\n`);
  yield* sys.sigprocmask(0, [SIGRTMIN]);
  sys.print("timer_test: Creating timer\n");
  const timer = yield* sys.timerCreate(SIGRTMIN, SIGVALUE_INT);
  sys.print("timer_test: Starting timer\n");
  const twoSeconds = 2_000_000 / sys.kernel.config.values.usec_per_tick;
  yield* sys.timerSettime(timer, twoSeconds, twoSeconds);
  const statics = staticsOf(sys);
  for (let i = 0; i < 5; i++) {
    sys.print("timer_test: Waiting on sigwaitinfo\n");
    const [signo, value] = yield* sys.sigwaitinfo([SIGRTMIN]);
    sys.print(`timer_test: sigwaitinfo() returned signo=${signo}\n`);
    statics.nsigreceived++;
    sys.print(`timer_expiration: sival_int=${value}\ntimer_expiration: si_code=${SI_TIMER} (SI_TIMER)\ntimer_expiration: g_nsigreceived=${statics.nsigreceived}\n`);
  }
  sys.print("timer_test: Deleting timer\n");
  yield* sys.timerDelete(timer);
  yield* sys.sigprocmask(1, [SIGRTMIN]);
  sys.print("timer_test: done\n");
}
