// NSH's commands (apps/nshlib/nsh_command.c table) and builtin apps
// (apps/builtin/exec_builtin.c, nsh_builtin.c).
import { formatFree } from "../../heap/format";
import type { ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { getprime } from "../getprime";
import { hello } from "../hello";
import { ostest } from "../ostest/main";
import type { Redirect } from "./parse";
import { cmdLs, cmdMkdir, cmdRm, fullPath } from "./fscmds";
import { cmdMkfatfs, cmdMkrd, cmdMount } from "./mntcmds";
import { cmdPs } from "./proccmds";
import { mountsText, procfsText } from "../../engine/procfs";
import { commandTable, helpText } from "./cmdtable";

/** FileKind.Meminfo, ProcMounts and Procfs of assembly/fs/files.ts. */
const FILE_MEMINFO = 4;
const FILE_PROC_MOUNTS = 10;
const FILE_PROCFS = 11;

interface BuiltinApp {
  main: ProgramMain;
  priority: string;
  stacksize: string;
}

/** The builtin apps the model has programs for, with their Kconfig priority and stack size. */
const APPS: Record<string, BuiltinApp> = {
  hello: { main: hello, priority: "hello_priority", stacksize: "hello_stacksize" },
  getprime: { main: getprime, priority: "getprime_priority", stacksize: "getprime_stacksize" },
  ostest: { main: ostest, priority: "ostest_priority", stacksize: "ostest_stacksize" },
};

interface NshCommand {
  run: (sys: Sys, argv: string[]) => Call;
  /** g_cmdmap's argument counts, the command included; "max" is CONFIG_NSH_MAXARGUMENTS. */
  minargs: number;
  maxargs: number | "max";
}

const COMMANDS: Record<string, NshCommand> = {
  cat: { run: cmdCat, minargs: 2, maxargs: "max" },
  echo: { run: cmdEcho, minargs: 1, maxargs: "max" },
  free: { run: cmdFree, minargs: 1, maxargs: 1 },
  help: { run: cmdHelp, minargs: 1, maxargs: 3 },
  ls: { run: cmdLs, minargs: 1, maxargs: 5 },
  mkdir: { run: cmdMkdir, minargs: 2, maxargs: 3 },
  mkfatfs: { run: cmdMkfatfs, minargs: 2, maxargs: 6 },
  mkrd: { run: cmdMkrd, minargs: 2, maxargs: 6 },
  mount: { run: cmdMount, minargs: 1, maxargs: 7 },
  ps: { run: cmdPs, minargs: 1, maxargs: 1 },
  rm: { run: cmdRm, minargs: 2, maxargs: 3 },
};

/** nsh_command: the argument count is checked against the table before the command runs. */
function* runTableCommand(sys: Sys, argv: string[], redirect: Redirect | null): Call {
  const command = COMMANDS[argv[0]];
  const maxargs = command.maxargs === "max" ? sys.kernel.config.values.nsh_maxarguments : command.maxargs;
  const wrong = argv.length < command.minargs ? "missing required argument(s)" : argv.length > maxargs ? "too many arguments" : null;
  if (wrong) {
    sys.print(`nsh: ${argv[0]}: ${wrong}\n`);
    return 1;
  }
  return yield* withRedirect(sys, argv[0], redirect, command.run(sys, argv));
}

/**
 * nsh_execute: a builtin app (nsh_builtin), else with CONFIG_NSH_FILE_APPS a
 * program found in PATH (nsh_fileapp), else NSH's own command table.
 */
export function* runCommand(sys: Sys, argv: string[], redirect: Redirect | null): Call {
  const name = argv[0];
  const config = sys.kernel.config;
  if (config.builtins.includes(name)) {
    if (name in APPS && (config.programs ?? config.builtins).includes(name)) return yield* runBuiltin(sys, name, APPS[name], argv, redirect);
    sys.print(`nsh: ${name}: this builtin app is not modelled on ${config.board}/${config.tree}\n`);
    return 1;
  }
  if (config.values.nsh_file_apps && (yield* fileAppAttempt(sys, name, redirect)) >= 0) return 0;
  if (name in COMMANDS) return yield* runTableCommand(sys, argv, redirect);
  sys.print(commandTable(sys).includes(name) ? `nsh: ${name}: this command is not modelled\n` : `nsh: ${name}: command not found\n`);
  return 1;
}

/** posix_spawn_file_actions_addopen: lib_zalloc(SIZEOF_OPEN_FILE_ACTION_S(strlen(path))). */
function* openAction(sys: Sys, redirect: Redirect | null): Call {
  if (!redirect) return 0;
  return yield* sys.zalloc(sys.kernel.config.values.sizeof_spawn_open_file_action + redirect.path.length, "user", "posix_spawn_file_actions_addopen");
}

/**
 * nsh_fileapp: posix_spawnp(name) with the redirection as a file action, freed
 * after. The builtins were handled before, so PATH holds no program the model
 * could run: the search fails (-ENOENT) and NSH goes on to its own commands.
 */
function* fileAppAttempt(sys: Sys, name: string, redirect: Redirect | null): Call {
  const action = yield* openAction(sys, redirect);
  const pid = yield* sys.spawnProgram(name, 0, 0, unknownProgram(name));
  if (action) yield* sys.free(action);
  return pid;
}

function unknownProgram(name: string): ProgramMain {
  return function* (sys: Sys) {
    sys.printErr(`nsh: ${name}: the model has no program for this file\n`);
    return 1;
  };
}

/** nsh_redirect: NSH's own output goes to the file while the command runs. */
function* withRedirect(sys: Sys, name: string, redirect: Redirect | null, command: Call): Call {
  if (!redirect) return yield* command;
  const fd = yield* sys.open(redirect.path);
  if (fd < 0) {
    sys.print(`nsh: ${name}: open failed: ${-fd}\n`);
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
 * redirection, posix_spawn of the app's name (binfs has it on the sim; on
 * rv-virt the search fails), else task_spawn; the actions go once the task
 * exists; then wait.
 */
function* runBuiltin(sys: Sys, name: string, app: BuiltinApp, argv: string[], redirect: Redirect | null): Call {
  const values = sys.kernel.config.values;
  const [priority, stacksize] = [values[app.priority], values[app.stacksize]];
  yield* sys.schedLock();
  const action = yield* openAction(sys, redirect);
  const spawned = yield* sys.spawnProgram(name, priority, stacksize, app.main, argv.slice(1), redirect?.path ?? "");
  const pid = spawned >= 0 ? spawned : yield* sys.taskCreate(name, priority, stacksize, app.main, argv.slice(1), redirect?.path ?? "");
  if (action) yield* sys.free(action);
  const [, status] = yield* sys.waitpid(pid);
  yield* sys.schedUnlock();
  return status === 0 ? 0 : 1;
}

/** nsh_catfile: open the file, then allocate the read buffer; print what it reads. */
export function* catFile(sys: Sys, command: string, path: string): Call {
  const fd = yield* sys.open(path);
  if (fd < 0) {
    sys.print(`nsh: ${command}: open failed: ${-fd}\n`);
    return 1;
  }
  const buffer = yield* sys.malloc(sys.kernel.config.values.nsh_fileiosize, "user", "nsh_catfile");
  sys.print(yield* readFile(sys, fd));
  yield* sys.close(fd);
  yield* sys.free(buffer);
  return 0;
}

/**
 * What reads until end of file give: /proc/meminfo is made at read time from
 * mallinfo; /proc/fs/mount walks the mount points at each read (the text,
 * then the read that finds the end).
 */
function* readFile(sys: Sys, fd: number): Call<string> {
  const kind = sys.fileKind(fd);
  if (kind === FILE_MEMINFO) return formatFree(sys.kernel.config.heap.freeFormat, [{ name: "Umem", info: sys.mallinfo() }]);
  if (kind === FILE_PROCFS) return procfsText(sys, sys.filePath(fd));
  if (kind !== FILE_PROC_MOUNTS) return "";
  const text = mountsText(sys.filePath(fd), sys.mountListing());
  yield* sys.readMounts();
  yield* sys.readMounts();
  return text;
}

/** free: cmd_free is nsh_catfile("/proc/meminfo"). */
function* cmdFree(sys: Sys): Call {
  return yield* catFile(sys, "free", "/proc/meminfo");
}

/** cat: each file by its full path (nsh_getfullpath), freed after it is shown. */
function* cmdCat(sys: Sys, argv: string[]): Call {
  let status = 0;
  for (const name of argv.slice(1)) {
    const [path, block] = yield* fullPath(sys, name);
    status |= yield* catFile(sys, "cat", path);
    yield* sys.free(block);
  }
  return status;
}

function* cmdHelp(sys: Sys): Call {
  sys.print(helpText(sys));
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
