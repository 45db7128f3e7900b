// The pthread synchronisation objects, as NuttX builds them on semaphores
// (sched/pthread/pthread_mutex*.c, pthread_cond*.c, pthread_barrierwait.c;
// libs/libc/pthread/pthread_rwlock*.c). The objects live in user memory;
// only their semaphores are kernel objects. Every kernel call is a point where
// the scheduler may switch, as in NuttX.
import type { Call, Sys } from "../../engine/sys";

export const EPERM = 1;
export const EBUSY = 16;
export const ETIMEDOUT = 110;
export const EOWNERDEAD = 130;
export const EINTR = 4;
export const PTHREAD_BARRIER_SERIAL_THREAD = -1;

/** A pthread_mutex_t (robust in these trees: CONFIG_PTHREAD_MUTEX_ROBUST). */
export class Mutex {
  readonly sem: number;
  /** The holder's thread id, or -1. */
  pid = -1;
  constructor(sys: Sys) {
    this.sem = sys.semInit(1);
  }
}

/**
 * pthread_sem_take / nxsem_clockwait_uninterruptible: a wait that a signal
 * does not end; `deadline` is an absolute tick, or null to wait for ever.
 */
export function* semTake(sys: Sys, sem: number, deadline: number | null): Call {
  for (;;) {
    const timeout = deadline === null ? -1 : Math.max(0, deadline - sys.ticks());
    const status = yield* sys.semWait(sem, timeout);
    if (status !== -EINTR) return status;
  }
}

/** pthread_mutex_take: under the scheduler lock; a dead holder's mutex reports EOWNERDEAD. */
function* take(sys: Sys, mutex: Mutex, deadline: number | null): Call {
  yield* sys.schedLock();
  let result = 0;
  if (sys.robustInconsistent(mutex.sem)) result = EOWNERDEAD;
  else {
    const status = yield* semTake(sys, mutex.sem, deadline);
    if (status !== 0) result = -status;
    else if (sys.robustInconsistent(mutex.sem)) result = EOWNERDEAD;
    else sys.robustHold(mutex.sem);
  }
  yield* sys.schedUnlock();
  return result;
}

/** pthread_mutex_timedlock (an absolute deadline in ticks), or pthread_mutex_lock. */
export function* mutexLock(sys: Sys, mutex: Mutex, deadline: number | null = null): Call {
  if (mutex.pid > 0 && !sys.kernel.wasm.kernelTaskAlive(mutex.pid)) return EOWNERDEAD;
  const result = yield* take(sys, mutex, deadline);
  if (result === 0) mutex.pid = sys.pid;
  return result;
}

export function* mutexTryLock(sys: Sys, mutex: Mutex): Call {
  const status = yield* sys.semTryWait(mutex.sem);
  if (status !== 0) return EBUSY;
  sys.robustHold(mutex.sem);
  mutex.pid = sys.pid;
  return 0;
}

/** pthread_mutex_unlock: a waiter of higher priority preempts the caller at the give. */
export function* mutexUnlock(sys: Sys, mutex: Mutex): Call {
  if (mutex.pid !== sys.pid) return EPERM;
  mutex.pid = -1;
  sys.robustRelease(mutex.sem);
  yield* sys.semPost(mutex.sem);
  return 0;
}

/** pthread_mutex_consistent: a dead holder's mutex becomes usable again. */
export function mutexConsistent(sys: Sys, mutex: Mutex): number {
  if (mutex.pid >= 0 && sys.kernel.wasm.kernelTaskAlive(mutex.pid)) return 22;
  mutex.pid = -1;
  sys.robustConsistent(mutex.sem);
  sys.kernel.wasm.sysSemReset(mutex.sem, 1);
  return 0;
}

export function mutexDestroy(sys: Sys, mutex: Mutex): void {
  sys.semDestroy(mutex.sem);
}

export class Cond {
  readonly sem: number;
  constructor(sys: Sys) {
    this.sem = sys.semInit(0);
  }
}

