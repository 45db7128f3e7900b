// ostest phases about thread lifetimes: pthread_exit.c, pthread_rwlock.c,
// pthread_rwlock_cancel.c, timedwait.c.
import type { Program } from "../../engine/kernel";
import { SCHED_RR, type Call, type Sys } from "../../engine/sys";
import { Cond, condWait, ETIMEDOUT, Mutex, mutexDestroy, mutexLock, mutexUnlock, RwLock, rwRead, rwTryRead, rwTryWrite, rwUnlock, rwWrite } from "../libc/pthread";
import { apps2026Of, deadline, PRIO_MAX, stacksize } from "./common";

function* thread(sys: Sys, name: string, main: (t: Sys) => Program, priority = sys.getPriority(), stack = 0): Call {
  return yield* sys.pthreadCreate(name, priority, SCHED_RR, stack, main);
}

/** pthread_exit.c: a thread starts a longer-lived child, then pthread_exit()s. */
export function* pthreadExitTest(sys: Sys): Call<void> {
  const child = function* (t: Sys): Program {
    t.print(`pthread_exit_thread ${t.pid}: Sleeping for 10 second\n`);
    yield* t.sleep(5);
    t.print(`pthread_exit_thread ${t.pid}: Still running...\n`);
    yield* t.sleep(5);
    t.print(`pthread_exit_thread ${t.pid}: Exiting\n`);
    return 0;
  };
  const exitMain = function* (t: Sys): Program {
    t.print(`pthread_exit_main ${t.pid}: Starting pthread_exit_thread\n`);
    yield* thread(t, "pthread_exit_thread", child);
    t.print(`pthread_exit_main ${t.pid}: Sleeping for 5 seconds\n`);
    yield* t.sleep(5);
    t.print(`pthread_exit_main ${t.pid}: Calling pthread_exit()\n`);
    return yield* t.pthreadExit(0);
  };
  const pid = yield* thread(sys, "pthread_exit_main", exitMain, 100, stacksize(sys));
  sys.print(`pthread_exit_test: Started pthread_exit_main at PID=${pid}\n`);
  yield* sys.pthreadJoin(pid);
}

/**
 * test_two_threads: two threads hand the lock back and forth in a fixed order.
 * apps a71c329cfb0d adds one more hand-over on sem1: thread 2 holds its read
 * lock before thread 1 asks for one.
 */
function* twoThreads(sys: Sys): Call<void> {
  const handOver = apps2026Of(sys);
  const rw = new RwLock(sys);
  const sem1 = sys.semInit(0);
  const sem2 = sys.semInit(0);
  const t1 = function* (t: Sys): Program {
    yield* rwWrite(t, rw);
    yield* t.semPost(sem2);
    yield* t.semWait(sem1);
    yield* rwUnlock(t, rw);
    if (handOver) yield* t.semWait(sem1);
    yield* rwRead(t, rw);
    yield* t.semWait(sem1);
    yield* rwUnlock(t, rw);
    yield* rwRead(t, rw);
    yield* t.semPost(sem2);
    yield* t.semWait(sem1);
    yield* rwUnlock(t, rw);
    return 0;
  };
  const t2 = function* (t: Sys): Program {
    yield* t.semWait(sem2);
    yield* rwTryRead(t, rw);
    yield* rwTryWrite(t, rw);
    yield* t.semPost(sem1);
    yield* rwRead(t, rw);
    if (handOver) yield* t.semPost(sem1);
    yield* rwUnlock(t, rw);
    yield* t.semPost(sem1);
    yield* t.semWait(sem2);
    yield* t.semPost(sem1);
    yield* rwWrite(t, rw);
    yield* rwUnlock(t, rw);
    return 0;
  };
  const a = yield* thread(sys, "race_cond1", t1);
  const b = yield* thread(sys, "race_cond2", t2);
  yield* sys.pthreadJoin(a);
  yield* sys.pthreadJoin(b);
}

