// A console transcript: NSH prompts, commands and their output, with the
// tables found in the output (free, ostest's memory tables, memdumps).
// A line of "=" characters starts a new session; the "#" lines next to it
// are its title, and "#" lines before the first session are notes.
import { TRACE_HEADER, parseTraceCsv, type TraceEvent } from "../trace/csv";
import { ParseError } from "../trace/parse-error";
import { freeHeaderFormat, readFreeTable, type FreeTable } from "./free";
import { isDumpInterior, isDumpTitle, readMemdump, type MemDump } from "./memdump";
import { isOstestHead, isOstestTitle, readOstestTable, type OstestTable } from "./ostest";

export interface Command {
  line: number;
  /** What was typed after "nsh> "; null for output that came before any prompt. */
  text: string | null;
  output: string[];
}

export interface FreeRow extends FreeTable {
  /** Index in Session.commands of the command that printed it. */
  command: number;
  /** The command typed before that one (what the numbers are "after"). */
  after: string | null;
}

export interface PhaseTable extends OstestTable {
  command: number;
  /** Which ostest run of the session, from 1; a run ends with its Final table or its command. */
  run: number;
  /** The table's place in its run, from 0. */
  index: number;
  /** ostest's banner above it ("mutex test"), without "user_main: ". */
  phase: string | null;
  phaseLine: number | null;
}

export interface SessionDump extends MemDump {
  command: number;
}

/** A trace CSV printed on the console (e.g. by `cat`): the header line, the rows, and the line after. */
export interface SessionTrace {
  line: number;
  end: number;
  command: number;
  events: TraceEvent[];
}

export interface Session {
  line: number;
  title: string | null;
  commands: Command[];
  free: FreeRow[];
  phases: PhaseTable[];
  dumps: SessionDump[];
  traces: SessionTrace[];
}

export interface Transcript {
  notes: string[];
  sessions: Session[];
}

/** What the reader saw besides the tables, for telling a transcript from bare output. */
export interface TranscriptShape {
  prompts: number;
  headers: number;
  /** Non-blank lines that are not part of any table, prompt or header. */
  plain: number;
}

const PROMPT = /^nsh>( |$)/;
const BANNER = /^={10,}$/;
const PHASE_BANNER = "user_main: ";
const CSV_HEADER = TRACE_HEADER.join(",");
/** A trace row has nine commas: the first line without one ends the CSV (a damaged row is an error, not the end). */
const CSV_ROW = /,/;

function newSession(line: number, title: string | null): Session {
  return { line, title, commands: [], free: [], phases: [], dumps: [], traces: [] };
}

/** The header starting at `start`: banner lines and the "#" lines among them, which are its title. */
function headerAt(lines: string[], start: number): { title: string | null; end: number } {
  const title: string[] = [];
  let i = start;
  for (; i < lines.length && (BANNER.test(lines[i].trim()) || lines[i].startsWith("#")); i++) {
    if (lines[i].startsWith("#")) title.push(lines[i].slice(1).trim());
  }
  return { title: title.length > 0 ? title.join(" ") : null, end: i };
}

class TranscriptReader {
  readonly transcript: Transcript = { notes: [], sessions: [] };
  readonly shape: TranscriptShape = { prompts: 0, headers: 0, plain: 0 };
  private session: Session | undefined;
  private phase: { name: string; line: number } | null = null;

  constructor(private readonly lines: string[]) {}

  read(): void {
    for (let i = 0; i < this.lines.length; ) i = this.readAt(i);
    this.transcript.sessions = this.transcript.sessions.filter((s) => s.commands.length > 0);
  }

  /** The first session with commands whose title contains `title`; the other sessions' lines are skipped, not read. */
  readTitled(title: string): Session | undefined {
    for (let i = 0; i < this.lines.length; ) {
      if (!BANNER.test(this.lines[i].trim())) {
        i++;
        continue;
      }
      const header = headerAt(this.lines, i);
      if (!header.title?.includes(title)) {
        i = header.end;
        continue;
      }
      for (i = this.readHeader(i); i < this.lines.length && !BANNER.test(this.lines[i].trim()); ) i = this.readAt(i);
      if (this.session!.commands.length > 0) return this.session;
    }
    return undefined;
  }

