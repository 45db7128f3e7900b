// Mounted file systems (fs/mount/fs_mount.c nx_mount): a mount point inode in
// the pseudo file system and the file system's own state, made by its bind
// method. The file systems the sim board mounts: binfs (/bin, the builtin
// apps), procfs (/proc), romfs (/etc, from a RAM disk), vfat (/tmp) and, in
// 2026, hostfs (/data, a directory of the host; empty in the recordings).
import { config, configList, enabled } from "../kernel/config";
import { EINVAL, ENODEV, ENOENT } from "../kernel/errno";
import { kfree, kmalloc, krealloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { components, findInode, Inode, InodeKind, reserveInode } from "./inode";
import { RamDisk, ramDiskAt } from "../drivers/ramdisk";

const FS_NAMES: string[] = ["", "binfs", "procfs", "romfs", "vfat", "hostfs"];

export const enum FsType {
  Binfs = 1,
  Procfs = 2,
  Romfs = 3,
  Vfat = 4,
  Hostfs = 5,
}

/** fs/romfs/fs_romfsutil.c: the child array of a cached directory grows by NODEINFO_NINCR entries. */
const NODEINFO_NINCR: i32 = 4;

/** A cached ROMFS entry (struct romfs_nodeinfo_s, CONFIG_FS_ROMFS_CACHE_NODE). */
export class RomfsNode {
  children: RomfsNode[] = [];
  node: u32 = 0;
  /** rn_child: the heap array of child pointers, or 0. */
  arrayNode: u32 = 0;
  constructor(
    public name: string,
    public directory: bool,
  ) {}

  child(name: string): RomfsNode | null {
    for (let i = 0; i < this.children.length; i++) if (this.children[i].name == name) return this.children[i];
    return null;
  }
}

export class Mount {
  /** The bind method's state: romfs_mountpt_s, or fat_mountpt_s and its sector buffer. */
  nodes: u32[] = [];
  root: RomfsNode = new RomfsNode("", true);
  /** The directories made on a FAT volume, by path below the mount point; they live in its sectors, not on the heap. */
  dirs: string[] = [];
  constructor(
    public fstype: i32,
    public inode: Inode,
  ) {}
}

const mounts = new Map<i32, Mount>();
let nextMount: i32 = 1;

export function resetMounts(): void {
  mounts.clear();
  nextMount = 1;
}

export function mountOf(inode: Inode | null): Mount | null {
  if (inode == null || inode.kind != InodeKind.Mountpoint || !mounts.has(inode.object)) return null;
  return mounts.get(inode.object);
}

function fsType(name: string): i32 {
  const at = FS_NAMES.indexOf(name);
  return at > 0 ? at : 0;
}

function needsDevice(fstype: i32): bool {
  return fstype == FsType.Romfs || fstype == FsType.Vfat;
}

/** find_blockdriver: the RAM disk behind a /dev/ram<minor> source. */
function blockDevice(source: string): RamDisk | null {
  const inode = findInode(source);
  if (inode == null || inode.kind != InodeKind.BlockDriver) return null;
  return ramDiskAt(inode.object);
}

/**
 * nx_mount: the block driver (for romfs and vfat), the mount point inode, then
 * the file system's bind. 2026 binds first and reserves the inode after
 * (fs/mount/fs_mount.c, `mount_binds_first`).
 */
export function mount(source: string, target: string, fstypeName: string, data: string): i32 {
  const fstype = fsType(fstypeName);
  if (fstype == 0) return -ENODEV;
  const disk = needsDevice(fstype) ? blockDevice(source) : null;
  if (needsDevice(fstype) && disk == null) return -ENOENT;
  const id = nextMount++;
  const bindFirst = enabled("mount_binds_first");
  const nodes: u32[] = [];
  const root = new RomfsNode("", true);
  if (bindFirst) bind(fstype, disk, data, nodes, root);
  const inode = reserveInode(target, InodeKind.Mountpoint, "nx_mount");
  if (inode == null) return -EINVAL;
  if (!bindFirst) bind(fstype, disk, data, nodes, root);
  inode.object = id;
  const m = new Mount(fstype, inode);
  m.nodes = nodes;
  m.root = root;
  mounts.set(id, m);
  return 0;
}

function bind(fstype: i32, disk: RamDisk | null, data: string, nodes: u32[], root: RomfsNode): void {
  if (fstype == FsType.Romfs) {
    // fs/romfs/fs_romfs.c romfs_bind; the RAM disk is directly addressable, so no sector buffer.
    nodes.push(kzalloc(u32(config("sizeof_romfs_mountpt")), Owner.Driver, "romfs_bind"));
    cacheTree(root, romfsImage(disk!));
  } else if (fstype == FsType.Vfat) {
    // fs/fat/fs_fat32.c fat_bind, then fat_mount's sector buffer (fs_fat32util.c, one hardware sector).
    nodes.push(kzalloc(u32(config("sizeof_fat_mountpt")), Owner.Driver, "fat_bind"));
    nodes.push(kmalloc(disk!.sectsize, Owner.Driver, "fat_mount"));
  } else if (fstype == FsType.Hostfs) {
    // fs/hostfs/hostfs.c hostfs_bind: the mount state, and a copy of the options while it parses "fs=".
    nodes.push(kzalloc(u32(config("sizeof_hostfs_mountpt")), Owner.Driver, "hostfs_bind"));
    kfree(kmalloc(u32(data.length + 1), Owner.Driver, "hostfs_bind"));
  }
}

/** The files of a ROMFS image, as paths ("init.d/rcS"): the board's /etc image is the only one. */
function romfsImage(disk: RamDisk): string[] {
  return disk.etcImage ? configList("etc_romfs_files") : [];
}

/**
 * romfs_fsconfigure -> romfs_cachenode (fs/romfs/fs_romfsutil.c): every entry
 * is cached as sizeof(struct romfs_nodeinfo_s) + strlen(name), depth first in
 * the image's order; a directory's child array grows by realloc, NODEINFO_NINCR
 * pointers at a time, before its first child and whenever only one slot is left.
 */
function cacheTree(root: RomfsNode, files: string[]): void {
  const tree = new RomfsNode("", true);
  for (let i = 0; i < files.length; i++) addPath(tree, components(files[i]));
  cacheNode(root, tree);
}

function addPath(dir: RomfsNode, parts: string[]): void {
  let at = dir;
  for (let i = 0; i < parts.length; i++) {
    let next = at.child(parts[i]);
    if (next == null) {
      next = new RomfsNode(parts[i], i < parts.length - 1);
      at.children.push(next);
    }
    at = next;
  }
}

/** genromfs writes a directory's entries in name order (the sim trace's cache order). */
function byName(a: RomfsNode, b: RomfsNode): i32 {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function cacheNode(into: RomfsNode, from: RomfsNode): void {
  into.node = kzalloc(u32(config("sizeof_romfs_nodeinfo") + from.name.length), Owner.Driver, "romfs_cachenode");
  if (!from.directory) return;
  const entries = from.children.slice(0);
  entries.sort(byName);
  let slots: i32 = 0;
  for (let i = 0; i < entries.length; i++) {
    if (into.arrayNode == 0 || into.children.length == slots - 1) {
      slots += NODEINFO_NINCR;
      into.arrayNode = krealloc(into.arrayNode, u32(slots * config("sizeof_pointer")), Owner.Driver, "romfs_cachenode");
    }
    const child = new RomfsNode(entries[i].name, entries[i].directory);
    into.children.push(child);
    cacheNode(child, entries[i]);
  }
}

/** Where a path leads: the mount point it crosses and the rest of the path, or null if it stays in the pseudo file system. */
export class MountPath {
  constructor(
    public mount: Mount,
    public relpath: string,
  ) {}
}

/** inode_search: walk the pseudo file system until a mount point, if any. */
export function searchMount(path: string): MountPath | null {
  const parts = components(path);
  let at: Inode | null = findInode("/");
  for (let i = 0; i < parts.length && at != null; i++) {
    const m = mountOf(at);
    if (m != null) return new MountPath(m, parts.slice(i).join("/"));
    let next: Inode | null = null;
    const children = (at as Inode).children;
    for (let k = 0; k < children.length; k++) if (children[k].name == parts[i]) next = children[k];
    at = next;
  }
  const m = mountOf(at);
  return m == null ? null : new MountPath(m, "");
}

/** The cached ROMFS entry at a relative path, or null. */
export function romfsEntry(m: Mount, relpath: string): RomfsNode | null {
  const parts = components(relpath);
  let at: RomfsNode | null = m.root;
  for (let i = 0; i < parts.length && at != null; i++) at = (at as RomfsNode).child(parts[i]);
  return at;
}

/**
 * open() of a file below a mount point: romfs_open (fs/romfs/fs_romfs.c) keeps
 * a struct romfs_file_s with the relative path after it; the image is directly
 * addressable, so no sector buffer. The node, or 0 if there is no such file.
 */
export function openInMount(path: string): i32 {
  const at = searchMount(path);
  if (at == null || at.mount.fstype != FsType.Romfs) return 0;
  const entry = romfsEntry(at.mount, at.relpath);
  if (entry == null || entry.directory) return 0;
  return i32(kzalloc(u32(config("sizeof_romfs_file") + at.relpath.length), Owner.File, "romfs_open"));
}

function listMounts(dir: Inode, prefix: string, out: string[]): void {
  for (let i = 0; i < dir.children.length; i++) {
    const child = dir.children[i];
    const path = prefix + "/" + child.name;
    const m = mountOf(child);
    if (m != null) out.push("  " + path + " type " + FS_NAMES[m.fstype] + "\n");
    listMounts(child, path, out);
  }
}

/** /proc/fs/mount's text: foreach_mountpoint walks the inode tree in name order ("  <path> type <fs>"). */
export function mountListing(): string {
  const out: string[] = [];
  listMounts(findInode("/")!, "", out);
  return out.join("");
}

/** One read() of /proc/fs/mount: foreach_inode holds a struct inode_path_s (fs/inode/fs_foreachinode.c) while it walks. */
export function readMountList(): void {
  kfree(kmalloc(u32(config("sizeof_inode_path")), Owner.Procfs, "foreach_inode"));
}
