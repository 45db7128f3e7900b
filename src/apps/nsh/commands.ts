// NSH's commands (apps/nshlib/nsh_command.c table) and builtin apps
// (apps/builtin/exec_builtin.c, nsh_builtin.c).
import { formatFree } from "../../heap/format";
import type { ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { getprime } from "../getprime";
import { hello } from "../hello";
import { ostest } from "../ostest/main";
import type { Redirect } from "./parse";

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
  free: cmdFree,
  echo: cmdEcho,
};

export function* runCommand(sys: Sys, argv: string[], redirect: Redirect | null): Call {
  const name = argv[0];
  if (name in COMMANDS) return yield* COMMANDS[name](sys, argv);
  if (name in APPS) return yield* runBuiltin(sys, name, APPS[name], argv);
  sys.print(`nsh: ${name}: command not found\n`);
  return 1;
}

/** nsh_builtin: under sched_lock, try exec, then task_spawn; wait for it in the foreground. */
function* runBuiltin(sys: Sys, name: string, app: BuiltinApp, argv: string[]): Call {
  const values = sys.kernel.config.values;
  yield* sys.schedLock();
  yield* sys.execAttempt(name);
  const pid = yield* sys.taskCreate(name, values[app.priority], values[app.stacksize], app.main, argv.slice(1));
  const [, status] = yield* sys.waitpid(pid);
  yield* sys.schedUnlock();
  return status === 0 ? 0 : 1;
}

/** free: nsh_catfile("/proc/meminfo"), which opens the file and then allocates its buffer. */
function* cmdFree(sys: Sys): Call {
  const fd = yield* sys.open("/proc/meminfo");
  const buffer = yield* sys.malloc(sys.kernel.config.values.nsh_fileiosize, "user", "nsh_catfile");
  sys.print(formatFree(sys.kernel.config.heap.freeFormat, [{ name: "Umem", info: sys.kernel.heap.mallinfo() }]));
  yield* sys.close(fd);
  yield* sys.free(buffer);
  return 0;
}

function* cmdEcho(sys: Sys, argv: string[]): Call {
  sys.print(`${argv.slice(1).join(" ")}\n`);
  return 0;
}
