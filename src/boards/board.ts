// A board and a kernel tree: everything the model needs to know about one
// NuttX build. Struct sizes come from the images' debug info (groundtruth
// README) or are counted field by field for RV32 ilp32 (noted where so);
// Kconfig values come from the boards' defconfigs and Kconfig defaults.
import { heapProfile, type Board, type HeapProfile, type Tree } from "../heap/profiles";
import { FIXES, type Fix } from "./fixes";
import { PROCFS_2024, PROCFS_2026 } from "./procfs";
import { sim } from "./sim";

export interface BoardConfig {
  board: Board;
  tree: Tree;
  fixes: Fix[];
  /** What the board prints before NSH (rv-virt's qemu_rv_start shows its progress as "ABC"). */
  banner: string;
  heap: HeapProfile;
  /** mm_initialize(start, size): the simulated heap region. */
  heapStart: number;
  heapSize: number;
  /** Every fact the kernel and the programs read, by name. */
  values: Record<string, number>;
  /** Kconfig strings and lists of names (one per line) the kernel and the programs read, by name. */
  texts: Record<string, string>;
  /** The builtin apps of the image (apps/builtin's registry, in name order). */
  builtins: string[];
  /** Those the model can run here, if not all that it has programs for. */
  programs?: string[];
  /** The files of the ROMFS /etc image (CONFIG_ETC_ROMFS) by path below /etc, as the build made them. */
  etc?: Record<string, string>;
  /** What the recordings typed at NSH's login prompt (CONFIG_NSH_CONSOLE_LOGIN). */
  login?: { username: string; password: string };
}

/** Fixes each tree has without asking. */
export const TREE_FIXES: Record<Tree, Fix[]> = {
  unpatched: [],
  backport: [...FIXES],
  patched: [...FIXES],
  upstream: [...FIXES],
};

/** The recordings' trace builds carry allocation-trace instrumentation: an image 672 bytes larger (groundtruth README). */
export const TRACE_BUILD_EXTRA = 672;

export type Image = "plain" | "trace";

/** rv-virt: RAM ends at 0x82000000; the heap starts after .bss and the idle stack. */
const RV_VIRT_RAM_END = 0x82000000;
/**
 * Where the heap struct starts in each rv-virt image: its .bss end plus the idle
 * stack. Measured: unpatched total 33375068, backport 33374876 (groundtruth
 * README); patched 33373052 (fixtures/nuttx/measured, _ebss 0x8002bc80: the
 * signal and message pools moved to .bss); upstream 33340160 (measured, _ebss
 * 0x80033d00 + the 0x800 idle stack).
 */
const RV_VIRT_HEAP_START: Record<Tree, number> = {
  unpatched: 0x8002bca0,
  backport: 0x8002bd60,
  patched: 0x8002c480,
  upstream: 0x80034500,
};
/**
 * PR 12406 on the unpatched tree moves .bss end by 0xc0: g_sigactions[4] in
 * .bss and the code that hands them out (fixtures/nuttx/measured/
 * fix-heap-starts.txt). 12402 and 12427 leave the image layout as it was.
 * With it, unpatched + 12406 starts where the backport does.
 */
const RV_VIRT_IMAGE_GROWTH: Partial<Record<Fix, number>> = { "12406": 0xc0 };

function rvVirtHeapStart(tree: Tree, fixes: Fix[], image: Image): number {
  const added = fixes.filter((fix) => !TREE_FIXES[tree].includes(fix));
  const growth = added.reduce((sum, fix) => sum + (RV_VIRT_IMAGE_GROWTH[fix] ?? 0), 0);
  return RV_VIRT_HEAP_START[tree] + growth + (image === "trace" ? TRACE_BUILD_EXTRA : 0);
}

/**
 * procfs's state for a task's files and for directories below its top
 * (fs/procfs/): struct procfs_dir_priv_s is a struct fs_dirent_s (two
 * pointers), level, index, nentries and the entry pointer: 20 bytes on rv32 (counted).
 */
