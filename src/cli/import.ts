// npm run --silent import -- FILE [--json]
// npm run --silent import -- TRACE.csv TRANSCRIPT.txt [--json]
// Prints one line per recording found in FILE (a transcript prints one per
// session), or with --json the parsed result. Given a trace and the
// transcript of its run, it pairs them as the app does and prints one line.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { pairedTrace } from "../engine/paired-trace";
import { sessionName } from "../engine/session-pane";
import { importText } from "../import/import";
import { pairOf } from "../import/pair";
import { pairSummaryLine, summaryLines } from "../import/summary";
import { refuseTooLarge } from "../import/text";
import { nodeInstance } from "../wasm/node";
import { UsageError, parse, runCli } from "./args";

const USAGE = "npm run --silent import -- FILE [--json]   or   npm run --silent import -- TRACE.csv TRANSCRIPT.txt [--json]";

function importFile(path: string) {
  try {
    refuseTooLarge(statSync(path).size);
    return importText(readFileSync(path, "utf8"), basename(path));
  } catch (error) {
    if (error instanceof Error) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

async function importPair(paths: string[], json: boolean): Promise<void> {
  const pair = pairOf(importFile(paths[0]), importFile(paths[1]));
  const { player, recording, session } = pairedTrace(await nodeInstance(), pair);
  player.dispose();
  if (!json) return console.log(pairSummaryLine(pair, session));
  const chosen = { index: session, title: sessionName(pair.transcript.sessions[session]) };
  process.stdout.write(`${JSON.stringify({ ...pair, session: chosen, markers: recording.markers }, null, 1)}\n`);
}

await runCli(USAGE, async () => {
  const { values, positionals } = parse(process.argv.slice(2), { json: { type: "boolean" } });
  if (positionals.length === 2) {
    await importPair(positionals, values.json === true);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("give one FILE, or a trace CSV and the transcript of its run");
  const imported = importFile(positionals[0]);
  if (values.json) process.stdout.write(`${JSON.stringify(imported, null, 1)}\n`);
  else for (const line of summaryLines(imported)) console.log(line);
  return 0;
});
