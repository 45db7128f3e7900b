// NSH's file-system commands (apps/nshlib/nsh_fscmds.c, nsh_fsutils.c).
// Each takes nsh_getfullpath (a strdup of an absolute path), walks
// directories with opendir (a heap DIR, then the kernel's directory state).
import type { Call, Sys } from "../../engine/sys";

const ENOENT = 2;
const EEXIST = 17;

/** nsh_getfullpath: a heap copy of the absolute path; [path, its block]. */
export function* fullPath(sys: Sys, path: string): Call<[string, number]> {
  const absolute = path.startsWith("/") ? path : `${sys.getenv("PWD") ?? "/"}/${path}`.replace(/\/+/g, "/");
  const block = yield* sys.malloc(absolute.length + 1, "user", "nsh_getfullpath");
  return [absolute, block];
}

/** opendir: lib_malloc(sizeof(DIR)) first, then open(O_DIRECTORY). [fd, DIR block] or null. */
function* openDir(sys: Sys, path: string): Call<[number, number] | null> {
  const dir = yield* sys.malloc(sys.kernel.config.values.sizeof_dir, "user", "opendir");
  const fd = yield* sys.openDir(path);
  if (fd >= 0) return [fd, dir];
  yield* sys.free(dir);
  return null;
}

/** closedir: close the descriptor, then free the DIR. */
function* closeDir(sys: Sys, [fd, dir]: [number, number]): Call<void> {
  yield* sys.close(fd);
  yield* sys.free(dir);
}

/** nsh_foreach_direntry: open, visit every entry, close. */
export function* forEachEntry(sys: Sys, path: string, visit: (name: string) => Call<void>): Call<void> {
  const dir = yield* openDir(sys, path);
  if (!dir) return;
  for (const name of sys.readDir(dir[0])) yield* visit(name);
  yield* closeDir(sys, dir);
}

/** nsh_getdirpath's heap copy: strdup (2024), or lib_realpath(path, NULL), a PATH_MAX buffer (2026). */
function dirPathSize(sys: Sys, path: string): number {
  const values = sys.kernel.config.values;
  return values.nsh_dirpath_realpath ? values.path_max : path.length + 1;
}

/** nsh_getdirpath: "dir/name" ("/name" in the root) on the heap; [path, its block]. */
function* dirPath(sys: Sys, dir: string, name: string): Call<[string, number]> {
  const path = `${dir === "/" ? "" : dir}/${name}`;
  return [path, yield* sys.malloc(dirPathSize(sys, path), "user", "nsh_getdirpath")];
}

/** st_mode's file type (include/sys/stat.h) and the letter ls -l shows for it. */
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const TYPE_LETTERS: Record<number, string> = { 0o020000: "c", 0o040000: "d", 0o050000: "m", 0o060000: "b", 0o100000: "-" };

export const isDirectory = (mode: number) => mode >= 0 && (mode & S_IFMT) === S_IFDIR;

/** ls_handler's details: the type letter, then rwx for owner, group and others. */
function modeString(mode: number): string {
  const rwx = [0o400, 0o200, 0o100, 0o040, 0o020, 0o010, 0o004, 0o002, 0o001].map((bit, i) => (mode & bit ? "rwx"[i % 3] : "-"));
  return (TYPE_LETTERS[mode & S_IFMT] ?? "?") + rwx.join("");
}

interface LsFlags {
  /** -l: mode and size; -s: size. Either makes ls_handler stat each entry. */
  long: boolean;
  size: boolean;
  recursive: boolean;
}

/** ls_handler: with -l or -s, stat the entry through a heap copy of its path; then print its line. */
function* listEntry(sys: Sys, flags: LsFlags, dir: string, name: string): Call<void> {
  let details = "";
  if (flags.long || flags.size) {
    const [path, block] = yield* dirPath(sys, dir, name.replace(/\/$/, ""));
    const mode = sys.stat(path);
    if (flags.long) details += ` ${modeString(mode)}`;
    details += String(sys.statSize(path)).padStart(12);
    yield* sys.free(block);
  }
  sys.print(`${details} ${name}\n`);
}

