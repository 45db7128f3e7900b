// NSH's file-system commands (apps/nshlib/nsh_fscmds.c, nsh_fsutils.c).
// Each takes nsh_getfullpath (a strdup of an absolute path), walks
// directories with opendir (a heap DIR, then the kernel's directory state).
import type { Call, Sys } from "../../engine/sys";

const ENOENT = 2;

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
function* forEachEntry(sys: Sys, path: string, visit: (name: string) => Call<void>): Call<void> {
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

function* listRecursive(sys: Sys, path: string): Call<void> {
  yield* forEachEntry(sys, path, function* (name) {
    sys.print(` ${name}\n`);
  });
  yield* forEachEntry(sys, path, function* (name) {
    if (!name.endsWith("/")) return;
    const child = `${path === "/" ? "" : path}/${name.slice(0, -1)}`;
    const block = yield* sys.malloc(dirPathSize(sys, child), "user", "nsh_getdirpath");
    sys.print(`${child}:\n`);
    yield* listRecursive(sys, child);
    yield* sys.free(block);
  });
}

/** ls [-R] PATH (ls -l prints the same entries here: the pseudo file system has no sizes to show). */
export function* cmdLs(sys: Sys, argv: string[]): Call {
  const recursive = argv.some((a) => /^-[a-zA-Z]*R/.test(a));
  const target = argv.filter((a) => !a.startsWith("-"))[1] ?? ".";
  const [path, block] = yield* fullPath(sys, target);
  let status = 0;
  if (sys.stat(path) < 0) {
    sys.print(`nsh: ls: stat failed: ${ENOENT}\n`);
    status = 1;
  } else if (sys.stat(path) === 1) {
    sys.print(`${path}:\n`);
    if (recursive) yield* listRecursive(sys, path);
    else yield* forEachEntry(sys, path, function* (name) {
      sys.print(` ${name}\n`);
    });
  } else {
    sys.print(` ${path}\n`);
  }
  yield* sys.free(block);
  return status;
}

/** unlink_recursive: each child first (built in a stack buffer), then the directory itself. */
function* removeRecursive(sys: Sys, path: string): Call {
  if (sys.stat(path) !== 1) return yield* sys.unlink(path);
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

export function* cmdMkdir(sys: Sys, argv: string[]): Call {
  if (!argv[1]) {
    sys.print("nsh: mkdir: missing required argument(s)\n");
    return 1;
  }
  const [path, block] = yield* fullPath(sys, argv[1]);
  const status = yield* sys.mkdir(path);
  if (status < 0) sys.print(`nsh: mkdir: mkdir failed: ${-status}\n`);
  yield* sys.free(block);
  return status < 0 ? 1 : 0;
}