const RV32_PROCFS = {
  /** struct proc_file_s: procfs_file_s, node, pid, line[STATUS_LINELEN 256] (fs_procfsproc.c proc_open). */
  sizeof_proc_file: 268,
  /** struct mount_file_s: procfs_file_s, id, line[MOUNT_LINELEN 64] (fs/mount/fs_procfs_mount.c). */
  sizeof_mount_file: 72,
  /** struct inode_path_s: handler, arg, path[PATH_MAX 256] (fs/inode/fs_foreachinode.c), held while a mount listing walks. */
  sizeof_inode_path: 264,
  /** The other entries' open state: procfs_file_s, linesize, line[*_LINELEN] (fs/procfs/fs_procfs*.c, mm/mempool/mempool_procfs.c). */
  sizeof_version_file: 136,
  sizeof_uptime_file: 24,
  sizeof_tcbinfo_file: 136,
  sizeof_mempool_file: 88,
  /** struct cpuinfo_file_s: procfs_file_s alone. */
  sizeof_cpuinfo_file: 4,
  /** struct procfs_level1_s: procfs_dir_priv_s, lastlen, subdirlen, firstindex, lastread (e.g. /proc/fs). */
  sizeof_procfs_level1: 28,
  /** struct proc_dir_s: procfs_dir_priv_s, node, pid (fs_procfsproc.c; a task's directories). */
  sizeof_proc_dir: 28,
};

/** rv32, the 2024-05 trees. */
const RV32_2024 = {
  sizeof_pointer: 4,
  sizeof_task_tcb: 912,
  sizeof_pthread_tcb: 200,
  sizeof_inode: 32,
  sizeof_sigq: 32,
  sizeof_sigpendq: 20,
  sizeof_sigactq: 28,
  sizeof_mqueue_msg: 44,
  sizeof_mqueue_inode: 100,
  sizeof_file_struct: 132,
  sizeof_file: 16,
  /** struct task_join_s: sq_entry_t, pid, exit_value (counted). */
  sizeof_task_join: 12,
  /** struct msgbuf_s (counted: list_node 8, msize 2+2, mtype 4, mtext[32]). */
  sizeof_msgbuf: 48,
  /** struct riscv_mtimer_lowerhalf_s (counted). */
  sizeof_timer_lowerhalf: 40,
  /** struct binary_s (counted, BINFMT_NALLOC 4). */
  sizeof_binary: 44,
  /** struct envpath_s without its path: next + path[1], padded (counted). */
  sizeof_envpath: 8,
  /** struct meminfo_file_s: procfs_file_s, linesize, line[MEMINFO_LINELEN 256] (counted). */
  sizeof_meminfo_file: 264,
  /** apps: struct console_stdio_s (counted; nsh_vtbl_s 640 + fds + cn_line[80]). */
  sizeof_console_stdio: 728,
  /** DIR: fd + struct dirent {d_type, d_name[NAME_MAX+1]} (counted). */
  sizeof_dir: 40,
  /** struct fs_pseudodir_s (counted). */
  sizeof_pseudodir: 12,
  /** struct spawn_open_file_action_s without its path: flink, action, fd, oflags, mode, path[1], padded (counted). */
  sizeof_spawn_open_file_action: 24,
  ...RV32_PROCFS,
  /** struct tls_info_s: tl_task, tl_cpstate, tl_errno (include/nuttx/tls.h; counted). */
  sizeof_tls_info: 12,
  /** struct procfs_level0_s: procfs_dir_priv_s, lastlen, pid[CONFIG_FS_PROCFS_MAX_TASKS 128], lastread (fs/procfs/fs_procfs.c; counted). */
  sizeof_procfs_level0: 540,
};

/**
 * rv32, apache/nuttx 4ebc8a7291df (2026-08) + apps a71c329cfb0d: request sizes
 * read from the measured trace (fixtures/nuttx/measured/up-ostest.trace),
 * counted where noted. Keys of the 2024 table that this tree never reads
 * (the boot-time pools, now in .bss) are left out.
 */
