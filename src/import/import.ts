// One entry for everything a NuttX user can paste or drop: it tells the kind
// apart and returns a tagged result. Errors are ParseError (naming the line)
// or InputTooLarge; nothing is returned half-read.
import { isTraceCsv, parseTraceCsv, type TraceEvent } from "../trace/csv";
import { ParseError } from "../trace/parse-error";
import type { FreeTable } from "./free";
import type { MemDump } from "./memdump";
import { refuseTooLarge, refuseTooLargeText, textLines } from "./text";
import { readTranscript, type Transcript, type TranscriptShape } from "./transcript";

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

/** Bare `free` or memdump output has nothing but its tables; anything else is a transcript. */
function bareKind(transcript: Transcript, shape: TranscriptShape): "free" | "memdump" | "transcript" | undefined {
  const sessions = transcript.sessions;
  const count = (pick: (s: Transcript["sessions"][number]) => unknown[]) => sessions.reduce((n, s) => n + pick(s).length, 0);
  const [free, phases, dumps] = [count((s) => s.free), count((s) => s.phases), count((s) => s.dumps)];
  if (shape.prompts > 0) return "transcript";
  if (free + phases + dumps === 0) return undefined;
  if (shape.plain > 0 || shape.headers > 0 || transcript.notes.length > 0 || phases > 0) return "transcript";
  if (dumps === 0) return "free";
  return free === 0 ? "memdump" : "transcript";
}

function importLines(lines: string[], name: string): Imported {
  const { transcript, shape } = readTranscript(lines);
  const kind = bareKind(transcript, shape);
  if (kind === undefined) {
    const at = firstContentLine(lines);
    throw new ParseError(at + 1, KINDS_EXPECTED, lines[at].trim() === "" ? "an empty input" : lines[at]);
  }
  if (kind === "free") return { kind, name, rows: transcript.sessions.flatMap((s) => s.free).map(({ command: _c, after: _a, ...table }) => table) };
  if (kind === "memdump") return { kind, name, dumps: transcript.sessions.flatMap((s) => s.dumps).map(({ command: _c, ...dump }) => dump) };
  return { kind, name, ...transcript };
}

export function importText(text: string, name = "pasted text"): Imported {
  refuseTooLargeText(text);
  if (isTraceCsv(text)) return { kind: "trace", name, events: parseTraceCsv(text) };
  return importLines(textLines(text), name);
}

/** For a dropped or read file: the size is checked before the bytes are decoded. */
export function importBytes(bytes: Uint8Array, name: string): Imported {
  refuseTooLarge(bytes.byteLength);
  return importText(new TextDecoder().decode(bytes), name);
}
