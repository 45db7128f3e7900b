// A Recording from a real NuttX allocation trace and the console transcript of
// the same run. The trace has heap events only; the transcript says what ran.
// They are tied together by the heap itself: every `free` row and every ostest
// "End of test memory usage" table is a mallinfo that the replayed heap must
// reach, in order. Command boundaries between two `free`s come from the
// allocations themselves (see splitGap).
import { sameMallinfo, type Mallinfo } from "../heap/mallinfo";
import { heapProfile, type Board, type HeapProfile, type Tree } from "../heap/profiles";
import { textLines } from "../import/text";
import { readTitledSession, type PhaseTable, type Session } from "../import/transcript";
import { parseTraceCsv, type TraceEvent } from "../trace/csv";
import { ParseError } from "../trace/parse-error";
import { regionForTotal } from "../trace/replay-trace";
import type { Leakless } from "../wasm/leakless";
import type { MallinfoSeries } from "./mallinfo-series";
import type { ConsoleChunk, HeapEvent, Marker, Recording } from "./recording";
import { matchesOstest, ostestPhases } from "./ostest-phases";
import { Player } from "./player";

/** What a trace recording is, besides its two files. */
export interface TraceBuild {
  title: string;
  board: Board;
  tree: Tree;
  fixes: string[];
  /** The transcript section the trace was recorded in. */
  section: string;
}

export interface TraceFiles extends TraceBuild {
  /** The trace CSV (../shared/groundtruth format) and the console transcript, as text. */
  csv: string;
  transcript: string;
}

/** A command typed at the prompt, with its output and the tables src/import found in it. */
export interface SessionCommand {
  line: number;
  text: string;
  /** Output line k is line `line + 1 + k` of the transcript. */
  output: string[];
  /** The `Umem` row of the `free` table it printed, if any. */
  free: (Mallinfo & { line: number }) | null;
  tables: PhaseTable[];
}

/** The session whose title names `section`, as the commands typed in it. */
function sessionCommands(transcript: string, section: string): SessionCommand[] {
  const session = readTitledSession(textLines(transcript), section);
  if (!session) throw new ParseError(transcript.split("\n").length, `a section header containing "${section}"`, "the end of the transcript");
  return typedCommands(session);
}

export function typedCommands(session: Session): SessionCommand[] {
  return session.commands.flatMap((command, index) => {
    if (!command.text) return [];
    const table = session.free.find((f) => f.command === index);
    const heap = table && (table.heaps.find((h) => h.name === "Umem") ?? table.heaps[0]);
    const tables = session.phases.filter((p) => p.command === index);
    return [{ line: command.line, text: command.text, output: command.output, free: heap ? { ...heap.info, line: heap.line } : null, tables }];
  });
}

/** The numbers of the `free` command's row; an error names the line where one was expected. */
function freeRow(command: SessionCommand): Mallinfo & { line: number } {
  if (!command.free) throw new ParseError(command.line + 1, "a `free` table after `free`", command.output[0] ?? "the end of the text");
  return command.free;
}

/** A command placed on the event axis: events [from, to); `printed` is where its output appeared. */
interface PlacedCommand {
  command: SessionCommand;
  from: number;
  to: number;
  printed: number;
}

/** For each F event, the index of the event that made the node it frees (-1 if unknown). */
export function birthsOfFrees(events: readonly TraceEvent[]): Int32Array {
  const born = new Int32Array(events.length).fill(-1);
  const live = new Map<number, number>();
  events.forEach((event, i) => {
    if (event.op === "F") {
      born[i] = live.get(event.off) ?? -1;
      live.delete(event.off);
    } else {
      if (event.op === "A" && event.off2 !== null) live.delete(event.off2);
      live.set(event.off, i);
    }
  });
  return born;
}