const RV32_2026 = {
  sizeof_pointer: 4,
  /** struct tcb_s: a task's TCB no longer holds its group (31e562b10fe reverted the group-in-TCB change). */
  sizeof_tcb: 208,
  /** struct task_group_s, its own kmm_zalloc (sched/group/group_create.c group_allocate). */
  sizeof_group: 676,
  /** struct tcb_s + struct pthread_entry_s (sched/pthread/pthread_create.c). */
  sizeof_pthread_tcb: 216,
  sizeof_inode: 40,
  sizeof_sigactq: 28,
  /** struct mqueue_msg_s with mail[1]: a message is MQ_MSG_SIZE(len) = 12 + len - 1 (sched/mqueue/mqueue.h). */
  sizeof_mqueue_msg: 12,
  sizeof_mqueue_inode: 112,
  sizeof_file_struct: 132,
  /** struct file {f_oflags, f_refs, f_pos, f_inode, f_priv}: one heap node per open (fs/inode/fs_files.c file_allocate). */
  sizeof_file: 20,
  /** struct fd {f_file, f_cloexec}: the entries of a descriptor row (fs/inode/fs_files.c fdlist_extend). */
  sizeof_fd: 8,
  sizeof_task_join: 12,
  /** None: riscv_mtimer's lower half is static since 2227f232f09 (arch/risc-v/src/common/riscv_mtimer.c). */
  sizeof_timer_lowerhalf: 0,
  /** struct binary_s, which embeds a struct module_s with CONFIG_LIBC_ELF (include/nuttx/binfmt/binfmt.h). */
  sizeof_binary: 132,
  sizeof_envpath: 8,
  /** struct meminfo_file_s with MEMINFO_LINELEN 512 (fs/procfs/fs_procfsmeminfo.c). */
  sizeof_meminfo_file: 520,
  /** apps: struct console_stdio_s (nsh_vtbl_s 688 + 3 fds + cn_line[LINE_MAX 80]). */
  sizeof_console_stdio: 780,
  /** DIR: fd + struct dirent, which gained d_ino. */
  sizeof_dir: 44,
  sizeof_pseudodir: 12,
  sizeof_spawn_open_file_action: 24,
  ...RV32_PROCFS,
  /** struct tls_info_s: tl_task, tl_cpstate, tl_size, tl_errno, tl_tid, tl_argv, tl_mhead (include/nuttx/tls.h; counted). */
  sizeof_tls_info: 24,
  /** struct procfs_level0_s: procfs_dir_priv_s, lastlen, lastread, pid[1]; a pid_t per pid-hash slot follows (counted). */
  sizeof_procfs_level0: 32,
};

/**
 * Where the code of the two generations differs, as switches the kernel model
 * and the programs read. Each names the NuttX change it follows.
 */
export const CODE_2024 = {
  /** The group is inside the task's TCB allocation (struct task_tcb_s). */
  group_allocated: 0,
  /** struct file sits in the descriptor rows; opening a file costs no heap. */
  file_allocated: 0,
  board_late_initialize: 0,
  /** CONFIG_NSH_ARCHINIT: NSH mounts /proc through boardctl(BOARDIOC_INIT). */
  nsh_archinit: 1,
  /** nx_bringup ends with clearenv(): idle's PWD and PATH go once the init task has its copy. */
  idle_env_released: 1,
  sig_statics_at_boot: 0,
  /** Only mq_timedsend takes its message before it waits for room. */
  mq_send_allocates_first: 0,
  /** A heap message is a whole struct mqueue_msg_s, whatever its length. */
  mq_msg_sized: 0,
  /** procfs_opendir's pid snapshot is a fixed CONFIG_FS_PROCFS_MAX_TASKS array. */
  procfs_pids_by_hash: 0,
  /** NSH's ls -R: nsh_getdirpath is a strdup of the path. */
  nsh_dirpath_realpath: 0,
  /** vfork's parent waits for its child with waitpid (sched/task/task_vfork.c nxtask_start_vfork). */
  vfork_resumed_at_release: 0,
  /** apps' ostest of 2024 (apps 90a745b52078, cda5140c4). */
  apps_2026: 0,
  /** nx_mount reserves the mount point's inode, then binds the file system. */
  mount_binds_first: 0,
  /** exec_internal always kmm_zallocs its struct binary_s. */
  binary_on_heap: 1,
  /** fs/driver/fs_blockproxy.c: unique_chardev strdups the temporary device's name. */
  bch_name_strdup: 1,
  /** drivers/bch/bchlib_setup.c allocates the sector buffer at once. */
  bch_buffer_at_setup: 1,
  /** sched/clock/clock_initialize.c sets g_basetime only with CONFIG_RTC: without one, CLOCK_REALTIME counts from boot. */
  realtime_from_start_date: 0,
};

