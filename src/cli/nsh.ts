// npm run --silent nsh -- --board rv-virt --tree unpatched [--fixes 12402,12427]
// Boots the model and types the lines of standard input at NSH's prompt,
// printing the console as the real board's transcripts show it.
import { readFileSync } from "node:fs";
import { parseFixes } from "../boards/fixes";
import { ModelSession } from "../engine/session";
import { wasmModule } from "../wasm/node";
import { UsageError, boardOption, parse, runCli, treeOption } from "./args";

const USAGE = "npm run --silent nsh -- --board rv-virt|sim --tree unpatched|backport|patched|upstream [--fixes 12402,12406,12427] < commands";

await runCli(USAGE, async () => {
  const { values, positionals } = parse(process.argv.slice(2), {
    board: { type: "string" },
    tree: { type: "string" },
    fixes: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const board = boardOption(values.board, "rv-virt");
  const tree = treeOption(values.tree, "unpatched");
  let fixes;
  try {
    fixes = parseFixes(values.fixes ?? "");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const session = await ModelSession.create(wasmModule(), board, tree, fixes);
  const lines = readFileSync(0, "utf8").split(/\r?\n/).filter((line) => line.trim().length > 0);
  for (const line of lines) session.run(line);
  process.stdout.write(session.console());
  return 0;
});
