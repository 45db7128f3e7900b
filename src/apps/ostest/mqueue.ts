// ostest phases about message queues: mqueue.c and timedmqueue.c.
import type { Program } from "../../engine/kernel";
import { SCHED_RR, type Call, type Sys } from "../../engine/sys";
import { deadline, HALF_SECOND_USEC, PRIO_MID, PRIO_MIN, stacksize } from "./common";

const SIGUSR1 = 10;
const EINTR = 4;
const ETIMEDOUT = 110;
const ESRCH = 3;
/** TEST_MSGLEN of mqueue.c and timedmqueue.c. */
const MSGLEN = 31;

function* thread(sys: Sys, name: string, main: (t: Sys) => Program, priority: number): Call {
  return yield* sys.pthreadCreate(name, priority, SCHED_RR, stacksize(sys), main);
}

/** Ticks until an absolute deadline: clock_abstime2ticks. */
function until(sys: Sys, limit: number): number {
  return Math.max(0, limit - sys.ticks());
}

export function* mqueueTest(sys: Sys): Call<void> {
  const fds = { send: 0, receive: 0 };
  const receiver = function* (t: Sys): Program {
    t.print("receiver_thread: Starting\n");
    fds.receive = yield* t.mqOpen("mqueue", true, 20);
    for (let i = 0; i < 11; i++) {
      const result = yield* t.mqReceive(fds.receive);
      if (result === -EINTR) {
        t.print("receiver_thread: mq_receive interrupted!\n");
        break;
      }
      t.print(`receiver_thread: mq_receive succeeded on msg ${i}\n`);
    }
    if ((yield* t.mqClose(fds.receive)) === 0) fds.receive = 0;
    t.print("receiver_thread: returning nerrors=0\n");
    return yield* t.pthreadExit(0);
  };
  const sender = function* (t: Sys): Program {
    t.print("sender_thread: Starting\n");
    fds.send = yield* t.mqOpen("mqueue", true, 20);
    for (let i = 0; i < 10; i++) {
      yield* t.mqSend(fds.send, 42, MSGLEN);
      t.print(`sender_thread: mq_send succeeded on msg ${i}\n`);
    }
    if ((yield* t.mqClose(fds.send)) === 0) fds.send = 0;
    t.print("sender_thread: returning nerrors=0\n");
    return 0;
  };
  sys.print(`mqueue_test: Starting receiver\nmqueue_test: Set receiver priority to ${PRIO_MID}\n`);
  const r = yield* thread(sys, "mq_receiver", receiver, PRIO_MID);
  sys.print(`mqueue_test: Starting sender\nmqueue_test: Set sender thread priority to ${(PRIO_MIN + PRIO_MID) >> 1}\n`);
  const s = yield* thread(sys, "mq_sender", sender, (PRIO_MIN + PRIO_MID) >> 1);
  sys.print("mqueue_test: Waiting for sender to complete\n");
  yield* sys.pthreadJoin(s);
  sys.print("mqueue_test: Killing receiver\n");
  yield* sys.kill(r, SIGUSR1);
  yield* sys.usleep(HALF_SECOND_USEC);
  sys.print("mqueue_test: Canceling receiver\n");
  if ((yield* sys.pthreadCancel(r)) === ESRCH) sys.print("mqueue_test: receiver has already terminated\n");
  yield* sys.pthreadJoin(r);
  if (fds.receive) yield* sys.mqClose(fds.receive);
  if (fds.send) yield* sys.mqClose(fds.send);
  yield* sys.mqUnlink("mqueue");
}

export function* timedMqueueTest(sys: Sys): Call<void> {
  const fds = { send: 0, receive: 0 };
  const sender = function* (t: Sys): Program {
    t.print("sender_thread: Starting\n");
    fds.send = yield* t.mqOpen("timedmq", true, 9);
    for (let i = 0; i < 10; i++) {
      const result = yield* t.mqSend(fds.send, 42, MSGLEN, until(t, deadline(t, 5)));
      if (result === -ETIMEDOUT && i === 9) t.print(`sender_thread: mq_timedsend ${i} timed out as expected\n`);
      else if (result === 0) t.print(`sender_thread: mq_timedsend succeeded on msg ${i}\n`);
    }
    if ((yield* t.mqClose(fds.send)) === 0) fds.send = 0;
    t.print("sender_thread: returning nerrors=0\n");
    return 0;
  };
  const receiver = function* (t: Sys): Program {
    t.print("receiver_thread: Starting\n");
    fds.receive = yield* t.mqOpen("timedmq", true, 9);
    for (let i = 0; i < 10; i++) {
      const result = yield* t.mqReceive(fds.receive, until(t, deadline(t, 5)));
      if (result === -ETIMEDOUT && i === 9) t.print(`receiver_thread: Receive ${i} timed out as expected\n`);
      else if (result === 0) t.print(`receiver_thread: mq_timedreceive succeed on msg ${i}\n`);
    }
    if ((yield* t.mqClose(fds.receive)) === 0) fds.receive = 0;
    t.print("receiver_thread: returning nerrors=0\n");
    return yield* t.pthreadExit(0);
  };
  sys.print("timedmqueue_test: Starting sender\n");
  const s = yield* thread(sys, "timedmq_sender", sender, sys.getPriority());
  sys.print("timedmqueue_test: Waiting for sender to complete\n");
  yield* sys.pthreadJoin(s);
  sys.print("timedmqueue_test: Starting receiver\n");
  const r = yield* thread(sys, "timedmq_receiver", receiver, sys.getPriority());
  sys.print("timedmqueue_test: Waiting for receiver to complete\n");
  yield* sys.pthreadJoin(r);
  if (fds.send) yield* sys.mqClose(fds.send);
  if (fds.receive) yield* sys.mqClose(fds.receive);
  yield* sys.mqUnlink("timedmq");
  sys.print("timedmqueue_test: Test complete\n");
}
