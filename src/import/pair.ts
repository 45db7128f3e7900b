// An allocation trace CSV and the console transcript of the same run,
// imported together. This only reads the two files and checks that there is
// one of each; which session of the transcript the trace replays is decided
// by the heap (src/engine/paired-trace.ts).
import { importText, type Imported } from "./import";

export type TraceImport = Extract<Imported, { kind: "trace" }>;
export type TranscriptImport = Extract<Imported, { kind: "transcript" }>;

export interface ImportedPair {
  kind: "trace+transcript";
  name: string;
  trace: TraceImport;
  transcript: TranscriptImport;
}

export interface NamedText {
  name: string;
  text: string;
}

/** What each kind is, for one file and for two. */
const WHAT: Record<Imported["kind"], [string, string]> = {
  trace: ["an allocation trace CSV", "allocation trace CSVs"],
  transcript: ["a console transcript", "console transcripts"],
  free: ["bare NSH `free` output, with no nsh> prompts", "bare NSH `free` output, with no nsh> prompts"],
  memdump: ["bare /proc/memdump output, with no nsh> prompts", "bare /proc/memdump output, with no nsh> prompts"],
};

const HOW = "import a trace CSV together with the console transcript (nsh> prompts, `free` rows) of the same run";

/** One file's import; its errors name the file. */
export function importNamed({ name, text }: NamedText): Imported {
  try {
    return importText(text, name);
  } catch (error) {
    if (error instanceof Error) error.message = `${name}: ${error.message}`;
    throw error;
  }
}

/** The name a pair goes by: "trace.csv + console.txt". */
export function pairName(trace: string, transcript: string): string {
  return `${trace} + ${transcript}`;
}

/** Two imports as one recording, if one is a trace and the other a transcript (in either order). */
export function pairOf(first: Imported, second: Imported): ImportedPair {
  const trace = [first, second].find((i): i is TraceImport => i.kind === "trace");
  const transcript = [first, second].find((i): i is TranscriptImport => i.kind === "transcript");
  if (trace && transcript) return { kind: "trace+transcript", name: pairName(trace.name, transcript.name), trace, transcript };
  const what = first.kind === second.kind ? `${first.name} and ${second.name} are both ${WHAT[first.kind][1]}` : `${first.name} is ${WHAT[first.kind][0]} and ${second.name} is ${WHAT[second.kind][0]}`;
  throw new Error(`${what}: ${HOW}`);
}

/** Two files read and paired; an error names the file it is in. */
export function importPair(files: readonly NamedText[]): ImportedPair {
  if (files.length !== 2) throw new Error(`expected two files, got ${files.length}: ${HOW}`);
  return pairOf(importNamed(files[0]), importNamed(files[1]));
}
