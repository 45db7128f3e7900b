// NSH (apps/system/nsh/nsh_main.c, apps/nshlib/): initialise the board,
// open the console session, then read, parse and run one line at a time.
import type { Program, ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { runCommand } from "./commands";
import { parseLine } from "./parse";
import { initScripts, login } from "./init";

export const PROMPT = "nsh> ";

/** What the host types at the prompt, one line per console read. */
export interface Terminal {
  nextLine(): string | null;
  /** The command line has been read; its command starts now. */
  commandStarted(line: string): void;
}

export function nsh(terminal: Terminal): ProgramMain {
  return function* (sys: Sys): Program {
    const values = sys.kernel.config.values;
    const read = (s: Sys) => readLine(s, terminal);
    if (values.nsh_archinit) yield* sys.boardInit(); // nsh_initialize -> boardctl(BOARDIOC_INIT): procfs at /proc (rv-virt), sim_bringup (sim)
    if (values.etc_romfs) yield* initScripts(sys, execute);
    yield* sys.zalloc(values.sizeof_console_stdio, "console", "nsh_newconsole"); // nsh_consolemain
    if (values.nsh_console_login && !(yield* login(sys, read))) return 1;
    sys.print("\nNuttShell (NSH)\n");
    const motd = sys.kernel.config.texts.nsh_motd_string;
    if (motd !== undefined) sys.print(`${motd}\n`);
    let status = 0;
    for (;;) {
      sys.print(PROMPT);
      const line = yield* readLine(sys, terminal);
      sys.print(`${line}\n`);
      terminal.commandStarted(line);
      status = yield* execute(sys, line, status);
    }
  };
}

function* readLine(sys: Sys, terminal: Terminal): Call<string> {
  for (;;) {
    const line = terminal.nextLine();
    if (line !== null) return line;
    yield* sys.consoleRead();
  }
}

/**
 * nsh_parse_command: a redirection's file becomes a full path (a strdup,
 * nsh_getfullpath); after the command it is freed, then the expansions
 * (NSH_MEMLIST_FREE).
 */
function* execute(sys: Sys, line: string, lastStatus: number): Call {
  const command = yield* parseLine(sys, line, lastStatus);
  if (command.error) {
    sys.print(command.error);
    return 1;
  }
  if (command.argv.length === 0) return lastStatus;
  const redirect = command.redirect;
  const fullPath = redirect ? yield* sys.malloc(redirect.path.length + 1, "user", "nsh_getfullpath") : 0;
  const status = yield* runCommand(sys, command.argv, redirect);
  if (fullPath) yield* sys.free(fullPath);
  for (const block of command.allocations) yield* sys.free(block);
  return status;
}
