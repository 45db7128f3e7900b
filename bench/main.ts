// npm run bench [-- --reps N]: first the 1,000,000-op allocator workload of
// fixtures/nuttx/reference/bench-workload.md. It first checks every run against
// the native NuttX states recorded there, then times the WASM heap against the
// same allocator compiled to JavaScript, both in this run, with the native
// figures quoted beside them. Both builds are timed with the op loop inside
// the module, as native's C harness loops; WASM is also timed with one call
// from JavaScript per op, to show what those calls cost. Then the app's
// quality bars in Chromium (bench/browser.ts).
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { median } from "d3";
import { integerOption, parse, runCli } from "../src/cli/args";
import type { Leakless } from "../src/wasm/leakless";
import { nodeInstance } from "../src/wasm/node";
import { browserBench } from "./browser";
import { checkWorkload, generatorProblems, hashProblems } from "./checks";
import { portableInstance } from "./portable";
import { parseBenchReference, type BenchReference, type ConfigReference } from "./reference";
import { benchConfig, type RunPath } from "./run-workload";
import type { BuildName, TimedRun, TimingRequest } from "./timer";
import { generateWorkload, type Workload } from "./workload";

const USAGE = "npm run bench [-- --reps N]   (N = 0: the correctness checks only)";
const REFERENCE = new URL("../fixtures/nuttx/reference/bench-workload.md", import.meta.url);
const DEFAULT_REPS = 7;

interface Build {
  name: BuildName;
  instance: Leakless;
}

/** A build timed by one path. */
interface Measure {
  build: BuildName;
  path: RunPath;
}

const MEASURES = { WASM: { build: "WASM", path: "batch" }, JS: { build: "JS", path: "batch" }, "WASM per call": { build: "WASM", path: "calls" } } satisfies Record<string, Measure>;
type MeasureName = keyof typeof MEASURES;

interface Timing {
  config: ConfigReference;
  nsPerOp: Record<MeasureName, number>;
  nativeNsPerOp?: number;
}

const BUILD_NAMES: BuildName[] = ["WASM", "JS"];
const PATHS: RunPath[] = ["calls", "batch"];

function correctnessProblems(reference: BenchReference, workload: Workload, builds: Build[]): string[] {
  const problems = generatorProblems(reference, workload).map((problem) => `generator: ${problem}`);
  for (const config of reference.configs) {
    for (const { name, instance } of builds) {
      for (const path of PATHS) {
        problems.push(...checkWorkload(instance, config, workload, workload.length, path).map((problem) => `${config.name} ${name} ${path}: ${problem}`));
      }
    }
  }
  return problems;
}

/** The timing process's next message; it fails, rather than waits forever, if the process dies. */
function nextMessage<T>(timer: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (status: number | null) => reject(new Error(`a timing process (bench/timer.ts) exited with status ${status}`));
    timer.once("exit", exited);
    timer.once("message", (message) => {
      timer.off("exit", exited);
      resolve(message as T);
    });
  });
}

async function startTimer(build: BuildName): Promise<ChildProcess> {
  const timer = fork(new URL("./timer.ts", import.meta.url), [build]);
  await nextMessage(timer);
  return timer;
}

/** One timed run; it must still end with the native offset hash. */
async function timeRun(timer: ChildProcess, name: MeasureName, config: ConfigReference, problems: string[]): Promise<number> {
  timer.send({ config: config.name, path: MEASURES[name].path } satisfies TimingRequest);
  const run = await nextMessage<TimedRun>(timer);
  problems.push(...hashProblems(config, run).map((problem) => `${config.name} ${name} (timed): ${problem}`));
  return run.nsPerOp;
}

/** Repetitions alternate between the builds and paths, so that all see the same machine. */
async function time(reference: BenchReference, reps: number, problems: string[]): Promise<Timing[]> {
  const timers = new Map(await Promise.all(BUILD_NAMES.map(async (build) => [build, await startTimer(build)] as const)));
  const names = Object.keys(MEASURES) as MeasureName[];
  const timings: Timing[] = [];
  for (const config of reference.configs) {
    const samples = new Map(names.map((name) => [name, [] as number[]]));
    for (let rep = 0; rep < reps; rep++) {
      for (const name of names) samples.get(name)?.push(await timeRun(timers.get(MEASURES[name].build) as ChildProcess, name, config, problems));
    }
    const nativeBuild = benchConfig(config.name).nativeBuild;
    timings.push({
      config,
      nsPerOp: Object.fromEntries(names.map((name) => [name, median(samples.get(name) ?? []) ?? NaN])) as Record<MeasureName, number>,
      nativeNsPerOp: nativeBuild ? reference.native.find((figure) => figure.build.startsWith(nativeBuild))?.nsPerOp : undefined,
    });
  }
  for (const timer of timers.values()) timer.disconnect();
  return timings;
}

function table(timings: Timing[]): string {
  const header = ["config", "WASM ns/op", "JS ns/op", "JS/WASM", "WASM per call", "native ns/op", "WASM/native"];
  const rows = timings.map(({ config, nsPerOp, nativeNsPerOp }) => [
    config.name,
    nsPerOp.WASM.toFixed(1),
    nsPerOp.JS.toFixed(1),
    `${(nsPerOp.JS / nsPerOp.WASM).toFixed(2)}x`,
    nsPerOp["WASM per call"].toFixed(1),
    nativeNsPerOp?.toFixed(1) ?? "-",
    nativeNsPerOp ? `${(nsPerOp.WASM / nativeNsPerOp).toFixed(2)}x` : "-",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

await runCli(USAGE, async () => {
  const { values } = parse(process.argv.slice(2), { reps: { type: "string" } });
  const reps = values.reps === undefined ? DEFAULT_REPS : integerOption("reps", values.reps);
  const reference = parseBenchReference(readFileSync(REFERENCE, "utf8"));
  const workload = generateWorkload();
  const builds: Build[] = [
    { name: "WASM", instance: await nodeInstance() },
    { name: "JS", instance: await portableInstance() },
  ];
  const problems = correctnessProblems(reference, workload, builds);
  const names = reference.configs.map((config) => config.name).join(", ");
  if (problems.length === 0) {
    console.log(`correct: the generator matches §1; ${names} end in native NuttX's state (all 7 mallinfo columns, checkpoints, first offsets, offset hash, realloc moves), as WASM and as JS, one call per op and looped in the module`);
  }
  if (reps > 0 && problems.length === 0) {
    const timings = await time(reference, reps, problems);
    console.log(`\n${workload.length} ops, median of ${reps} runs each, ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}\n`);
    console.log(table(timings));
    console.log("\nWASM, JS: the op loop inside the module; WASM per call: one call from JavaScript per op");
    console.log("native: bench-workload.md §3 (gcc -O2, measured elsewhere); JS: the same allocator source via AssemblyScript's portable mode");
  }
  for (const problem of problems) console.log(`FAIL ${problem}`);
  if (problems.length > 0) return 1;
  if (reps > 0) await browserBench();
  return 0;
});
