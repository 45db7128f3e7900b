// NSH's ps (apps/nshlib/nsh_proccmds.c): it walks /proc and, for each task
// directory, reads the task's procfs files, each through an asprintf'ed path
// (ps_callback in 2024; ps_readprocfs in 2026, which also reads
// group/status). The heap sees the directory walk, each path and each
// procfs open; the row comes from the task's status and stack (engine/procfs.ts).
import type { Call, Sys, TaskStatus } from "../../engine/sys";
import { forEachEntry } from "./fscmds";
import { stackOf } from "../../engine/procfs";

const PS_FILES_2024 = ["status", "stack", "cmdline"];
const PS_FILES_2026 = ["status", "group/status", "stack", "cmdline"];

/** The stack columns. USED and FILLED are the stack's high-water mark, which the model does not simulate: it shows "-". */
function stackColumns(sys: Sys, task: TaskStatus, digits: number): string {
  const size = String(stackOf(sys, task).size).padStart(digits, "0");
  return sys.kernel.config.values.stack_coloration ? `${size} ${"-".padStart(digits)} ${"-".padStart(6)}  ` : `${size} `;
}

function title(sys: Sys): string {
  const values = sys.kernel.config.values;
  const stack = (width: number) => `${"STACK".padStart(width)} ${values.stack_coloration ? `${"USED".padStart(width)} ${"FILLED".padStart(width === 6 ? 7 : 6)} ` : ""}`;
  const middle = `${"PRI".padStart(3)} ${"POLICY".padEnd(8)} ${"TYPE".padEnd(7)} ${"NPX".padStart(3)} ${"STATE".padEnd(8)} ${"EVENT".padEnd(9)} ${"SIGMASK".padEnd(16)} `;
  if (values.apps_2026) return `${"TID".padStart(5)} ${"PID".padStart(5)} ${"PPID".padStart(5)} ${middle}${stack(7)}COMMAND\n`;
  return `${"PID".padStart(5)} ${"GROUP".padStart(5)} ${middle}${stack(6)}COMMAND\n`;
}

function row(sys: Sys, task: TaskStatus): string {
  const apps2026 = sys.kernel.config.values.apps_2026;
  const ids = apps2026 ? [task.pid, task.group, task.ppid] : [task.pid, task.group];
  const sigmask = task.sigmask.toString(16).padStart(16, "0");
  const middle = `${String(task.priority).padStart(3)} ${task.policy.padEnd(8)} ${task.type.padEnd(7)} ${"-".padStart(3)} ${task.state.padEnd(8)} ${task.event.padEnd(9)} ${sigmask} `;
  return `${ids.map((id) => String(id).padStart(5)).join(" ")} ${middle}${stackColumns(sys, task, apps2026 ? 7 : 6)}${task.argv.join(" ")}\n`;
}

/** nsh_readfile of one procfs file: the asprintf'ed path, open, read, close, then the path freed. */
function* readProcFile(sys: Sys, path: string): Call<void> {
  const block = yield* sys.malloc(path.length + 1, "user", "asprintf");
  const fd = yield* sys.open(path);
  if (fd >= 0) yield* sys.close(fd);
  yield* sys.free(block);
}

/** ps: a row per task directory of /proc (those with all-digit names); 2026 prints them all after the walk. */
export function* cmdPs(sys: Sys): Call {
  const apps2026 = sys.kernel.config.values.apps_2026;
  const rows: string[] = [];
  if (!apps2026) sys.print(title(sys));
  yield* forEachEntry(sys, "/proc", function* (name) {
    if (!/^\d+\/$/.test(name)) return;
    const pid = Number(name.slice(0, -1));
    for (const file of apps2026 ? PS_FILES_2026 : PS_FILES_2024) yield* readProcFile(sys, `/proc/${pid}/${file}`);
    const task = sys.taskStatus(pid);
    if (task && apps2026) rows.push(row(sys, task));
    else if (task) sys.print(row(sys, task));
  });
  if (apps2026) sys.print(title(sys) + rows.join(""));
  return 0;
}