/** Where each `free` printed: the first later position whose mallinfo is its row, all seven columns. */
function freeAnchors(commands: SessionCommand[], series: MallinfoSeries): Map<SessionCommand, number> {
  const anchors = new Map<SessionCommand, number>();
  let from = 0;
  for (const command of commands.filter((c) => c.text === "free")) {
    const row = freeRow(command);
    const at = series.find(from, series.length, (info) => sameMallinfo(info, row));
    if (at < 0) throw new ParseError(row.line, "a point in the trace where the heap gives this `free` row", `none after event ${from}`);
    anchors.set(command, at);
    from = at;
  }
  return anchors;
}

/**
 * `free` opens /proc/meminfo, reads it into a buffer, prints, and frees both:
 * its nodes are the ones freed in the run of frees right after it printed.
 */
function placeFree(command: SessionCommand, printed: number, events: readonly TraceEvent[], births: Int32Array): PlacedCommand {
  let to = printed;
  while (to < events.length && events[to].op === "F" && births[to] >= 0 && births[to] < printed) to++;
  const own = Array.from(births.subarray(printed, to));
  const from = own.length > 0 ? Math.min(...own) : printed;
  return { command, from, to, printed };
}

/**
 * Positions in (from, to] where no node made since `from` is live unless it
 * outlives `to`: every command frees what it allocated for itself, so these
 * are the points where one command may end and the next begin.
 */
function quietPoints(events: readonly TraceEvent[], births: Int32Array, from: number, to: number): number[] {
  const transientEnds = new Int32Array(to - from + 1).fill(0);
  for (let i = from; i < to; i++) if (events[i].op === "F" && births[i] >= from) transientEnds[births[i] - from] = i + 1;
  const points: number[] = [];
  let busyUntil = from;
  for (let p = from + 1; p <= to; p++) {
    busyUntil = Math.max(busyUntil, transientEnds[p - 1 - from]);
    if (busyUntil <= p) points.push(p);
  }
  return points;
}

/**
 * The commands typed between two `free`s share one span of events, cut at its
 * quiet points into segments. A segment in which a new task runs is a
 * program; the shell-only segment just before it is NSH preparing to spawn
 * it, so the two are one command. The rest are builtins, one segment each.
 * If there are more segments than commands, the last command takes the rest;
 * if fewer, the last commands get empty spans.
 */
function splitGap(commands: SessionCommand[], from: number, to: number, context: GapContext): PlacedCommand[] {
  const cuts = [from, ...quietPoints(context.events, context.births, from, to).filter((p) => p < to), to];
  const spans: { from: number; to: number; spawns: boolean }[] = [];
  cuts.slice(1).forEach((end, i) => {
    const spawns = context.events.slice(cuts[i], end).some((event) => event.pid !== context.shellPid);
    const previous = spans[spans.length - 1];
    if (spawns && previous && !previous.spawns) Object.assign(previous, { to: end, spawns });
    else spans.push({ from: cuts[i], to: end, spawns });
  });
  return commands.map((command, k) => {
    const start = spans[k]?.from ?? to;
    const end = k === commands.length - 1 ? to : (spans[k]?.to ?? to);
    return { command, from: start, to: end, printed: end };
  });
}

interface GapContext {
  events: readonly TraceEvent[];
  births: Int32Array;
  shellPid: number;
}

function placeCommands(commands: SessionCommand[], events: readonly TraceEvent[], series: MallinfoSeries): PlacedCommand[] {
  const births = birthsOfFrees(events);
  const anchors = freeAnchors(commands, series);
  const frees = commands.filter((c) => anchors.has(c)).map((c) => placeFree(c, anchors.get(c)!, events, births));
  // The shell runs `free` itself: the task that allocated its read buffer.
  const context: GapContext = { events, births, shellPid: events[frees[0].printed - 1].pid };
  const placed: PlacedCommand[] = [];
  let pending: SessionCommand[] = [];
  let start = frees[0].from;
  const flush = (to: number) => {
    if (pending.length > 0) placed.push(...splitGap(pending, start, to, context));
    pending = [];
  };
  for (const command of commands) {
    const free = frees.find((f) => f.command === command);
    if (!free) {
      pending.push(command);
      continue;
    }
    flush(free.from);
    placed.push(free);
    start = free.to;
  }
  flush(events.length);
  return placed;
}

