// Directories of the pseudo file system (fs/vfs/fs_dir.c, fs_mkdir.c,
// fs_rmdir.c, fs_unlink.c). opendir() keeps a struct fs_pseudodir_s and the
// directory's path, "inode_getpath()/relpath/" made by asprintf; both are on
// the heap until closedir().
import { config, enabled } from "../kernel/config";
import { EEXIST, ENOENT, ENOTDIR, ENOTEMPTY } from "../kernel/errno";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { Group } from "../sched/group";
import { allocateFd, allocateFile, discardFile, FileKind, filesOf, fileAt, OpenFile } from "./files";
import { findInode, freeInode, Inode, InodeKind, pathOf, removeInode, reserveInode } from "./inode";
import { MountPath, mountOf, searchMount } from "./mount";
import { mountDirStateSize, mountList, mountMkdir, mountSize, mountStat } from "./mountdir";
import { READ_ALL, S_IFBLK, S_IFCHR, S_IFDIR, S_IFMQ, WRITE_ALL } from "./mode";
import { ramDiskAt } from "../drivers/ramdisk";

function isDirectory(inode: Inode): bool {
  return inode.kind == InodeKind.PseudoDir || inode.kind == InodeKind.Mountpoint || inode.children.length > 0;
}

/** open(path, O_DIRECTORY): the struct file (2026), then dir_allocate: the pseudo-dir state, then its path. */
export function openDir(group: Group, path: string): i32 {
  const file = allocateFile(FileKind.Directory);
  const below = searchMount(path);
  if (below != null) return openMountDir(group, file, below);
  const found = findInode(path);
  const status = found == null ? -ENOENT : isDirectory(found) ? 0 : -ENOTDIR;
  if (status < 0) {
    discardFile(file);
    return status;
  }
  const inode = found!;
  file.inode = inode;
  file.privateNode = kzalloc(u32(config("sizeof_pseudodir")), Owner.File, "open_pseudodir");
  file.path = pathOf(inode) + "/";
  file.pathNode = kmalloc(u32(file.path.length + 1), Owner.File, "dir_allocate");
  inode.crefs++;
  return allocateFd(filesOf(group), file);
}

/** open_mountpoint: the file system's opendir state, then dir_allocate's path "<mount point>/<relpath>/". */
function openMountDir(group: Group, file: OpenFile, below: MountPath): i32 {
  if (mountList(below) == null) {
    discardFile(file);
    return mountStat(below) < 0 ? -ENOENT : -ENOTDIR;
  }
  const inode = below.mount.inode;
  file.inode = inode;
  file.privateNode = kzalloc(u32(mountDirStateSize(below)), Owner.File, "opendir");
  file.path = pathOf(inode) + below.relpath + "/";
  file.pathNode = kmalloc(u32(file.path.length + 1), Owner.File, "dir_allocate");
  inode.crefs++;
  return allocateFd(filesOf(group), file);
}

/** dir_close: the state first, then the path. */
export function closeDir(file: OpenFile): void {
  kfree(file.privateNode);
  file.privateNode = 0;
  kfree(file.pathNode);
  file.pathNode = 0;
  file.inode!.crefs--;
}

/** readdir: the name of entry `index`, or "" at the end; directories end in "/". */
export function dirEntry(group: Group, fd: i32, index: i32): string {
  const file = fileAt(group, fd);
  if (file == null || file.kind != FileKind.Directory) return "";
  const below = mountOf(file.inode) != null ? searchMount(file.path) : null;
  if (below != null) {
    const names = mountList(below)!;
    return index < names.length ? names[index] : "";
  }
  const children = file.inode!.children;
  if (index >= children.length) return "";
  return children[index].name + (isDirectory(children[index]) ? "/" : "");
}

/**
 * stat: st_mode, or -ENOENT (fs/vfs/fs_stat.c inode_stat): a message queue
 * is S_IFMQ alone; a driver is readable and writable as its read and write
 * methods allow (all the model's have both); a node without operations is a
 * read-only directory. Below a mount point, the file system answers.
 */
export function statPath(path: string): i32 {
  const below = searchMount(path);
  if (below != null) return mountStat(below);
  const inode = findInode(path);
  if (inode == null) return -ENOENT;
  if (inode.kind == InodeKind.Mqueue) return S_IFMQ;
  if (inode.kind == InodeKind.Driver) return S_IFCHR | READ_ALL | WRITE_ALL;
  if (inode.kind == InodeKind.BlockDriver) return S_IFBLK | READ_ALL | WRITE_ALL;
  // CONFIG_PSEUDOFS_ATTRIBUTES adds i_mode: 0777 for a directory, whether inode_reserve made it on the way (fs_inodereserve.c) or NSH's mkdir did.
  return S_IFDIR | READ_ALL | (enabled("pseudofs_attributes") ? 0o777 : 0);
}

/** st_size: a block device's geometry (nsectors x sector size), a ROMFS file's length, else 0. */
export function statSize(path: string): i32 {
  const below = searchMount(path);
  if (below != null) return mountSize(below);
  const inode = findInode(path);
  if (inode == null || inode.kind != InodeKind.BlockDriver) return 0;
  const disk = ramDiskAt(inode.object)!;
  return i32(disk.nsectors * disk.sectsize);
}

/** mkdir: below a mount point the file system's own (fs/vfs/fs_mkdir.c), else inode_reserve in the pseudo file system. */
export function makeDir(path: string): i32 {
  const below = searchMount(path);
  if (below != null) return mountMkdir(below);
  if (findInode(path) != null) return -EEXIST;
  reserveInode(path, InodeKind.PseudoDir, "inode_reserve");
  return 0;
}

function removeNode(inode: Inode): void {
  removeInode(inode);
  if (inode.crefs == 0) freeInode(inode);
}

/** rmdir: an empty operation-less directory goes (inode_remove + inode_release). */
export function removeDir(path: string): i32 {
  const inode = findInode(path);
  if (inode == null) return -ENOENT;
  if (inode.kind != InodeKind.PseudoDir) return -ENOTDIR;
  if (inode.children.length > 0) return -ENOTEMPTY;
  removeNode(inode);
  return 0;
}

export function unlinkPath(path: string): i32 {
  const inode = findInode(path);
  if (inode == null) return -ENOENT;
  if (isDirectory(inode)) return -ENOTDIR;
  removeNode(inode);
  return 0;
}
