// System calls for tasks, threads, the environment, sleeping and the user heap.
import { getEnv, putEnv, releaseEnv, setEnv, unsetEnv } from "../environ/env";
import { groupOf } from "../sched/group";
import { complete } from "../sched/scheduler";
import { running, taskOf } from "../sched/tasks";
import { activate, createKernelThread, createTask, startTaskExit, waitAny, waitpid } from "../sched/task";
import { createPthread, detach, join, startPthreadExit } from "../pthread/pthread";
import { sleepFor } from "../sched/sleep";
import { kfree, kmalloc, krealloc, kzalloc } from "./kmm";
import { Owner } from "./labels";
import { config, enabled } from "./config";
import { execProgram } from "../binfmt/exec";
import { romfsEtc, simBringup } from "../boards/sim";
import { makeRamDisk } from "../drivers/ramdisk";
import { mount, mountListing, readMountList } from "../fs/mount";
import { allocateFd, closeFd, dupFd, fileAt, FileKind, filesOf, openPath } from "../fs/files";
import { proxySectorSize } from "../drivers/bch";
import { EBADF, ENOTTY } from "./errno";
import { dirEntry, makeDir, openDir, removeDir, statPath, statSize, unlinkPath } from "../fs/dir";
import { Group } from "../sched/group";

/**
 * task_spawn / task_create: a new task with a copy of the caller's environment.
 * `stdoutPath`, if not empty, is a spawn file action that opens it as fd 1.
 */
export function sysTaskCreate(name: string, priority: i32, stackSize: u32, stdoutPath: string): void {
  const caller = running();
  const tcb = createTask(name, priority, stackSize, groupOf(caller), "nxtask_init");
  if (stdoutPath.length > 0) redirectStdout(groupOf(tcb), stdoutPath);
  activate(tcb);
  complete(caller, tcb.pid);
}

/** kthread_create (sched/task/task_create.c nxthread_create, TCB_FLAG_TTYPE_KERNEL): a TCB and a stack, in idle's group. */
export function sysKthreadCreate(name: string, priority: i32, stackSize: u32): void {
  const caller = running();
  const tcb = createKernelThread(name, priority, stackSize);
  activate(tcb);
  complete(caller, tcb.pid);
}

export function sysExit(status: i32): void {
  startTaskExit(running(), status);
}

export function sysWaitpid(pid: i32): void {
  waitpid(pid);
}

/** waitid(P_ALL) and wait(): the next child to die, with SCHED_HAVE_PARENT. */
export function sysWaitAny(): void {
  waitAny();
}

export function sysPthreadCreate(name: string, priority: i32, policy: i32, stackSize: u32): void {
  const caller = running();
  const size = stackSize == 0 ? u32(config("pthread_stack_default")) : stackSize;
  complete(caller, 0);
  caller.auxResult = createPthread(name, priority, policy, size).pid;
}

export function sysPthreadExit(value: i32): void {
  startPthreadExit(running(), value);
}

export function sysPthreadJoin(pid: i32): void {
  join(pid);
}

export function sysPthreadDetach(pid: i32): void {
  complete(running(), detach(pid));
}

/** nanosleep / usleep: `ms` milliseconds as ticks. */
export function sysSleep(ticks: i32): void {
  sleepFor(running(), i64(ticks));
}

export function sysSetenv(name: string, value: string, overwrite: bool): void {
  setEnv(groupOf(running()), name, value, overwrite);
  complete(running(), 0);
}

export function sysUnsetenv(name: string): void {
  unsetEnv(groupOf(running()), name);
  complete(running(), 0);
}

export function sysPutenv(text: string): void {
  putEnv(groupOf(running()), text);
  complete(running(), 0);
}

export function sysClearenv(): void {
  releaseEnv(groupOf(running()));
  complete(running(), 0);
}

/** getenv: the value, or null. No syscall result; it does not block. */
export function sysGetenv(name: string): string | null {
  return getEnv(groupOf(running()), name);
}

export function sysEnvCount(): i32 {
  return groupOf(running()).env.length;
}

export function sysEnvAt(index: i32): string {
  return groupOf(running()).env[index].text;
}

/** malloc/zalloc/realloc/free from a program (libc and apps): owner names the kind of object. */
export function sysMalloc(size: u32, owner: u32, where: string): void {
  complete(running(), i32(kmalloc(size, owner == 0 ? Owner.User : owner, where)));
}

export function sysZalloc(size: u32, owner: u32, where: string): void {
  complete(running(), i32(kzalloc(size, owner == 0 ? Owner.User : owner, where)));
}

