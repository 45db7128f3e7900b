// The benchmark workload as a correctness test: the first 100,000 of its ops
// in every configuration of bench-workload.md, on the WASM heap and on the
// portable JavaScript build, against the states native NuttX recorded.
import { beforeAll, describe, expect, it } from "vitest";
import { checkWorkload, generatorProblems } from "../../bench/checks";
import { buildPortable, portableInstance } from "../../bench/portable";
import { parseBenchReference } from "../../bench/reference";
import { KIND_NAMES, SEED, generateWorkload, xorshift32 } from "../../bench/workload";
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

describe.each(["WASM", "JS"])("the first 100,000 ops on the %s heap", (build) => {
  it.each(reference.configs.map((config) => [config.name, config] as const))("%s: first offsets and every checkpoint equal native NuttX's", (_, config) => {
    expect(config.checkpoints.has(OPS)).toBe(true);
    expect(checkWorkload(builds[build], config, workload, OPS)).toEqual([]);
  });
});

it("reports a run that ends elsewhere than native NuttX", async () => {
  const [june64, upstream64] = reference.configs;
  const problems = checkWorkload(await nodeInstance(), { ...june64, name: upstream64.name }, workload, OPS);
  expect(problems).toContain(`first offsets ${upstream64.firstOffsets.join(", ")} (native ${june64.firstOffsets.join(", ")})`);
  expect(problems.some((problem) => problem.startsWith("after 100000 ops: "))).toBe(true);
});
