// Directories below mount points: what each file system's stat, opendir and
// readdir give. binfs lists the builtin apps (fs/binfs/fs_binfs.c), romfs its
// cached tree, vfat the empty volume mkfatfs made, and procfs its entry table
// with the live task ids (fs/procfs/fs_procfs.c, fs_procfsproc.c). The lists
// of procfs names are the board's (its Kconfig picks them).
import { config, configList } from "../kernel/config";
import { ENOENT } from "../kernel/errno";
import { components } from "./inode";
import { FsType, MountPath, romfsEntry } from "./mount";
import { tasks } from "../sched/tasks";

/** The live task ids, as procfs_opendir's snapshot sorts them. */
function pids(): string[] {
  const keys = tasks.keys();
  keys.sort((a: i32, b: i32): i32 => a - b);
  const out: string[] = [];
  for (let i = 0; i < keys.length; i++) out.push(keys[i].toString());
  return out;
}

function isPid(name: string): bool {
  if (name.length == 0 || name.length > 9) return false;
  let pid: i32 = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    pid = pid * 10 + (c - 48);
  }
  return tasks.has(pid);
}

/** A task's directory: "self" or a live pid. */
function isTaskDir(name: string): bool {
  return name == "self" || isPid(name);
}

/**
 * The top level of procfs: the task ids, then g_procfs_entries' names, an
 * entry "a/b" shown once as the directory "a/".
 */
function procfsTop(): string[] {
  const out: string[] = [];
  const ids = pids();
  for (let i = 0; i < ids.length; i++) out.push(ids[i] + "/");
  const entries = configList("procfs_entries");
  const dirs = configList("procfs_dirs");
  for (let i = 0; i < entries.length; i++) {
    const slash = entries[i].indexOf("/");
    const name = slash < 0 ? entries[i] : entries[i].substring(0, slash) + "/";
    const shown = dirs.includes(name) ? name + "/" : name;
    if (!out.includes(shown)) out.push(shown);
  }
  return out;
}

/** An intermediate directory such as "fs": the entries below it. */
function procfsLevel1(dir: string): string[] {
  const entries = configList("procfs_entries");
  const out: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].startsWith(dir + "/")) out.push(entries[i].substring(dir.length + 1));
  }
  return out;
}

/** A procfs directory's names (a directory's ending in "/"), or null if the path is not a directory. */
function procfsList(relpath: string): string[] | null {
  const parts = components(relpath);
  if (parts.length == 0) return procfsTop();
  if (isTaskDir(parts[0])) {
    if (parts.length == 1) return configList("proc_task_entries");
    if (parts.length == 2 && parts[1] == "group") return configList("proc_group_entries");
    return null;
  }
  const below = parts.length == 1 ? procfsLevel1(parts[0]) : [];
  return below.length > 0 ? below : null;
}

function procfsIsFile(relpath: string): bool {
  const parts = components(relpath);
  if (parts.length == 0) return false;
  const dir = parts.slice(0, parts.length - 1).join("/");
  const list = procfsList(dir);
  return list != null && list.includes(parts[parts.length - 1]);
}

/** The names in a directory below a mount point (directories end in "/"), or null if it is not one. */
export function mountList(at: MountPath): string[] | null {
  const fstype = at.mount.fstype;
  if (fstype == FsType.Procfs) return procfsList(at.relpath);
  if (fstype == FsType.Binfs) return at.relpath.length == 0 ? configList("builtins") : null;
  if (fstype == FsType.Vfat || fstype == FsType.Hostfs) return at.relpath.length == 0 ? [] : null;
  const entry = romfsEntry(at.mount, at.relpath);
  if (entry == null || !entry.directory) return null;
  const out: string[] = [];
  for (let i = 0; i < entry.children.length; i++) out.push(entry.children[i].name + (entry.children[i].directory ? "/" : ""));
  return out;
}

/** stat below a mount point: 1 for a directory, 2 for a file, or -ENOENT. */
export function mountStat(at: MountPath): i32 {
  if (mountList(at) != null) return 1;
  const parts = components(at.relpath);
  const name = parts.length > 0 ? parts[parts.length - 1] : "";
  const fstype = at.mount.fstype;
  if (fstype == FsType.Binfs) return parts.length == 1 && configList("builtins").includes(name) ? 2 : -ENOENT;
  if (fstype == FsType.Romfs) return romfsEntry(at.mount, at.relpath) != null ? 2 : -ENOENT;
  if (fstype == FsType.Procfs) return procfsIsFile(at.relpath) ? 2 : -ENOENT;
  return -ENOENT;
}

/**
 * What the file system's opendir allocates: struct binfs_dir_s, romfs_dir_s,
 * fat_dirent_s, or procfs's procfs_level0_s (the top, with its pid snapshot),
 * proc_dir_s (a task's directories) or procfs_level1_s (e.g. /proc/fs).
 */
export function mountDirStateSize(at: MountPath): i32 {
  const fstype = at.mount.fstype;
  if (fstype == FsType.Binfs) return config("sizeof_binfs_dir");
  if (fstype == FsType.Romfs) return config("sizeof_romfs_dir");
  if (fstype == FsType.Vfat) return config("sizeof_fat_dirent");
  if (fstype == FsType.Hostfs) return config("sizeof_hostfs_dir");
  const parts = components(at.relpath);
  if (parts.length == 0) return config("sizeof_procfs_level0");
  return isTaskDir(parts[0]) ? config("sizeof_proc_dir") : config("sizeof_procfs_level1");
}
