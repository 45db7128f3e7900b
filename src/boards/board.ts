// A board and a kernel tree: everything the model needs to know about one
// NuttX build. Struct sizes come from the images' debug info (groundtruth
// README) or are counted field by field for RV32 ilp32 (noted where so);
// Kconfig values come from the boards' defconfigs and Kconfig defaults.
import { heapProfile, type Board, type HeapProfile, type Tree } from "../heap/profiles";
import { FIXES, type Fix } from "./fixes";

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
 * signal and message pools moved to .bss). Upstream is not modelled yet.
 */
const RV_VIRT_HEAP_START: Record<Tree, number> = {
  unpatched: 0x8002bca0,
  backport: 0x8002bd60,
  patched: 0x8002c480,
  upstream: 0x8002bd60,
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
};

const KCONFIG_RV_VIRT = {
  usec_per_tick: 1000,
  /** STACK_ALIGNMENT of riscv (arch/risc-v/src/common/riscv_internal.h). */
  stack_alignment: 16,
  rr_interval_ticks: 200, // CONFIG_RR_INTERVAL 200 ms, CONFIG_USEC_PER_TICK 1000
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
  prealloc_timers: 8,
  nfile_descriptors_per_block: 6,
  stdio_buffer_size: 64,
  nsh_fileiosize: 512,
  name_max: 32,
  hello_priority: 100,
  hello_stacksize: 2048,
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
  /**
   * The CPU's speed, for CPU-bound programs: the unpatched transcript's
   * "getprime took 284 msec" for 4 threads x 10 runs x 2,907,639 trial divisions.
   */
  cpu_ns_per_division: 2.44,
};

function rvVirt(tree: Tree, fixes: Fix[], image: Image): BoardConfig {
  const heap = heapProfile("rv-virt", tree);
  const has = (fix: Fix) => fixes.includes(fix);
  const values: Record<string, number> = {
    ...RV32_2024,
    ...KCONFIG_RV_VIRT,
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
  const start = RV_VIRT_HEAP_START[tree] + (image === "trace" ? TRACE_BUILD_EXTRA : 0);
  return { board: "rv-virt", tree, fixes, banner: "ABC", heap, heapStart: start, heapSize: RV_VIRT_RAM_END - start, values };
}

export function boardConfig(board: Board, tree: Tree, extraFixes: Fix[] = [], image: Image = "plain"): BoardConfig {
  const fixes = [...new Set([...TREE_FIXES[tree], ...extraFixes])].sort() as Fix[];
  if (board === "rv-virt") return rvVirt(tree, fixes, image);
  throw new Error(`board ${board} is not modelled yet`);
}
