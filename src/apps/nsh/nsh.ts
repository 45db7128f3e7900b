// NSH (apps/system/nsh/nsh_main.c, apps/nshlib/): initialise the board,
// open the console session, then read, parse and run one line at a time.
import type { Program, ProgramMain } from "../../engine/kernel";
import type { Call, Sys } from "../../engine/sys";
import { runCommand } from "./commands";
import { parseLine } from "./parse";
import { initScripts, login } from "./init";

export const PROMPT = "nsh> ";

/** What the host types at the prompt: one read of up to `buflen` - 1 characters (readline.ts), or null if nothing is typed yet. */
export interface Terminal {
  nextLine(buflen: number): { text: string; ended: boolean } | null;
  /** The command line has been read; its command starts now. */
  commandStarted(line: string): void;
}

export function nsh(terminal: Terminal): ProgramMain {
  return function* (sys: Sys): Program {
    const values = sys.kernel.config.values;
    const read = function* (s: Sys) {
      return (yield* readLine(s, terminal)).text;
    };
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
      // readline echoes what it takes; a line cut at the buffer's end has no newline yet.
      const { text: line, ended } = yield* readLine(sys, terminal);
      sys.print(ended ? `${line}\n` : line);
      terminal.commandStarted(line);
      status = yield* execute(sys, line, status);
    }
  };
}

/** readline into the console's line buffer: CONFIG_NSH_LINELEN (2024), LINE_MAX (2026). */
function* readLine(sys: Sys, terminal: Terminal): Call<{ text: string; ended: boolean }> {
  for (;;) {
    const line = terminal.nextLine(sys.kernel.config.values.nsh_linelen);
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
  const maxArguments = sys.kernel.config.values.nsh_maxarguments;
  // argv[] has MAX_ARGV_ENTRIES (CONFIG_NSH_MAXARGUMENTS + 5) slots, the last for its NULL (nshlib/nsh.h).
  const command = yield* parseLine(sys, line, lastStatus, maxArguments + 4);
  if (command.error) {
    sys.print(command.error);
    return 1;
  }
  if (command.argv.length === 0) return lastStatus;
  if (command.argv.length > maxArguments) sys.print(`nsh: ${command.argv[0]}: too many arguments\n`);
  const redirect = command.redirect;
  const fullPath = redirect ? yield* sys.malloc(redirect.path.length + 1, "user", "nsh_getfullpath") : 0;
  const status = yield* runCommand(sys, command.argv, redirect);
  if (fullPath) yield* sys.free(fullPath);
  for (const block of command.allocations) yield* sys.free(block);
  return status;
}
