// Open files (fs/inode/fs_files.c, fs/vfs/fs_open.c, fs_close.c): each group
// has a descriptor table whose first row of CONFIG_NFILE_DESCRIPTORS_PER_BLOCK
// entries is inside the group. In 2024 the entries are the struct files
// themselves, so an open costs no heap; in 2026 each open allocates its struct
// file (file_allocate), which descriptors share by reference count and
// file_put frees at the last close.
import { config, enabled } from "../kernel/config";
import { EBADF, EISDIR, ENOENT, ENOTDIR } from "../kernel/errno";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { Group } from "../sched/group";
import { findInode, Inode, InodeKind } from "./inode";
import { mqClosed } from "../mqueue/mqueue";
import { closeDir } from "./dir";
import { closeBlockProxy, openBlockProxy } from "../drivers/bch";
import { ramDiskAt } from "../drivers/ramdisk";
import { FsType, MountPath, openInMount, searchMount } from "./mount";
import { mountStat, procfsFileState } from "./mountdir";

export const enum FileKind {
  Console = 1,
  Null = 2,
  Zero = 3,
  Meminfo = 4,
  Directory = 5,
  Mqueue = 6,
  Memdump = 7,
  /** A block device opened through a temporary character device (drivers/bch.ts). */
  BlockProxy = 8,
  /** A file of a mounted file system (romfs: its struct romfs_file_s is the private state). */
  Mounted = 9,
  /** procfs's /proc/fs/mount (fs/mount/fs_procfs_mount.c). */
  ProcMounts = 10,
  /** Another procfs file (a task's, version, uptime, ...); its path below /proc says which. */
  Procfs = 11,
}

export class OpenFile {
  /** The struct file's own heap node (2026), or 0 when it sits in a descriptor row. */
  node: u32 = 0;
  /** f_refs: the descriptors, in any group, that refer to it. */
  refs: i32 = 0;
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

/** group_setuptaskfiles: the child gets its parent's descriptors 0, 1 and 2 (the same files). */
export function inheritStdio(child: Group, parent: Group): void {
  const from = filesOf(parent).files;
  const to = filesOf(child).files;
  for (let fd = 0; fd < 3; fd++) {
    const file = fd < from.length ? from[fd] : null;
    if (file != null) file.refs++;
    to.push(file);
  }
}

/** group_setupidlefiles: /dev/console opened as 0, then dup2'ed onto 1 and 2. */
export function setupIdleFiles(idle: Group): void {
  const fd = openPath(idle, "/dev/console");
  dupFd(idle, fd, 1);
  dupFd(idle, fd, 2);
}

/** file_allocate (2026, fs/inode/fs_files.c): the struct file, before the open itself. */
export function allocateFile(kind: i32): OpenFile {
  const file = new OpenFile(kind);
  if (enabled("file_allocated")) file.node = kzalloc(u32(config("sizeof_file")), Owner.File, "file_allocate");
  return file;
}

/** file_deallocate: an open that failed gives its struct file back. */
export function discardFile(file: OpenFile): void {
  if (file.node != 0) kfree(file.node);
}

function perRow(): i32 {
  return config("nfile_descriptors_per_block");
}

/** files_extend: a bigger row array, a new row of entries (struct files in 2024, struct fds in 2026); the old array goes back. */
function extend(list: FileList): void {
  const rows = list.rowNodes.length + 2;
  const entry = config(enabled("file_allocated") ? "sizeof_fd" : "sizeof_file");
  const array = kmalloc(u32(rows * config("sizeof_pointer")), Owner.File, "files_extend");
  list.rowNodes.push(kzalloc(u32(entry * perRow()), Owner.File, "files_extend"));
  if (list.arrayNode != 0) kfree(list.arrayNode);
  list.arrayNode = array;
}

/** files_allocate: the lowest free descriptor, growing the list by a row when all are taken. */
export function allocateFd(list: FileList, file: OpenFile): i32 {
  file.refs++;
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

/** open() -> nx_vopen: the struct file first, then the open; a failed open gives the file back. */
export function openPath(group: Group, path: string): i32 {
  const file = allocateFile(0);
  const status = openFile(file, path);
  if (status < 0) {
    discardFile(file);
    return status;
  }
  return allocateFd(filesOf(group), file);
}

/** file_vopen: procfs's files, devices, and files of the other mounted file systems. */
function openFile(file: OpenFile, path: string): i32 {
  const below = searchMount(path);
  if (below != null && below.mount.fstype == FsType.Procfs) return openProcfs(file, below);
  const inode = findInode(path);
  if (inode == null) return openMounted(file, path);
  if (inode.kind == InodeKind.BlockDriver) {
    file.kind = FileKind.BlockProxy;
    file.inode = openBlockProxy(ramDiskAt(inode.object)!);
    return 0;
  }
  if (inode.kind != InodeKind.Driver) return -ENOTDIR;
  file.kind = deviceKind(inode);
  file.inode = inode;
  return 0;
}

/**
 * procfs_open: the entry's own open keeps its state on the heap until close
 * (fs/procfs/fs_procfs*.c, fs/mount/fs_procfs_mount.c, mm/mempool/mempool_procfs.c).
 */
function openProcfs(file: OpenFile, at: MountPath): i32 {
  const state = procfsFileState(at);
  if (state.length == 0) return mountStat(at) < 0 ? -ENOENT : -EISDIR;
  const relpath = at.relpath;
  file.kind = relpath == "meminfo" ? FileKind.Meminfo : relpath == "memdump" ? FileKind.Memdump : relpath.startsWith("fs/") ? FileKind.ProcMounts : FileKind.Procfs;
  file.path = relpath;
  file.privateNode = kzalloc(u32(config("sizeof_" + state + "_file")), Owner.Procfs, state + "_open");
  return 0;
}

/** A file below a mount point: the file system's open makes its private state. */
function openMounted(file: OpenFile, path: string): i32 {
  const node = openInMount(path);
  if (node <= 0) return node == 0 ? -ENOENT : node;
  file.kind = FileKind.Mounted;
  file.privateNode = u32(node);
  return 0;
}

export function fileAt(group: Group, fd: i32): OpenFile | null {
  const list = filesOf(group);
  return fd >= 0 && fd < list.files.length ? list.files[fd] : null;
}

/** close(): the descriptor lets go of its file. */
export function closeFd(group: Group, fd: i32): i32 {
  const file = fileAt(group, fd);
  if (file == null) return -EBADF;
  filesOf(group).files[fd] = null;
  putFile(file);
  return 0;
}

/** file_put: at the last reference, file_close (the private state goes back), then the struct file itself. */
function putFile(file: OpenFile): void {
  file.refs--;
  if (file.refs > 0) return;
  if (file.privateNode != 0 && file.kind != FileKind.Directory) kfree(file.privateNode);
  if (file.kind == FileKind.Mqueue) mqClosed(file);
  if (file.kind == FileKind.Directory) closeDir(file);
  if (file.kind == FileKind.BlockProxy) closeBlockProxy(file.inode!);
  if (file.node != 0) kfree(file.node);
}

/** dup2(): `to` now refers to `from`'s file; the file it had is put. */
export function dupFd(group: Group, from: i32, to: i32): i32 {
  const file = fileAt(group, from);
  if (file == null) return -EBADF;
  if (from == to) return to;
  const list = filesOf(group);
  while (list.files.length <= to) list.files.push(null);
  const previous = list.files[to];
  file.refs++;
  list.files[to] = file;
  if (previous != null) putFile(previous);
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
