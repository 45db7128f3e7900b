// The real recordings shipped with the app (public/recordings/, copies of
// fixtures/nuttx/groundtruth/). Paths are relative to the site root.
import type { Board, Tree } from "../heap/profiles";

export interface BundledRecording {
  id: string;
  title: string;
  board: Board;
  tree: Tree;
  fixes: string[];
  csv: string;
  transcript: string;
  /** The transcript section the trace was recorded in. */
  section: string;
}

export const BUNDLED_RECORDINGS = {
  "rv-virt-unpatched": {
    id: "rv-virt-unpatched",
    title: "rv-virt unpatched, real QEMU trace",
    board: "rv-virt",
    tree: "unpatched",
    fixes: [],
    csv: "recordings/trace-rv-virt-unpatched.csv",
    transcript: "recordings/rv-virt-unpatched.txt",
    section: "TRACE-BUILD SESSION",
  },
  "rv-virt-backport": {
    id: "rv-virt-backport",
    title: "rv-virt backport, real QEMU trace",
    board: "rv-virt",
    tree: "backport",
    fixes: ["12402", "12406", "12427"],
    csv: "recordings/trace-rv-virt-backport.csv",
    transcript: "recordings/rv-virt-backport.txt",
    section: "TRACE-BUILD SESSION",
  },
} as const satisfies Record<string, BundledRecording>;

export type BundledId = keyof typeof BUNDLED_RECORDINGS;

export function isBundledId(id: string): id is BundledId {
  return Object.hasOwn(BUNDLED_RECORDINGS, id);
}

/** The fixes and cleanups a kernel tree can switch on (Recording.fixes uses these ids). */
export const FIXES = [
  { id: "12402", kind: "pr", label: "PR 12402", what: "mq_timedsend's failure path gives its message back", url: "https://github.com/apache/nuttx/pull/12402" },
  { id: "12406", kind: "pr", label: "PR 12406", what: "sigaction blocks come from a preallocated pool", url: "https://github.com/apache/nuttx/pull/12406" },
  { id: "12427", kind: "pr", label: "PR 12427", what: "the pid hash starts at its full size", url: "https://github.com/apache/nuttx/pull/12427" },
  { id: "rm-var", kind: "cleanup", label: "rm -r /var", what: "remove the files ostest leaves in /var", url: null },
] as const;
