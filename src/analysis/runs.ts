// Per-phase changes and per-run growth: the numbers behind the delta table and
// the "Repeat ostest" chart.
import type { MallinfoSeries } from "../engine/mallinfo-series";
import type { Marker, Recording } from "../engine/recording";
import { growthAt, type GrowthAnalysis, type GrowthGroup } from "./growth";

export interface PhaseDelta {
  /** The command line and which run of it (1-based) this phase belongs to. */
  command: string;
  run: number;
  label: string;
  from: number;
  to: number;
  used: number;
  /** null where the source does not say (ostest's own tables have no nused). */
  nused: number | null;
  /** The phase's end is one of several positions with the same mallinfo. */
  uncertain: boolean;
}

/** Which run of its command line each command marker is, from 1. */
export function runNumbers(commands: Marker[]): Map<Marker, number> {
  const seen = new Map<string, number>();
  return new Map(commands.map((m) => [m, seen.set(m.label, (seen.get(m.label) ?? 0) + 1).get(m.label)!]));
}

export function phaseDeltas(recording: Recording, series: MallinfoSeries): PhaseDelta[] {
  const commands = recording.markers.filter((m) => m.kind === "command");
  const runs = runNumbers(commands);
  return recording.markers
    .filter((m) => m.kind === "phase")
    .map((phase) => {
      const command = commands.find((c) => phase.from >= c.from && phase.to <= c.to && (phase.from < c.to || phase.from === c.from))!;
      return {
        command: command.label,
        run: runs.get(command)!,
        label: phase.label,
        from: phase.from,
        to: phase.to,
        used: series.field(phase.to, "used") - series.field(phase.from, "used"),
        nused: series.field(phase.to, "nused") - series.field(phase.from, "nused"),
        uncertain: (phase.matches ?? 1) > 1,
      };
    });
}

export interface RunPoint {
  /** "before", "run 1", ... */
  label: string;
  position: number;
  used: number;
  groups: GrowthGroup[];
  /** Commands typed since the previous point, other than `free` and this command. */
  since: string[];
}

export interface RunSeries {
  command: string;
  points: RunPoint[];
}

/** For each command typed more than once with phases inside (ostest): the heap before the first run and after each run. */
export function runSeries(recording: Recording, series: MallinfoSeries, growth: GrowthAnalysis): RunSeries[] {
  const commands = recording.markers.filter((m) => m.kind === "command");
  const repeated = [...new Set(commands.map((c) => c.label))].filter(
    (label) => commands.filter((c) => c.label === label).length > 1 && recording.markers.some((m) => m.kind === "phase" && commands.some((c) => c.label === label && m.from >= c.from && m.to <= c.to)),
  );
  return repeated.map((label) => {
    const runs = commands.filter((c) => c.label === label);
    const point = (name: string, position: number, since: string[]): RunPoint => ({ label: name, position, used: series.field(position, "used"), groups: growthAt(recording, growth, position).groups, since });
    const others = (from: number, to: number) => commands.filter((c) => c.from >= from && c.to <= to && c.label !== label && c.label !== "free").map((c) => c.label);
    return {
      command: label,
      points: [point("before", runs[0].from, []), ...runs.map((run, i) => point(`run ${i + 1}`, run.to, i === 0 ? [] : others(runs[i - 1].to, run.from)))],
    };
  });
}
