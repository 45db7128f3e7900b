// The sim board (sim:nsh, x86_64): NuttX as a Linux program. LP64 struct
// sizes, sim:nsh's Kconfig (fixtures/nuttx/measured/sim-u.config), and what
// its /etc image holds. Sizes read from the measured trace
// (fixtures/nuttx/measured/sim-u.trace: the request of the kmm_zalloc of that
// struct) say "traced"; the others are counted field by field for LP64.
import { heapProfile, type Tree } from "../heap/profiles";
import { CODE_2024, CODE_2026, KCONFIG_DEFAULTS, nameLists, treeValues, type BoardConfig } from "./board";
import type { Fix } from "./fixes";
import { PROCFS_2024, PROCFS_2026 } from "./procfs";

/**
 * What opendir keeps below mount points, each a struct fs_dirent_s {fd_root,
 * fd_path} and more, and procfs's state for a task's files (counted; the 2026
 * sim's trace, fixtures/nuttx/measured/sim-up-shell.trace, has the same sizes).
 */
const LP64_DIRS = {
  /** struct binfs_dir_s: + index (fs/binfs/fs_binfs.c). */
  sizeof_binfs_dir: 24,
  /** struct romfs_dir_s: + firstnode, currnode (fs/romfs/fs_romfs.c, CACHE_NODE). */
  sizeof_romfs_dir: 32,
  /** struct fat_dirent_s: + struct fs_fatdir_s, three 32-bit off_t and an index (fs/fat/fs_fat32.h). */
  sizeof_fat_dirent: 32,
  /** struct hostfs_dir_s: + the host's DIR pointer (fs/hostfs/hostfs.c). */
  sizeof_hostfs_dir: 24,
  /** struct mount_file_s: procfs_file_s, id, line[MOUNT_LINELEN 64] (fs/mount/fs_procfs_mount.c). */
  sizeof_mount_file: 80,
  /** struct inode_path_s: handler, arg, path[PATH_MAX 256] (fs/inode/fs_foreachinode.c). */
  sizeof_inode_path: 272,
  /** The other entries' open state: procfs_file_s, linesize, line[*_LINELEN] (fs/procfs/fs_procfs*.c, mm/mempool/mempool_procfs.c). */
  sizeof_version_file: 144,
  sizeof_uptime_file: 32,
  sizeof_tcbinfo_file: 144,
  sizeof_mempool_file: 96,
  /** struct cpuinfo_file_s: procfs_file_s alone. */
  sizeof_cpuinfo_file: 8,
  /** struct proc_file_s: procfs_file_s, node, pid, line[STATUS_LINELEN 256] (fs_procfsproc.c proc_open). */
  sizeof_proc_file: 280,
  /** struct procfs_level1_s: procfs_dir_priv_s, lastlen, subdirlen, firstindex, lastread. */
  sizeof_procfs_level1: 48,
  /** struct proc_dir_s: procfs_dir_priv_s, node, pid (fs/procfs/fs_procfsproc.c). */
  sizeof_proc_dir: 48,
};

