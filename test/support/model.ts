// Running the model in tests: a session of NSH commands on a board and tree.
import type { Fix } from "../../src/boards/fixes";
import type { Image } from "../../src/boards/board";
import { boardConfig } from "../../src/boards/board";
import { ModelSession } from "../../src/engine/session";
import type { Mallinfo } from "../../src/heap/mallinfo";
import type { Board, Tree } from "../../src/heap/profiles";
import { importText } from "../../src/import/import";
import { wasmModule } from "../../src/wasm/node";

export async function runModel(tree: Tree, commands: string[], fixes: Fix[] = [], image: Image = "plain"): Promise<ModelSession> {
  return runBoard("rv-virt", tree, commands, fixes, image);
}

export async function runBoard(board: Board, tree: Tree, commands: string[], fixes: Fix[] = [], image: Image = "plain"): Promise<ModelSession> {
  const session = await ModelSession.boot(wasmModule(), boardConfig(board, tree, fixes, image));
  for (const command of commands) session.run(command);
  return session;
}

/** Every `free` row the session printed, read back with the importer. */
export function freeRows(session: ModelSession): Mallinfo[] {
  const imported = importText(session.console(), "model");
  if (imported.kind !== "transcript") throw new Error("not a transcript");
  return imported.sessions.flatMap((s) => s.free.map((row) => row.heaps[0].info));
}

/** The heap events the model logged: op, request, node size, offset and pid. */
export function modelEvents(session: ModelSession): { op: string; req: number; node: number; off: number; pid: number; owner: number }[] {
  const view = session.kernel.heap.events();
  const out = [];
  for (let row = 0; row < view.count; row++) {
    out.push({ op: String.fromCharCode(view.get(row, 1)), req: view.get(row, 3), node: view.get(row, 4), off: view.get(row, 2), pid: view.get(row, 5) | 0, owner: view.get(row, 9) & 0xff });
  }
  return out;
}

export const MAIN_SESSION = ["free", "hello", "free", "getprime 4", "free", "ostest", "echo $?", "free", "ostest", "free", "ls -R /var", "rm -r /var", "free", "ostest", "free"];
