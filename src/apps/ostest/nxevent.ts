// ostest's nxevent.c (CONFIG_SCHED_EVENTS, apps a71c329cfb0d): an event
// group on user_main's stack, waited on and posted by user_main and by
// pthreads at PTHREAD_DEFAULT_PRIORITY. The event object is no heap; the
// threads are. nxevent_post and nxevent_tickwait follow sched/event/
// event_post.c and event_wait.c: a waiter blocks (here on a semaphore of
// its own) until a post satisfies its mask, any or all of it.
import type { Program } from "../../engine/kernel";
import { SCHED_RR, type Call, type Sys } from "../../engine/sys";

const ALL = 0xffffffff;
/** include/nuttx/event.h. */
const WAIT_ALL = 1 << 0;
const WAIT_RESET = 1 << 1;
const WAIT_NOCLEAR = 1 << 2;
const POST_ALL = 1 << 0;
const POST_SET = 1 << 1;
/** include/pthread.h PTHREAD_DEFAULT_PRIORITY: SCHED_PRIORITY_DEFAULT. */
const PTHREAD_DEFAULT_PRIORITY = 100;

interface Waiter {
  expect: number;
  flags: number;
  sem: number;
}

interface NxEvent {
  events: number;
  waiters: Waiter[];
}

const satisfied = (w: Waiter, events: number) => ((w.flags & WAIT_ALL) === 0 ? (w.expect & events) !== 0 : ((w.expect & events) >>> 0) === w.expect);

/** nxevent_post: set or add the bits, wake every waiter they satisfy (clearing what it takes), then switch if one outranks us. */
function* post(sys: Sys, event: NxEvent, events: number, flags = 0): Call<void> {
  const bits = events === 0 ? ALL : events >>> 0;
  event.events = (flags & POST_SET) !== 0 ? bits : (event.events | bits) >>> 0;
  let clear = 0;
  const woken: Waiter[] = [];
  for (const w of [...event.waiters]) {
    if (!satisfied(w, event.events)) continue;
    event.waiters.splice(event.waiters.indexOf(w), 1);
    woken.push(w);
    if ((w.flags & WAIT_ALL) === 0) w.expect = (w.expect & event.events) >>> 0;
    if ((w.flags & WAIT_NOCLEAR) === 0) clear = (clear | w.expect) >>> 0;
    if ((flags & POST_ALL) === 0 && ((event.events & ~clear) >>> 0) === 0) break;
  }
  event.events = (event.events & ~clear) >>> 0;
  for (const w of woken) yield* sys.semPost(w.sem);
}

/** nxevent_tickwait: the bits at once if they are there; none for a try (delay 0); else block until a post. */
function* tickwait(sys: Sys, event: NxEvent, events: number, flags: number, forever: boolean): Call<number> {
  let want = events === 0 ? ALL : events >>> 0;
  if ((flags & WAIT_RESET) !== 0) event.events = 0;
  const waitany = (flags & WAIT_ALL) === 0;
  const keep = (flags & WAIT_NOCLEAR) !== 0;
  if (waitany && (want & event.events) !== 0) {
    want = (want & event.events) >>> 0;
    if (!keep) event.events = (event.events & ~want) >>> 0;
    return want;
  }
  if (!waitany && ((event.events & want) >>> 0) === want) {
    if (!keep) event.events = (event.events & ~want) >>> 0;
    return want;
  }
  if (!forever) return 0;
  const waiter: Waiter = { expect: want, flags, sem: sys.semInit(0) };
  event.waiters.push(waiter);
  yield* sys.semWait(waiter.sem);
  sys.semDestroy(waiter.sem);
  return waiter.expect;
}

/** NXEVENT_TEST: a wrong result is an error line (the real test then asserts). */
function* expectWait(sys: Sys, call: Call<number>, want: number): Call<void> {
  const got = yield* call;
  if (got !== want >>> 0) sys.print(`ERROR nxevent test failed, ret=${got.toString(16)}\n`);
}

const wait = (sys: Sys, event: NxEvent, events: number, flags = 0) => tickwait(sys, event, events, flags, true);
const trywait = (sys: Sys, event: NxEvent, events: number, flags = 0) => tickwait(sys, event, events, flags, false);
/** nxevent_yield: usleep(1), one tick. */
const nap = (sys: Sys) => sys.usleep(1);

