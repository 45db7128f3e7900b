// A timing process of `npm run bench`, for one build (argv: WASM or JS). Each
// build is timed in its own process, so that the JIT never sees the other
// one: a call site shared by both would be polymorphic, and slower for both.
// Each message names a configuration and a path (one call per op, or the op
// loop inside the module); the answer is one timed run of the whole workload
// on a fresh heap.
import type { Leakless } from "../src/wasm/leakless";
import { nodeInstance } from "../src/wasm/node";
import { portableInstance } from "./portable";
import { benchConfig, benchHeap, loadBatch, runBatch, runWorkload, type RunPath } from "./run-workload";
import { generateWorkload } from "./workload";

export type BuildName = "WASM" | "JS";

/** What main.ts asks for: one run of a configuration by one path. */
export interface TimingRequest {
  config: string;
  path: RunPath;
}

export interface TimedRun {
  nsPerOp: number;
  hash: number;
  reallocMoved: number;
}

const build = process.argv[2] as BuildName;
const instance: Leakless = build === "WASM" ? await nodeInstance() : await portableInstance();
const workload = generateWorkload();
const run = { calls: runWorkload, batch: runBatch };
loadBatch(instance, workload); // the ops' binary form, written into the module's memory once, outside the timed part

process.on("message", ({ config, path }: TimingRequest) => {
  const heap = benchHeap(instance, benchConfig(config).profile);
  const start = performance.now();
  const { hash, reallocMoved } = run[path](heap, workload);
  const nsPerOp = ((performance.now() - start) * 1e6) / workload.length;
  process.send?.({ nsPerOp, hash, reallocMoved } satisfies TimedRun);
});
process.send?.("ready");
