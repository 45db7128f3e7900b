// ostest phases about locks and semaphores: mutex.c, timedmutex.c, cancel.c,
// robust.c, sem.c, semtimed.c, cond.c.
import type { Program } from "../../engine/kernel";
import { PTHREAD_CANCELED, SCHED_RR, type Call, type Sys } from "../../engine/sys";
import {
  Cond,
  EOWNERDEAD,
  ETIMEDOUT,
  Mutex,
  condSignal,
  condWait,
  mutexConsistent,
  mutexDestroy,
  mutexLock,
  mutexTryLock,
  mutexUnlock,
} from "../libc/pthread";
import { apps2026Of, clockRealtime, deadline, msToTicks, PRIO_MAX, PRIO_MID, PRIO_MIN, stacksize } from "./common";
import { staticsOf } from "./statics";

const ESRCH = 3;

/** A pthread with default attributes: the creator's priority, SCHED_RR, the default stack. */
function* thread(sys: Sys, name: string, main: (t: Sys) => Program, priority = sys.getPriority(), stack = 0): Call {
  return yield* sys.pthreadCreate(name, priority, SCHED_RR, stack, main);
}

/** mutex.c: two threads take turns on one mutex, yielding while they hold it. `labels` name the run in its output. */
function* mutexRun(sys: Sys, labels: { starting: string; loops: string; errors: string }): Call<void> {
  const mutex = new Mutex(sys);
  let busy = false;
  const loops = [0, 0];
  const errors = [0, 0];
  const worker = (id: number) =>
    function* (t: Sys): Program {
      for (loops[id - 1] = 0; loops[id - 1] < 32; loops[id - 1]++) {
        yield* mutexLock(t, mutex);
        if (busy) errors[id - 1]++;
        busy = true;
        for (let i = 0; i < 10; i++) yield* t.yield();
        busy = false;
        yield* mutexUnlock(t, mutex);
      }
      return yield* t.pthreadExit(0);
    };
  sys.print(`${labels.starting} 1\n`);
  const t1 = yield* thread(sys, "mutex#1", worker(1));
  sys.print(`${labels.starting} 2\n`);
  const t2 = yield* thread(sys, "mutex#2", worker(2));
  yield* sys.pthreadJoin(t1);
  yield* sys.pthreadJoin(t2);
  mutexDestroy(sys, mutex);
  sys.print(`\t\tThread1\tThread2\n\t${labels.loops}\t${loops[0]}\t${loops[1]}\n\t${labels.errors}\t${errors[0]}\t${errors[1]}\n`);
}

/** mutex.c; apps a71c329cfb0d (16a16a954) runs it again on a mutex moved by memcpy. */
export function* mutexTest(sys: Sys): Call<void> {
  sys.print("Initializing mutex\n");
  yield* mutexRun(sys, { starting: "Starting thread", loops: "Loops", errors: "Errors" });
  if (!apps2026Of(sys)) return;
  sys.print("\nTesting moved mutex\n");
  yield* mutexRun(sys, { starting: "Starting moved mutex thread", loops: "Moved Loops", errors: "Moved Errors" });
}

export function* timedMutexTest(sys: Sys): Call<void> {
  const mutex = new Mutex(sys);
  let running = false;
  let result = 0;
  const waiter = function* (t: Sys): Program {
    t.print("pthread:  Started\n");
    running = true;
    for (;;) {
      t.print("pthread:  Waiting for lock or timeout\n");
      const status = yield* mutexLock(t, mutex, deadline(t, 2));
      if (status !== 0) {
        if (status === ETIMEDOUT) t.print("pthread:  Got the timeout.  Terminating\n");
        result = status;
        break;
      }
      t.print("pthread:  Got the lock\n");
      yield* mutexUnlock(t, mutex);
      yield* t.usleep(500_000);
    }
    running = false;
    return 0;
  };
  sys.print("mutex_test: Initializing mutex\n");
  yield* mutexLock(sys, mutex);
  sys.print("mutex_test: Starting thread\n");
  const tid = yield* thread(sys, "timedmutex", waiter);
  yield* sys.usleep(500_000);
  sys.print("mutex_test: Unlocking\n");
  yield* mutexUnlock(sys, mutex);
  yield* sys.usleep(500_000);
  yield* mutexLock(sys, mutex);
  yield* sys.sleep(4);
  if (!running && result === ETIMEDOUT) sys.print("mutex_test: PASSED\n");
  yield* sys.pthreadJoin(tid);
  yield* mutexUnlock(sys, mutex);
  mutexDestroy(sys, mutex);
  if (apps2026Of(sys)) yield* timedMutexRegression(sys);
}

