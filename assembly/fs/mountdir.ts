// Directories below mount points: what each file system's stat, opendir and
// readdir give. binfs lists the builtin apps (fs/binfs/fs_binfs.c), romfs its
// cached tree, vfat the empty volume mkfatfs made, and procfs its entry table
// with the live task ids (fs/procfs/fs_procfs.c, fs_procfsproc.c). The lists
// of procfs names are the board's (its Kconfig picks them).
import { config, configList, enabled } from "../kernel/config";
import { pidHashLength } from "../sched/pidhash";
import { EEXIST, ENOENT, ENOSYS } from "../kernel/errno";
import { components } from "./inode";
import { FsType, MountPath, romfsEntry } from "./mount";
import { EXEC_ALL, READ_ALL, S_IFDIR, S_IFREG, WRITE_ALL } from "./mode";
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

/**
 * Which struct a procfs file's open allocates, by name ("<name>_file_s"): a
 * task's files share proc_open's, fs/mount, fs/blocks and fs/usage
 * mount_open's, meminfo and memdump meminfo_open's. "" for no such file.
 */
export function procfsFileState(at: MountPath): string {
  const parts = components(at.relpath);
  if (!procfsIsFile(at.relpath)) return "";
  if (isTaskDir(parts[0])) return "proc";
  if (parts[0] == "fs") return "mount";
  return parts[0] == "memdump" ? "meminfo" : parts[0];
}

/** The names in a directory below a mount point (directories end in "/"), or null if it is not one. */
export function mountList(at: MountPath): string[] | null {
  const fstype = at.mount.fstype;
  if (fstype == FsType.Procfs) return procfsList(at.relpath);
  if (fstype == FsType.Binfs) return at.relpath.length == 0 ? configList("builtins") : null;
  if (fstype == FsType.Vfat) return fatList(at);
  if (fstype == FsType.Hostfs) return at.relpath.length == 0 ? [] : null;
  const entry = romfsEntry(at.mount, at.relpath);
  if (entry == null || !entry.directory) return null;
  const out: string[] = [];
  for (let i = 0; i < entry.children.length; i++) out.push(entry.children[i].name + (entry.children[i].directory ? "/" : ""));
  return out;
}

/** A FAT directory: the directories made in it (fat_mkdir), or null if it is not one. */
function fatList(at: MountPath): string[] | null {
  const dirs = at.mount.dirs;
  if (at.relpath.length > 0 && !dirs.includes(at.relpath)) return null;
  const prefix = at.relpath.length == 0 ? "" : at.relpath + "/";
  const out: string[] = [];
  for (let i = 0; i < dirs.length; i++) {
    const rest = dirs[i].startsWith(prefix) ? dirs[i].substring(prefix.length) : "/";
    if (rest.length > 0 && !rest.includes("/")) out.push(rest + "/");
  }
  return out;
}

/** mkdir below a mount point: only FAT has one (fs/fat/fs_fat32.c fat_mkdir); the others have none (ENOSYS). */
export function mountMkdir(at: MountPath): i32 {
  if (at.relpath.length == 0) return -EEXIST;
  if (at.mount.fstype != FsType.Vfat) return -ENOSYS;
  if (mountList(at) != null) return -EEXIST;
  const parts = components(at.relpath);
  if (mountList(new MountPath(at.mount, parts.slice(0, parts.length - 1).join("/"))) == null) return -ENOENT;
  at.mount.dirs.push(at.relpath);
  return 0;
}

/** stat below a mount point: st_mode as each file system's stat gives it, or -ENOENT. */
export function mountStat(at: MountPath): i32 {
  const fstype = at.mount.fstype;
  const directory = mountList(at) != null;
  // fs/procfs/fs_procfs.c procfs_stat, fs_procfsproc.c proc_stat: read-only for all.
  if (fstype == FsType.Procfs) return directory ? S_IFDIR | READ_ALL : procfsIsFile(at.relpath) ? S_IFREG | READ_ALL : -ENOENT;
  // fs/binfs/fs_binfs.c binfs_stat: the directory readable and searchable, each app executable only.
  if (fstype == FsType.Binfs) return directory ? S_IFDIR | READ_ALL | EXEC_ALL : mountList(new MountPath(at.mount, ""))!.includes(at.relpath) ? S_IFREG | EXEC_ALL : -ENOENT;
  // fs/romfs/fs_romfs.c romfs_stat: directories r-x, files r--.
  if (fstype == FsType.Romfs) return directory ? S_IFDIR | READ_ALL | EXEC_ALL : romfsEntry(at.mount, at.relpath) != null ? S_IFREG | READ_ALL : -ENOENT;
  // fs/fat/fs_fat32.c fat_stat: read and write for all on a writable volume.
  if (fstype == FsType.Vfat) return directory ? S_IFDIR | READ_ALL | WRITE_ALL : -ENOENT;
  return directory ? S_IFDIR | READ_ALL : -ENOENT;
}

/** st_size below a mount point: a ROMFS file's length; 0 for everything else the model has. */
export function mountSize(at: MountPath): i32 {
  if (at.mount.fstype != FsType.Romfs) return 0;
  const index = configList("etc_romfs_files").indexOf(at.relpath);
  return index < 0 ? 0 : I32.parseInt(configList("etc_romfs_sizes")[index]);
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
  // 2026: the pid snapshot has a pid_t per pid-hash slot (fs/procfs/fs_procfs.c procfs_opendir).
  if (parts.length == 0) return config("sizeof_procfs_level0") + (enabled("procfs_pids_by_hash") ? 4 * pidHashLength() : 0);
  return isTaskDir(parts[0]) ? config("sizeof_proc_dir") : config("sizeof_procfs_level1");
}
