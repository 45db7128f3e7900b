// npm run --silent replay -- FILE [--board B --tree T --total BYTES --at SEQ,SEQ...]
// FILE is a golden vector file (*.txt or *.txt.gz) or a real trace CSV.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { formatFree } from "../heap/format";
import { heapProfile } from "../heap/profiles";
import { isTraceCsv, parseTraceCsv } from "../trace/csv";
import { replayTrace } from "../trace/replay-trace";
import { replayVectors } from "../trace/replay-vectors";
import { parseVectors } from "../trace/vectors";
import { nodeInstance } from "../wasm/node";
import { UsageError, boardOption, integerList, integerOption, parse, runCli, treeOption } from "./args";

const USAGE = "npm run --silent replay -- FILE [--board rv-virt|sim --tree unpatched|backport|patched|upstream --total BYTES --at SEQ,SEQ...]";
const SHOWN_FAILURES = 20;

function readText(path: string): string {
  const bytes = readFileSync(path);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
}

function printFailures(failures: string[]): void {
  for (const failure of failures.slice(0, SHOWN_FAILURES)) console.log(`FAIL ${failure}`);
  if (failures.length > SHOWN_FAILURES) console.log(`... and ${failures.length - SHOWN_FAILURES} more`);
}

await runCli(USAGE, async () => {
  const { values, positionals } = parse(process.argv.slice(2), {
    board: { type: "string" },
    tree: { type: "string" },
    total: { type: "string" },
    at: { type: "string" },
  });
  if (positionals.length !== 1) throw new UsageError("give exactly one FILE");
  const text = readText(positionals[0]);
  const wasm = await nodeInstance();

  if (isTraceCsv(text)) {
    const profile = heapProfile(boardOption(values.board), treeOption(values.tree));
    const total = integerOption("total", values.total);
    const at = integerList("at", values.at);
    const report = replayTrace(wasm, profile, total, parseTraceCsv(text), at);
    for (const { seq, info } of report.snapshots) {
      console.log(`after seq ${seq}:`);
      process.stdout.write(formatFree(profile.freeFormat, [{ name: "Umem", info }]));
    }
    printFailures(report.failures);
    console.log(`${report.passed} passed, ${report.failed} failed`);
    return report.failed > 0 ? 1 : 0;
  }

  const report = replayVectors(wasm, parseVectors(text));
  const p = report.profile;
  console.log(`profile ${p.name}: pointer ${p.pointerSize}, MM_ALIGN ${p.align}, sizeof(struct mm_heap_s) ${p.heapStruct}`);
  printFailures(report.failures);
  console.log(`${report.passed} passed, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
});
