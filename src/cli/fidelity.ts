// npm run --silent fidelity: the model against every real recording in
// fixtures/nuttx/groundtruth and fixtures/nuttx/measured.
import { readFileSync } from "node:fs";
import { FIXES } from "../boards/fixes";
import { fidelity } from "../fidelity/fidelity";
import type { Score } from "../fidelity/compare";
import { realSessions, type RealFiles } from "../fidelity/sessions";
import { wasmModule } from "../wasm/node";
import { runCli } from "./args";

const FIXTURES = new URL("../../fixtures/nuttx/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, FIXTURES), "utf8");

function recordings(): RealFiles[] {
  const groundtruth = (["unpatched", "backport"] as const).map((tree) => ({
    board: "rv-virt" as const,
    tree,
    name: `rv-virt-${tree}.txt`,
    transcript: read(`groundtruth/rv-virt-${tree}.txt`),
    trace: read(`groundtruth/trace-rv-virt-${tree}.csv`),
  }));
  const patched: RealFiles = { board: "rv-virt", tree: "patched", name: "p-session.txt", transcript: read("measured/p-session.txt") };
  const upstream: RealFiles[] = [
    { board: "rv-virt", tree: "upstream", name: "up-session.txt", transcript: read("measured/up-session.txt") },
    { board: "rv-virt", tree: "upstream", name: "up-ostest.txt", transcript: read("measured/up-ostest.txt"), gdbTrace: read("measured/up-ostest.trace") },
  ];
  const fixAlone = FIXES.flatMap((fix): RealFiles[] => [
    { board: "rv-virt", tree: "unpatched", fixes: [fix], name: `fix-${fix}-session.txt`, transcript: read(`measured/fix-${fix}-session.txt`) },
    { board: "rv-virt", tree: "unpatched", fixes: [fix], name: `fix-${fix}-ostest.txt`, transcript: read(`measured/fix-${fix}-ostest.txt`), gdbTrace: read(`measured/fix-${fix}-ostest.trace`) },
  ]);
  const sim: RealFiles[] = [
    { board: "sim", tree: "unpatched", name: "sim-u-run.txt", transcript: read("measured/sim-u-run.txt") },
    { board: "sim", tree: "unpatched", name: "sim-u-memdump.txt", transcript: read("measured/sim-u-memdump.txt") },
    { board: "sim", tree: "upstream", name: "sim-up-session.txt", transcript: read("measured/sim-up-session.txt") },
    { board: "sim", tree: "upstream", name: "sim-up-ostest.txt", transcript: read("measured/sim-up-ostest.txt") },
    { board: "sim", tree: "upstream", name: "sim-up-ostest-traced.txt", transcript: read("measured/sim-up-ostest-traced.txt"), gdbTrace: read("measured/sim-up-ostest.trace") },
  ];
  return [...groundtruth, patched, ...upstream, ...fixAlone, ...sim];
}
const SHOWN = 40;

const ratio = (s: Score) => `${s.matched}/${s.total}`;

function printDifferences(title: string, score: Score): void {
  console.log(`\n${title}: ${ratio(score)}`);
  for (const d of score.differences.slice(0, SHOWN)) console.log(`  ${d.where}\n    ${d.what}\n    probable cause: ${d.cause}`);
  if (score.differences.length > SHOWN) console.log(`  ... and ${score.differences.length - SHOWN} more`);
}

await runCli("npm run --silent fidelity", async () => {
  const report = await fidelity(wasmModule(), realSessions(recordings()));
  console.log("session                                       free cells   table cells   events");
  for (const s of report.sessions) {
    console.log(`${s.name.padEnd(46)}${ratio(s.free).padStart(10)}${ratio(s.tables).padStart(14)}${(s.events ? ratio(s.events) : "-").padStart(11)}`);
  }
  printDifferences("(a) free cells", report.free);
  printDifferences("(b) phase-table cells", report.tables);
  printDifferences("(c) events", report.events);
  console.log(`\nfidelity: ${ratio(report.free)} free cells, ${ratio(report.tables)} phase-table cells, ${ratio(report.events)} events`);
  return 0;
});
