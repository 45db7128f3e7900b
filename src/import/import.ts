// One entry for everything a NuttX user can paste or drop: it tells the kind
// apart and returns a tagged result. Errors are ParseError (naming the line)
// or InputTooLarge; nothing is returned half-read.
import { TRACE_HEADER, parseTraceCsv, type TraceEvent } from "../trace/csv";
import { ParseError } from "../trace/parse-error";
import type { FreeTable } from "./free";
import type { MemDump } from "./memdump";
import { refuseTooLarge, refuseTooLargeText, textLines } from "./text";
import { readTranscript, type Session, type Transcript, type TranscriptShape } from "./transcript";

export type Imported =
  | ({ kind: "transcript"; name: string } & Transcript)
  | { kind: "free"; name: string; rows: FreeTable[] }
  | { kind: "memdump"; name: string; dumps: MemDump[] }
  | { kind: "trace"; name: string; events: TraceEvent[] };

export type ImportKind = Imported["kind"];

const KINDS_EXPECTED = "NSH free output, a console transcript with nsh> prompts, /proc/memdump output or a trace CSV (seq,op,heap,...)";

function firstContentLine(lines: string[]): number {
  const index = lines.findIndex((line) => line.trim() !== "");
  return index < 0 ? 0 : index;
}

/** Bare `free`, memdump or trace output has nothing but one kind of table; anything else is a transcript. */
function bareKind(transcript: Transcript, shape: TranscriptShape): ImportKind | undefined {
  const sessions = transcript.sessions;
  const count = (pick: (s: Session) => unknown[]) => sessions.reduce((n, s) => n + pick(s).length, 0);
  // ostest's tables only come in a console transcript.
  const found: Record<ImportKind, number> = { free: count((s) => s.free), transcript: count((s) => s.phases), memdump: count((s) => s.dumps), trace: count((s) => s.traces) };
  if (shape.prompts > 0) return "transcript";
  const kinds = (Object.keys(found) as ImportKind[]).filter((kind) => found[kind] > 0);
  if (kinds.length === 0) return undefined;
  const bare = kinds.length === 1 && shape.plain === 0 && shape.headers === 0 && transcript.notes.length === 0;
  return bare && (kinds[0] !== "trace" || found.trace === 1) ? kinds[0] : "transcript";
}

function importLines(lines: string[], name: string): Imported {
  const { transcript, shape } = readTranscript(lines);
  const kind = bareKind(transcript, shape);
  if (kind === undefined) {
    const at = firstContentLine(lines);
    throw new ParseError(at + 1, KINDS_EXPECTED, lines[at].trim() === "" ? "an empty input" : lines[at]);
  }
  const all = <T>(pick: (s: Session) => T[]) => transcript.sessions.flatMap(pick);
  if (kind === "free") return { kind, name, rows: all((s) => s.free).map(({ command: _c, after: _a, ...table }) => table) };
  if (kind === "memdump") return { kind, name, dumps: all((s) => s.dumps).map(({ command: _c, ...dump }) => dump) };
  if (kind === "trace") return { kind, name, events: all((s) => s.traces)[0].events };
  return { kind, name, ...transcript };
}

export function importText(text: string, name = "pasted text"): Imported {
  refuseTooLargeText(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.startsWith(TRACE_HEADER.join(","))) return { kind: "trace", name, events: parseTraceCsv(body) };
  return importLines(textLines(body), name);
}

/** For a dropped or read file: the size is checked before the bytes are decoded. */
export function importBytes(bytes: Uint8Array, name: string): Imported {
  refuseTooLarge(bytes.byteLength);
  return importText(new TextDecoder().decode(bytes), name);
}
