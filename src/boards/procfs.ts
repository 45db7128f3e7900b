// What /proc lists on the boards' nsh configurations. g_procfs_entries
// (fs/procfs/fs_procfs.c) without its task patterns, in table order, for the
// entries the .config keeps (CONFIG_FS_PROCFS_EXCLUDE_* all unset,
// ARCH_HAVE_CPUINFO and ARCH_HAVE_TCBINFO set); "self" is a directory. A
// task's nodes are fs_procfsproc.c's g_level0info (CPULOAD_NONE, no
// MM_BACKTRACE), its group's g_groupinfo. rv-virt and sim agree on all of it.

const TASK_ENTRIES = ["status", "cmdline", "stack", "group/"];
const GROUP_ENTRIES = ["status", "fd", "env"];

/** 2024: "mempool" is listed whenever CONFIG_FS_PROCFS_EXCLUDE_MEMPOOL is unset. */
export const PROCFS_2024 = {
  procfs_entries: ["cpuinfo", "fs/blocks", "fs/mount", "fs/usage", "memdump", "meminfo", "mempool", "self", "tcbinfo", "uptime", "version"],
  procfs_dirs: ["self"],
  proc_task_entries: TASK_ENTRIES,
  proc_group_entries: GROUP_ENTRIES,
};

/** 2026: "mempool" needs CONFIG_MM_HEAP_MEMPOOL as well, which neither board sets (up.config, sim-up.config). */
export const PROCFS_2026 = {
  ...PROCFS_2024,
  procfs_entries: PROCFS_2024.procfs_entries.filter((name) => name !== "mempool"),
};
