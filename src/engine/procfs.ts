// The text of procfs's files, as the model can give it (fs/procfs/
// fs_procfsproc.c, fs_procfsuptime.c, fs/mount/fs_procfs_mount.c,
// mm/mempool/mempool_procfs.c). What the model does not know (a stack's
// high-water mark, the build's date, a symbol's address) it says so.
import type { Sys, TaskStatus } from "./sys";

const alignUp = (n: number, to: number) => Math.ceil(n / to) * to;
const hex32 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
const field = (name: string, value: string | number) => `${`${name}:`.padEnd(12)}${value}\n`;

/**
 * A task's stack as /proc/<pid>/stack reports it. up_create_stack aligns the
 * top down (riscv_createstack.c, sim_createstack.c); up_stack_frame then takes
 * the TLS block (tls_init_info) and, for a task, its argv[] and strings
 * (sched/task/task_setup.c nxtask_setup_stackargs), each rounded up to the
 * stack alignment. Idle's stack is static.
 */
export function stackOf(sys: Sys, task: TaskStatus): { alloc: number; base: number; size: number } {
  const values = sys.kernel.config.values;
  const align = values.stack_alignment;
  const tls = alignUp(values.sizeof_tls_info, align);
  if (task.stackAddress === 0) return { alloc: 0, base: tls, size: values.idlethread_stacksize + values.stacksize_adjustment - tls };
  const top = Math.floor((task.stackAddress + task.stackSize) / align) * align;
  const args = task.type === "pthread" ? 0 : alignUp((task.argv.length + 1) * values.sizeof_pointer + task.argv.reduce((sum, arg) => sum + arg.length + 1, 0), align);
  return { alloc: task.stackAddress, base: task.stackAddress + tls + args, size: top - task.stackAddress - tls - args };
}

function taskFile(sys: Sys, pid: number, file: string): string {
  const task = sys.taskStatus(pid);
  if (!task) return "";
  if (file === "status") {
    const fields: [string, string | number][] = [["Name", task.argv[0].slice(0, 18)], ["Type", task.type], ["Group", task.group], ["State", task.event ? `${task.state},${task.event}` : task.state]];
    fields.push(["Flags", "-"], ["Priority", task.priority], ["Scheduler", `SCHED_${task.policy}`], ["SigMask", task.sigmask.toString(16).padStart(16, "0")]);
    return fields.map(([name, value]) => field(name, value)).join("");
  }
  if (file === "cmdline") return `${task.argv.join(" ")}\n`;
  if (file === "stack") {
    const stack = stackOf(sys, task);
    return `${field("StackAlloc", hex32(stack.alloc))}${field("StackBase", hex32(stack.base))}${field("StackSize", stack.size)}${field("StackUsed", "- (a high-water mark; not modelled)")}`;
  }
  const group = sys.groupStatus(pid);
  if (file === "group/status") return `${field("Main task", group.main)}${field("Parent", group.parent)}${field("Flags", "0x00")}${field("Members", group.members.length)}${field("Member IDs", group.members.join(" "))}`;
  if (file === "group/env") return group.env.map((line) => `${line}\n`).join("");
  return "(the model does not keep the file descriptors' flags and positions that group/fd lists)\n";
}

/** File systems whose statfs reports nothing (procfs, binfs): all zeros. */
const EMPTY_FS = ["procfs", "binfs"];

/**
 * /proc/fs/mount lists the mount points (the kernel's listing); fs/blocks and
 * fs/usage add statfs's figures, which the model has for the empty file
 * systems only.
 */
export function mountsText(relpath: string, listing: string): string {
  if (relpath === "fs/mount") return listing;
  const mounts = [...listing.matchAll(/^ {2}(\S+) type (\S+)$/gm)].map(([, path, type]) => ({ path, type }));
  const rows = mounts.map(({ path, type }) => {
    if (!EMPTY_FS.includes(type)) return `  (${type} at ${path}: its statfs figures are not modelled)\n`;
    return relpath === "fs/blocks" ? `${["0".padStart(6), "0".padStart(10), "0".padStart(10), "0".padStart(11)].join(" ")} ${path}\n` : `  ${type.padEnd(10)}${"0B".padStart(10)}${"0B".padStart(10)}${"0B".padStart(11)} ${path}\n`;
  });
  const title = relpath === "fs/blocks" ? "  Block    Number\n  Size     Blocks       Used   Available Mounted on\n" : "  Filesystem      Size      Used  Available Mounted on\n";
  return title + rows.join("");
}

/** The text a read of /proc/<relpath> gives. */
export function procfsText(sys: Sys, relpath: string): string {
  const [first, ...rest] = relpath.split("/");
  if (/^\d+$/.test(first) || first === "self") return taskFile(sys, first === "self" ? sys.pid : Number(first), rest.join("/"));
  const texts = sys.kernel.config.texts;
  if (first === "uptime") return `${(sys.uptimeSeconds()).toFixed(2).padStart(10)}\n`;
  if (first === "cpuinfo" && texts.proc_cpuinfo) return texts.proc_cpuinfo;
  if (first === "mempool") return `${"total".padStart(24)}${["bsize", "nused", "nfree", "nifree", "nwaiter"].map((h) => h.padStart(9)).join("")}\n`;
  return `(the model does not know /proc/${relpath}: it holds facts of the build, not of the heap)\n`;
}
