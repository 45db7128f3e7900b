// POSIX message queues (fs/mqueue/mq_open.c, mq_unlink.c; sched/mqueue/).
// A queue is an inode under CONFIG_FS_MQUEUE_VFS_PATH plus a heap
// struct mqueue_inode_s. Messages come from a pool of
// CONFIG_PREALLOC_MQ_MSGS, then from the heap one by one (MQ_ALLOC_DYN).
// mq_timedsend takes its message before it waits for room; before PR 12402 a
// send whose wait fails never gives that message back.
import { config, enabled } from "../kernel/config";
import { EAGAIN, EBADF, EINTR, ENOENT, ETIMEDOUT } from "../kernel/errno";
import { filesOf } from "../fs/files";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { insertAt } from "../kernel/lists";
import { Group } from "../sched/group";
import { block, complete, makeReady, onExpiry } from "../sched/scheduler";
import { addPrioritized, removeFrom, running, taskOf } from "../sched/tasks";
import { cancelWatchdog, startWatchdog, Wake, Watchdog } from "../sched/clock";
import { TaskState, Tcb } from "../sched/tcb";
import { allocateFd, allocateFile, closeFd, discardFile, fileAt, FileKind, OpenFile } from "../fs/files";
import { findInode, freeInode, Inode, InodeFlag, InodeKind, removeInode, reserveInode } from "../fs/inode";

class Message {
  constructor(
    public priority: i32,
    /** Heap node of a dynamically allocated message; 0 for a pool one. */
    public node: u32,
  ) {}
}

class Queue {
  messages: Message[] = [];
  receivers: Tcb[] = [];
  senders: Tcb[] = [];
  constructor(
    public maxmsgs: i32,
    public node: u32,
  ) {}
}

const queues = new Map<i32, Queue>();
let nextQueue: i32 = 1;
let poolFree: i32 = 0;
/** Per blocked sender: the message its send holds while it waits, and the message's length. */
const heldMessage = new Map<i32, Message>();
const sendLength = new Map<i32, i32>();

export function resetMqueues(): void {
  queues.clear();
  nextQueue = 1;
  poolFree = config("prealloc_mq_msgs");
  heldMessage.clear();
  sendLength.clear();
  onExpiry(Wake.MqTimeout, timeoutWait);
}

/**
 * nxmq_alloc_msg: the pool first, else the heap: a whole struct mqueue_msg_s
 * (2024), or MQ_MSG_SIZE(length), the struct up to mail[1] plus the rest of
 * the message (2026, 82eca2607a0: sched/mqueue/mqueue.h).
 */
function allocMessage(priority: i32, length: i32): Message {
  if (poolFree > 0) {
    poolFree--;
    return new Message(priority, 0);
  }
  const size = config("sizeof_mqueue_msg") + (enabled("mq_msg_sized") ? length - 1 : 0);
  return new Message(priority, kmalloc(u32(size), Owner.MqueueMsg, "nxmq_alloc_msg"));
}

/** nxmq_free_msg. */
function freeMessage(message: Message): void {
  if (message.node == 0) poolFree++;
  else kfree(message.node);
}

function queuePath(name: string): string {
  let bare = name;
  while (bare.startsWith("/")) bare = bare.substring(1);
  return "/var/mqueue/" + bare;
}

/** mq_open: the struct file (2026), the inode (and any missing directory) and the queue, then a descriptor. */
export function mqOpen(group: Group, name: string, create: bool, maxmsgs: i32): i32 {
  const file = allocateFile(FileKind.Mqueue);
  const path = queuePath(name);
  let inode = findInode(path);
  if (inode == null) {
    if (!create) {
      discardFile(file);
      return -ENOENT;
    }
    inode = reserveInode(path, InodeKind.Mqueue, "file_mq_vopen");
    const queue = new Queue(maxmsgs, kzalloc(u32(config("sizeof_mqueue_inode")), Owner.MqueueInode, "nxmq_alloc_msgq"));
    const id = nextQueue++;
    queues.set(id, queue);
    inode!.object = id;
  }
  file.inode = inode;
  inode!.crefs++;
  return allocateFd(filesOf(group), file);
}


/** nxmq_free_msgq, then inode_free: the queue's messages go too. */
function destroy(inode: Inode): void {
  const queue = queues.get(inode.object);
  for (let i = 0; i < queue.messages.length; i++) freeMessage(queue.messages[i]);
  kfree(queue.node);
  queues.delete(inode.object);
  freeInode(inode);
}

/** The last close of an unlinked queue frees it (nxmq_file_close). */
export function mqClosed(file: OpenFile): void {
  const inode = file.inode!;
  inode.crefs--;
  if (inode.crefs == 0 && (inode.flags & InodeFlag.Deleted) != 0) destroy(inode);
}

export function mqClose(group: Group, fd: i32): i32 {
  const file = fileAt(group, fd);
  if (file == null || file.kind != FileKind.Mqueue) return -EBADF;
  closeFd(group, fd);
  return 0;
}

/** mq_unlink: only the leaf goes; freed now if nobody has it open. */
export function mqUnlink(name: string): i32 {
  const inode = findInode(queuePath(name));
  if (inode == null || inode.kind != InodeKind.Mqueue) return -ENOENT;
  removeInode(inode);
  if (inode.crefs == 0) destroy(inode);
  else inode.flags |= InodeFlag.Deleted;
  return 0;
}

