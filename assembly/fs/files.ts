// Open files (fs/inode/fs_files.c, fs/vfs/fs_open.c, fs_close.c): each group
// has a descriptor table whose first row of CONFIG_NFILE_DESCRIPTORS_PER_BLOCK
// files is inside the group, so the first descriptors cost no heap.
import { config } from "../kernel/config";
import { EBADF, ENOENT, ENOTDIR } from "../kernel/errno";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
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

/**
 * struct filelist: rows of CONFIG_NFILE_DESCRIPTORS_PER_BLOCK files. Row 0
 * is inside the group; more rows are heap blocks, reached through a heap
 * array of row pointers (files_extend).
 */
export class FileList {
  files: (OpenFile | null)[] = [];
  rowNodes: u32[] = [];
  arrayNode: u32 = 0;
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

function perRow(): i32 {
  return config("nfile_descriptors_per_block");
}

/** files_extend: a bigger row array, a new row of files; the old array goes back. */
function extend(list: FileList): void {
  const rows = list.rowNodes.length + 2;
  const array = kmalloc(u32(rows * config("sizeof_pointer")), Owner.File, "files_extend");
  list.rowNodes.push(kzalloc(u32(config("sizeof_file") * perRow()), Owner.File, "files_extend"));
  if (list.arrayNode != 0) kfree(list.arrayNode);
  list.arrayNode = array;
}

/** files_allocate: the lowest free descriptor, growing the list by a row when all are taken. */
export function allocateFd(list: FileList, file: OpenFile): i32 {
  for (let fd = 0; fd < list.files.length; fd++) {
    if (list.files[fd] == null) {
      list.files[fd] = file;
      return fd;
    }
  }
  if (list.files.length >= (list.rowNodes.length + 1) * perRow()) extend(list);
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

/** files_releaselist: from the last row down, each descriptor closes, then the row goes; then the array. */
export function releaseFiles(group: Group): void {
  const list = filesOf(group);
  for (let row = list.rowNodes.length; row >= 0; row--) {
    for (let fd = (row + 1) * perRow() - 1; fd >= row * perRow(); fd--) {
      if (fd < list.files.length && list.files[fd] != null) closeFd(group, fd);
    }
    if (row > 0) kfree(list.rowNodes[row - 1]);
  }
  if (list.arrayNode != 0) kfree(list.arrayNode);
  lists.delete(group.id);
}