/**
 * timedmutex.c timedmutex_timeout_regression_test (apps eea8384ff): a lone
 * timed waiter times out and the mutex stays usable; then of two waiters the
 * short one times out and the long one gets the mutex at the unlock.
 */
function* timedMutexRegression(sys: Sys): Call<void> {
  const waiter = (mutex: Mutex, ms: number, results: number[]) =>
    function* (t: Sys): Program {
      const result = yield* mutexLock(t, mutex, t.ticks() + msToTicks(t, ms));
      if (result === 0) yield* mutexUnlock(t, mutex);
      results.push(result);
      return 0;
    };
  const results: number[] = [];
  let mutex = new Mutex(sys);
  yield* mutexLock(sys, mutex);
  yield* sys.pthreadJoin(yield* thread(sys, "timedwait", waiter(mutex, 200, results)));
  yield* mutexUnlock(sys, mutex);
  if ((yield* mutexTryLock(sys, mutex)) === 0) yield* mutexUnlock(sys, mutex);
  mutexDestroy(sys, mutex);
  mutex = new Mutex(sys);
  yield* mutexLock(sys, mutex);
  const short = yield* thread(sys, "timedwait", waiter(mutex, 200, results));
  const long = yield* thread(sys, "timedwait", waiter(mutex, 2000, results));
  yield* sys.pthreadJoin(short);
  yield* mutexUnlock(sys, mutex);
  yield* sys.pthreadJoin(long);
  if ((yield* mutexTryLock(sys, mutex)) === 0) yield* mutexUnlock(sys, mutex);
  mutexDestroy(sys, mutex);
  if (results.join() === [ETIMEDOUT, ETIMEDOUT, 0].join()) sys.print("timedmutex regression test: PASSED\n");
}