/** x86_64 LP64, the 2024-05 trees. */
const LP64_2024 = {
  sizeof_pointer: 8,
  /** struct task_tcb_s (include/nuttx/sched.h), the group inside (traced). */
  sizeof_task_tcb: 1600,
  /** struct inode with CONFIG_PSEUDOFS_ATTRIBUTES (include/nuttx/fs/fs.h; traced: the root inode). */
  sizeof_inode: 120,
  /** sigq_t and sigpendq_t (sched/signal/signal.h): nxsig_initialize's pool is 12 of each (traced: 1344). */
  sizeof_sigq: 64,
  sizeof_sigpendq: 48,
  /** struct mqueue_msg_s and struct msgbuf_s (sched/mqueue/): nxmq_initialize's pool, 16 + 8 (traced: 1408). */
  sizeof_mqueue_msg: 56,
  sizeof_msgbuf: 64,
  /** FILE, struct file_struct (include/nuttx/fs/fs.h; traced: fdopen). */
  sizeof_file_struct: 192,
  /** struct file {f_oflags, f_pos (32-bit off_t), f_inode, f_priv} (counted). */
  sizeof_file: 24,
  /** struct binary_s (include/nuttx/binfmt/binfmt.h; traced: exec_internal). */
  sizeof_binary: 88,
  /** struct envpath_s without its path: next + path[1], padded (libs/libc/misc/lib_envpath.c; counted). */
  sizeof_envpath: 16,
  /** struct meminfo_file_s: procfs_file_s, linesize, line[256] (fs/procfs/fs_procfsmeminfo.c; counted, traced 272). */
  sizeof_meminfo_file: 272,
  /** apps: struct console_stdio_s (nshlib/nsh_console.h; traced: nsh_newconsole). */
  sizeof_console_stdio: 1352,
  /** DIR: fd + struct dirent {d_type, d_name[NAME_MAX+1]} (counted). */
  sizeof_dir: 40,
  /** struct fs_pseudodir_s: struct fs_dirent_s {fd_root, fd_path}, next (fs/vfs/fs_dir.c; counted). */
  sizeof_pseudodir: 24,
  /** struct spawn_open_file_action_s without its path: flink, action, fd, oflags, mode, path[1], padded (counted). */
  sizeof_spawn_open_file_action: 32,
  /** struct rd_struct_s: nsectors, sectsize, crefs, flags, buffer (drivers/misc/ramdisk.c; counted). */
  sizeof_rd_struct: 16,
  /** struct romfs_mountpt_s (fs/romfs/fs_romfs.h; traced: romfs_bind). */
  sizeof_romfs_mountpt: 96,
  /** struct romfs_nodeinfo_s without its name: offset, next, size, rn_child, count, namesize, name[1] (counted). */
  sizeof_romfs_nodeinfo: 32,
  /** struct romfs_file_s without its path: 5 words, rf_buffer, rf_type, rf_path[1] (counted). */
  sizeof_romfs_file: 40,
  /** struct fat_mountpt_s (fs/fat/fs_fat32.h; traced: fat_bind). */
  sizeof_fat_mountpt: 120,
  /** struct bchlib_s (drivers/bch/bch.h; traced: bchlib_setup). */
  sizeof_bchlib: 80,
  /** struct gplh_dev_s (drivers/ioexpander/gpio_lower_half.c; traced). */
  sizeof_gpio_lowerhalf: 136,
  /** struct sim_oneshot_lowerhalf_s: lh, link, alarm, callback, arg (arch/sim/src/sim/sim_oneshot.c; counted). */
  sizeof_timer_lowerhalf: 48,
  /** struct oneshot_dev_s (drivers/timers/oneshot.c; traced: oneshot_register). */
  sizeof_oneshot_dev: 128,
  /** struct procfs_level0_s: procfs_dir_priv_s (32), lastlen, pid[CONFIG_FS_PROCFS_MAX_TASKS 128], lastread (fs/procfs/fs_procfs.c). */
  sizeof_procfs_level0: 560,
  ...LP64_DIRS,
  /** struct tls_info_s: tl_task, tl_cpstate, tl_errno (include/nuttx/tls.h; counted). */
  sizeof_tls_info: 16,
};

/** sim:nsh's effective .config, 2024 (fixtures/nuttx/measured/sim-u.config), where it is not KCONFIG_DEFAULTS. */
const KCONFIG_SIM = {
  usec_per_tick: 10000,
  /** STACK_ALIGNMENT (arch/sim/src/sim/sim_internal.h). */
  stack_alignment: 16,
  idlethread_stacksize: 4096,
  stack_coloration: 0,
  rr_interval_ticks: 0,
  nfile_descriptors_per_block: 8,
  nsh_fileiosize: 1024,
  /** CONFIG_SIM_STACKSIZE_ADJUSTMENT: added to every stack (arch/sim/src/sim/sim_createstack.c). */
  stacksize_adjustment: 65536,
  arch_sim: 1,
  sim_looptask: 1,
  sim_loop_wq: 0,
  /** ostest's phases: no CONFIG_ARCH_FPU; CONFIG_SCHED_WORKQUEUE and CONFIG_ARCH_SETJMP_H (testing/ostest/ostest_main.c). */
  arch_fpu: 0,
  sched_workqueue: 1,
  /** CONFIG_START_YEAR/MONTH/DAY (sim-u.config, sim-up.config). */
  start_year: 2008,
  start_month: 6,
  start_day: 1,
  arch_setjmp_h: 1,
  sched_events: 0,
  rtc_driver: 0,
  sim_looptask_priority: 224,
  /** sim_blockdevice.c: the FAT image of /dev/ram0 is NSECTORS x LOGICAL_SECTOR_SIZE. */
  sim_ramdisk_nsectors: 2048,
  sim_ramdisk_sectsize: 512,
  /** The I/O expander's pins that sim_gpio_initialize registers (boards/sim/sim/sim/src/sim_ioexpander.c). */
  sim_gpio_pins: 4,
  dev_loop: 1,
  pseudofs_softlinks: 1,
  pseudofs_attributes: 1,
  fs_fat: 1,
  pipes: 0,
  sched_hpwork: 1,
  sched_hpworkpriority: 224,
  sched_hpworkstacksize: 2048,
  etc_romfs: 1,
  etc_romfs_devno: 1,
  etc_romfs_sectsize: 64,
  etc_fatdevno: 2,
  etc_fatsectsize: 512,
  etc_fatnsectors: 1024,
  sched_have_parent: 1,
  /** NSH_FILE_APPS: every command is first tried as a program in PATH. */
  nsh_file_apps: 1,
  nsh_console_login: 1,
  fsutils_passwd_iobuffer_size: 512,
};

