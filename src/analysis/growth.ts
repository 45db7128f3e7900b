// Why the heap grew: every allocation that outlives the command that made it
// is given a cause, from the recording's own events. Nothing here knows a
// NuttX struct size; the causes come from what the allocations did:
// - a table: a long-lived node copied into a bigger one (M, then F of the older, smaller node);
// - leftover files: kept after the command, and freed later by a different command;
// - a leak: a command run again keeps another node of the same kind each run;
// - a one-time cache: kept by the first run only, and reused by the later runs.
import type { HeapEvent, Marker, Recording } from "../engine/recording";

export const CAUSES = ["leak", "cache", "table", "leftover", "survivor", "in-use"] as const;
export type Cause = (typeof CAUSES)[number];

export interface CauseText {
  title: string;
  how: string;
  /** The change that removes it, if the cause is one of the known ones. */
  fix: { label: string; url?: string } | null;
}

export const CAUSE_TEXT: Record<Cause, CauseText> = {
  leak: {
    title: "True leak",
    how: "each run of the same command keeps one more node of this kind",
    fix: { label: "PR 12402", url: "https://github.com/apache/nuttx/pull/12402" },
  },
  cache: {
    title: "One-time cache",
    how: "kept by the first run and reused by the later runs",
    fix: { label: "PR 12406", url: "https://github.com/apache/nuttx/pull/12406" },
  },
  table: {
    title: "Grow-only table",
    how: "a long-lived node copied into a bigger one, never shrunk",
    fix: { label: "PR 12427", url: "https://github.com/apache/nuttx/pull/12427" },
  },
  leftover: {
    title: "Leftover files",
    how: "kept after the command, and freed only by a later command",
    fix: { label: "rm -r /var" },
  },
  survivor: {
    title: "Kept (cause unknown)",
    how: "outlived its command; no later event says why",
    fix: null,
  },
  "in-use": {
    title: "In use by the running command",
    how: "freed before its command ends",
    fix: null,
  },
};

/** Events that make a node: M (unless a memalign's raw chunk, which its A replaces), A and in-place R. */
export function makesNode(events: readonly HeapEvent[], i: number): boolean {
  const event = events[i];
  if (event.op === "A" || event.op === "R") return true;
  const next = events[i + 1];
  return event.op === "M" && !(next?.op === "A" && next.off2 === event.off);
}

export interface Lifetimes {
  /** For each event that makes a node, the event that ends it (F, a replacing R), or events.length; -1 elsewhere. */
  end: Int32Array;
  /** For each event that makes a node, the D event that put it on the delay list, or events.length. */
  deferred: Int32Array;
  /** For each event that ends a node, the event that made it; -1 elsewhere. */
  ends: Int32Array;
}

export function lifetimes(events: readonly HeapEvent[]): Lifetimes {
  const end = new Int32Array(events.length).fill(-1);
  const ends = new Int32Array(events.length).fill(-1);
  const deferred = new Int32Array(events.length).fill(events.length);
  const live = new Map<number, number>();
  events.forEach((event, i) => {
    if (event.op === "D" && live.has(event.off)) deferred[live.get(event.off)!] = i;
    if (event.op === "F" || event.op === "R") {
      const off = event.op === "R" ? (event.off2 ?? event.off) : event.off;
      const born = live.get(off);
      if (born !== undefined) [end[born], ends[i]] = [i, born];
      live.delete(off);
    }
    if (makesNode(events, i)) {
      live.set(event.off, i);
      end[i] = events.length;
    }
  });
  return { end, ends, deferred };
}

export interface GrowthAnalysis {
  /** Where "boot" is: the first `free` of the session (or the first command). */
  baseline: number;
  end: Int32Array;
  /** The cause of each node-making event (index into CAUSES); 255 elsewhere. */
  cause: Uint8Array;
  /** For leftovers: the command that freed their kind. */
  freedBy: Map<number, string>;
}

function commandAt(commands: Marker[], i: number): Marker | undefined {
  return commands.find((m) => i >= m.from && i < m.to);
}

/** A node that replaces an older, smaller node of the same task: the task frees that node right after making this one. */
function replacesOlder(events: readonly HeapEvent[], life: Lifetimes, i: number, command: Marker): boolean {
  const next = events[i + 1];
  if (!next || next.op !== "F" || next.pid !== events[i].pid) return false;
  const older = life.ends[i + 1];
  return older >= 0 && older < command.from && events[older].req < events[i].req;
}

/** The runs of each command that was typed more than once, in order. */
function runsByCommand(commands: Marker[]): Map<string, Marker[]> {
  const runs = new Map<string, Marker[]>();
  for (const m of commands) runs.set(m.label, [...(runs.get(m.label) ?? []), m]);
  return runs;
}

