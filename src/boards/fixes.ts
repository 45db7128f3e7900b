// The three June-2024 fixes, as switches (../shared/reference/ostest-and-patches.md §A).
export const FIXES = ["12402", "12406", "12427"] as const;
export type Fix = (typeof FIXES)[number];

export const FIX_TITLES: Record<Fix, string> = {
  "12402": "PR 12402: reclaim the message of a timed send that fails",
  "12406": "PR 12406: preallocate sigactions, give extra ones back",
  "12427": "PR 12427: start the pid hash at CONFIG_PID_INITIAL_COUNT",
};

export function isFix(name: string): name is Fix {
  return (FIXES as readonly string[]).includes(name);
}

/** "12402,12427" -> ["12402", "12427"]; throws on an unknown fix. */
export function parseFixes(list: string): Fix[] {
  const names = list.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  for (const name of names) {
    if (!isFix(name)) throw new Error(`unknown fix ${JSON.stringify(name)}: use ${FIXES.join(", ")}`);
  }
  return [...new Set(names)].sort() as Fix[];
}