export const CODE_2026: typeof CODE_2024 = {
  // 31e562b10fe: struct task_group_s is kmm_zalloc'ed by group_allocate.
  group_allocated: 1,
  // fs/vfs/fs_open.c nx_vopen: file_allocate() before the open, file_put() frees it at the last close.
  file_allocated: 1,
  // CONFIG_BOARD_LATE_INITIALIZE: the AppBringUp kernel thread mounts /proc and spawns NSH (sched/init/nx_bringup.c).
  board_late_initialize: 1,
  // 48db502daf9 removed NSH_ARCHINIT and board_app_initialize.
  nsh_archinit: 0,
  // c8f18767de3: kernel threads share idle's group, so nx_bringup no longer clears its environment.
  idle_env_released: 0,
  // 817e4ee35419: nxsig_initialize puts the CONFIG_SIG_PREALLOC_ACTIONS static entries on the free list.
  sig_statics_at_boot: 1,
  // 1e7631e6954: mq_send and mq_timedsend share file_mq_timedsend_internal, which allocates first.
  mq_send_allocates_first: 1,
  // 82eca2607a0: a heap message is MQ_MSG_SIZE(len), its header and the message's own bytes.
  mq_msg_sized: 1,
  // fs/procfs/fs_procfs.c procfs_opendir: sizeof(struct procfs_level0_s) + sizeof(pid_t) * g_npidhash.
  procfs_pids_by_hash: 1,
  // apps nshlib/nsh_fsutils.c nsh_getdirpath: lib_realpath(path, NULL) mallocs a PATH_MAX buffer.
  nsh_dirpath_realpath: 1,
  // sched/sched/sched_releasetcb.c nxtask_resume_vfork: the parent stays suspended until the child is released.
  vfork_resumed_at_release: 1,
  // apps a71c329cfb0d: ostest's phase order and tests of 2026 (src/apps/ostest/main.ts).
  apps_2026: 1,
  // fs/mount/fs_mount.c (2026): the file system binds before the mount point's inode is reserved.
  mount_binds_first: 1,
  // binfmt/binfmt_exec.c: the binary_s is on the heap only with CONFIG_BINFMT_LOADABLE.
  binary_on_heap: 0,
  // fs/driver/fs_blockproxy.c: the temporary device's name is built in a stack buffer.
  bch_name_strdup: 0,
  // drivers/bch/bchlib_cache.c bchlib_readsector allocates the sector buffer when a sector is first read.
  bch_buffer_at_setup: 0,
  // 23733e76424: clock_inittime(NULL) without an RTC too: CLOCK_REALTIME counts from CONFIG_START_YEAR/MONTH/DAY.
  realtime_from_start_date: 1,
};

/** Kconfig defaults both boards' nsh configurations keep, and sched/signal/sig_initialize.c's NUM_PENDING_ACTIONS / NUM_SIGNALS_PENDING. */
export const KCONFIG_DEFAULTS = {
  init_priority: 100,
  init_stacksize: 2048,
  default_task_stacksize: 2048,
  pthread_stack_default: 2048,
  num_pending_actions: 4,
  num_signals_pending: 4,
  sig_prealloc_irq_actions: 8,
  prealloc_mq_msgs: 8,
  prealloc_mq_irq_msgs: 8,
  mq_maxmsgsize: 32,
  stdio_buffer_size: 64,
  name_max: 32,
  hello_priority: 100,
  hello_stacksize: 2048,
  /** The console's line buffer: CONFIG_NSH_LINELEN (2024), CONFIG_LINE_MAX (2026). */
  nsh_linelen: 80,
  nsh_maxarguments: 7,
};