/** pthread_cond_wait / clockwait: give the mutex and wait under the lock, then take the mutex back. */
export function* condWait(sys: Sys, cond: Cond, mutex: Mutex, deadline: number | null = null): Call {
  if (mutex.pid !== sys.pid) return EPERM;
  yield* sys.schedLock();
  mutex.pid = -1;
  sys.robustRelease(mutex.sem);
  yield* sys.semPost(mutex.sem);
  const status = yield* semTake(sys, cond.sem, deadline);
  yield* sys.schedUnlock();
  const retaken = yield* take(sys, mutex, null);
  if (retaken === 0) mutex.pid = sys.pid;
  return status !== 0 ? -status : retaken;
}

export function* condSignal(sys: Sys, cond: Cond): Call {
  if (sys.semValue(cond.sem) < 0) yield* sys.semPost(cond.sem);
  return 0;
}

export function* condBroadcast(sys: Sys, cond: Cond): Call {
  while (sys.semValue(cond.sem) < 0) yield* sys.semPost(cond.sem);
  return 0;
}

export class Barrier {
  readonly sem: number;
  constructor(
    sys: Sys,
    readonly count: number,
  ) {
    this.sem = sys.semInit(0);
  }
}

/** pthread_barrier_wait: the last arrival releases the others and is the serial thread. */
export function* barrierWait(sys: Sys, barrier: Barrier): Call {
  if (1 - sys.semValue(barrier.sem) >= barrier.count) {
    while (sys.semValue(barrier.sem) < 0) yield* sys.semPost(barrier.sem);
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  let status = yield* sys.semWait(barrier.sem);
  while (status === -EINTR) status = yield* sys.semWait(barrier.sem);
  return -status;
}

/** pthread_rwlock_t: readers, writers and a flag behind a mutex and a condition. */
export class RwLock {
  readers = 0;
  writers = 0;
  writing = false;
  readonly lock: Mutex;
  readonly cv: Cond;
  constructor(sys: Sys) {
    this.cv = new Cond(sys);
    this.lock = new Mutex(sys);
  }
}

function readable(rw: RwLock): boolean {
  return rw.writers === 0 && !rw.writing;
}

export function* rwTryRead(sys: Sys, rw: RwLock): Call {
  const err = yield* mutexTryLock(sys, rw.lock);
  if (err !== 0) return err;
  const result = readable(rw) ? 0 : EBUSY;
  if (result === 0) rw.readers++;
  yield* mutexUnlock(sys, rw.lock);
  return result;
}

export function* rwRead(sys: Sys, rw: RwLock, deadline: number | null = null): Call {
  const err = yield* mutexLock(sys, rw.lock);
  if (err !== 0) return err;
  let result = 0;
  while (!readable(rw)) {
    result = yield* condWait(sys, rw.cv, rw.lock, deadline);
    if (result !== 0) break;
  }
  if (result === 0) rw.readers++;
  yield* mutexUnlock(sys, rw.lock);
  return result;
}

export function* rwTryWrite(sys: Sys, rw: RwLock): Call {
  const err = yield* mutexTryLock(sys, rw.lock);
  if (err !== 0) return err;
  const result = rw.readers > 0 || rw.writing ? EBUSY : 0;
  if (result === 0) rw.writing = true;
  yield* mutexUnlock(sys, rw.lock);
  return result;
}

export function* rwWrite(sys: Sys, rw: RwLock, deadline: number | null = null): Call {
  const err = yield* mutexLock(sys, rw.lock);
  if (err !== 0) return err;
  rw.writers++;
  let result = 0;
  while (rw.writing || rw.readers > 0) {
    result = yield* condWait(sys, rw.cv, rw.lock, deadline);
    if (result !== 0) break;
  }
  if (result === 0) rw.writing = true;
  else yield* condBroadcast(sys, rw.cv);
  rw.writers--;
  yield* mutexUnlock(sys, rw.lock);
  return result;
}

export function* rwUnlock(sys: Sys, rw: RwLock): Call {
  const err = yield* mutexLock(sys, rw.lock);
  if (err !== 0) return err;
  let result = 0;
  if (rw.readers > 0) {
    rw.readers--;
    if (rw.readers === 0) yield* condBroadcast(sys, rw.cv);
  } else if (rw.writing) {
    rw.writing = false;
    yield* condBroadcast(sys, rw.cv);
  } else {
    result = 22;
  }
  yield* mutexUnlock(sys, rw.lock);
  return result;
}
