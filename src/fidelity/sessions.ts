// The real sessions the model is held to: every session of the real
// transcripts, with its commands, its free rows and its ostest tables, and
// the trace of a trace-build session.
import type { Image } from "../boards/board";
import type { Fix } from "../boards/fixes";
import type { Board, Tree } from "../heap/profiles";
import { importText } from "../import/import";
import type { FreeRow, PhaseTable, Session } from "../import/transcript";

/** One recorded console, and the allocation trace of its trace-build session if it has one. */
export interface RealFiles {
  board: Board;
  tree: Tree;
  /** Fixes built in beyond the tree's own. */
  fixes?: Fix[];
  /** The transcript's file name, for messages. */
  name: string;
  transcript: string;
  /** The allocation trace CSV of its TRACE-BUILD session. */
  trace?: string;
  /** A gdb trace (src/trace/gdb.ts) of the whole transcript, made on the plain image. */
  gdbTrace?: string;
}

export interface RealSession {
  files: RealFiles;
  /** The transcript's heading of the session, e.g. "MAIN SESSION", or the file name. */
  title: string;
  image: Image;
  commands: string[];
  free: FreeRow[];
  tables: PhaseTable[];
  /** True for the session the trace was recorded in. */
  traced: boolean;
}

function sessionOf(files: RealFiles, session: Session): RealSession {
  const title = (session.title ?? files.name).split("(")[0].trim();
  const traceBuild = title.startsWith("TRACE-BUILD");
  return {
    files,
    title,
    image: traceBuild ? "trace" : "plain",
    commands: session.commands.flatMap((c) => (c.text ? [c.text] : [])),
    free: session.free,
    tables: session.phases,
    traced: (traceBuild && files.trace !== undefined) || files.gdbTrace !== undefined,
  };
}

export function realSessions(all: RealFiles[]): RealSession[] {
  return all.flatMap((files) => {
    const imported = importText(files.transcript, files.name);
    if (imported.kind !== "transcript") throw new Error(`${files.name} is not a transcript`);
    return imported.sessions.filter((s) => s.commands.some((c) => c.text)).map((s) => sessionOf(files, s));
  });
}
