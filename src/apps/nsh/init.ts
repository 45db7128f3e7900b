// What NSH does before its prompt when the board has a ROMFS /etc and a
// console login (apps/nshlib/nsh_init.c nsh_initialize, nsh_script.c,
// nsh_login.c, nsh_session.c).
import type { Call, Sys } from "../../engine/sys";
import { passwdVerify } from "../fsutils/passwd";

/** Runs one command line, as NSH's parser does; returns its status. */
export type Executor = (sys: Sys, line: string, lastStatus: number) => Call;

/** CONFIG_ETC_ROMFSMOUNTPT: where nsh_script finds the scripts named relative to /etc. */
const ETC = "/etc";

/**
 * nsh_script: the script's full path (nsh_getfullpath's strdup), open, each
 * line run as a command, close, then the path goes.
 */
function* runScript(sys: Sys, relpath: string, execute: Executor): Call {
  const path = `${ETC}/${relpath}`;
  const fullPath = yield* sys.malloc(path.length + 1, "user", "nsh_getfullpath");
  const fd = yield* sys.open(path);
  let status = 0;
  if (fd >= 0) {
    const lines = (sys.kernel.config.etc?.[relpath] ?? "").split("\n").filter((l) => l.trim().length > 0);
    for (const line of lines) status = yield* execute(sys, line, status);
    yield* sys.close(fd);
  }
  yield* sys.free(fullPath);
  return status;
}

/**
 * nsh_initialize with CONFIG_ETC_ROMFS: a console session of its own for
 * the system init script (CONFIG_NSH_SYSINITSCRIPT) and the start-up script
 * (CONFIG_NSH_INITSCRIPT), released after them.
 */
export function* initScripts(sys: Sys, execute: Executor): Call {
  const session = yield* sys.zalloc(sys.kernel.config.values.sizeof_console_stdio, "console", "nsh_newconsole");
  yield* runScript(sys, "init.d/rc.sysinit", execute);
  yield* runScript(sys, "init.d/rcS", execute);
  yield* sys.free(session);
  return 0;
}

/** nsh_login: CONFIG_NSH_LOGIN_FAILCOUNT tries; the password is read without echo. */
const LOGIN_FAILCOUNT = 3;

export function* login(sys: Sys, readLine: (sys: Sys) => Call<string>): Call<boolean> {
  for (let i = 0; i < LOGIN_FAILCOUNT; i++) {
    sys.print("login: ");
    const username = (yield* readLine(sys)).trim();
    sys.print(`${username}\n`);
    if (username === "") {
      i--;
      continue;
    }
    sys.print("password: ");
    const password = (yield* readLine(sys)).trim();
    if (yield* passwdVerify(sys, username, password)) {
      sys.print("\nUser Logged-in!\n");
      return true;
    }
    sys.print("\nInvalid username or password\n");
  }
  sys.print("Login failed!\n");
  return false;
}
