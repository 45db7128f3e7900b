// ostest's wqueue.c (apps a71c329cfb0d): the high-priority work queue, then
// two queues of its own (work_queue_create with one and two threads), each
// raced by a tester thread and checked by a verifier thread at the queue's
// priority and one either side.
//
// The work items (struct work_s) are on the testers' and verifiers' stacks,
// so queueing costs no heap; what the heap sees is the threads: 2 × 18
// pthreads per queue, and the created queues' struct kwork_wqueue_s and
// kernel threads. The model has no work queue: the workers' time is spent
// by the verifier that waits for them (see verifier).
import type { Program } from "../../engine/kernel";
import { SCHED_RR, type Call, type Sys } from "../../engine/sys";

/** wqueue.c's SLEEP_TIME (µs), TEST_COUNT, VERIFY_COUNT. */
const SLEEP_TIME = 100_000;
const TEST_COUNT = 100;
const VERIFY_COUNT = 100;

/** The created queues' priority and stack (wqueue_test: work_queue_create("test", 100, NULL, 2048, i)). */
const TEST_QUEUE_PRIORITY = 100;
const TEST_QUEUE_STACKSIZE = 2048;

/** A queue the test runs on: its worker threads' wait semaphores, if the model runs them. */
interface Queue {
  /** kwork_wqueue_s.sem: posted once per thread by work_queue_free. */
  sem: number;
  /** kwork_wqueue_s.exsem: each thread posts it as it exits. */
  exsem: number;
}

/** tester: TEST_COUNT times work_queue + work_cancel of one stack work item, usleep(interval) between; then SLEEP_TIME. */
function tester(interval: number) {
  return function* (t: Sys): Program {
    for (let i = 0; i < TEST_COUNT; i++) {
      // usleep(0) returns at once (libs/libc/unistd/lib_usleep.c).
      if (interval > 0) yield* t.usleep(interval);
    }
    yield* t.usleep(SLEEP_TIME);
    return 0;
  };
}

/**
 * verifier: queues sleep_worker (usleep(SLEEP_TIME), then sem_post) and
 * VERIFY_COUNT count_workers behind it, waits for the sleep worker, then
 * polls every SLEEP_TIME until the count workers have all run. The workers
 * run on the queue's thread right after one another; the model spends the
 * sleep worker's time here, and the first poll finds them done.
 */
function* verifier(t: Sys): Program {
  yield* t.usleep(SLEEP_TIME);
  yield* t.usleep(SLEEP_TIME);
  t.print(`wqueue_test: call = ${VERIFY_COUNT}, expect = ${VERIFY_COUNT}\n`);
  return 0;
}

/** run_once: the tester at priority_test, joined; the verifier at priority_verify with room for its work items, joined. */
function* runOnce(sys: Sys, interval: number, priorityTest: number, priorityVerify: number): Call<void> {
  const values = sys.kernel.config.values;
  const test = yield* sys.pthreadCreate("tester", priorityTest, SCHED_RR, 0, tester(interval));
  yield* sys.pthreadJoin(test);
  // pthread_attr_setstacksize(VERIFY_COUNT * sizeof(struct work_s) + CONFIG_PTHREAD_STACK_DEFAULT)
  const stack = VERIFY_COUNT * values.sizeof_work + values.pthread_stack_default;
  const verify = yield* sys.pthreadCreate("verifier", priorityVerify, SCHED_RR, stack, verifier);
  yield* sys.pthreadJoin(verify);
}

/** wqueue_priority_test: intervals 0 and 1 µs, tester and verifier each at prio - 1 … prio + 1. */
function* priorityTest(sys: Sys, prio: number): Call<void> {
  for (let interval = 0; interval <= 1; interval++) {
    for (let test = prio - 1; test <= prio + 1; test++) {
      for (let verify = prio - 1; verify <= prio + 1; verify++) yield* runOnce(sys, interval, test, verify);
    }
  }
}

/** work_thread: waits on the queue's semaphore; at work_queue_free it finds `exit` set, posts exsem and returns. */
function workThread(queue: Queue) {
  return function* (t: Sys): Program {
    yield* t.semWait(queue.sem);
    yield* t.semPost(queue.exsem);
    return 0;
  };
}

/**
 * work_queue_create (sched/wqueue/kwork_thread.c): kmm_zalloc of the queue
 * and its nthreads kworker_s, then work_thread_create's kernel threads.
 */
function* workQueueCreate(sys: Sys, nthreads: number): Call<[number, Queue]> {
  const values = sys.kernel.config.values;
  const node = yield* sys.zalloc(values.sizeof_kwork_wqueue + nthreads * values.sizeof_kworker, "driver", "work_queue_create");
  const queue = { sem: sys.semInit(0), exsem: sys.semInit(0) };
  for (let i = 0; i < nthreads; i++) yield* sys.kthreadCreate("test", TEST_QUEUE_PRIORITY, TEST_QUEUE_STACKSIZE, workThread(queue));
  return [node, queue];
}

/** work_queue_free: post each thread, wait for each to leave, free the queue. */
function* workQueueFree(sys: Sys, node: number, queue: Queue, nthreads: number): Call<void> {
  for (let i = 0; i < nthreads; i++) yield* sys.semPost(queue.sem);
  for (let i = 0; i < nthreads; i++) yield* sys.semWait(queue.exsem);
  sys.semDestroy(queue.sem);
  sys.semDestroy(queue.exsem);
  yield* sys.free(node);
}

export function* wqueueTest(sys: Sys): Call<void> {
  const values = sys.kernel.config.values;
  sys.print("wqueue_test: HPWORK\n");
  yield* priorityTest(sys, values.sched_hpworkpriority);
  sys.print("wqueue_test: HPWORK done\n");
  for (let nthreads = 1; nthreads < 3; nthreads++) {
    sys.print(`wqueue_test: test ${nthreads}\n`);
    const [node, queue] = yield* workQueueCreate(sys, nthreads);
    yield* priorityTest(sys, TEST_QUEUE_PRIORITY);
    yield* workQueueFree(sys, node, queue, nthreads);
    sys.print(`wqueue_test: test ${nthreads} done\n`);
  }
}
