// Open files (fs/inode/fs_files.c, fs/vfs/fs_open.c, fs_close.c): each group
// has a descriptor table whose first row of CONFIG_NFILE_DESCRIPTORS_PER_BLOCK
// files is inside the group, so the first descriptors cost no heap.
import { config } from "../kernel/config";
import { EBADF, EMFILE, ENOENT, ENOTDIR } from "../kernel/errno";
import { kfree, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { Group } from "../sched/group";
import { findInode, Inode, InodeKind } from "./inode";
import { mqClosed } from "../mqueue/mqueue";
import { closeDir } from "./dir";

export const enum FileKind {
  Console = 1,
  Null = 2,
  Zero = 3,
  Meminfo = 4,
  Directory = 5,
  Mqueue = 6,
  Memdump = 7,
}

export class OpenFile {
  /** Private state on the heap (e.g. procfs's meminfo_file_s), freed at close. */
  privateNode: u32 = 0;
  inode: Inode | null = null;
  /** A directory's path as dir_allocate made it, and its heap node. */
  path: string = "";
  pathNode: u32 = 0;
  constructor(public kind: i32) {}
}

export class FileList {
  files: (OpenFile | null)[] = [];
}

const lists = new Map<i32, FileList>();

export function filesOf(group: Group): FileList {
  if (!lists.has(group.id)) lists.set(group.id, new FileList());
  return lists.get(group.id);
}

export function resetFiles(): void {
  lists.clear();
}

/** group_setuptaskfiles: the child gets its parent's descriptors 0, 1 and 2. */
export function inheritStdio(child: Group, parent: Group): void {
  const from = filesOf(parent).files;
  const to = filesOf(child).files;
  for (let fd = 0; fd < 3; fd++) to.push(fd < from.length ? from[fd] : new OpenFile(FileKind.Console));
}

/** files_allocate: the lowest free descriptor. */
export function allocateFd(list: FileList, file: OpenFile): i32 {
  for (let fd = 0; fd < list.files.length; fd++) {
    if (list.files[fd] == null) {
      list.files[fd] = file;
      return fd;
    }
  }
  if (list.files.length >= config("nfile_descriptors_per_block")) return -EMFILE;
  list.files.push(file);
  return list.files.length - 1;
}

function deviceKind(inode: Inode): i32 {
  if (inode.name == "null") return FileKind.Null;
  if (inode.name == "zero") return FileKind.Zero;
  return FileKind.Console;
}

/** open(): devices, and procfs's meminfo and memdump (both opened by meminfo_open). */
export function openPath(group: Group, path: string): i32 {
  if (path == "/proc/meminfo" || path == "/proc/memdump") {
    const file = new OpenFile(path == "/proc/meminfo" ? FileKind.Meminfo : FileKind.Memdump);
    // fs/procfs/fs_procfsmeminfo.c meminfo_open
    file.privateNode = kzalloc(u32(config("sizeof_meminfo_file")), Owner.Procfs, "meminfo_open");
    return allocateFd(filesOf(group), file);
  }
  const inode = findInode(path);
  if (inode == null) return -ENOENT;
  if (inode.kind != InodeKind.Driver) return -ENOTDIR;
  const file = new OpenFile(deviceKind(inode));
  file.inode = inode;
  return allocateFd(filesOf(group), file);
}

export function fileAt(group: Group, fd: i32): OpenFile | null {
  const list = filesOf(group);
  return fd >= 0 && fd < list.files.length ? list.files[fd] : null;
}

/** close(): the descriptor's private state goes back to the heap. */
export function closeFd(group: Group, fd: i32): i32 {
  const file = fileAt(group, fd);
  if (file == null) return -EBADF;
  filesOf(group).files[fd] = null;
  if (file.privateNode != 0 && file.kind != FileKind.Directory) kfree(file.privateNode);
  if (file.kind == FileKind.Mqueue) mqClosed(file);
  if (file.kind == FileKind.Directory) closeDir(file);
  return 0;
}

/** dup2(): `to` now refers to `from`'s file. */
export function dupFd(group: Group, from: i32, to: i32): i32 {
  const file = fileAt(group, from);
  if (file == null) return -EBADF;
  const list = filesOf(group);
  while (list.files.length <= to) list.files.push(null);
  list.files[to] = file;
  return to;
}

/** files_releaselist: every open descriptor closes. */
export function releaseFiles(group: Group): void {
  const list = filesOf(group);
  for (let fd = 0; fd < list.files.length; fd++) if (list.files[fd] != null) closeFd(group, fd);
  lists.delete(group.id);
}