/** cancel.c without CANCELLATION_POINTS: tests 1, 3 and 5 run; 2, 6 and 7 are skipped. */
export function* cancelTest(sys: Sys): Call<void> {
  const started = sys.semInit(0);
  let mutex = new Mutex(sys);
  let cond = new Cond(sys);
  const semWaiter = (cancelable: boolean) =>
    function* (t: Sys): Program {
      t.print("sem_waiter: Taking mutex\n");
      yield* mutexLock(t, mutex);
      yield* t.semPost(started);
      t.print("sem_waiter: Starting wait for condition\n");
      if (!cancelable) {
        t.print("sem_waiter: Setting non-cancelable\n");
        yield* t.setCancelState(false);
      }
      yield* condWait(t, cond, mutex);
      if (!cancelable) {
        t.print("sem_waiter: Releasing mutex\n");
        yield* mutexUnlock(t, mutex);
        t.print("sem_waiter: Setting cancelable\n");
        yield* t.setCancelState(true);
      }
      t.print("sem_waiter: Exit with status 0x12345678\n");
      return yield* t.pthreadExit(0x12345678);
    };
  const start = function* (cancelable: boolean): Call {
    sys.print("start_thread: Initializing mutex\nstart_thread: Initializing cond\nstart_thread: Starting thread\n");
    const tid = yield* thread(sys, "sem_waiter", semWaiter(cancelable), sys.getPriority(), stacksize(sys));
    sys.print("start_thread: Yielding\n");
    yield* sys.yield();
    return tid;
  };
  const restart = function* (cancelable: boolean): Call {
    sys.print("restart_thread: Destroying cond\nrestart_thread: Destroying mutex\nrestart_thread: Re-starting thread\n");
    sys.semDestroy(cond.sem);
    mutexDestroy(sys, mutex);
    mutex = new Mutex(sys);
    cond = new Cond(sys);
    return yield* start(cancelable);
  };
  const join = function* (tid: number, wantCanceled: boolean): Call<void> {
    sys.print("cancel_test: Joining\n");
    const [status, value] = yield* sys.pthreadJoin(tid);
    if (status !== 0) {
      sys.print(status === -ESRCH ? "cancel_test: PASS pthread_join failed with status=ESRCH\n" : `cancel_test: ERROR pthread_join failed, status=${-status}\n`);
    } else if (wantCanceled && value === PTHREAD_CANCELED) {
      // printf("%p", PTHREAD_CANCELED): ((void *)-1), as wide as a pointer.
      const canceled = "ff".repeat(sys.kernel.config.values.sizeof_pointer);
      sys.print(`cancel_test: waiter exited with result=0x${canceled}\ncancel_test: PASS thread terminated with PTHREAD_CANCELED\n`);
    }
  };

  /** Once the waiter holds the mutex and waits on the condition, cancel it. */
  const cancelWaiting = function* (tid: number): Call<void> {
    yield* sys.semWait(started);
    yield* mutexLock(sys, mutex);
    yield* mutexUnlock(sys, mutex);
    sys.print("cancel_test: Canceling thread\n");
    yield* sys.pthreadCancel(tid);
  };

  sys.print("cancel_test: Test 1a: Normal Cancellation\ncancel_test: Starting thread\n");
  let waiter = yield* start(true);
  yield* cancelWaiting(waiter);
  yield* join(waiter, true);

  sys.print("cancel_test: Test 2: Asynchronous Cancellation\n... Skipped\n");

  sys.print("cancel_test: Test 3: Cancellation of detached thread\ncancel_test: Re-starting thread\n");
  waiter = yield* restart(true);
  yield* sys.pthreadDetach(waiter);
  yield* cancelWaiting(waiter);
  yield* join(waiter, false);

  sys.print("cancel_test: Test 5: Non-cancelable threads\ncancel_test: Re-starting thread (non-cancelable)\n");
  waiter = yield* restart(false);
  yield* sys.usleep(200_000);
  yield* sys.semWait(started);
  yield* mutexLock(sys, mutex);
  yield* mutexUnlock(sys, mutex);
  sys.print("cancel_test: Canceling thread\n");
  yield* sys.pthreadCancel(waiter);
  yield* mutexLock(sys, mutex);
  yield* condSignal(sys, cond);
  yield* mutexUnlock(sys, mutex);
  yield* join(waiter, true);

  // Tests 2, 6 and 7 need CONFIG_CANCELLATION_POINTS; cancel.c words their skips differently.
  sys.print("cancel_test: Test 6: Cancel message queue wait\ncancel_test: Starting thread (cancelable)\n");
  sys.semDestroy(started);
  sys.print("Skipped\ncancel_test: Test 7: Cancel signal wait\ncancel_test: Starting thread (cancelable)\nSkipped\n");
}

export function* robustTest(sys: Sys): Call<void> {
  const mutex = new Mutex(sys);
  const waiter = function* (t: Sys): Program {
    t.print("robust_waiter: Taking mutex\n");
    yield* mutexLock(t, mutex);
    t.print("robust_waiter: Exiting with mutex\n");
    yield* t.sleep(2);
    return 0;
  };
  sys.print("robust_test: Initializing mutex\nrobust_test: Starting thread\n");
  const tid = yield* thread(sys, "robust_waiter", waiter, sys.getPriority(), stacksize(sys));
  yield* sys.sleep(1);
  let errors = 0;
  if ((yield* mutexLock(sys, mutex)) !== EOWNERDEAD) errors++;
  sys.print("robust_test: Take the lock again\n");
  if ((yield* mutexLock(sys, mutex)) !== EOWNERDEAD) errors++;
  do yield* sys.sleep(1);
  while ((yield* sys.kill(mutex.pid, 0)) === 0);
  sys.print("robust_test: Make the mutex consistent again.\n");
  mutexConsistent(sys, mutex);
  sys.print("robust_test: Take the lock again\n");
  yield* mutexLock(sys, mutex);
  sys.print("robust_test: Joining\n");
  yield* sys.pthreadJoin(tid);
  sys.print("robust_test: waiter exited with result=0\n");
  yield* mutexUnlock(sys, mutex);
  mutexDestroy(sys, mutex);
  sys.print(`robust_test: Test complete with nerrors=${errors}\n`);
}