const KCONFIG_RV_VIRT = {
  ...KCONFIG_DEFAULTS,
  usec_per_tick: 1000,
  /** STACK_ALIGNMENT of riscv (arch/risc-v/src/common/riscv_internal.h). */
  stack_alignment: 16,
  idlethread_stacksize: 2048,
  /** CONFIG_STACK_COLORATION: ps shows each stack's high-water mark. */
  stack_coloration: 1,
  rr_interval_ticks: 200, // CONFIG_RR_INTERVAL 200 ms, CONFIG_USEC_PER_TICK 1000
  prealloc_timers: 8,
  nfile_descriptors_per_block: 6,
  nsh_fileiosize: 512,
  getprime_priority: 50,
  getprime_stacksize: 2048,
  getprime_thread_priority: 10,
  ostest_priority: 100,
  ostest_stacksize: 2048,
  ostest_stacksize_threads: 8192,
  ostest_fpuloops: 16,
  ostest_fpumsdelay: 750,
  ostest_fpupriority: 100,
  ostest_fpustacksize: 2048,
  ostest_nbarrier_threads: 8,
  ostest_rr_range: 10000,
  ostest_rr_runs: 10,
  /** CONFIG_START_YEAR/MONTH/DAY (u.config, up.config). */
  start_year: 2021,
  start_month: 12,
  start_day: 1,
  /**
   * The CPU's speed, for CPU-bound programs: the unpatched transcript's
   * "getprime took 284 msec" for 4 threads x 10 runs x 2,907,639 trial divisions.
   */
  cpu_ns_per_division: 2.44,
  /** ostest's phases: CONFIG_ARCH_FPU; no work queues, setjmp.h or events (testing/ostest/ostest_main.c). */
  arch_fpu: 1,
  sched_workqueue: 0,
  arch_setjmp_h: 0,
  sched_events: 0,
  /** What rv-virt:nsh leaves off that sim:nsh has (src/boards/sim.ts). */
  arch_sim: 0,
  stacksize_adjustment: 0,
  dev_loop: 0,
  rtc_driver: 0,
  pseudofs_softlinks: 0,
  pseudofs_attributes: 0,
  fs_fat: 0,
  pipes: 0,
  sched_hpwork: 0,
  sim_loop_wq: 0,
  etc_romfs: 0,
  sched_have_parent: 0,
  nsh_file_apps: 0,
  nsh_console_login: 0,
};

/** rv-virt:nsh's builtin apps (apps/builtin/builtin_list.h of the build, in name order; NSH registers itself as nsh and sh). */
const RV_VIRT_BUILTINS = ["getprime", "hello", "nsh", "ostest", "sh"];
/** 2026 adds dd (CONFIG_SYSTEM_DD, up.config). */
const RV_VIRT_BUILTINS_2026 = ["dd", ...RV_VIRT_BUILTINS];

/** What rv-virt:nsh's effective .config changes in 2026 (fixtures/nuttx/measured/up.config). */
const KCONFIG_RV_VIRT_2026 = {
  /** CONFIG_BINFMT_LOADABLE (with CONFIG_ELF): exec_internal's binary_s is on the heap. */
  binary_on_heap: 1,
  board_initthread_priority: 240,
  board_initthread_stacksize: 2048,
  path_max: 256,
  ostest_rr_range: 30000,
  /** The measured upstream transcript's "getprime took 574 msec" for the same work (up-session.txt). */
  cpu_ns_per_division: 4.93,
  /** CONFIG_TEST_LOOP_SCALE: spinlock.c's loops are 100000 times this. */
  test_loop_scale: 100,
  /** A lock and unlock in spinlock.c: its measured "Average throughput : 8104491 op/s" (up-session.txt). */
  cpu_ns_per_lock_op: 123.4,
};

const GENERATION_2026: Record<Tree, boolean> = { unpatched: false, backport: false, patched: false, upstream: true };

