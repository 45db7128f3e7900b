// A pane for an imported session: NSH `free` output, a console transcript or
// /proc/memdump output. There are no heap events, so the pane steps from
// table to table: one row per `free` table, per ostest memory table and per
// memdump, each shown as printed. Commands, `free`s and ostest phases become
// markers on that axis, the same kinds a trace has, so the stepper lines the
// session up with a trace or a model run in the other pane.
import { sizeClasses, sizeClassOf } from "../analysis/fragmentation";
import { runNumbers, type PhaseDelta } from "../analysis/runs";
import { mainHeap, type FreeRowExport } from "../export/free-rows";
import { formatFree } from "../heap/format";
import type { Mallinfo } from "../heap/mallinfo";
import { heapProfile, type HeapProfile } from "../heap/profiles";
import type { FreeTable } from "../import/free";
import type { Imported } from "../import/import";
import type { MemDump } from "../import/memdump";
import { printOstestTable } from "../import/ostest";
import type { PhaseTable, Session } from "../import/transcript";
import { NODE_FLAG, NODE_WORDS } from "../heap/heap";
import { dumpBase, dumpHeap, groupDumps, type DumpHeap } from "./dump-heap";
import { ostestPhases } from "./ostest-phases";
import type { PaneContent } from "./pane-content";
import type { PaneSummary, PaneView, SessionRow } from "./protocol";
import type { ConsoleChunk, Marker } from "./recording";
import { NO_GROWTH, fragmentation } from "./replay-pane";
import type { SourceSpec } from "./source";

/** A mallinfo the table does not give. */
const UNKNOWN: Mallinfo = { total: -1, used: -1, free: -1, maxused: -1, maxfree: -1, nused: -1, nfree: -1 };

interface Row extends SessionRow {
  /** The table's last line. */
  end: number;
  info: Mallinfo;
  text: string;
  heap: DumpHeap | null;
  /** An ostest phase row: its name as a stop, and ostest's own change in uordblks over the phase. */
  phase: { label: string; used: number } | null;
  /** A free row: every heap it printed. */
  heaps?: FreeTable["heaps"];
}

/** A command of the session (the first is boot: what was printed before any prompt) and the rows it printed. */
interface Step {
  label: string;
  /** Typed at a prompt (bare tables are not: their console shows no prompt). */
  typed: boolean;
  /** The transcript line of output[0]. */
  outputLine: number;
  output: readonly string[];
  rows: Row[];
}

export interface ImportedSession {
  title: string;
  /** What sizes the free lists: a memdump's pointer width, and the layout `free` printed. */
  pointerSize: 4 | 8;
  freeFormat: FreeTable["format"];
  /** Every session of the import with something to show, by index into the import's sessions, with a title. */
  sessions: { index: number; title: string }[];
  steps: Step[];
  notes: string[];
}

const byLine = (a: Row, b: Row) => a.line - b.line;

function freeRow(table: FreeTable, command: string): Row {
  const text = formatFree(table.format, table.heaps.map(({ name, info }) => ({ name, info })));
  return { kind: "free", line: table.line, end: table.end, command, label: "free", info: mainHeap(table.heaps).info, text, heap: null, phase: null, heaps: table.heaps };
}

/** ostest's mallinfo: arena, ordblks, mxordblk, uordblks, fordblks; it has no maxused or nused. */
function ostestInfo(after: PhaseTable["after"]): Mallinfo {
  return { ...UNKNOWN, total: after.arena, used: after.uordblks, free: after.fordblks, maxfree: after.mxordblk, nfree: after.ordblks };
}

/**
 * Each table of one command as a row: the End tables end phases; the Final one ends the test after them, if it
 * has a banner. A phase's change is from the table before it to its own, as a trace's phase spans from one
 * table's point to the next (the first: from ostest's BEFORE column).
 */