function queueOf(group: Group, fd: i32): Queue | null {
  const file = fileAt(group, fd);
  if (file == null || file.kind != FileKind.Mqueue) return null;
  return queues.get(file.inode!.object);
}

/** nxmq_do_send: in priority order; a waiting receiver wakes (and may preempt). */
function enqueue(queue: Queue, message: Message): void {
  let at = 0;
  while (at < queue.messages.length && queue.messages[at].priority >= message.priority) at++;
  insertAt(queue.messages, at, message);
  if (queue.receivers.length > 0) wake(queue.receivers, queue.receivers[0], 0);
}

function wake(list: Tcb[], tcb: Tcb, result: i32): void {
  removeFrom(tcb, list);
  if (tcb.timeoutId >= 0) cancelWatchdog(tcb.timeoutId);
  tcb.timeoutId = -1;
  tcb.waitingOn = -1;
  complete(tcb, result);
  makeReady(tcb);
}

function wait(tcb: Tcb, queueId: i32, list: Tcb[], state: i32, timeout: i64): void {
  tcb.waitingOn = queueId;
  addPrioritized(tcb, list);
  block(tcb, state);
  if (timeout > 0) tcb.timeoutId = startWatchdog(timeout, Wake.MqTimeout, tcb.pid, 0);
}

/**
 * mq_send (timeout -1) or mq_timedsend: 0, -errno, or 1 if the caller now waits
 * (mqSendResumed finishes it). mq_timedsend allocates first; in 2026 mq_send
 * does too (both are file_mq_timedsend_internal, sched/mqueue/mq_send.c).
 */
export function mqSend(group: Group, fd: i32, priority: i32, length: i32, timed: bool, timeout: i64): i32 {
  const queue = queueOf(group, fd);
  if (queue == null) return -EBADF;
  const tcb = running();
  const first = timed || enabled("mq_send_allocates_first");
  const message: Message | null = first ? allocMessage(priority, length) : null;
  if (queue.messages.length < queue.maxmsgs) {
    enqueue(queue, message != null ? message : allocMessage(priority, length));
    return 0;
  }
  if (timed && timeout <= 0) {
    freeMessage(message!);
    return -ETIMEDOUT;
  }
  if (message != null) heldMessage.set(tcb.pid, message);
  sendLength.set(tcb.pid, length);
  wait(tcb, fileAt(group, fd)!.inode!.object, queue.senders, TaskState.WaitMqNotFull, timeout);
  return 1;
}

/** The sender woke: room now, or an error; a held message is sent, or lost without PR 12402. */
export function mqSendResumed(tcb: Tcb, queueId: i32, priority: i32): i32 {
  const result = tcb.result;
  const held = heldMessage.has(tcb.pid) ? heldMessage.get(tcb.pid) : null;
  const length = sendLength.get(tcb.pid);
  heldMessage.delete(tcb.pid);
  sendLength.delete(tcb.pid);
  const queue = queues.has(queueId) ? queues.get(queueId) : null;
  if (result != 0 || queue == null) {
    if (held != null && config("mq_reclaim_failed_send") != 0) freeMessage(held);
    return result != 0 ? result : -EBADF;
  }
  enqueue(queue, held != null ? held : allocMessage(priority, length));
  return 0;
}

/** mq_receive / mq_timedreceive: 0 (a message was taken), -errno, or 1 if the caller waits. */
export function mqReceive(group: Group, fd: i32, timed: bool, timeout: i64): i32 {
  const queue = queueOf(group, fd);
  if (queue == null) return -EBADF;
  if (queue.messages.length > 0) {
    take(queue);
    return 0;
  }
  if (timed && timeout <= 0) return -ETIMEDOUT;
  wait(running(), fileAt(group, fd)!.inode!.object, queue.receivers, TaskState.WaitMqNotEmpty, timeout);
  return 1;
}

export function mqReceiveResumed(tcb: Tcb, queueId: i32): i32 {
  if (tcb.result != 0) return tcb.result;
  if (!queues.has(queueId)) return -EBADF;
  const queue = queues.get(queueId);
  if (queue.messages.length == 0) return -EAGAIN;
  take(queue);
  return 0;
}

/** nxmq_do_receive: the message goes back; a waiting sender wakes. */
function take(queue: Queue): void {
  freeMessage(queue.messages.shift());
  if (queue.senders.length > 0) wake(queue.senders, queue.senders[0], 0);
}

function waitersOf(tcb: Tcb): Tcb[] | null {
  if (!queues.has(tcb.waitingOn)) return null;
  const queue = queues.get(tcb.waitingOn);
  return tcb.state == TaskState.WaitMqNotEmpty ? queue.receivers : queue.senders;
}

/** nxmq_wait_irq: a signal (EINTR) or the timeout (ETIMEDOUT) ends the wait. */
export function interruptMqWait(tcb: Tcb): void {
  const list = waitersOf(tcb);
  if (list != null) wake(list, tcb, -EINTR);
}

function timeoutWait(wd: Watchdog): void {
  const tcb = taskOf(wd.pid);
  if (tcb == null || (tcb.state != TaskState.WaitMqNotEmpty && tcb.state != TaskState.WaitMqNotFull)) return;
  tcb.timeoutId = -1;
  const list = waitersOf(tcb);
  if (list != null) wake(list, tcb, -ETIMEDOUT);
}

