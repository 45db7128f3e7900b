// The little of a raw NSH console transcript that a trace recording needs:
// the commands of one session, each `free` row, and each ostest
// "End of test memory usage" table. (A private reader: src/import/ will own
// transcript parsing for every kind of input.)
import type { Mallinfo } from "../heap/mallinfo";
import { ParseError } from "../trace/parse-error";

export interface TranscriptLine {
  /** 1-based line number in the transcript file. */
  line: number;
  text: string;
}

export interface SessionCommand {
  line: number;
  /** The command line as typed after the `nsh> ` prompt. */
  text: string;
  output: TranscriptLine[];
}

/** struct mallinfo as ostest prints it (apps testing/ostest/ostest_main.c, show_memory_usage). */
export interface OstestInfo {
  arena: number;
  ordblks: number;
  mxordblk: number;
  uordblks: number;
  fordblks: number;
}

export interface PhaseTable {
  /** The line of "End of test memory usage:". */
  line: number;
  /** The test that ran before the table, as ostest's banner names it. */
  label: string;
  before: OstestInfo;
  after: OstestInfo;
}

const PROMPT = "nsh> ";

/** The lines after the section header that contains `heading` (the whole file if heading is ""). */
export function sectionLines(transcript: string, heading: string): TranscriptLine[] {
  const lines = transcript.split(/\r?\n/).map((text, i) => ({ line: i + 1, text }));
  if (heading === "") return lines;
  const at = lines.findIndex(({ text }) => text.startsWith("#") && text.includes(heading));
  if (at < 0) throw new ParseError(lines.length, `a section header containing "${heading}"`, "the end of the transcript");
  const end = lines.findIndex(({ text }, i) => i > at + 2 && text.startsWith("# "));
  return lines.slice(at + 1, end < 0 ? undefined : end);
}

/** Split a session into its commands; an empty command line (the last prompt) ends nothing. */
export function sessionCommands(lines: TranscriptLine[]): SessionCommand[] {
  const commands: SessionCommand[] = [];
  for (const entry of lines) {
    if (entry.text.startsWith(PROMPT)) {
      const text = entry.text.slice(PROMPT.length).trim();
      if (text !== "") commands.push({ line: entry.line, text, output: [] });
    } else if (commands.length > 0) commands[commands.length - 1].output.push(entry);
  }
  return commands;
}

/** The numbers of NSH's `free` row for the user heap (fs/procfs/fs_procfsmeminfo.c, 2024 layout). */
export function freeRow(command: SessionCommand): Mallinfo & { line: number } {
  const row = command.output.find(({ text }) => /^\s*Umem:/.test(text));
  if (!row) throw new ParseError(command.output[0]?.line ?? command.line, "a `Umem:` row after `free`", command.output[0]?.text ?? "nothing");
  const cells = row.text.replace(/^\s*Umem:/, "").trim().split(/\s+/);
  if (cells.length !== 7 || cells.some((cell) => !/^\d+$/.test(cell))) throw new ParseError(row.line, "7 decimal columns after Umem:", row.text);
  const [total, used, free, maxused, maxfree, nused, nfree] = cells.map(Number);
  return { line: row.line, total, used, free, maxused, maxfree, nused, nfree };
}

const TABLE_ROWS = ["arena", "ordblks", "mxordblk", "uordblks", "fordblks"] as const;
/** "End of test memory usage:", the two heading lines and the five rows. */
export const TABLE_LINES = 3 + TABLE_ROWS.length;

/** One row of show_memory_usage: ordblks is printed with %8d, the others with %8x. */
function tableRow(entry: TranscriptLine | undefined, name: (typeof TABLE_ROWS)[number], after: TranscriptLine): [number, number] {
  const cells = entry?.text.trim().split(/\s+/) ?? [];
  const digits = name === "ordblks" ? /^\d+$/ : /^[0-9a-f]+$/i;
  if (!entry || cells.length !== 3 || cells[0] !== name || !digits.test(cells[1]) || !digits.test(cells[2])) {
    throw new ParseError(entry?.line ?? after.line + 1, `the "${name}" row of an ostest memory table`, entry?.text ?? "the end of the output");
  }
  const radix = name === "ordblks" ? 10 : 16;
  return [parseInt(cells[1], radix), parseInt(cells[2], radix)];
}

/** What ran before a table: the banner "user_main: <test>" if one was printed, else the first line's function name. */
export function phaseLabel(since: TranscriptLine[]): string {
  const banner = since.find(({ text }) => /^user_main: .*\btests?\b/.test(text) && !/ERROR/.test(text));
  if (banner) return banner.text.slice("user_main: ".length).trim();
  const first = since.find(({ text }) => /^\w+: /.test(text));
  return first ? first.text.split(":")[0] : "(no output)";
}

export function phaseTables(command: SessionCommand): PhaseTable[] {
  const tables: PhaseTable[] = [];
  const out = command.output;
  let since = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i].text.trim() !== "End of test memory usage:") continue;
    const rows = TABLE_ROWS.map((name, k) => tableRow(out[i + 3 + k], name, out[i + 2 + k]));
    const info = (column: 0 | 1) => Object.fromEntries(TABLE_ROWS.map((name, k) => [name, rows[k][column]])) as unknown as OstestInfo;
    tables.push({ line: out[i].line, label: phaseLabel(out.slice(since, i)), before: info(0), after: info(1) });
    since = i + TABLE_LINES;
    i = since - 1;
  }
  return tables;
}

/** True when a heap's mallinfo is what ostest printed. */
export function matchesOstest(info: Mallinfo, table: OstestInfo): boolean {
  return info.total === table.arena && info.nfree === table.ordblks && info.maxfree === table.mxordblk && info.used === table.uordblks && info.free === table.fordblks;
}

/** The test that runs after the last table (ostest's vfork test prints none), if a banner says so. */
export function trailingPhase(command: SessionCommand): string | null {
  const out = command.output;
  const last = out.map(({ text }) => text.trim()).lastIndexOf("End of test memory usage:");
  if (last < 0) return null;
  const label = phaseLabel(out.slice(last + TABLE_LINES));
  return label === "(no output)" ? null : label;
}