function* rule1(sys: Sys, event: NxEvent): Call<void> {
  yield* post(sys, event, 0xf);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, 0), ALL);
  yield* nap(sys);
  yield* post(sys, event, ALL);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, ALL), ALL);
  yield* nap(sys);
  for (let bit = 0; bit < 4; bit++) yield* post(sys, event, 1 << bit);
  yield* nap(sys);
  yield* post(sys, event, 0xaaaaaaaa);
  yield* nap(sys);
  yield* nap(sys);
  yield* post(sys, event, 0);
  yield* nap(sys);
  yield* nap(sys);
}

function* rule0(sys: Sys, event: NxEvent): Call<void> {
  yield* expectWait(sys, wait(sys, event, 0), 0xf);
  yield* nap(sys);
  yield* post(sys, event, ALL);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, ALL), ALL);
  yield* nap(sys);
  yield* post(sys, event, 0);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, 0xf, WAIT_ALL), 0xf);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, 0xaaaaaaaa), 0xaaaaaaaa);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, 0x1), 0x1);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, 0x2), 0x2);
  yield* expectWait(sys, wait(sys, event, 0), ~(0x1 | 0x2));
  yield* nap(sys);
}

/** nxevent_thread1 and 2: each waits for its half of 0xff, then posts it back. */
const halfWaiter = (event: NxEvent, half: number) =>
  function* (t: Sys): Program {
    yield* expectWait(t, wait(t, event, half), half);
    yield* nap(t);
    yield* post(t, event, half);
    return 0;
  };

const thread = (sys: Sys, name: string, main: (t: Sys) => Program) => sys.pthreadCreate(name, PTHREAD_DEFAULT_PRIORITY, SCHED_RR, 0, main);

/** 1. the task alone: waits, tick waits and try waits on what it posted itself. */
function* localCases(sys: Sys, event: NxEvent): Call<void> {
  yield* expectWait(sys, wait(sys, event, 0), ALL);
  event.events = ALL; // nxevent_init(&event, ~0)
  yield* expectWait(sys, wait(sys, event, ALL), ALL);
  yield* post(sys, event, ALL);
  yield* expectWait(sys, wait(sys, event, 0), ALL);
  yield* post(sys, event, ALL);
  yield* expectWait(sys, wait(sys, event, ALL), ALL);
  for (let bit = 0; bit < 4; bit++) yield* post(sys, event, 1 << bit);
  yield* expectWait(sys, trywait(sys, event, ALL, WAIT_ALL), 0);
  yield* expectWait(sys, trywait(sys, event, 0xf), 0xf);
  for (let bit = 0; bit < 4; bit++) yield* post(sys, event, 1 << bit);
  yield* expectWait(sys, wait(sys, event, 0xf), 0xf);
}

/** 4. and 5.: clear and get mask (nxevent_clear, nxevent_getmask), no waiting. */
function* clearCases(sys: Sys, event: NxEvent): Call<void> {
  yield* post(sys, event, 0xff, POST_SET);
  for (const half of [0xf, 0xf0]) {
    yield* expectWait(sys, wait(sys, event, half, WAIT_NOCLEAR), half);
    yield* expectWait(sys, trywait(sys, event, half, WAIT_NOCLEAR), half);
    event.events = (event.events & ~half) >>> 0;
    yield* expectWait(sys, trywait(sys, event, half, WAIT_NOCLEAR), 0);
  }
  yield* post(sys, event, 0xff, POST_SET);
  event.events = (event.events & ~0xf) >>> 0;
  event.events = (event.events & ~0xf0) >>> 0;
  if (event.events !== 0) sys.print("ERROR nxevent test failed, getmask\n");
}

export function* nxeventTest(sys: Sys): Call<void> {
  const event: NxEvent = { events: ALL, waiters: [] };
  yield* localCases(sys, event);
  // 2. a thread that runs rule1, rule0, rule1, rule0, rule1 against us.
  const partner = yield* thread(sys, "nxevent_thread", function* (t: Sys): Program {
    for (const rule of [rule1, rule0, rule1, rule0, rule1]) yield* rule(t, event);
    return 0;
  });
  for (const rule of [rule0, rule1, rule0, rule1, rule0]) yield* rule(sys, event);
  yield* sys.pthreadJoin(partner);
  // 3. two threads, each waiting for half of one post.
  event.events = 0;
  const low = yield* thread(sys, "nxevent_thread1", halfWaiter(event, 0xf));
  const high = yield* thread(sys, "nxevent_thread2", halfWaiter(event, 0xf0));
  yield* nap(sys);
  yield* post(sys, event, 0xff);
  yield* nap(sys);
  yield* expectWait(sys, wait(sys, event, 0xff, WAIT_ALL), 0xff);
  yield* sys.pthreadJoin(low);
  yield* sys.pthreadJoin(high);
  yield* clearCases(sys, event);
}
