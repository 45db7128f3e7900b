// The pseudo-filesystem's inode tree (fs/inode/): one heap node per inode,
// FSNODE_SIZE(namelen) = sizeof(struct inode) + strlen(name) bytes
// (include/nuttx/fs/fs.h). Peers are kept sorted by name, as inode_search
// finds the insertion point (fs_inodesearch.c).
import { insertAt } from "../kernel/lists";
import { config } from "../kernel/config";
import { kfree, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";

export const enum InodeKind {
  /** An operation-less node: a directory made by inode_reserve for a path component. */
  PseudoDir = 0,
  Driver = 1,
  Mountpoint = 2,
  Mqueue = 3,
  /** register_blockdriver: a RAM disk (object = its minor). */
  BlockDriver = 4,
}

export const enum InodeFlag {
  /** FSNODEFLAG_DELETED: unlinked, freed at the last close. */
  Deleted = 1,
}

export class Inode {
  children: Inode[] = [];
  parent: Inode | null = null;
  node: u32 = 0;
  crefs: i32 = 0;
  flags: i32 = 0;
  /** What the inode stands for: a device id, a message queue id, ... */
  object: i32 = 0;
  constructor(
    public name: string,
    public kind: i32,
  ) {}
}

let root: Inode = new Inode("", InodeKind.PseudoDir);

export function rootInode(): Inode {
  return root;
}

function allocInode(name: string, kind: i32, site: string): Inode {
  const inode = new Inode(name, kind);
  inode.node = kzalloc(u32(config("sizeof_inode") + name.length), Owner.Inode, site);
  return inode;
}

/** inode_root_reserve, at boot. */
export function initInodes(): void {
  root = allocInode("", InodeKind.PseudoDir, "inode_root_reserve");
}

export function components(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) if (parts[i].length > 0) out.push(parts[i]);
  return out;
}

function childNamed(dir: Inode, name: string): Inode | null {
  for (let i = 0; i < dir.children.length; i++) if (dir.children[i].name == name) return dir.children[i];
  return null;
}

function insertSorted(dir: Inode, inode: Inode): void {
  let at = 0;
  while (at < dir.children.length && dir.children[at].name < inode.name) at++;
  insertAt(dir.children, at, inode);
  inode.parent = dir;
}

/** inode_find: the inode at `path`, or null. */
export function findInode(path: string): Inode | null {
  const parts = components(path);
  let at: Inode | null = root;
  for (let i = 0; i < parts.length && at != null; i++) at = childNamed(at as Inode, parts[i]);
  return at;
}

/** inode_reserve: create every missing component; null if the path exists already. */
export function reserveInode(path: string, kind: i32, site: string): Inode | null {
  const parts = components(path);
  let dir = root;
  for (let i = 0; i < parts.length; i++) {
    const existing = childNamed(dir, parts[i]);
    const last = i == parts.length - 1;
    if (existing != null) {
      if (last) return null;
      dir = existing;
      continue;
    }
    const inode = allocInode(parts[i], last ? kind : InodeKind.PseudoDir, site);
    insertSorted(dir, inode);
    dir = inode;
  }
  return dir;
}

/** inode_remove: unlink from the tree. The caller frees it when no one holds it. */
export function removeInode(inode: Inode): void {
  const parent = inode.parent;
  if (parent == null) return;
  const at = parent.children.indexOf(inode);
  if (at >= 0) parent.children.splice(at, 1);
  inode.parent = null;
}

/** inode_free. */
export function freeInode(inode: Inode): void {
  kfree(inode.node);
  inode.node = 0;
}

/** inode_getpath: each name, followed by "/" if it has children or is a mount point. */
export function pathOf(inode: Inode | null): string {
  if (inode == null) return "";
  const slash = inode.children.length > 0 || inode.kind == InodeKind.Mountpoint;
  return pathOf(inode.parent) + inode.name + (slash ? "/" : "");
}