  private readAt(i: number): number {
    const line = this.lines[i];
    if (BANNER.test(line.trim())) return this.readHeader(i);
    if (!this.session && line.startsWith("#")) {
      this.transcript.notes.push(line.slice(1).trim());
      return i + 1;
    }
    if (PROMPT.test(line)) return this.startCommand(i);
    if (freeHeaderFormat(line)) return this.readFree(i);
    if (isOstestTitle(line)) return this.readPhase(i);
    if (isDumpTitle(line)) return this.readDump(i);
    if (line.trim() === CSV_HEADER) return this.readTrace(i);
    if (isOstestHead(line)) throw new ParseError(i + 1, "\"End of test memory usage:\" or \"Final memory usage:\" above ostest's table", line);
    if (isDumpInterior(line)) throw new ParseError(i + 1, "a memdump title such as \"Dump all used memory node info:\" above this line", line);
    this.plainLine(i);
    return i + 1;
  }

  /** One header, one new session. */
  private readHeader(start: number): number {
    const { title, end } = headerAt(this.lines, start);
    this.shape.headers++;
    this.phase = null;
    this.session = newSession(start + 1, title);
    this.transcript.sessions.push(this.session);
    return end;
  }

  private currentSession(line: number): Session {
    if (!this.session) {
      this.session = newSession(line, null);
      this.transcript.sessions.push(this.session);
    }
    return this.session;
  }

  private startCommand(i: number): number {
    this.shape.prompts++;
    this.currentSession(i + 1).commands.push({ line: i + 1, text: this.lines[i].slice(4).trim(), output: [] });
    this.phase = null;
    return i + 1;
  }

  /** The command printing now; output before any prompt gets a command without text. */
  private command(line: number): number {
    const session = this.currentSession(line);
    if (session.commands.length === 0) session.commands.push({ line, text: null, output: [] });
    return session.commands.length - 1;
  }

  private output(from: number, to: number): number {
    const index = this.command(from + 1);
    const output = this.session!.commands[index].output;
    for (let i = from; i < to; i++) output.push(this.lines[i]);
    return index;
  }

  private plainLine(i: number): void {
    const line = this.lines[i];
    if (line.trim() === "") {
      if (this.session?.commands.length) this.output(i, i + 1);
      return;
    }
    this.shape.plain++;
    this.output(i, i + 1);
    if (line.startsWith(PHASE_BANNER) && i > 0 && this.lines[i - 1].trim() === "") {
      this.phase = { name: line.slice(PHASE_BANNER.length).trim(), line: i + 1 };
    }
  }

  private readFree(i: number): number {
    const { table, next } = readFreeTable(this.lines, i);
    const command = this.output(i, next);
    const session = this.session!;
    session.free.push({ ...table, command, after: session.commands[command - 1]?.text ?? null });
    return next;
  }

  private readPhase(i: number): number {
    const { table, next } = readOstestTable(this.lines, i);
    const command = this.output(i, next);
    const phases = this.session!.phases;
    const last = phases[phases.length - 1];
    const sameRun = last !== undefined && last.command === command && !last.final;
    const run = sameRun ? last.run : (last?.run ?? 0) + 1;
    const index = sameRun ? last.index + 1 : 0;
    phases.push({ ...table, command, run, index, phase: this.phase?.name ?? null, phaseLine: this.phase?.line ?? null });
    if (table.final) this.phase = null;
    return next;
  }

  private readDump(i: number): number {
    const { dump, next } = readMemdump(this.lines, i);
    const command = this.output(i, next);
    this.session!.dumps.push({ ...dump, command });
    return next;
  }

  private readTrace(i: number): number {
    let next = i + 1;
    while (next < this.lines.length && CSV_ROW.test(this.lines[next])) next++;
    const events = parseTraceCsv(this.lines.slice(i, next).join("\n"), i + 1);
    const command = this.output(i, next);
    this.session!.traces.push({ line: i + 1, end: next, command, events });
    return next;
  }
}

export function readTranscript(lines: string[]): { transcript: Transcript; shape: TranscriptShape } {
  const reader = new TranscriptReader(lines);
  reader.read();
  return { transcript: reader.transcript, shape: reader.shape };
}

/** The session whose title contains `title`, read alone: line numbers are the transcript's. */
export function readTitledSession(lines: string[], title: string): Session | undefined {
  return new TranscriptReader(lines).readTitled(title);
}
