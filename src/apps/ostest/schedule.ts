// ostest phases about scheduling: roundrobin.c, barrier.c, schedlock.c.
import type { Program } from "../../engine/kernel";
import { SCHED_RR, type Call, type Sys } from "../../engine/sys";
import { countPrimes, primeWorkMs } from "../getprime";
import { Barrier, barrierWait, PTHREAD_BARRIER_SERIAL_THREAD } from "../libc/pthread";
import { rand } from "../libc/stdlib";
import { PRIO_MAX, PRIO_MIN } from "./common";

const HALF_SECOND = 500_000;

/** roundrobin.c: two SCHED_RR threads at the lowest priority count primes. */
export function* rrTest(sys: Sys): Call<void> {
  const values = sys.kernel.config.values;
  const sem = sys.semInit(0);
  const worker = (id: number) =>
    function* (t: Sys): Program {
      while ((yield* t.semWait(sem)) < 0);
      t.print(`get_primes_thread id=${id} started, looking for primes < ${values.ostest_rr_range}, doing ${values.ostest_rr_runs} run(s)\n`);
      yield* t.burn(primeWorkMs(t, values.ostest_rr_range, values.ostest_rr_runs));
      const { count, last } = countPrimes(values.ostest_rr_range);
      t.print(`get_primes_thread id=${id} finished, found ${count} primes, last one was ${last}\n`);
      return yield* t.pthreadExit(0);
    };
  sys.print(`rr_test: Set thread priority to ${PRIO_MIN}\nrr_test: Set thread policy to SCHED_RR\n`);
  yield* sys.schedLock();
  sys.print("rr_test: Starting first get_primes_thread\n");
  const t1 = yield* sys.pthreadCreate("get_primes1", PRIO_MIN, SCHED_RR, 0, worker(1));
  sys.print(`         First get_primes_thread: ${t1}\nrr_test: Starting second get_primes_thread\n`);
  const t2 = yield* sys.pthreadCreate("get_primes2", PRIO_MIN, SCHED_RR, 0, worker(2));
  sys.print(`         Second get_primes_thread: ${t2}\nrr_test: Waiting for threads to complete -- this should take awhile\n         If RR scheduling is working, they should start and complete at\n         about the same time\n`);
  yield* sys.semPost(sem);
  yield* sys.semPost(sem);
  yield* sys.schedUnlock();
  yield* sys.pthreadJoin(t2);
  yield* sys.pthreadJoin(t1);
  sys.print("rr_test: Done\n");
  sys.semDestroy(sem);
}

export function* barrierTest(sys: Sys): Call<void> {
  const count = sys.kernel.config.values.ostest_nbarrier_threads;
  const barrier = new Barrier(sys, count);
  const worker = (id: number) =>
    function* (t: Sys): Program {
      t.print(`barrier_func: Thread ${id} started\n`);
      yield* t.usleep(HALF_SECOND);
      t.print(`barrier_func: Thread ${id} calling pthread_barrier_wait()\n`);
      const status = yield* barrierWait(t, barrier);
      t.print(`barrier_func: Thread ${id}, back with status=${status === PTHREAD_BARRIER_SERIAL_THREAD ? "PTHREAD_BARRIER_SERIAL_THREAD (I AM SPECIAL)" : "0 (I am not special)"}\n`);
      yield* t.usleep(HALF_SECOND);
      t.print(`barrier_func: Thread ${id} done\n`);
      return 0;
    };
  sys.print("barrier_test: Initializing barrier\n");
  const threads: number[] = [];
  for (let i = 0; i < count; i++) {
    threads.push(yield* sys.pthreadCreate(`barrier#${i}`, 100, SCHED_RR, 0, worker(i)));
    sys.print(`barrier_test: Thread ${i} created\n`);
  }
  for (let i = 0; i < count; i++) {
    yield* sys.pthreadJoin(threads[i]);
    sys.print(`barrier_test: Thread ${i} completed with result=0\n`);
  }
  sys.semDestroy(barrier.sem);
}

/** schedlock.c: a higher-priority thread changes priorities under sched_lock; nothing may preempt it. */
export function* schedLockTest(sys: Sys): Call<void> {
  for (let i = 0; i < 2; i++) {
    let locked = false;
    let pass = false;
    const self = i === 0;
    const highprio = sys.getPriority() - 2;
    const lowprio = highprio - 1;
    let lowpri = 0;
    const low = function* (t: Sys): Program {
      while (!locked) yield* t.burn(1);
      locked = false;
      return 0;
    };
    const high = function* (t: Sys): Program {
      yield* t.usleep(100);
      const priority = t.getPriority() + (self ? -2 : 2);
      yield* t.schedLock();
      locked = true;
      yield* t.setPriority(self ? 0 : lowpri, priority);
      pass = locked;
      yield* t.schedUnlock();
      return 0;
    };
    sys.print(`sched_lock: Starting lowpri_thread at ${lowprio}\nsched_lock: Set lowpri_thread priority to ${lowprio}\n`);
    lowpri = yield* sys.pthreadCreate("lowpri", lowprio, SCHED_RR, 0, low);
    sys.print(`sched_lock: Starting highpri_thread at ${highprio}\nsched_lock: Set highpri_thread priority to ${highprio}\n`);
    const highpri = yield* sys.pthreadCreate("highpri", highprio, SCHED_RR, 0, high);
    sys.print("sched_lock: Waiting...\n");
    yield* sys.sleep(1);
    yield* sys.pthreadJoin(highpri);
    yield* sys.pthreadJoin(lowpri);
    sys.print(pass ? "sched_lock: PASSED No pre-emption occurred while scheduler was locked.\n" : "sched_lock: ERROR: Pre-emption occurred when scheduler was locked.\n");
  }
  sys.print("sched_lock: Finished\n");
}

