// NSH's command table, g_cmdmap (apps/nshlib/nsh_command.c), in its order,
// as the nsh configurations of rv-virt and sim compile it; and help, which
// prints it (help_cmdlist, help_builtins). A board leaves out the commands
// whose Kconfig it lacks.
import type { Sys } from "../../engine/sys";

/** apps 90a745b52078 (2024): the table with sim:nsh's options, the larger of the two boards'. */
const CMDMAP_2024 = [
  ".", "[", "?", "alias", "unalias", "basename", "break", "cat", "cd", "cp", "cmp", "dirname", "dd", "df", "dmesg", "echo", "env", "exec", "exit",
  "expr", "false", "fdinfo", "free", "help", "hexdump", "kill", "losetup", "ln", "ls", "mkdir", "mkfatfs", "mkrd", "mount", "mv", "pidof",
  "poweroff", "quit", "printf", "ps", "pwd", "readlink", "rm", "rmdir", "set", "sleep", "source", "test", "time", "true", "truncate", "uname",
  "umount", "unset", "uptime", "usleep", "xd",
];

/** apps a71c329cfb0d (2026): dd became an app; du, pkill, watch and wait came, kill moved. */
const CMDMAP_2026 = [
  ".", "[", "?", "alias", "unalias", "basename", "break", "cat", "cd", "cp", "cmp", "dirname", "date", "df", "dmesg", "echo", "env", "exec",
  "exit", "expr", "false", "fdinfo", "free", "help", "hexdump", "losetup", "ln", "ls", "du", "mkdir", "mkfatfs", "mkfifo", "mkrd", "mount",
  "mv", "pidof", "poweroff", "quit", "printf", "ps", "pwd", "readlink", "rm", "rmdir", "set", "kill", "pkill", "sleep", "usleep", "source",
  "test", "time", "true", "truncate", "uname", "umount", "unset", "uptime", "watch", "xd", "wait",
];

/** The Kconfig each optional command needs (nsh_command.c's #if around its CMD_MAP). */
const NEEDS: Record<string, string> = {
  losetup: "dev_loop",
  ln: "pseudofs_softlinks",
  readlink: "pseudofs_softlinks",
  mkfatfs: "fs_fat",
  date: "rtc_driver",
  mkfifo: "pipes",
};

/** The commands this board's NSH has, in table order. */
export function commandTable(sys: Sys): string[] {
  const values = sys.kernel.config.values;
  return (values.apps_2026 ? CMDMAP_2026 : CMDMAP_2024).filter((name) => !(name in NEEDS) || values[NEEDS[name]]);
}

const HELP_LINELEN = 80;
const HELP_TABSIZE = 4;

/** Names in columns: as wide as the longest name plus a tab, as many as fit in a line, filled top to bottom. */
function columns(names: string[]): string {
  const width = Math.max(...names.map((name) => name.length)) + HELP_TABSIZE;
  const perLine = Math.max(1, Math.floor(HELP_LINELEN / width));
  const rows = Math.ceil(names.length / perLine);
  let text = "";
  for (let row = 0; row < rows; row++) {
    let line = " ".repeat(HELP_TABSIZE);
    for (let j = 0, k = row; j < perLine && k < names.length; j++, k += rows) line += names[k].padEnd(width);
    text += `${line}\n`;
  }
  return text;
}

/** help: its usage line, the command table, then the builtin apps. */
export function helpText(sys: Sys): string {
  return `help usage:  help [-v] [<cmd>]\n\n${columns(commandTable(sys))}\nBuiltin Apps:\n${columns(sys.kernel.config.builtins)}`;
}