/**
 * x86_64 LP64, apache/nuttx 4ebc8a7291df (2026-08) + apps a71c329cfb0d
 * (fixtures/nuttx/measured/sim-up.trace and sim-up.config). Keys of the 2024
 * table that this tree never reads (the boot-time pools, now in .bss) are left out.
 */
const LP64_2026 = {
  sizeof_pointer: 8,
  /** struct tcb_s (include/nuttx/sched.h; traced: nxthread_create). */
  sizeof_tcb: 408,
  /** struct task_group_s (traced: group_allocate). */
  sizeof_group: 1112,
  /** struct inode with PSEUDOFS_ATTRIBUTES and PSEUDOFS_FILE (traced: the root inode). */
  sizeof_inode: 136,
  /** struct file: one heap node per open (traced: file_allocate). */
  sizeof_file: 32,
  /** struct fd {f_file, f_cloexec} (fs/inode/fs_files.c; counted). */
  sizeof_fd: 16,
  sizeof_envpath: 16,
  /** struct meminfo_file_s with MEMINFO_LINELEN 512 (traced: meminfo_open). */
  sizeof_meminfo_file: 528,
  /** apps: struct console_stdio_s (traced: nsh_newconsole). */
  sizeof_console_stdio: 1408,
  /** DIR: fd + struct dirent {d_ino, d_type, d_name[NAME_MAX+1]} (include/dirent.h; counted). */
  sizeof_dir: 44,
  sizeof_pseudodir: 24,
  sizeof_spawn_open_file_action: 32,
  sizeof_rd_struct: 16,
  /** struct romfs_mountpt_s (traced: romfs_bind). */
  sizeof_romfs_mountpt: 88,
  sizeof_romfs_nodeinfo: 32,
  sizeof_romfs_file: 40,
  /** struct fat_mountpt_s (traced: fat_bind). */
  sizeof_fat_mountpt: 112,
  /** struct bchlib_s (traced: bchlib_setup). */
  sizeof_bchlib: 72,
  /** struct gplh_dev_s (traced). */
  sizeof_gpio_lowerhalf: 152,
  /** None: the sim's oneshot lower half is static (arch/sim/src/sim/sim_oneshot.c). */
  sizeof_timer_lowerhalf: 0,
  /** struct oneshot_dev_s (traced: oneshot_register). */
  sizeof_oneshot_dev: 120,
  /** struct rtc_upperhalf_s (drivers/timers/rtc.c; traced: rtc_initialize). */
  sizeof_rtc_upperhalf: 40,
  /** struct hostfs_mountpt_s: fs_head, fs_root[HOSTFS_MAX_PATH 256] (fs/hostfs/hostfs.h; counted). */
  sizeof_hostfs_mountpt: 264,
  /** work_queue_create: struct kwork_wqueue_s with one struct kworker_s (traced: 176). */
  sizeof_loop_wqueue: 176,
  /**
   * struct kwork_wqueue_s: expired, pending (list_node 16 each), sem, exsem
   * (sem_t 24 each), lock, nthreads, exit, the timer's struct wdog_s (40),
   * then kworker_s[]: 128; struct kworker_s: pid, work, wait (sem_t), wait_count: 48
   * (sched/wqueue/wqueue.h; counted, and 128 + 48 is the traced 176 above).
   */
  sizeof_kwork_wqueue: 128,
  sizeof_kworker: 48,
  /** struct work_s: node (list_node), qtime, worker, arg (include/nuttx/wqueue.h; counted). */
  sizeof_work: 40,
  /** struct tcb_s + struct pthread_entry_s {trampoline, arg} (sched/pthread/pthread_create.c; counted). */
  sizeof_pthread_tcb: 424,
  /** sigactq_t: flink, struct sigaction {sa_u, sa_mask (64 signals), sa_flags, sa_user}, signo (sched/signal/signal.h; counted). */
  sizeof_sigactq: 48,
  /** struct mqueue_msg_s: list_node, type, priority, msglen, mail[1]: MQ_MSG_SIZE(len) = 24 + len - 1 (sched/mqueue/mqueue.h; counted). */
  sizeof_mqueue_msg: 24,
  /** struct mqueue_inode_s: mqueue_cmn_s (40), inode, msglist, counts, ntpid, ntevent (24), ntwork (56), fds[4] (include/nuttx/mqueue.h; counted). */
  sizeof_mqueue_inode: 192,
  /** struct task_join_s: sq_entry_t, pid, exit_value (sched/pthread/pthread.h; counted). */
  sizeof_task_join: 24,
  /**
   * FILE, struct file_struct: fs_entry, fs_lock (rmutex_t 32), fs_iofunc (four
   * pointers), fs_cookie, four buffer pointers, fs_buffer[CONFIG_STDIO_BUFFER_SIZE 64],
   * oflags, flags, nungotten, ungotten[2] (include/nuttx/fs/fs.h; counted, gdb says 184).
   */
  sizeof_file_struct: 184,
  ...LP64_DIRS,
  /** struct tls_info_s: tl_task, tl_cpstate, tl_size, tl_errno, tl_tid, tl_argv, tl_mhead (include/nuttx/tls.h; counted). */
  sizeof_tls_info: 40,
  /** struct procfs_level0_s: procfs_dir_priv_s (32), lastlen, lastread, pid[1]; a pid_t per pid-hash slot follows (counted). */
  sizeof_procfs_level0: 56,
};

