// ostest's phases as the stepper shows them, from the tables src/import read:
// each "End of test memory usage" table ends a phase, named by the banner
// above it; the test after the last such table (vfork, which prints none)
// runs until the command ends, and its name is the Final table's banner.
import type { Mallinfo } from "../heap/mallinfo";
import type { OstestMallinfo } from "../import/ostest";
import type { PhaseTable } from "../import/transcript";

export interface OstestPhases {
  /** The tables that end a phase, in order. */
  ends: PhaseTable[];
  /** One label per table in `ends`, then the trailing phase's label ("" when there is none); repeats numbered. */
  labels: string[];
}

/** A table without a banner above it (a test that prints none). */
const UNNAMED = "(unnamed test)";

export function ostestPhases(tables: readonly PhaseTable[]): OstestPhases {
  const ends = tables.filter((t) => !t.final);
  const final = tables.find((t) => t.final);
  // The Final table's banner names the trailing test only if it was printed after the last table.
  const trailing = final?.phase && (final.phaseLine ?? 0) > (ends[ends.length - 1]?.line ?? 0) ? final.phase : "";
  return { ends, labels: numberRepeats([...ends.map((t) => t.phase ?? UNNAMED), trailing]) };
}

/** "libc tests", "libc tests" → "libc tests", "libc tests #2". */
export function numberRepeats(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return count > 1 && text !== "" ? `${text} #${count}` : text;
  });
}

/** True when a heap's mallinfo is what ostest printed. */
export function matchesOstest(info: Mallinfo, table: OstestMallinfo): boolean {
  return info.total === table.arena && info.nfree === table.ordblks && info.maxfree === table.mxordblk && info.used === table.uordblks && info.free === table.fordblks;
}
