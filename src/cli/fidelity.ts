// npm run --silent fidelity: the model against every recording in fixtures/nuttx/groundtruth.
import { readFileSync } from "node:fs";
import type { Tree } from "../heap/profiles";
import { fidelity } from "../fidelity/fidelity";
import type { Score } from "../fidelity/compare";
import { realSessions } from "../fidelity/sessions";
import { wasmModule } from "../wasm/node";
import { runCli } from "./args";

const GROUNDTRUTH = new URL("../../fixtures/nuttx/groundtruth/", import.meta.url);
const TREES: Tree[] = ["unpatched", "backport"];
const SHOWN = 40;

const ratio = (s: Score) => `${s.matched}/${s.total}`;

function printDifferences(title: string, score: Score): void {
  console.log(`\n${title}: ${ratio(score)}`);
  for (const d of score.differences.slice(0, SHOWN)) console.log(`  ${d.where}\n    ${d.what}\n    probable cause: ${d.cause}`);
  if (score.differences.length > SHOWN) console.log(`  ... and ${score.differences.length - SHOWN} more`);
}

await runCli("npm run --silent fidelity", async () => {
  const files = TREES.map((tree) => ({
    tree,
    transcript: readFileSync(new URL(`rv-virt-${tree}.txt`, GROUNDTRUTH), "utf8"),
    trace: readFileSync(new URL(`trace-rv-virt-${tree}.csv`, GROUNDTRUTH), "utf8"),
  }));
  const report = await fidelity(wasmModule(), realSessions(files), files);
  console.log("session                               free cells   table cells   events");
  for (const s of report.sessions) {
    console.log(`${s.name.padEnd(38)}${ratio(s.free).padStart(10)}${ratio(s.tables).padStart(14)}${(s.events ? ratio(s.events) : "-").padStart(11)}`);
  }
  printDifferences("(a) free cells", report.free);
  printDifferences("(b) phase-table cells", report.tables);
  printDifferences("(c) events", report.events);
  console.log(`\nfidelity: ${ratio(report.free)} free cells, ${ratio(report.tables)} phase-table cells, ${ratio(report.events)} events`);
  return 0;
});