/** ostest's Kconfig on sim:nsh 2026 (sim-up.config; testing/ostest/Makefile: PRIORITY SCHED_PRIORITY_DEFAULT, STACKSIZE CONFIG_DEFAULT_TASK_STACKSIZE). */
const KCONFIG_SIM_OSTEST = {
  prealloc_timers: 8,
  ostest_priority: 100,
  ostest_stacksize: 2048,
  ostest_stacksize_threads: 8192,
  ostest_nbarrier_threads: 8,
  ostest_rr_range: 30000,
  ostest_rr_runs: 10,
  test_loop_scale: 100,
  /** The host's speed at a lock and unlock in spinlock.c: the sim session's "Average throughput : 1583242 op/s" (sim-up-session.txt). */
  cpu_ns_per_lock_op: 631.6,
};

/** What the 2026 sim:nsh changes (fixtures/nuttx/measured/sim-up.config). */
const KCONFIG_SIM_2026 = {
  /** up_irqinitialize's "sim_loop_wq" work queue replaces the loop task. */
  sim_looptask: 0,
  sim_loop_wq: 1,
  rtc_driver: 1,
  pipes: 1,
  nsh_console_login: 0,
  board_initthread_priority: 240,
  board_initthread_stacksize: 2048,
  path_max: 256,
  /** The binary_s is on the stack without CONFIG_BINFMT_LOADABLE (binfmt/binfmt_exec.c). */
  binary_on_heap: 0,
  /** CONFIG_SCHED_EVENTS: ostest's nxevent test. */
  sched_events: 1,
  ...KCONFIG_SIM_OSTEST,
};

/** The builtin apps of sim:nsh, which binfs shows in /bin. */
const SIM_BUILTINS = ["dumpstack", "gpio", "hello", "nsh", "sh"];
const SIM_BUILTINS_2026 = ["dd", "dumpstack", "gcov", "gpio", "hello", "nsh", "ostest", "sh"];

/** CONFIG_ETC_FATMOUNTPT and CONFIG_NSH_MOTD_STRING (sim-u.config). */
const ETC_FATMOUNTPT = "/tmp";
const NSH_MOTD_STRING = "MOTD: username=admin password=Administrator";

/**
 * The /etc ROMFS image (boards/sim/sim/sim/src/Makefile): RCSRCS run through
 * cpp with the build's Kconfig, RCRAWS copied as they are; /etc/passwd only
 * in 2024, for the console login.
 */
