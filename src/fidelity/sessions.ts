// The real sessions the model is held to: every session of the groundtruth
// transcripts, with its commands, its free rows and its ostest tables, and
// the trace of the trace-build session.
import type { Image } from "../boards/board";
import type { Tree } from "../heap/profiles";
import { importText } from "../import/import";
import type { FreeRow, PhaseTable, Session } from "../import/transcript";
import { parseTraceCsv, type TraceEvent } from "../trace/csv";

export interface RealSession {
  tree: Tree;
  /** The transcript's heading of the session, e.g. "MAIN SESSION". */
  title: string;
  image: Image;
  commands: string[];
  free: FreeRow[];
  tables: PhaseTable[];
  trace: TraceEvent[] | null;
}

export interface RealFiles {
  tree: Tree;
  transcript: string;
  trace: string;
}

function sessionOf(tree: Tree, session: Session, trace: TraceEvent[]): RealSession {
  const title = (session.title ?? "").split("(")[0].trim();
  const traceBuild = title.startsWith("TRACE-BUILD");
  return {
    tree,
    title,
    image: traceBuild ? "trace" : "plain",
    commands: session.commands.flatMap((c) => (c.text ? [c.text] : [])),
    free: session.free,
    tables: session.phases,
    trace: traceBuild ? trace : null,
  };
}

export function realSessions(files: RealFiles[]): RealSession[] {
  return files.flatMap(({ tree, transcript, trace }) => {
    const imported = importText(transcript, `rv-virt-${tree}.txt`);
    if (imported.kind !== "transcript") throw new Error(`rv-virt-${tree}.txt is not a transcript`);
    const events = parseTraceCsv(trace);
    return imported.sessions.filter((s) => s.commands.some((c) => c.text)).map((s) => sessionOf(tree, s, events));
  });
}