/**
 * ostest's phases: each ends at the first position where the heap equals its
 * table's AFTER column. A test that frees all it allocates leaves the heap as
 * it found it, so its table may also match later points: `matches` counts them.
 */
function phaseMarkers(placed: PlacedCommand, series: MallinfoSeries): Marker[] {
  const { ends: tables, labels } = ostestPhases(placed.command.tables);
  const ends: number[] = [];
  for (const table of tables) {
    const end = series.find(ends[ends.length - 1] ?? placed.from, placed.to + 1, (info) => matchesOstest(info, table.after));
    if (end < 0) throw new ParseError(table.line, "a point in this ostest run where the heap equals the table's AFTER column", "none");
    ends.push(end);
  }
  // The latest position each table could also be at, given the tables after it.
  const latest: number[] = [];
  for (let k = tables.length - 1; k >= 0; k--) {
    let late = latest[k + 1] ?? placed.to;
    while (late > ends[k] && !matchesOstest(series.at(late), tables[k].after)) late--;
    latest[k] = late;
  }
  const markers: Marker[] = tables.map((table, k) => {
    const from = ends[k - 1] ?? placed.from;
    const matches = countMatches(series, ends[k], latest[k], table.after);
    return { kind: "phase", label: labels[k], from, to: ends[k], ...(matches > 1 ? { matches } : {}) };
  });
  if (labels[tables.length] !== "" && tables.length > 0) markers.push({ kind: "phase", label: labels[tables.length], from: ends[ends.length - 1], to: placed.to });
  return markers;
}

/** How many positions in [from, to] give the table's numbers. */
function countMatches(series: MallinfoSeries, from: number, to: number, table: PhaseTable["after"]): number {
  let count = 0;
  for (let p = from; p <= to; p++) if (matchesOstest(series.at(p), table)) count++;
  return count;
}

/** Owner kinds for a trace: who ran when each pid first appeared (boot, the shell, or a program). */
function ownersByPid(events: readonly TraceEvent[], placed: PlacedCommand[], shellPid: number) {
  const owners = ["unknown", "boot", "nsh"];
  const tasks: Record<number, string> = {};
  const ownerOfPid = new Map<number, number>();
  const programAt = (i: number) => placed.find((c) => i >= c.from && i < c.to)?.command.text.split(/\s+/)[0];
  events.forEach((event, i) => {
    if (ownerOfPid.has(event.pid)) return;
    const program = event.pid === shellPid ? "nsh" : i < (placed[0]?.from ?? 0) ? "boot" : (programAt(i) ?? "unknown");
    if (!owners.includes(program)) owners.push(program);
    ownerOfPid.set(event.pid, owners.indexOf(program));
    tasks[event.pid] = event.pid === 0 ? "Idle Task" : event.pid === shellPid ? "nsh_main" : program === "boot" ? "boot" : `${program} (pid ${event.pid})`;
  });
  return { owners, tasks, ownerOfPid };
}

function consoleOf(placed: PlacedCommand[], phases: Marker[][]): ConsoleChunk[] {
  const chunks: ConsoleChunk[] = [];
  placed.forEach((entry, k) => {
    const { line, text, output } = entry.command;
    chunks.push({ at: entry.from, text: `nsh> ${text}\n` });
    const lines = (from: number, to: number) => output.slice(from - line - 1, to - line - 1).map((l) => `${l}\n`).join("");
    const ends = phases[k].map((m) => m.to);
    // Each phase's output up to the last row of its table, where the phase ends; the rest where the command printed.
    let sent = line + 1;
    ostestPhases(entry.command.tables).ends.forEach((table, i) => {
      chunks.push({ at: ends[i], text: lines(sent, table.end + 1) });
      sent = table.end + 1;
    });
    const rest = lines(sent, line + 1 + output.length);
    if (rest !== "") chunks.push({ at: entry.printed, text: rest });
  });
  return chunks;
}