function etcImage(k: typeof KCONFIG_SIM, generation: 2024 | 2026): Record<string, string> {
  const ramdisk = `/dev/ram${k.etc_fatdevno}`;
  const files: Record<string, string> = {
    // etc/init.d/rc.sysinit: a RAM disk for /tmp (CONFIG_ETC_ROMFS and CONFIG_FS_FAT).
    // A Kconfig string keeps its quotes through cpp: the script says "/tmp" (71 bytes, as ls -l /etc/init.d shows in sim-u-shell.txt).
    "init.d/rc.sysinit": `mkrd -m ${k.etc_fatdevno} -s ${k.etc_fatsectsize} ${k.etc_fatnsectors}\nmkfatfs ${ramdisk}\nmount -t vfat ${ramdisk} "${ETC_FATMOUNTPT}"\n`,
    // etc/init.d/rcS: the host's current directory at /data, with CONFIG_FS_HOSTFS (2026 only).
    "init.d/rcS": generation === 2026 ? "mount -t hostfs -o fs=. /data\n" : "",
    group: "root:*:0:root,admin\n",
  };
  if (generation === 2024) files.passwd = "admin:8Tv+Hbmr3pLVb5HHZgd26D:0:0:/\n";
  return files;
}

/**
 * The heap region: up_allocate_heap gets SIM_HEAP_SIZE (arch/sim/src/sim/
 * sim_internal.h) from the host, page aligned (sim_heap.c host_allocheap).
 * Where the host puts it varies; this is the address the gdb traces saw (ASLR off).
 */
const SIM_HEAP_SIZE = 64 * 1024 * 1024;
const SIM_HEAP_START = 0x7ffff3c00000;

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/**
 * The length of the image genromfs makes of /etc (boards/Board.mk, volume
 * "NSHInitVol"): a 16-byte superblock and the volume name, then per directory
 * "." and "..", per entry a 16-byte header and its name, a file's data after
 * it, each rounded up to 16 bytes; the whole padded to 1 KiB.
 */
function romfsImageLength(etc: Record<string, string>): number {
  const dirs = new Set(Object.keys(etc).flatMap((path) => path.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
  const entry = (name: string) => 16 + align16(name.length + 1);
  let length = 16 + align16("NSHInitVol".length + 1) + 2 * entry(".");
  for (const dir of dirs) length += entry(dir.split("/").pop()!) + 2 * entry(".");
  for (const [path, text] of Object.entries(etc)) length += entry(path.split("/").pop()!) + align16(new TextEncoder().encode(text).length);
  return Math.ceil(length / 1024) * 1024;
}

/** The /etc image's paths and each file's length in bytes, for romfs's readdir and stat. */
const romfsLists = (etc: Record<string, string>) => ({
  etc_romfs_files: Object.keys(etc),
  etc_romfs_sizes: Object.values(etc).map((text) => String(new TextEncoder().encode(text).length)),
});

function sim2024(tree: Tree, fixes: Fix[]): BoardConfig {
  const etc = etcImage(KCONFIG_SIM, 2024);
  const values = { ...LP64_2024, ...CODE_2024, ...KCONFIG_DEFAULTS, ...KCONFIG_SIM, ...treeValues("sim", tree, fixes), etc_romfs_size: romfsImageLength(etc) };
  const names = { builtins: SIM_BUILTINS, ...romfsLists(etc), ...PROCFS_2024 };
  const heap = heapProfile("sim", tree);
  // The credentials the MOTD names, as the recordings typed them.
  const login = { username: "admin", password: "Administrator" };
  return {
    ...{ board: "sim", tree, fixes, banner: "", heap, heapStart: SIM_HEAP_START, heapSize: SIM_HEAP_SIZE, values },
    ...{ texts: { path_initial: "/bin", nsh_motd_string: NSH_MOTD_STRING, ...nameLists(names) }, builtins: SIM_BUILTINS, etc, login },
  };
}

function sim2026(fixes: Fix[]): BoardConfig {
  const etc = etcImage(KCONFIG_SIM, 2026);
  const values = { ...LP64_2026, ...CODE_2026, ...KCONFIG_DEFAULTS, ...KCONFIG_SIM, ...KCONFIG_SIM_2026, ...treeValues("sim", "upstream", fixes), etc_romfs_size: romfsImageLength(etc) };
  const names = { builtins: SIM_BUILTINS_2026, ...romfsLists(etc), ...PROCFS_2026 };
  const heap = heapProfile("sim", "upstream");
  return {
    ...{ board: "sim", tree: "upstream", fixes, banner: "", heap, heapStart: SIM_HEAP_START, heapSize: SIM_HEAP_SIZE, values },
    ...{ texts: { path_initial: "/bin", ...nameLists(names) }, builtins: SIM_BUILTINS_2026, etc },
  };
}

export function sim(tree: Tree, fixes: Fix[]): BoardConfig {
  return tree === "upstream" ? sim2026(fixes) : sim2024(tree, fixes);
}