/** The code switches of a tree's kernel and apps; the same on every board. */
export function treeCode(tree: Tree): typeof CODE_2024 {
  return GENERATION_2026[tree] ? CODE_2026 : CODE_2024;
}

/** The struct sizes, code switches and Kconfig values of one rv-virt tree. */
function rvVirtFacts(tree: Tree): Record<string, number> {
  if (!GENERATION_2026[tree]) return { ...RV32_2024, ...treeCode(tree), ...KCONFIG_RV_VIRT };
  return { ...RV32_2026, ...treeCode(tree), ...KCONFIG_RV_VIRT, ...KCONFIG_RV_VIRT_2026 };
}

/**
 * /proc/cpuinfo of rv-virt:nsh (arch/risc-v/src/common/riscv_cpuinfo.c): one
 * hart; CONFIG_ARCH_FAMILY "rv32", then i and the extensions the .config sets
 * (ARCH_RV_ISA_M, _A, ARCH_FPU, ARCH_DPFPU, ARCH_RV_ISA_C); no MMU.
 */
const RV_VIRT_CPUINFO = "processor\t: 0\nhart\t\t: 0\nisa\t\t: rv32imafdc\nmmu\t\t: none\n";

/** Lists of names as BoardConfig.texts holds them, one name per line. */
export const nameLists = (names: Record<string, string[]>) => Object.fromEntries(Object.entries(names).map(([key, list]) => [key, list.join("\n")]));

function rvVirt(tree: Tree, fixes: Fix[], image: Image): BoardConfig {
  const heap = heapProfile("rv-virt", tree);
  const values: Record<string, number> = { ...rvVirtFacts(tree), ...treeValues("rv-virt", tree, fixes) };
  const start = rvVirtHeapStart(tree, fixes, image);
  const builtins = GENERATION_2026[tree] ? RV_VIRT_BUILTINS_2026 : RV_VIRT_BUILTINS;
  const texts = { path_initial: "/system/bin", proc_cpuinfo: RV_VIRT_CPUINFO, ...nameLists({ builtins, ...(GENERATION_2026[tree] ? PROCFS_2026 : PROCFS_2024) }) };
  return { board: "rv-virt", tree, fixes, banner: "ABC", heap, heapStart: start, heapSize: RV_VIRT_RAM_END - start, values, texts, builtins };
}

/** What the heap profile, the fixes and the tree's date decide, on any board. */
export function treeValues(board: Board, tree: Tree, fixes: Fix[]): Record<string, number> {
  const heap = heapProfile(board, tree);
  const has = (fix: Fix) => fixes.includes(fix);
  return {
    sizeof_mm_heap: heap.heapStruct,
    mm_align: heap.align,
    curused_fixed: heap.curusedFixed ? 1 : 0,
    drain_on_walk: heap.drainOnWalk ? 1 : 0,
    // 56a7bd7972e: CONFIG_PID_INITIAL_COUNT (16); before it, 4 entries.
    pid_initial_count: has("12427") ? 16 : 4,
    // 2827703b0c5: CONFIG_SIG_PREALLOC_ACTIONS 4, CONFIG_SIG_ALLOC_ACTIONS 1; before, blocks of 4 from the heap.
    sig_prealloc_actions: has("12406") ? 4 : 0,
    sig_alloc_actions: has("12406") ? 1 : 4,
    mq_reclaim_failed_send: has("12402") ? 1 : 0,
    // 58ad8962816 and 81c140a9533 (2024-06-04) moved the pools to .bss.
    signal_pool_on_heap: tree === "unpatched" || tree === "backport" ? 1 : 0,
    mqueue_pool_on_heap: tree === "unpatched" || tree === "backport" ? 1 : 0,
  };
}

export function boardConfig(board: Board, tree: Tree, extraFixes: Fix[] = [], image: Image = "plain"): BoardConfig {
  const fixes = [...new Set([...TREE_FIXES[tree], ...extraFixes])].sort() as Fix[];
  if (board === "rv-virt") return rvVirt(tree, fixes, image);
  return sim(tree, fixes);
}
