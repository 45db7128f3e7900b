// An imported allocation trace with the console transcript of its run: what
// a bundled recording is (trace-recording.ts), from files the user brings.
// The transcript may hold several sessions; the trace belongs to the one
// whose `free` rows and ostest tables its replayed heap reaches, in order.
// The allocator rules are the trace's own (imported-trace.ts); the heap's
// size is the session's first `free` total.
import type { Board, HeapProfile, Tree } from "../heap/profiles";
import type { ImportedPair } from "../import/pair";
import type { Session } from "../import/transcript";
import type { TraceEvent } from "../trace/csv";
import { ParseError } from "../trace/parse-error";
import type { Leakless } from "../wasm/leakless";
import { MAX_REGION, detectProfile, traceRegion } from "./imported-trace";
import type { Player } from "./player";
import type { Recording } from "./recording";
import { sessionName } from "./session-pane";
import { sessionPlayer, sessionRegionSize, typedCommands, type SessionCommand } from "./trace-recording";

export interface PairedTrace {
  recording: Recording;
  player: Player;
  notes: string[];
  /** The index of the transcript session the trace replays. */
  session: number;
}

interface Candidate {
  index: number;
  session: Session;
  commands: SessionCommand[];
  /** The heap's size from the session's first `free`; null, with why, if it gives none. */
  size: number | null;
  why: string;
}

/** The heap's size that the session's first `free` gives, or why there is none. */
function sizeOf(profile: HeapProfile, events: readonly TraceEvent[], commands: SessionCommand[]): Pick<Candidate, "size" | "why"> {
  if (!commands.some((c) => c.text === "free" && c.free)) return { size: null, why: "it has no `free` row (its total gives the heap's size)" };
  try {
    const size = sessionRegionSize(profile, events, commands);
    if (size > MAX_REGION) return { size: null, why: `its first \`free\` total gives a heap of ${size} B, more than the ${MAX_REGION / 1024 / 1024} MiB a replay maps` };
    return { size, why: "" };
  } catch (error) {
    return { size: null, why: (error as Error).message };
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * The sessions in the order they are tried: first those whose total fits the
 * heap the trace alone implies. On rv-virt the heap runs to the end of RAM,
 * so a session whose total needs more is another build's (the groundtruth's
 * plain-build sessions beside its trace build's: 672 B larger).
 */
function candidates(pair: ImportedPair, profile: HeapProfile): Candidate[] {
  const events = pair.trace.events;
  const alone = traceRegion(profile, events);
  const all = pair.transcript.sessions.map((session, index) => {
    const commands = typedCommands(session);
    return { index, session, commands, ...sizeOf(profile, events, commands) };
  });
  const fits = (c: Candidate) => c.size !== null && (!alone.fromRam || c.size <= alone.size);
  return [...all.filter(fits), ...all.filter((c) => !fits(c))];
}

export function pairedTrace(wasm: Leakless, pair: ImportedPair): PairedTrace {
  const { trace, transcript } = pair;
  if (trace.events.length === 0) throw new ParseError(2, `at least one trace row after the header of ${trace.name}`, "the end of the text");
  const profile = detectProfile(wasm, trace.events);
  const [board, tree] = profile.name.split("/") as [Board, Tree];
  const misses: [number, string][] = [];
  for (const candidate of candidates(pair, profile)) {
    const name = sessionName(candidate.session);
    if (candidate.size === null) {
      misses.push([candidate.index, `${name}: ${candidate.why}`]);
      continue;
    }
    try {
      const title = `${pair.name} · ${name}`;
      const { recording, player } = sessionPlayer(wasm, { title, board, tree, fixes: [] }, profile, trace.events, candidate.commands);
      return { recording, player, session: candidate.index, notes: pairNotes(pair, candidate, profile.name) };
    } catch (error) {
      misses.push([candidate.index, `${name}: ${transcript.name} ${(error as Error).message}`]);
    }
  }
  throw new Error(`${trace.name} and ${transcript.name} do not belong together: the trace's heap does not reach the \`free\` rows and ostest tables of any session of the transcript, in order (${misses.sort(([a], [b]) => a - b).map(([, miss]) => miss).join("; ")})`);
}

function pairNotes(pair: ImportedPair, chosen: Candidate, rules: string): string[] {
  const { session } = chosen;
  const others = pair.transcript.sessions.length - 1;
  return [
    `Paired: the trace ${pair.trace.name} (${plural(pair.trace.events.length, "heap event")}) with the session "${sessionName(session)}" of ${pair.transcript.name} (line ${session.line}${others > 0 ? `; ${plural(others, "other session")} not used` : ""}). Its ${plural(session.free.length, "`free` row")} and ${plural(session.phases.length, "ostest table")} are points the replayed heap reaches, in order: they place the session's commands and ostest phases.`,
    `Replayed with the allocator rules of ${rules} (the first on which the trace's opening events replay exactly), on a heap whose size is the session's first \`free\` total.`,
  ];
}
