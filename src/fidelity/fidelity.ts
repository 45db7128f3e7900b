// The fidelity report: the model replays every real session and is compared
// with what the real board printed and traced.
import { boardConfig } from "../boards/board";
import { ModelSession } from "../engine/session";
import { ModelSource } from "../engine/model-source";
import { traceRecording } from "../engine/trace-recording";
import { importText } from "../import/import";
import type { Session } from "../import/transcript";
import { createInstance } from "../wasm/leakless";
import { heapProfile } from "../heap/profiles";
import { heapCalls, parseGdbTrace } from "../trace/gdb";
import { addScore, compareCalls, compareEvents, compareFree, compareTables, emptyScore, type Score } from "./compare";
import type { RealSession } from "./sessions";

export interface FidelityReport {
  free: Score;
  tables: Score;
  events: Score;
  sessions: { name: string; free: Score; tables: Score; events: Score | null }[];
}

/** Run the session's commands on a fresh model of its tree and image. */
async function runModel(module: WebAssembly.Module, real: RealSession): Promise<ModelSource> {
  const session = await ModelSession.boot(module, boardConfig(real.files.board, real.files.tree, real.files.fixes ?? [], real.image));
  const source = new ModelSource(session);
  for (const command of real.commands) source.run(command);
  return source;
}

function modelTranscript(source: ModelSource): Session {
  const console = source.recording().console.map((c) => c.text).join("");
  const imported = importText(console, "model console");
  if (imported.kind !== "transcript" || imported.sessions.length === 0) throw new Error("the model's console is not a transcript");
  return imported.sessions[imported.sessions.length - 1];
}

/** (c), where the session was traced: against the replayed trace CSV, or against a gdb trace's calls. */
async function eventScore(module: WebAssembly.Module, real: RealSession, name: string, model: ModelSource): Promise<Score | null> {
  const { board, tree, transcript, trace, gdbTrace } = real.files;
  if (real.traced && trace) {
    const section = "TRACE-BUILD SESSION";
    const recording = traceRecording(await createInstance(module), { title: name, board, tree, fixes: [], csv: trace, transcript, section });
    return compareEvents(name, recording, model.recording());
  }
  if (real.traced && gdbTrace) return compareCalls(name, heapCalls(parseGdbTrace(gdbTrace), heapProfile(board, tree).pointerSize), model.recording());
  return null;
}

export async function fidelity(module: WebAssembly.Module, sessions: RealSession[]): Promise<FidelityReport> {
  const report: FidelityReport = { free: emptyScore(), tables: emptyScore(), events: emptyScore(), sessions: [] };
  for (const real of sessions) {
    const fixes = (real.files.fixes ?? []).map((fix) => ` +${fix}`).join("");
    const name = `${real.files.board} ${real.files.tree}${fixes} ${real.title}`;
    const model = await runModel(module, real);
    const printed = modelTranscript(model);
    const free = compareFree(name, real.free, printed.free);
    const tables = compareTables(name, real.tables, printed.phases);
    const events = await eventScore(module, real, name, model);
    if (events) addScore(report.events, events);
    addScore(report.free, free);
    addScore(report.tables, tables);
    report.sessions.push({ name, free, tables, events });
  }
  return report;
}