/** ls_recursive: each directory below, by its heap path: its entries, then its own directories. */
function* listBelow(sys: Sys, flags: LsFlags, path: string): Call<void> {
  yield* forEachEntry(sys, path, function* (name) {
    if (!name.endsWith("/")) return;
    const [child, block] = yield* dirPath(sys, path, name.slice(0, -1));
    sys.print(`${child}:\n`);
    yield* forEachEntry(sys, child, (entry) => listEntry(sys, flags, child, entry));
    yield* listBelow(sys, flags, child);
    yield* sys.free(block);
  });
}

/** getopt(argc, argv, "lRsh"): the flags, the operand, or what NSH says is wrong. */
function lsOptions(argv: string[]): { flags: LsFlags; operand: string | undefined } | string {
  const flags: LsFlags = { long: false, size: false, recursive: false };
  let i = 1;
  for (; i < argv.length && /^-./.test(argv[i]); i++) {
    for (const letter of argv[i].slice(1)) {
      if (!"lRsh".includes(letter)) return "argument invalid";
      if (letter === "l") flags.long = flags.size = true;
      if (letter === "s") flags.size = true;
      if (letter === "R") flags.recursive = true;
    }
  }
  if (argv.length - i > 1) return "too many arguments";
  return { flags, operand: argv[i] };
}

/** ls [-lRsh] [PATH] (cmd_ls): the directory's entries (and with -R every directory below), or the one file. */
export function* cmdLs(sys: Sys, argv: string[]): Call {
  const parsed = lsOptions(argv);
  if (typeof parsed === "string") {
    sys.print(`nsh: ls: ${parsed}\n`);
    return 1;
  }
  const [path, block] = yield* fullPath(sys, parsed.operand ?? ".");
  const mode = sys.stat(path);
  let status = 0;
  if (mode < 0) {
    sys.print(`nsh: ls: stat failed: ${ENOENT}\n`);
    status = 1;
  } else if (isDirectory(mode)) {
    sys.print(`${path}:\n`);
    yield* forEachEntry(sys, path, (name) => listEntry(sys, parsed.flags, path, name));
    if (parsed.flags.recursive) yield* listBelow(sys, parsed.flags, path);
  } else {
    const details = parsed.flags.long ? ` ${modeString(mode)}` : "";
    sys.print(`${details}${parsed.flags.size ? String(sys.statSize(path)).padStart(12) : ""} ${path}\n`);
  }
  yield* sys.free(block);
  return status;
}

/** unlink_recursive: each child first (built in a stack buffer), then the directory itself. */
function* removeRecursive(sys: Sys, path: string): Call {
  if (!isDirectory(sys.stat(path))) return yield* sys.unlink(path);
  const dir = yield* openDir(sys, path);
  if (dir) {
    for (const name of sys.readDir(dir[0])) yield* removeRecursive(sys, `${path}/${name.replace(/\/$/, "")}`);
    yield* closeDir(sys, dir);
  }
  return yield* sys.rmdir(path);
}

/** rm [-r] PATH. */
export function* cmdRm(sys: Sys, argv: string[]): Call {
  const recursive = argv.includes("-r");
  const target = argv.filter((a) => !a.startsWith("-"))[1];
  if (!target) {
    sys.print("nsh: rm: missing required argument(s)\n");
    return 1;
  }
  const [path, block] = yield* fullPath(sys, target);
  const status = recursive ? yield* removeRecursive(sys, path) : yield* sys.unlink(path);
  if (status < 0) sys.print(`nsh: rm: ${recursive ? "rmdir" : "unlink"} failed: ${-status}\n`);
  yield* sys.free(block);
  return status < 0 ? 1 : 0;
}

/**
 * mkdir [-p] PATH (cmd_mkdir): mkdir(path, 0777); with -p, each prefix first,
 * EEXIST allowed. A failure is reported under the path's name.
 */
export function* cmdMkdir(sys: Sys, argv: string[]): Call {
  const parents = argv.includes("-p");
  const target = argv.slice(1).find((a) => a !== "-p");
  if (!target) return 1;
  const [path, block] = yield* fullPath(sys, target);
  const steps = parents ? path.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/")) : [path];
  let status = 0;
  for (const step of steps) {
    status = yield* sys.mkdir(step);
    if (status < 0 && (status !== -EEXIST || !parents)) {
      sys.print(`nsh: ${step}: mkdir failed: ${-status}\n`);
      break;
    }
  }
  yield* sys.free(block);
  return status < 0 ? 1 : 0;
}