/** A trace's rows as a Recording's events, their owners not known yet. */
export function heapEvents(events: readonly TraceEvent[]): HeapEvent[] {
  return events.map(({ seq, op, off, req, node, pid, off2, node2, curused }) => ({ seq, op, off, req, node, pid, off2, node2, curused, owner: 0, site: 0 }));
}

/**
 * The recording and its Player, from one replay: the markers are found on the
 * Player's own mallinfo series, then snapshotted. (Each replay of a 32 MiB
 * heap starts by mapping it, which is the slow part.)
 */
export function tracePlayer(wasm: Leakless, files: TraceFiles): { recording: Recording; player: Player } {
  const commands = sessionCommands(files.transcript, files.section);
  return sessionPlayer(wasm, files, heapProfile(files.board, files.tree), parseTraceCsv(files.csv), commands);
}

/** The heap's size that a session's first `free` gives (its total), or a ParseError if the session has no `free`. */
export function sessionRegionSize(profile: HeapProfile, events: readonly TraceEvent[], commands: SessionCommand[]): number {
  const firstFree = commands.find((c) => c.text === "free");
  if (!firstFree || events.length === 0) throw new ParseError(1, "a session with a `free` command and a trace with events", `${commands.length} commands, ${events.length} events`);
  return regionForTotal(profile, events[0].heap, freeRow(firstFree).total);
}

/**
 * A trace replayed with the commands of one transcript session. A `free` row
 * or ostest table the heap does not reach, in order, is a ParseError naming
 * its line of the transcript; the heap is then freed.
 */
export function sessionPlayer(wasm: Leakless, build: Omit<TraceBuild, "section">, profile: HeapProfile, events: TraceEvent[], commands: SessionCommand[]): { recording: Recording; player: Player } {
  const region = { start: events[0]?.heap ?? 0, size: sessionRegionSize(profile, events, commands) };
  const recording: Recording = {
    title: build.title,
    source: "trace",
    board: build.board,
    tree: build.tree,
    fixes: build.fixes,
    heapStart: region.start,
    heapSize: region.size,
    events: heapEvents(events),
    markers: [],
    console: [],
    owners: ["unknown"],
    sites: ["unknown"],
    tasks: {},
  };
  const player = new Player(wasm, recording);
  try {
    if (player.problems.length > 0) throw new Error(`the trace does not replay on ${profile.name}: ${player.problems[0]}`);
    annotate(recording, commands, events, player.series);
    player.snapshotMarkers();
  } catch (error) {
    player.dispose();
    throw error;
  }
  return { recording, player };
}

/** Fill in a trace recording's markers, owners, tasks and console from its transcript. */
function annotate(recording: Recording, commands: SessionCommand[], events: readonly TraceEvent[], series: MallinfoSeries): void {
  const placed = placeCommands(commands, events, series);
  const shellPid = events[placed.find((c) => c.command.text === "free")!.printed - 1].pid;
  const phases = placed.map((entry) => (entry.command.text.split(/\s+/)[0] === "ostest" ? phaseMarkers(entry, series) : []));
  const { owners, tasks, ownerOfPid } = ownersByPid(events, placed, shellPid);
  if (placed[0].from > 0) recording.markers.push({ kind: "command", label: "(boot)", from: 0, to: placed[0].from });
  placed.forEach((entry, k) => {
    recording.markers.push({ kind: "command", label: entry.command.text, from: entry.from, to: entry.to });
    if (entry.command.text === "free") recording.markers.push({ kind: "free", label: "free", from: entry.from, to: entry.printed });
    recording.markers.push(...phases[k]);
  });
  recording.events.forEach((event) => (event.owner = ownerOfPid.get(event.pid) ?? 0));
  Object.assign(recording, { console: consoleOf(placed, phases), owners, tasks });
}

export function traceRecording(wasm: Leakless, files: TraceFiles): Recording {
  const { recording, player } = tracePlayer(wasm, files);
  player.dispose();
  return recording;
}
