// One stepper for two panes. Each recording is cut into stops: the end of each
// command (where `free` prints, for `free`), and inside ostest the end of each
// phase. The two panes' stops are matched by command and phase, so a step
// takes both panes to the same point of the session even though their event
// counts differ. Between two stops, single-event steps advance both panes
// together; the pane with fewer events waits at the stop.
import type { Marker } from "./recording";

export type Granularity = "command" | "phase" | "event";
export const GRANULARITIES: readonly Granularity[] = ["command", "phase", "event"];

export interface Stop {
  /** Matches the same stop in another recording of the same session: "3:ostest/mutex test". */
  key: string;
  /** The command line, and the phase inside it if any. */
  command: string;
  phase: string | null;
  /** The ostest table matched more than one position (see Marker.matches). */
  uncertain: boolean;
  /** The last stop of its command: where a command-by-command step lands. */
  commandEnd: boolean;
}

export interface PaneStops {
  /** Event position of each stop of the shared list (repeated from the previous stop if this pane lacks it). */
  positions: number[];
  length: number;
}

interface OwnStop extends Stop {
  position: number;
}

/** A recording's own stops, in order. */
export function recordingStops(markers: readonly Marker[]): OwnStop[] {
  const commands = markers.filter((m) => m.kind === "command");
  return commands.flatMap((command, index) => {
    // A marker belongs to the command it starts in (an empty one at a boundary: the later command).
    const inside = (m: Marker) => m !== command && m.from >= command.from && m.to <= command.to && (m.from < command.to || m.from === command.from);
    const printed = markers.find((m) => m.kind === "free" && inside(m));
    const phases = markers.filter((m) => m.kind === "phase" && inside(m));
    const base = { command: command.label, uncertain: false, commandEnd: false };
    const stops: OwnStop[] = phases.map((p) => ({ ...base, key: `${index}:${command.label}/${p.label}`, phase: p.label, uncertain: (p.matches ?? 1) > 1, position: p.to }));
    const end = printed ? printed.to : command.to;
    if (stops.length === 0 || stops[stops.length - 1].position !== end) stops.push({ ...base, key: `${index}:${command.label}`, phase: null, position: end });
    stops[stops.length - 1].commandEnd = true;
    return stops;
  });
}

/** The shared stop list of one or two recordings, and each pane's position at every stop. */
export function sharedStops(panes: readonly { markers: readonly Marker[]; length: number }[]): { stops: Stop[]; panes: PaneStops[] } {
  const own = panes.map((p) => recordingStops(p.markers));
  const stops: Stop[] = [];
  const seen = new Set<string>();
  // Merge in order: each pane's list is sorted, keys carry the command index first.
  const cursors = own.map(() => 0);
  while (cursors.some((c, i) => c < own[i].length)) {
    const heads = own.map((list, i) => list[cursors[i]]).filter((s): s is OwnStop => s !== undefined);
    const next = heads.reduce((a, b) => (commandIndex(b.key) < commandIndex(a.key) ? b : a));
    if (!seen.has(next.key)) {
      seen.add(next.key);
      const { position: _, ...stop } = next;
      stops.push({ ...stop, uncertain: heads.some((h) => h.key === next.key && h.uncertain) });
    }
    own.forEach((list, i) => {
      if (list[cursors[i]]?.key === next.key) cursors[i]++;
    });
  }
  // Panes whose ostest differs (2024 and 2026 trees) end a command on different phases: in the shared list it ends once, at its last stop.
  const sameCommand = (a: Stop, b: Stop) => commandIndex(a.key) === commandIndex(b.key) && a.command === b.command;
  stops.forEach((stop, i) => (stop.commandEnd = i === stops.length - 1 || !sameCommand(stop, stops[i + 1])));
  const positions = own.map((list) => {
    const at = new Map(list.map((s) => [s.key, s.position]));
    let last = 0;
    return stops.map((s) => (last = at.get(s.key) ?? last));
  });
  return { stops, panes: panes.map((p, i) => ({ positions: positions[i], length: p.length })) };
}

/** Cursor order: by segment, then offset. */
export function compare(a: Cursor, b: Cursor): number {
  return a.segment - b.segment || a.offset - b.offset;
}

function commandIndex(key: string): number {
  return Number(key.slice(0, key.indexOf(":")));
}

/**
 * Where the stepper stands: `segment` s runs from stop s-1 (or position 0)
 * to stop s; the segment after the last stop runs to each recording's end.
 * `offset` is how many events into the segment the longer pane is.
 */