/** test_timeout: one thread holds the write lock; the other's timed locks time out, then succeed. */
function* timeouts(sys: Sys, started: number): Call<void> {
  const rw = new RwLock(sys);
  const sem1 = sys.semInit(0);
  const t1 = function* (t: Sys): Program {
    yield* rwWrite(t, rw);
    yield* t.semPost(started);
    yield* t.semWait(sem1);
    yield* rwUnlock(t, rw);
    return 0;
  };
  const t2 = function* (t: Sys): Program {
    yield* t.yield();
    if ((yield* rwWrite(t, rw, deadline(t, 2))) !== ETIMEDOUT) t.print("pthread_rwlock: ERROR timedwrlock did not time out\n");
    if ((yield* rwRead(t, rw, deadline(t, 2))) !== ETIMEDOUT) t.print("pthread_rwlock: ERROR timedrdlock did not time out\n");
    const limit = deadline(t, 2);
    yield* t.semPost(sem1);
    yield* rwRead(t, rw, limit);
    yield* rwUnlock(t, rw);
    return 0;
  };
  const a = yield* thread(sys, "timeout_thread1", t1);
  yield* sys.semWait(started);
  const b = yield* thread(sys, "timeout_thread2", t2);
  yield* sys.pthreadJoin(a);
  yield* sys.pthreadJoin(b);
}

export function* rwlockTest(sys: Sys): Call<void> {
  sys.print("pthread_rwlock: Initializing rwlock\n");
  const started = sys.semInit(0);
  const rw = new RwLock(sys);
  yield* rwTryWrite(sys, rw);
  yield* rwUnlock(sys, rw);
  yield* rwTryWrite(sys, rw);
  yield* rwTryWrite(sys, rw);
  yield* rwTryRead(sys, rw);
  yield* rwUnlock(sys, rw);
  yield* twoThreads(sys);
  yield* timeouts(sys, started);
  sys.semDestroy(started);
}

/** pthread_rwlock_cancel.c: two threads loop on timed locks until they are cancelled. */
export function* rwlockCancelTest(sys: Sys): Call<void> {
  sys.print("pthread_rwlock_cancel: Starting test\n");
  const readLock = new RwLock(sys);
  const writeLock = new RwLock(sys);
  yield* rwRead(sys, readLock);
  yield* rwWrite(sys, writeLock);
  const t1 = function* (t: Sys): Program {
    for (;;) yield* rwRead(t, writeLock, deadline(t, 1));
  };
  const t2 = function* (t: Sys): Program {
    for (;;) {
      const status = yield* rwRead(t, readLock, deadline(t, 1));
      yield* t.yield();
      if (status === 0) yield* rwUnlock(t, readLock);
      yield* rwWrite(t, readLock, deadline(t, 1));
    }
  };
  const a = yield* thread(sys, "rwlock_cancel1", t1);
  const b = yield* thread(sys, "rwlock_cancel2", t2);
  for (let i = 0; i < 10; i++) yield* sys.usleep(300_000);
  yield* sys.pthreadCancel(a);
  yield* sys.pthreadCancel(b);
  yield* sys.pthreadJoin(a);
  yield* sys.pthreadJoin(b);
}

export function* timedWaitTest(sys: Sys): Call<void> {
  const mutex = new Mutex(sys);
  const cond = new Cond(sys);
  const waiter = function* (t: Sys): Program {
    t.print("thread_waiter: Taking mutex\n");
    yield* mutexLock(t, mutex);
    t.print("thread_waiter: Starting 5 second wait for condition\n");
    if ((yield* condWait(t, cond, mutex, deadline(t, 5))) === ETIMEDOUT) t.print("thread_waiter: pthread_cond_timedwait timed out\n");
    t.print("thread_waiter: Releasing mutex\n");
    yield* mutexUnlock(t, mutex);
    t.print("thread_waiter: Exit with status 0x12345678\n");
    return yield* t.pthreadExit(0x12345678);
  };
  const priority = (PRIO_MAX + sys.getPriority()) >> 1;
  sys.print(`thread_waiter: Initializing mutex\ntimedwait_test: Initializing cond\ntimedwait_test: Starting waiter\ntimedwait_test: Set thread 2 priority to ${priority}\n`);
  const w = yield* thread(sys, "timedwait_waiter", waiter, priority);
  sys.print("timedwait_test: Joining\n");
  yield* sys.pthreadJoin(w);
  sys.print("timedwait_test: waiter exited with result=0x12345678\n");
  mutexDestroy(sys, mutex);
}
