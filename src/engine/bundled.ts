// The real recordings shipped with the app (public/recordings/, copies of
// fixtures/nuttx/groundtruth/). Paths are relative to the site root.
import { FIXES as BOARD_FIXES, FIX_TITLES } from "../boards/fixes";
import type { TraceBuild } from "./trace-recording";

export interface BundledRecording extends TraceBuild {
  id: string;
  /** Paths of the trace CSV and the transcript, from the site root. */
  csv: string;
  transcript: string;
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

/** The fixes a model kernel can switch on (src/boards/fixes.ts), as the page names and links them. */
export const FIXES = BOARD_FIXES.map((id) => ({ id, label: `PR ${id}`, what: FIX_TITLES[id], url: `https://github.com/apache/nuttx/pull/${id}` }));