export function* semTest(sys: Sys): Call<void> {
  const sem = sys.semInit(0);
  const waiter = (id: number) =>
    function* (t: Sys): Program {
      t.print(`waiter_func: Thread ${id} Started\n`);
      t.print(`waiter_func: Thread ${id} initial semaphore value = ${t.semValue(sem)}\n`);
      t.print(`waiter_func: Thread ${id} waiting on semaphore\n`);
      yield* t.semWait(sem);
      t.print(`waiter_func: Thread ${id} awakened\n`);
      t.print(`waiter_func: Thread ${id} new semaphore value = ${t.semValue(sem)}\n`);
      t.print(`waiter_func: Thread ${id} done\n`);
      return 0;
    };
  const poster = function* (t: Sys): Program {
    t.print("poster_func: Thread 3 started\n");
    let value: number;
    do {
      value = t.semValue(sem);
      t.print(`poster_func: Thread 3 semaphore value = ${value}\n`);
      if (value < 0) {
        t.print("poster_func: Thread 3 posting semaphore\n");
        yield* t.semPost(sem);
        yield* t.yield();
        value = t.semValue(sem);
        t.print(`poster_func: Thread 3 new semaphore value = ${value}\n`);
      }
    } while (value < 0);
    t.print("poster_func: Thread 3 done\n");
    return 0;
  };
  sys.print("sem_test: Initializing semaphore to 0\nsem_test: Starting waiter thread 1\n");
  sys.print(`sem_test: Set thread 1 priority to ${(PRIO_MID + PRIO_MAX) >> 1}\n`);
  const w1 = yield* thread(sys, "sem_waiter1", waiter(1), (PRIO_MID + PRIO_MAX) >> 1);
  sys.print(`sem_test: Starting waiter thread 2\nsem_test: Set thread 2 priority to ${PRIO_MID}\n`);
  const w2 = yield* thread(sys, "sem_waiter2", waiter(2), PRIO_MID);
  do yield* sys.usleep(10_000);
  while (sys.semValue(sem) !== -2);
  sys.print(`sem_test: Starting poster thread 3\nsem_test: Set thread 3 priority to ${(PRIO_MIN + PRIO_MID) >> 1}\n`);
  const p = yield* thread(sys, "sem_poster", poster, (PRIO_MIN + PRIO_MID) >> 1);
  yield* sys.pthreadJoin(w1);
  yield* sys.pthreadJoin(w2);
  yield* sys.pthreadJoin(p);
  sys.semDestroy(sem);
}

/** semtimed.c: a 2-second sem_timedwait times out, then one that a poster ends after 1 s; each shows its clock_gettime before and after. */
export function* semTimedTest(sys: Sys): Call<void> {
  const sem = sys.semInit(0);
  const timedWait = function* (): Call {
    const before = clockRealtime(sys);
    sys.print("semtimed_test: Waiting for two second timeout\n");
    const limit = deadline(sys, 2);
    const status = yield* sys.semWait(sem, Math.max(0, limit - sys.ticks()));
    const after = clockRealtime(sys);
    if (status === -ETIMEDOUT) sys.print("semtimed_test: PASS: first test returned timeout\n");
    if (status === 0) sys.print("semtimed_test: PASS: sem_timedwait succeeded\n");
    sys.print(`BEFORE: (${before.sec} sec, ${before.nsec} nsec)\nAFTER:  (${after.sec} sec, ${after.nsec} nsec)\n`);
    return status;
  };
  sys.print("semtimed_test: Initializing semaphore to 0\n");
  yield* timedWait();
  sys.print(`semtimed_test: Starting poster thread\nsemtimed_test: Set thread 1 priority to ${(PRIO_MID + PRIO_MAX) >> 1}\n`);
  sys.print(`semtimed_test: Starting poster thread 3\nsemtimed_test: Set thread 3 priority to ${(PRIO_MIN + PRIO_MID) >> 1}\n`);
  const poster = yield* thread(
    sys,
    "semtimed_poster",
    function* (t: Sys): Program {
      t.print("poster_func: Waiting for 1 second\n");
      yield* t.sleep(1);
      t.print("poster_func: Posting\n");
      yield* t.semPost(sem);
      return 0;
    },
    (PRIO_MIN + PRIO_MID) >> 1,
  );
  yield* timedWait();
  yield* sys.pthreadJoin(poster);
  sys.semDestroy(sem);
}