export function analyseGrowth(recording: Recording): GrowthAnalysis {
  const events = recording.events;
  const commands = recording.markers.filter((m) => m.kind === "command" && m.label !== "(boot)");
  const firstFree = recording.markers.find((m) => m.kind === "free");
  const baseline = firstFree?.to ?? commands[0]?.from ?? 0;
  const life = lifetimes(events);
  const end = life.end;
  const cause = new Uint8Array(events.length).fill(255);
  const freedBy = new Map<number, string>();
  const runs = runsByCommand(commands);
  const kind = (i: number, command: Marker) => `${command.label}|${events[i].req}|${events[i].node}`;

  // First pass: which kinds of kept node a later, different command frees; which runs keep which kinds.
  const leftoverKinds = new Map<string, string>();
  const keptInRun = new Map<string, Set<number>>();
  events.forEach((_, i) => {
    const command = end[i] >= 0 ? commandAt(commands, i) : undefined;
    if (!command || Math.min(end[i], life.deferred[i]) < command.to) return;
    const freer = end[i] < events.length ? commandAt(commands, end[i]) : undefined;
    if (freer && freer.label !== command.label) leftoverKinds.set(kind(i, command), freer.label);
    const run = runs.get(command.label)!.indexOf(command);
    keptInRun.set(kind(i, command), (keptInRun.get(kind(i, command)) ?? new Set()).add(run));
  });

  events.forEach((_, i) => {
    if (end[i] < 0) return;
    const command = commandAt(commands, i);
    if (!command) return; // boot: there before the baseline
    const k = kind(i, command);
    const runCount = runs.get(command.label)!.length;
    const keptRuns = keptInRun.get(k);
    let found: Cause;
    // A free that waits on the delay list was asked for when the D happened.
    const freed = Math.min(end[i], life.deferred[i]);
    if (freed < command.to) found = "in-use";
    else if (replacesOlder(events, life, i, command)) found = "table";
    else if (leftoverKinds.has(k)) {
      found = "leftover";
      freedBy.set(i, leftoverKinds.get(k)!);
    } else if (runCount > 1 && keptRuns && keptRuns.size > 1) found = "leak";
    else if (runCount > 1 && keptRuns?.has(0)) found = "cache";
    else found = "survivor";
    cause[i] = CAUSES.indexOf(found);
  });
  return { baseline, end, cause, freedBy };
}

export interface GrowthGroup {
  cause: Cause;
  nodes: number;
  bytes: number;
  /** For leftovers, the command that frees them. */
  freedBy?: string;
  /** For nodes in use, the command that made them (and will free them). */
  command?: string;
}

export interface GrowthReport {
  /** False before the baseline: there is nothing to compare with yet. */
  ready: boolean;
  groups: GrowthGroup[];
  /** Nodes live at the baseline and gone now (e.g. a table's older copy), */
  goneNodes: number;
  goneBytes: number;
  /** of which the baseline `free`'s own nodes (its procfs file and read buffer). */
  goneFreeNodes: number;
  goneFreeBytes: number;
}

/** What is live at `position` that was not at the baseline, grouped by cause. */
export function growthAt(recording: Recording, analysis: GrowthAnalysis, position: number): GrowthReport {
  const { baseline, end, cause, freedBy } = analysis;
  const events = recording.events;
  const report: GrowthReport = { ready: position >= baseline, groups: [], goneNodes: 0, goneBytes: 0, goneFreeNodes: 0, goneFreeBytes: 0 };
  const baselineFree = recording.markers.find((m) => m.kind === "free" && m.to === baseline);
  const commands = recording.markers.filter((m) => m.kind === "command");
  if (!report.ready) return report;
  const groups = new Map<string, GrowthGroup>();
  for (let i = 0; i < position; i++) {
    if (end[i] < 0) continue;
    const liveNow = end[i] >= position;
    if (i < baseline) {
      if (end[i] >= baseline && !liveNow) {
        report.goneNodes++;
        report.goneBytes += events[i].node;
        if (baselineFree && i >= baselineFree.from) {
          report.goneFreeNodes++;
          report.goneFreeBytes += events[i].node;
        }
      }
      continue;
    }
    if (!liveNow) continue;
    const name = CAUSES[cause[i]] ?? "survivor";
    const command = name === "in-use" ? commandAt(commands, i)?.label : undefined;
    const key = `${name}|${freedBy.get(i) ?? ""}|${command ?? ""}`;
    const group = groups.get(key) ?? { cause: name, nodes: 0, bytes: 0, ...(freedBy.has(i) ? { freedBy: freedBy.get(i) } : {}), ...(command ? { command } : {}) };
    group.nodes++;
    group.bytes += events[i].node;
    groups.set(key, group);
  }
  report.groups = [...groups.values()].sort((a, b) => CAUSES.indexOf(a.cause) - CAUSES.indexOf(b.cause));
  return report;
}