export function sysRealloc(offset: u32, size: u32, owner: u32, where: string): void {
  complete(running(), i32(krealloc(offset, size, owner == 0 ? Owner.User : owner, where)));
}

export function sysFree(offset: u32): void {
  complete(running(), kfree(offset));
}

/**
 * posix_spawn(name) with a builtin's priority and stack size: the new task's
 * pid, or -ENOENT when no PATH directory has the program. `stdoutPath`, if
 * not empty, is a spawn file action that opens it as fd 1.
 */
export function sysSpawnProgram(name: string, priority: i32, stackSize: u32, stdoutPath: string): void {
  const caller = running();
  const group = groupOf(caller);
  const pid = execProgram(name, getEnv(group, "PATH"), priority, stackSize, group);
  if (pid > 0 && stdoutPath.length > 0) redirectStdout(groupOf(taskOf(pid)!), stdoutPath);
  complete(caller, pid);
}

/** board_app_initialize: rv-virt mounts procfs at /proc (boards/risc-v/qemu-rv/rv-virt/src/qemu_rv_appinit.c); the sim runs sim_bringup. */
export function sysBoardInit(): void {
  if (enabled("arch_sim")) simBringup();
  else mount("", "/proc", "procfs", "");
  complete(running(), 0);
}

/** boardctl(BOARDIOC_MKRD). */
export function sysMkrd(minor: i32, nsectors: u32, sectsize: u32): void {
  complete(running(), makeRamDisk(minor, nsectors, sectsize));
}

/** ioctl(fd, BIOC_GEOMETRY): the sector size of the block device behind the descriptor. Does not block. */
export function sysSectorSize(fd: i32): i32 {
  const file = fileAt(groupOf(running()), fd);
  if (file == null) return -EBADF;
  return file.kind == FileKind.BlockProxy ? i32(proxySectorSize(file.inode!)) : -ENOTTY;
}

/** read() of /proc/fs/mount; the text comes from sysMountListing. */
export function sysReadMounts(): void {
  readMountList();
  complete(running(), 0);
}

export function sysMountListing(): string {
  return mountListing();
}

export function sysMount(source: string, target: string, fstype: string, data: string): void {
  complete(running(), mount(source, target, fstype, data));
}

/** nx_start_application's nx_romfsetc, when AppBringUp runs it (CONFIG_BOARD_LATE_INITIALIZE). */
export function sysRomfsEtc(): void {
  romfsEtc();
  complete(running(), 0);
}

export function sysOpen(path: string): void {
  complete(running(), openPath(groupOf(running()), path));
}

export function sysClose(fd: i32): void {
  complete(running(), closeFd(groupOf(running()), fd));
}

/** What a descriptor is (FileKind), or 0 if it is not open. Does not block. */
export function sysFileKind(fd: i32): i32 {
  const file = fileAt(groupOf(running()), fd);
  return file == null ? 0 : file.kind;
}

/** A procfs file's path below /proc, or "". */
export function sysFilePath(fd: i32): string {
  const file = fileAt(groupOf(running()), fd);
  return file == null || file.kind == FileKind.Directory ? "" : file.path;
}

/** spawn_file_actions: open the file in the child, make it fd 1, close the extra descriptor. */
function redirectStdout(child: Group, path: string): void {
  const fd = openPath(child, path);
  if (fd < 0) return;
  dupFd(child, fd, 1);
  closeFd(child, fd);
}

/** What a task's descriptor is (FileKind), or 0 if it is not open. Does not block. */
export function sysFileKindOf(pid: i32, fd: i32): i32 {
  const tcb = taskOf(pid);
  if (tcb == null) return 0;
  const file = fileAt(groupOf(tcb), fd);
  return file == null ? 0 : file.kind;
}

export function sysOpenDir(path: string): void {
  complete(running(), openDir(groupOf(running()), path));
}

/** readdir: the entry's name ("/" ends a directory), or "" at the end. */
export function sysDirEntry(fd: i32, index: i32): string {
  return dirEntry(groupOf(running()), fd, index);
}

export function sysStat(path: string): i32 {
  return statPath(path);
}

export function sysStatSize(path: string): i32 {
  return statSize(path);
}

export function sysMkdir(path: string): void {
  complete(running(), makeDir(path));
}

export function sysRmdir(path: string): void {
  complete(running(), removeDir(path));
}

export function sysUnlink(path: string): void {
  complete(running(), unlinkPath(path));
}

export function sysDup(fd: i32): void {
  const group = groupOf(running());
  const file = fileAt(group, fd);
  complete(running(), file == null ? -9 : allocateFd(filesOf(group), file));
}

export function sysDup2(from: i32, to: i32): void {
  complete(running(), dupFd(groupOf(running()), from, to));
}