export interface Cursor {
  segment: number;
  offset: number;
}

export class Timeline {
  /** Each segment's span, and the events before it on the shared axis. */
  private readonly spans: number[];
  private readonly before: number[];

  constructor(
    readonly stops: Stop[],
    readonly panes: PaneStops[],
  ) {
    this.spans = Array.from({ length: stops.length + 1 }, (_, s) => Math.max(0, ...panes.map((p) => this.end(p, s) - this.start(p, s))));
    this.before = [0];
    this.spans.forEach((span, s) => this.before.push(this.before[s] + span));
  }

  static of(panes: readonly { markers: readonly Marker[]; length: number }[]): Timeline {
    const shared = sharedStops(panes);
    return new Timeline(shared.stops, shared.panes);
  }

  /** Segments: one per stop, plus the tail after the last stop. */
  get segments(): number {
    return this.stops.length + 1;
  }

  private start(pane: PaneStops, segment: number): number {
    return segment === 0 ? 0 : pane.positions[segment - 1];
  }

  private end(pane: PaneStops, segment: number): number {
    return segment < this.stops.length ? pane.positions[segment] : pane.length;
  }

  /** The longest pane's event count in a segment. */
  span(segment: number): number {
    return this.spans[segment];
  }

  position(pane: number, cursor: Cursor): number {
    const stops = this.panes[pane];
    return Math.min(this.start(stops, cursor.segment) + cursor.offset, this.end(stops, cursor.segment));
  }

  /** At stop s: the end of segment s. */
  atStop(stop: number): Cursor {
    return stop < 0 ? { segment: 0, offset: 0 } : { segment: stop, offset: this.span(stop) };
  }

  get first(): Cursor {
    return { segment: 0, offset: 0 };
  }

  /** The last place a step of this granularity reaches. */
  last(granularity: Granularity): Cursor {
    if (granularity === "event") return { segment: this.stops.length, offset: this.span(this.stops.length) };
    return this.atStop(this.stopIndices(granularity).at(-1) ?? -1);
  }

  private stopIndices(granularity: Granularity): number[] {
    return this.stops.flatMap((s, i) => (granularity === "phase" || s.commandEnd ? [i] : []));
  }

  /** The stop a cursor sits on, or -1 (between stops or at position 0). */
  stopAt(cursor: Cursor): number {
    if (cursor.segment < this.stops.length && cursor.offset === this.span(cursor.segment)) return cursor.segment;
    if (cursor.offset === 0 && cursor.segment > 0) return cursor.segment - 1;
    return -1;
  }

  /** A single comparable number: events before the segment plus the offset (the scrubber's axis). */
  virtual(cursor: Cursor): number {
    return this.before[cursor.segment] + cursor.offset;
  }

  get virtualLength(): number {
    return this.before[this.segments];
  }

  fromVirtual(x: number): Cursor {
    const at = Math.max(0, Math.min(this.virtualLength, Math.round(x)));
    // The first segment whose end reaches `at` (binary search on the running totals).
    let lo = 0;
    let hi = this.segments - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.before[mid + 1] >= at) hi = mid;
      else lo = mid + 1;
    }
    const offset = at - this.before[lo];
    return offset === this.spans[lo] && lo < this.stops.length ? this.atStop(lo) : { segment: lo, offset };
  }

  step(cursor: Cursor, granularity: Granularity, direction: 1 | -1): Cursor {
    if (granularity === "event") return this.fromVirtual(this.virtual(cursor) + direction);
    const stops = this.stopIndices(granularity).map((i) => this.atStop(i));
    if (direction > 0) return stops.find((stop) => compare(stop, cursor) > 0) ?? cursor;
    return stops.filter((stop) => compare(stop, cursor) < 0).at(-1) ?? this.first;
  }

  /** Where the step that led to `cursor` began: the previous stop of this granularity (one event back for "event"). */
  stepStart(cursor: Cursor, granularity: Granularity): Cursor {
    return this.step(cursor, granularity, -1);
  }

  /** "12.34" in a URL. */
  static format(cursor: Cursor): string {
    return `${cursor.segment}.${cursor.offset}`;
  }

  /** null when the text is not a cursor of this timeline. */
  parse(text: string): Cursor | null {
    const match = /^(\d{1,7})\.(\d{1,9})$/.exec(text);
    if (!match) return null;
    const cursor = { segment: Number(match[1]), offset: Number(match[2]) };
    if (cursor.segment >= this.segments || cursor.offset > this.span(cursor.segment)) return null;
    return cursor;
  }
}