/** spinlock.c's lock kinds, each timed by one thread per CPU (CONFIG_SMP_NCPUS 1). */
const LOCK_KINDS = ["spinlock", "rspinlock", "seqcount"];

/**
 * spinlock.c (apps 1b8c90c12, 5eef7f324): for each lock kind a thread at
 * SCHED_PRIORITY_MAX takes and gives the lock LOOP_TIMES times; user_main
 * joins it. The threads' TCBs, stacks and join records are its heap.
 */
export function* spinlockTest(sys: Sys): Call<void> {
  const values = sys.kernel.config.values;
  const loops = values.test_loop_scale * 100000;
  sys.print(`Start Lock test:\nThread num: 1, Loop times: ${loops}\n\n`);
  for (const kind of LOCK_KINDS) {
    sys.print(`Test type: ${kind}\n`);
    const start = sys.ticks();
    let spent = 0;
    const tid = yield* sys.pthreadCreate(`${kind}_test`, PRIO_MAX, SCHED_RR, 0, function* (t: Sys): Program {
      const from = t.ticks();
      yield* t.burn((loops * values.cpu_ns_per_lock_op) / 1e6);
      spent = t.ticks() - from;
      return 0;
    });
    yield* sys.pthreadJoin(tid);
    const ns = (ticks: number) => ticks * values.usec_per_tick * 1000;
    sys.print(`${kind}: Test Results:\n${kind}: Final counter: ${loops}\n`);
    sys.print(`${kind}: Average throughput : ${Math.floor((1e9 * loops) / ns(spent))} op/s\n${kind}: Total execution time: ${ns(sys.ticks() - start)} ns\n \n`);
  }
}

/** wdog.c: WDOGTEST_THREAD_NR = CONFIG_SMP_NCPUS × 4 threads, each running the whole watchdog test. */
const WDOG_THREADS = 4;

/**
 * wdog.c (apps 8c22bb267 … bd1057285): four threads each start, wait for and
 * cancel a watchdog of their own (struct wdog_s on their stacks, no heap).
 * The model keeps their waits: the usleep()s until the callback, as ticks.
 */
export function* wdogTest(sys: Sys): Call<void> {
  sys.print("wdog_test start...\n");
  const threads: number[] = [];
  for (let i = 0; i < WDOG_THREADS; i++) threads.push(yield* sys.pthreadCreate(`wdog#${i}`, sys.getPriority(), SCHED_RR, 0, wdogThread));
  for (const tid of threads) yield* sys.pthreadJoin(tid);
  sys.print("wdog_test end...\n");
}

/** wdtest_delay: usleep(delay_ns / 1000 + 1). */
function* wdogDelay(sys: Sys, ns: number): Call {
  return yield* sys.usleep(Math.floor(ns / 1000) + 1);
}

/** NSEC2TICK: nanoseconds as whole ticks, rounded up (include/nuttx/clock.h div_const_roundup). */
function nsToTicks(sys: Sys, ns: number): number {
  return Math.ceil(ns / (sys.kernel.config.values.usec_per_tick * 1000));
}

/** A watchdog started now fires at the next tick after its delay has passed; the waiter sleeps until then. */
function* waitForWatchdog(sys: Sys, ns: number): Call<void> {
  const due = sys.ticks() + nsToTicks(sys, ns) + 1;
  while (sys.ticks() < due) yield* wdogDelay(sys, ns);
}

/** CLOCK_MAX >> 2, less 1: wdog.c's longest delay, which it cancels a moment later. */
const LONGEST_DELAY = (1n << 61n) - 2n;
const RAND_ITERATIONS = 1024;

const wdogThread = function* (t: Sys): Program {
  for (const ns of [0, 1, 10, 100, 1000, 10000, 100000, 1000000]) {
    t.print(`wdtest_once ${ns} ns\n`);
    yield* waitForWatchdog(t, ns);
  }
  const set = t.ticks();
  yield* wdogDelay(t, 1_000_000);
  // wd_gettime: the watchdog's expiry, set + delay + 1 (clock_delay2abstick), less now.
  t.print(`wd_start with maximum delay, cancel OK, rest ${LONGEST_DELAY + 1n - BigInt(t.ticks() - set)}\n`);
  for (const [ns, times] of [[1_000_000, 100], [10_000_000, 10]]) {
    t.print(`wdtest_recursive ${ns}ns\n`);
    const from = t.ticks();
    yield* wdogDelay(t, times * ns);
    // The callback restarts its watchdog with wd_start(interval): it fires every interval + 1 ticks.
    const period = nsToTicks(t, ns) + 1;
    const fired = Math.floor((t.ticks() - from) / period);
    t.print(`recursive wdog triggered ${fired} times, elapsed tick ${fired * period}\n`);
  }
  for (let i = 0; i < RAND_ITERATIONS; i++) {
    const ns = rand(t) % 12345;
    if (ns % 2 === 1) yield* waitForWatchdog(t, ns);
  }
  return 0;
};