function phaseRows(tables: PhaseTable[], command: string): Row[] {
  const { ends, labels } = ostestPhases(tables);
  const trailing = labels[ends.length];
  return tables.map((table, i) => {
    const k = ends.indexOf(table);
    const label = k >= 0 ? labels[k] : trailing;
    const used = table.after.uordblks - (i > 0 ? tables[i - 1].after : table.before).uordblks;
    const phase = label !== "" ? { label, used } : null;
    const name = phase?.label ?? (table.final ? "Final memory usage" : "ostest table");
    return { kind: "phase", line: table.line, end: table.end, command, label: name, info: ostestInfo(table.after), text: printOstestTable(table), heap: null, phase };
  });
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

function dumpText(dumps: MemDump[], heap: DumpHeap): string {
  const listedFree = dumps.some((d) => d.mode === "free");
  const freeBytes = heap.freeSizes.reduce((a, b) => a + b, 0);
  const largest = heap.freeSizes.reduce((a, b) => Math.max(a, b), 0);
  return [
    ...dumps.map((d) => `${d.title.replace(/:$/, "")} (lines ${d.line}-${d.end}): ${plural(d.totals.blocks, "block")}, ${d.totals.size.toLocaleString("en-US")} B`),
    `used: ${plural(heap.usedNodes, "node")}, ${heap.usedBytes.toLocaleString("en-US")} B`,
    `free: ${plural(heap.freeSizes.length, "chunk")}, ${freeBytes.toLocaleString("en-US")} B, largest ${largest.toLocaleString("en-US")} B${listedFree ? "" : " (the gaps between the used nodes)"}`,
  ].join("\n");
}

function dumpRows(dumps: MemDump[], command: string, base: number): Row[] {
  return groupDumps(dumps).map((group) => {
    const heap = dumpHeap(group, base);
    const last = group[group.length - 1];
    return { kind: "dump", line: group[0].line, end: last.end, command, label: "memdump", info: UNKNOWN, text: dumpText(group, heap), heap, phase: null };
  });
}

function sessionSteps(session: Session, base: number): Step[] {
  const boot: Step = { label: "(boot)", typed: false, outputLine: session.line, output: [], rows: [] };
  const steps = [boot];
  session.commands.forEach((command, index) => {
    const label = command.text || "(empty line)";
    const rows = [
      ...session.free.filter((f) => f.command === index).map((f) => freeRow(f, label)),
      ...phaseRows(session.phases.filter((p) => p.command === index), label),
      ...dumpRows(session.dumps.filter((d) => d.command === index), label, base),
    ].sort(byLine);
    // Tables before any prompt are the output of a command the paste does not show.
    if (command.text === null) Object.assign(boot, { label: rows.length > 0 ? "(before the first prompt)" : boot.label, outputLine: command.line, output: command.output, rows });
    else if (command.text !== "" || rows.length > 0) steps.push({ label, typed: true, outputLine: command.line + 1, output: command.output, rows });
  });
  return steps;
}

/** Bare tables (free or memdump output with nothing around them): one step each, named as the command that prints them. */
function bareSteps(rows: Row[]): Step[] {
  return [{ label: "(boot)", typed: false, outputLine: 1, output: [], rows: [] }, ...rows.map((row) => ({ label: row.command, typed: false, outputLine: row.line, output: [], rows: [row] }))];
}

const rowCount = (s: Session) => s.free.length + s.phases.length + s.dumps.length;

/** A session's heading without the remarks in brackets: "MAIN SESSION". */
export function sessionName(session: Session): string {
  return session.title?.split("(")[0].trim() || `session at line ${session.line}`;
}

/** "MAIN SESSION: 7 free tables, 93 ostest tables": its name and what it has. */
function sessionTitle(session: Session): string {
  const name = sessionName(session);
  const counts = [plural(session.free.length, "free table"), plural(session.phases.length, "ostest table"), plural(session.dumps.length, "memdump")];
  return `${name}: ${counts.filter((c) => !c.startsWith("0 ")).join(", ")}`;
}

const NOTHING = "This transcript has no `free` output, ostest memory table or /proc/memdump output: there is nothing to show. Paste a session that runs `free` or `ostest`.";

/** The steps of one session of an import (`index` -1: the first session with something to show). */
export function importedSession(imported: Exclude<Imported, { kind: "trace" }>, index: number): ImportedSession {
  if (imported.kind === "free") {
    const steps = bareSteps(imported.rows.map((table) => freeRow(table, "free")));
    return { title: `${imported.name} (free output)`, pointerSize: 4, freeFormat: imported.rows[0].format, sessions: [], notes: [], steps };
  }
  if (imported.kind === "memdump") {
    const base = dumpBase(imported.dumps);
    const steps = bareSteps(groupDumps(imported.dumps).flatMap((group) => dumpRows(group, "memdump", base)));
    return { title: `${imported.name} (/proc/memdump)`, pointerSize: imported.dumps[0].pointerSize, freeFormat: "2024", sessions: [], notes: [], steps };
  }
  const sessions = imported.sessions.flatMap((session, i) => (rowCount(session) > 0 ? [{ index: i, title: sessionTitle(session) }] : []));
  const chosen = index < 0 ? sessions[0]?.index : index;
  const session = chosen === undefined ? undefined : imported.sessions[chosen];
  if (!session || rowCount(session) === 0) throw new Error(index < 0 ? NOTHING : `${imported.name} has no session ${index + 1} with a table in it.`);
  const traces = session.traces.map((t) => `This session also prints an allocation trace (line ${t.line}); drop the trace CSV on its own to replay it on the heap.`);
  const title = sessions.length > 1 ? `${imported.name} · ${(session.title ?? `session ${chosen! + 1}`).split("(")[0].trim()}` : imported.name;
  const shape = { pointerSize: session.dumps[0]?.pointerSize ?? 4, freeFormat: session.free[0]?.format ?? "2024" } as const;
  return { title, ...shape, sessions, notes: traces, steps: sessionSteps(session, dumpBase(session.dumps)) };
}

export class SessionPane implements PaneContent {
  readonly kernel = null;
  private readonly rows: Row[];
  private readonly markers: Marker[] = [];
  private readonly console: ConsoleChunk[] = [];
  private readonly owners = ["unknown"];
  private readonly profile: HeapProfile;

  constructor(
    readonly source: SourceSpec,
    private readonly session: ImportedSession,
  ) {
    this.rows = session.steps.flatMap((s) => s.rows);
    // The free lists' size classes depend only on the pointer width (MM_MIN_SHIFT).
    this.profile = heapProfile(session.pointerSize === 8 ? "sim" : "rv-virt", session.freeFormat === "2026" ? "upstream" : "unpatched");
    this.place();
  }

  /** Markers and console on the row axis: row r is printed at position r + 1. */
  private place(): void {
    let at = 0;
    this.session.steps.forEach((step) => {
      const from = at;
      const to = from + step.rows.length;
      this.markers.push({ kind: "command", label: step.label, from, to });
      if (step.typed) this.console.push({ at: from, text: `nsh> ${step.label}\n` });
      let sent = step.outputLine;
      const lines = (end: number) => step.output.slice(sent - step.outputLine, end - step.outputLine).map((l) => `${l}\n`).join("");
      step.rows.forEach((row, k) => {
        const position = from + k + 1;
        if (row.kind === "free") this.markers.push({ kind: "free", label: "free", from: position - 1, to: position });
        if (row.phase) this.markers.push({ kind: "phase", label: row.phase.label, from: position - 1, to: position });
        this.console.push({ at: position, text: step.output.length > 0 ? lines(row.end + 1) : `${row.text}\n` });
        sent = Math.max(sent, row.end + 1);
      });
      const rest = lines(step.outputLine + step.output.length);
      if (rest !== "") this.console.push({ at: to, text: rest });
      at = to;
    });
  }

  private series(pick: (info: Mallinfo) => number): Int32Array {
    return Int32Array.from([-1, ...this.rows.map((row) => pick(row.info))]);
  }

  private freeRows(): FreeRowExport[] {
    const steps = this.session.steps;
    let at = 0;
    return steps.flatMap((step, s) => {
      const from = at;
      at += step.rows.length;
      return step.rows.flatMap((row, k) => (row.heaps ? [{ position: from + k + 1, after: steps[s - 1]?.label ?? null, heaps: row.heaps.map(({ name, info }) => ({ name, info })) }] : []));
    });
  }

  private phaseDeltas(): PhaseDelta[] {
    const commands = this.markers.filter((m) => m.kind === "command");
    const runs = runNumbers(commands);
    return this.rows.flatMap((row, r) => {
      if (!row.phase) return [];
      const command = commands.find((c) => r >= c.from && r < c.to)!;
      return [{ command: command.label, run: runs.get(command)!, label: row.phase.label, from: r, to: r + 1, used: row.phase.used, nused: null, uncertain: false }];
    });
  }

  summary(): PaneSummary {
    const firstFree = this.rows.findIndex((r) => r.kind === "free");
    const heaps = this.rows.flatMap((r) => (r.heap ? [r.heap] : []));
    return {
      source: this.source,
      title: this.session.title,
      kind: "session",
      sessions: this.session.sessions,
      rows: this.rows.map((row) => this.summaryRow(row)),
      notes: this.session.notes,
      board: this.profile.name.startsWith("sim") ? "sim" : "rv-virt",
      tree: this.profile.freeFormat === "2026" ? "upstream" : "unpatched",
      fixes: [],
      profile: { name: "imported", pointerSize: this.profile.pointerSize },
      length: this.rows.length,
      markers: this.markers,
      freeRows: this.freeRows(),
      console: this.console,
      owners: this.owners,
      sites: ["unknown"],
      tasks: {},
      used: this.series((info) => info.used),
      maxused: this.series((info) => info.maxused),
      baseline: firstFree + 1,
      heapBytes: heaps.reduce((n, h) => Math.max(n, h.bytes), 0),
      spanBytes: heaps.reduce((n, h) => Math.max(n, h.span), 0),
      problems: [],
      phases: this.phaseDeltas(),
      runs: [],
    };
  }

  private summaryRow({ kind, line, command, label }: Row): SessionRow {
    return { kind, line, command, label };
  }

  /** Owners of a memdump's nodes: their pid, where the dump prints one. */
  private ownerOf(heap: DumpHeap, row: number): number {
    if (!heap.hasPid || !(heap.nodes[row * NODE_WORDS + 2] & NODE_FLAG.alloc)) return 0;
    const name = `pid ${heap.nodes[row * NODE_WORDS + 3] | 0}`;
    if (!this.owners.includes(name) && this.owners.length < 255) this.owners.push(name);
    return Math.max(0, this.owners.indexOf(name));
  }

  view(position: number): PaneView {
    const at = Math.max(0, Math.min(this.rows.length, Math.trunc(position)));
    const row = at > 0 ? this.rows[at - 1] : null;
    const heap = row?.heap ?? null;
    const count = heap?.count ?? 0;
    const freeSizes = heap?.freeSizes ?? [];
    return {
      position: at,
      info: row?.info ?? UNKNOWN,
      freeText: row?.text ?? "",
      row: row && this.summaryRow(row),
      base: heap?.base ?? null,
      count,
      nodes: heap ? heap.nodes.slice() : new Uint32Array(0),
      birth: new Int32Array(count).fill(-1),
      owner: Uint8Array.from({ length: count }, (_, r) => this.ownerOf(heap!, r)),
      marks: new Uint8Array(count),
      cause: new Uint8Array(count).fill(255),
      classes: sizeClasses(this.profile, freeSizes.map((size) => ({ size, bucket: sizeClassOf(this.profile, size) }))),
      fragmentation: fragmentation(freeSizes),
      growth: NO_GROWTH,
      born: { nodes: 0, bytes: 0 },
    };
  }

  dispose(): void {}
}
