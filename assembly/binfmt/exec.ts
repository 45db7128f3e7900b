// posix_spawn of a program by name (CONFIG_LIBC_EXECFUNCS): exec_spawn ->
// exec_internal (binfmt/binfmt_exec.c) holds a struct binary_s while
// load_module (binfmt_loadmodule.c) walks PATH with envpath_init/envpath_next
// (libs/libc/misc/lib_envpath.c). On rv-virt nothing is mounted at
// /system/bin, so every candidate fails and all is freed again. On the sim,
// binfs at /bin holds the builtin apps: load_module finds one, and
// exec_module (binfmt_execmodule.c) makes its task.
import { config, configList, enabled } from "../kernel/config";
import { ENOENT } from "../kernel/errno";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { findInode } from "../fs/inode";
import { FsType, searchMount } from "../fs/mount";
import { schedLock, schedUnlock } from "../sched/scheduler";
import { activate, createTask } from "../sched/task";
import { Group } from "../sched/group";
import { Tcb } from "../sched/tcb";

/** Whether a path names a file: an inode, or a builtin app in binfs (fs/binfs/fs_binfs.c). */
function isFile(path: string): bool {
  if (findInode(path) != null) return true;
  const at = searchMount(path);
  return at != null && at.mount.fstype == FsType.Binfs && configList("builtins").includes(at.relpath);
}

/** load_module's search: each PATH directory's candidate is malloc'ed and freed; true if one names a file. */
function search(name: string, path: string | null): bool {
  if (path == null) return false;
  // SIZEOF_ENVPATH_S(n): the struct ends in path[1], n = strlen(PATH) + 1.
  const handle = kmalloc(u32(config("sizeof_envpath") + path.length), Owner.User, "envpath_init");
  const dirs = path.split(":");
  let found = false;
  for (let i = 0; i < dirs.length && !found; i++) {
    if (dirs[i].length == 0) continue;
    const candidate = dirs[i] + "/" + name;
    const node = kmalloc(u32(candidate.length + 1), Owner.User, "envpath_next");
    found = isFile(candidate);
    kfree(node);
  }
  kfree(handle);
  return found;
}

/**
 * exec_internal: the new task's pid, or -ENOENT. A found builtin runs with its
 * registry's priority and stack size (fs/binfs builtin_loadbinary); the task
 * is made under sched_lock and the binary_s goes before it can run.
 */
export function execProgram(name: string, path: string | null, priority: i32, stackSize: u32, parent: Group): i32 {
  // 2026 keeps the binary_s on the stack unless CONFIG_BINFMT_LOADABLE.
  const binary = enabled("binary_on_heap") ? kzalloc(u32(config("sizeof_binary")), Owner.User, "exec_internal") : 0;
  if (!search(name, path)) {
    if (binary != 0) kfree(binary);
    return -ENOENT;
  }
  schedLock();
  const tcb: Tcb = createTask(name, priority, stackSize, parent, "exec_module");
  activate(tcb);
  if (binary != 0) kfree(binary);
  schedUnlock();
  return tcb.pid;
}
