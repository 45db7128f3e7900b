// npm run --silent import -- FILE [--json]
// Prints one line per recording found in FILE (a transcript prints one per
// session), or with --json the parsed result.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { importText } from "../import/import";
import { summaryLines } from "../import/summary";
import { refuseTooLarge } from "../import/text";
import { UsageError, parse, runCli } from "./args";

const USAGE = "npm run --silent import -- FILE [--json]";

function importFile(path: string) {
  try {
    refuseTooLarge(statSync(path).size);
    return importText(readFileSync(path, "utf8"), basename(path));
  } catch (error) {
    if (error instanceof Error) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

await runCli(USAGE, async () => {
  const { values, positionals } = parse(process.argv.slice(2), { json: { type: "boolean" } });
  if (positionals.length !== 1) throw new UsageError("give exactly one FILE");
  const imported = importFile(positionals[0]);
  if (values.json) process.stdout.write(`${JSON.stringify(imported, null, 1)}\n`);
  else for (const line of summaryLines(imported)) console.log(line);
  return 0;
});