/** cond.c's waiter_state values. */
const RUNNING = 0;
const MUTEX_WAIT = 1;
const COND_WAIT = 2;

/** cond.c: the waiter runs above the signaler, so each signal should find it waiting; its counters are statics. */
export function* condTest(sys: Sys): Call<void> {
  const started = sys.semInit(0);
  const mutex = new Mutex(sys);
  const cond = new Cond(sys);
  const counts = staticsOf(sys).cond;
  let waiterState = RUNNING;
  const waiter = function* (t: Sys): Program {
    t.print("waiter_thread: Started\n");
    for (;;) {
      waiterState = MUTEX_WAIT;
      yield* mutexLock(t, mutex);
      waiterState = RUNNING;
      yield* t.semPost(started);
      if (!counts.dataAvailable) {
        waiterState = COND_WAIT;
        yield* condWait(t, cond, mutex);
        waiterState = RUNNING;
        counts.waiterWaits++;
      }
      if (!counts.dataAvailable) {
        t.print("waiter_thread: ERROR data not available after wait\n");
        counts.waiterErrors++;
      }
      counts.dataAvailable = false;
      yield* mutexUnlock(t, mutex);
      counts.waiterLoops++;
    }
  };
  const signaler = function* (t: Sys): Program {
    t.print("thread_signaler: Started\n");
    for (let i = 0; i < 32; i++) {
      yield* mutexLock(t, mutex);
      if (waiterState !== COND_WAIT) {
        t.print(`thread_signaler: ERROR waiter state = ${waiterState} != COND_WAITING\n`);
        counts.signalerState++;
      }
      if (counts.dataAvailable) {
        t.print(`thread_signaler: ERROR data already available, waiter_state=${waiterState}\n`);
        counts.signalerAlready++;
      }
      counts.dataAvailable = true;
      yield* condSignal(t, cond);
      yield* mutexUnlock(t, mutex);
      counts.signalerLoops++;
    }
    t.print("thread_signaler: Terminating\n");
    return yield* t.pthreadExit(0);
  };
  sys.print(`cond_test: Initializing mutex\ncond_test: Initializing cond\ncond_test: Starting waiter\ncond_test: Set thread 1 priority to ${PRIO_MID}\n`);
  const w = yield* thread(sys, "cond_waiter", waiter, PRIO_MID);
  yield* sys.semWait(started);
  sys.print(`cond_test: Starting signaler\ncond_test: Set thread 2 priority to ${(PRIO_MIN + PRIO_MID) >> 1}\n`);
  const s = yield* thread(sys, "cond_signaler", signaler, (PRIO_MIN + PRIO_MID) >> 1);
  yield* sys.pthreadJoin(s);
  sys.print("cond_test: signaler terminated, now cancel the waiter\n");
  yield* sys.pthreadDetach(w);
  yield* sys.pthreadCancel(w);
  sys.semDestroy(cond.sem);
  mutexDestroy(sys, mutex);
  sys.semDestroy(started);
  sys.print(`cond_test: \tWaiter\tSignaler\ncond_test: Loops\t${counts.waiterLoops}\t${counts.signalerLoops}\n`);
  sys.print(`cond_test: Errors\t${counts.waiterErrors}\t${counts.signalerErrors}\ncond_test:\n`);
  sys.print(`cond_test: ${counts.waiterLoops - counts.waiterWaits} times, waiter did not have to wait for data\n`);
  sys.print(`cond_test: ${counts.signalerAlready} times, data was already available when the signaler run\n`);
  sys.print(`cond_test: ${counts.signalerState} times, the waiter was in an unexpected state when the signaler ran\n`);
}
