// NSH's commands (apps/nshlib/nsh_command.c table) and builtin apps
// (apps/builtin/exec_builtin.c, nsh_builtin.c).
import { formatFree } from "../../heap/format";
import type { ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { getprime } from "../getprime";
import { hello } from "../hello";
import { ostest } from "../ostest/main";
import type { Redirect } from "./parse";
import { cmdLs, cmdMkdir, cmdRm } from "./fscmds";

/** FileKind.Meminfo of assembly/fs/files.ts. */
const FILE_MEMINFO = 4;

interface BuiltinApp {
  main: ProgramMain;
  priority: string;
  stacksize: string;
}

/** The builtin apps of rv-virt:nsh, with their Kconfig priority and stack size. */
const APPS: Record<string, BuiltinApp> = {
  hello: { main: hello, priority: "hello_priority", stacksize: "hello_stacksize" },
  getprime: { main: getprime, priority: "getprime_priority", stacksize: "getprime_stacksize" },
  ostest: { main: ostest, priority: "ostest_priority", stacksize: "ostest_stacksize" },
};

type NshCommand = (sys: Sys, argv: string[]) => Call;

const COMMANDS: Record<string, NshCommand> = {
  cat: cmdCat,
  echo: cmdEcho,
  free: cmdFree,
  help: cmdHelp,
  ls: cmdLs,
  mkdir: cmdMkdir,
  ps: cmdPs,
  rm: cmdRm,
};

export function* runCommand(sys: Sys, argv: string[], redirect: Redirect | null): Call {
  const name = argv[0];
  if (name in APPS) return yield* runBuiltin(sys, name, APPS[name], argv, redirect);
  if (name in COMMANDS) return yield* withRedirect(sys, redirect, COMMANDS[name](sys, argv));
  sys.print(`nsh: ${name}: command not found\n`);
  return 1;
}

/** nsh_redirect: NSH's own output goes to the file while the command runs. */
function* withRedirect(sys: Sys, redirect: Redirect | null, command: Call): Call {
  if (!redirect) return yield* command;
  const fd = yield* sys.open(redirect.path);
  if (fd < 0) {
    sys.print(`nsh: ${redirect.path}: open failed: ${-fd}\n`);
    return 1;
  }
  const saved = yield* sys.dup(1);
  yield* sys.dup2(fd, 1);
  const status = yield* command;
  yield* sys.dup2(saved, 1);
  yield* sys.close(saved);
  yield* sys.close(fd);
  return status;
}

/**
 * nsh_builtin -> exec_builtin: under sched_lock, a spawn file action for the
 * redirection (lib_zalloc(SIZEOF_OPEN_FILE_ACTION_S(strlen(path)))), the exec
 * attempt, task_spawn; the actions go once the task exists; then wait.
 */
function* runBuiltin(sys: Sys, name: string, app: BuiltinApp, argv: string[], redirect: Redirect | null): Call {
  const values = sys.kernel.config.values;
  yield* sys.schedLock();
  const action = redirect ? yield* sys.zalloc(values.sizeof_spawn_open_file_action + redirect.path.length, "user", "posix_spawn_file_actions_addopen") : 0;
  yield* sys.execAttempt(name);
  const pid = yield* sys.taskCreate(name, values[app.priority], values[app.stacksize], app.main, argv.slice(1), redirect?.path ?? "");
  if (action) yield* sys.free(action);
  const [, status] = yield* sys.waitpid(pid);
  yield* sys.schedUnlock();
  return status === 0 ? 0 : 1;
}

/** nsh_catfile: open the file, then allocate the read buffer; print what it reads. */
function* catFile(sys: Sys, command: string, path: string): Call {
  const fd = yield* sys.open(path);
  if (fd < 0) {
    sys.print(`nsh: ${command}: open failed: ${-fd}\n`);
    return 1;
  }
  const buffer = yield* sys.malloc(sys.kernel.config.values.nsh_fileiosize, "user", "nsh_catfile");
  sys.print(readFile(sys, fd));
  yield* sys.close(fd);
  yield* sys.free(buffer);
  return 0;
}

/** What a read of the whole file gives: /proc/meminfo is made at read time from mallinfo. */
function readFile(sys: Sys, fd: number): string {
  if (sys.fileKind(fd) !== FILE_MEMINFO) return "";
  return formatFree(sys.kernel.config.heap.freeFormat, [{ name: "Umem", info: sys.mallinfo() }]);
}

/** free: cmd_free is nsh_catfile("/proc/meminfo"). */
function* cmdFree(sys: Sys): Call {
  return yield* catFile(sys, "free", "/proc/meminfo");
}

function* cmdCat(sys: Sys, argv: string[]): Call {
  if (argv.length < 2) {
    sys.print("nsh: cat: missing required argument(s)\n");
    return 1;
  }
  let status = 0;
  for (const path of argv.slice(1)) status |= yield* catFile(sys, "cat", path);
  return status;
}

/** ps: the task list (the procfs reads it would make are not modelled). */
function* cmdPs(sys: Sys): Call {
  sys.print("  PID PRI POLICY   TYPE    NPX STATE    EVENT     SIGMASK   COMMAND\n");
  for (const task of sys.tasks()) sys.print(`${String(task.pid).padStart(5)} ${String(task.priority).padStart(3)} ${task.policy.padEnd(8)} ${task.type.padEnd(7)} --- ${task.state.padEnd(8)} ${"".padEnd(9)} 00000000 ${task.name}\n`);
  return 0;
}

function* cmdHelp(sys: Sys): Call {
  sys.print("help usage:  help [-v] [<cmd>]\n\n");
  sys.print(`  ${Object.keys(COMMANDS).sort().join("  ")}\n\nBuiltin Apps:\n  ${Object.keys(APPS).sort().join("  ")}\n`);
  return 0;
}

/** echo: each argument, a space between, then the newline, each as its own write (nsh_output). */
function* cmdEcho(sys: Sys, argv: string[]): Call {
  const args = argv.slice(1);
  args.forEach((arg, i) => {
    sys.print(arg);
    if (i < args.length - 1) sys.print(" ");
  });
  sys.print("\n");
  return 0;
}
