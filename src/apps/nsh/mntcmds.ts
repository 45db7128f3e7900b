// NSH's RAM disk and mount commands (apps/nshlib/nsh_fscmds.c cmd_mkrd,
// cmd_mkfatfs; nsh_mntcmds.c cmd_mount), as sim:nsh's rc.sysinit uses them.
import type { Call, Sys } from "../../engine/sys";
import { mkfatfs } from "../fsutils/mkfatfs";
import { catFile } from "./commands";
import { fullPath } from "./fscmds";

/** getopt over "-x value" pairs: the options given and the operands left. */
function options(argv: string[], letters: string): { given: Map<string, string>; operands: string[] } | string {
  const given = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const option = /^-(.)$/.exec(argv[i]);
    if (!option) {
      operands.push(argv[i]);
      continue;
    }
    if (!letters.includes(option[1])) return "argument invalid";
    if (i + 1 >= argv.length) return "missing required argument(s)";
    given.set(option[1], argv[++i]);
  }
  return { given, operands };
}

function* failed(sys: Sys, command: string, why: string): Call {
  sys.print(`nsh: ${command}: ${why}\n`);
  return 1;
}

/** mkrd [-m minor] [-s sector-size] nsectors: boardctl(BOARDIOC_MKRD). */
export function* cmdMkrd(sys: Sys, argv: string[]): Call {
  const parsed = options(argv, "ms");
  if (typeof parsed === "string") return yield* failed(sys, "mkrd", parsed);
  const [minor, sectsize, nsectors] = [Number(parsed.given.get("m") ?? 0), Number(parsed.given.get("s") ?? 512), Number(parsed.operands[0])];
  if (parsed.operands.length !== 1 || ![minor, sectsize, nsectors].every((n) => Number.isInteger(n) && n >= 0)) return yield* failed(sys, "mkrd", "argument invalid");
  const status = yield* sys.mkrd(minor, nsectors, sectsize);
  return status < 0 ? yield* failed(sys, "mkrd", `boardctl failed: ${-status}`) : 0;
}

/** mkfatfs <block-driver>: the device by its full path, formatted (apps/fsutils/mkfatfs). */
export function* cmdMkfatfs(sys: Sys, argv: string[]): Call {
  const [path, block] = yield* fullPath(sys, argv[argv.length - 1]);
  const status = yield* mkfatfs(sys, path);
  if (status < 0) sys.print(`nsh: mkfatfs: mkfatfs failed: ${-status}\n`);
  yield* sys.free(block);
  return status < 0 ? 1 : 0;
}

/**
 * mount -t <fstype> [source] <target>: both paths made full (source first),
 * mount(), then both freed. With no arguments it shows /proc/fs/mount.
 */
export function* cmdMount(sys: Sys, argv: string[]): Call {
  if (argv.length < 2) return yield* catFile(sys, "mount", "/proc/fs/mount");
  const parsed = options(argv, "to");
  if (typeof parsed === "string") return yield* failed(sys, "mount", parsed);
  const fstype = parsed.given.get("t");
  if (parsed.operands.length === 0 || !fstype) return yield* failed(sys, "mount", "missing required argument(s)");
  if (parsed.operands.length > 2) return yield* failed(sys, "mount", "too many arguments");
  const source = parsed.operands.length === 2 ? yield* fullPath(sys, parsed.operands[0]) : null;
  const target = yield* fullPath(sys, parsed.operands[parsed.operands.length - 1]);
  const status = yield* sys.mount(source?.[0] ?? "", target[0], fstype, parsed.given.get("o") ?? "");
  if (status < 0) sys.print(`nsh: mount: mount failed: ${-status}\n`);
  if (source) yield* sys.free(source[1]);
  yield* sys.free(target[1]);
  return status < 0 ? 1 : 0;
}
