// The benchmark workload as a correctness test: the first 100,000 of its ops
// in every configuration of bench-workload.md, on the WASM heap and on the
// portable JavaScript build, one call per op and looped inside the module,
// against the states native NuttX recorded. The looped path is fast enough to
// run all 1,000,000 ops here, up to native's final state and offset hash.
import { beforeAll, describe, expect, it } from "vitest";
import { checkWorkload, generatorProblems } from "../../bench/checks";
import { buildPortable, portableInstance } from "../../bench/portable";
import { benchConfig, benchHeap, runBatch, runWorkload, type RunPath } from "../../bench/run-workload";
import { parseBenchReference } from "../../bench/reference";
import { KIND_NAMES, OPS as ALL_OPS, SEED, generateWorkload, xorshift32 } from "../../bench/workload";
import type { Leakless } from "../../src/wasm/leakless";
import { nodeInstance } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";

const reference = parseBenchReference(fixtureText("reference/bench-workload.md"));
const OPS = 100_000;
const workload = generateWorkload(OPS);
const builds: Record<string, Leakless> = {};

beforeAll(async () => {
  await buildPortable();
  builds.WASM = await nodeInstance();
  builds.JS = await portableInstance();
});

describe("the workload generator", () => {
  it("gives the document's first xorshift32 outputs", () => {
    const next = xorshift32(SEED);
    expect(reference.firstOutputs.map(() => next())).toEqual(reference.firstOutputs);
  });

  it("gives the document's first ops", () => {
    const ops = reference.firstOps.map((_, i) => ({ kind: KIND_NAMES[workload.kind[i]], slot: workload.slot[i], size: workload.size[i] }));
    expect(ops).toEqual(reference.firstOps);
  });

  it("finds a stream that is not the document's", () => {
    const problems = generatorProblems(reference, generateWorkload(1000, SEED + 1));
    expect(problems.some((problem) => problem.startsWith("op 0:"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("binary form:"))).toBe(true);
  });
});

const whole = generateWorkload(ALL_OPS);
const configs = reference.configs.map((config) => [config.name, config] as const);

describe.each(["WASM", "JS"])("the first 100,000 ops on the %s heap", (build) => {
  it.each(configs)("%s, one call per op: first offsets and every checkpoint equal native NuttX's", (_, config) => {
    expect(config.checkpoints.has(OPS)).toBe(true);
    expect(checkWorkload(builds[build], config, workload, OPS)).toEqual([]);
  });

  it.each(configs)("%s, looped in the module: first offsets and every checkpoint equal native NuttX's", (_, config) => {
    expect(checkWorkload(builds[build], config, workload, OPS, "batch")).toEqual([]);
  });

  it.each(configs)("%s: both paths give the same offset hash and realloc moves", (_, config) => {
    const run = (path: RunPath) => {
      const heap = benchHeap(builds[build], benchConfig(config.name).profile);
      const { hash, reallocMoved } = path === "calls" ? runWorkload(heap, workload) : runBatch(heap, workload);
      return { hash, reallocMoved };
    };
    expect(run("batch")).toEqual(run("calls"));
  });
});

describe.each(["WASM", "JS"])("all 1,000,000 ops on the %s heap, looped in the module", (build) => {
  it.each(configs)("%s: every checkpoint, the final state, the offset hash and the realloc moves equal native NuttX's", (_, config) => {
    expect(checkWorkload(builds[build], config, whole, ALL_OPS, "batch")).toEqual([]);
  });
});

it("reports a run that ends elsewhere than native NuttX", async () => {
  const [june64, upstream64] = reference.configs;
  const problems = checkWorkload(await nodeInstance(), { ...june64, name: upstream64.name }, workload, OPS);
  expect(problems).toContain(`first offsets ${upstream64.firstOffsets.join(", ")} (native ${june64.firstOffsets.join(", ")})`);
  expect(problems.some((problem) => problem.startsWith("after 100000 ops: "))).toBe(true);
});
