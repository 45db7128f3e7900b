// The benchmark's correctness checks: the generator against §1 of
// bench-workload.md, and a run's trajectory against native NuttX's in §2.
import { createHash } from "node:crypto";
import { MALLINFO_FIELDS, type Mallinfo } from "../src/heap/mallinfo";
import type { Leakless } from "../src/wasm/leakless";
import type { BenchReference, ConfigReference } from "./reference";
import { FIRST_OFFSETS_KEPT, benchConfig, benchHeap, runBatch, runWorkload, type RunPath, type Trajectory } from "./run-workload";
import { KIND_NAMES, OPS, SEED, binaryForm, workloadProperties, xorshift32, type Workload } from "./workload";

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

/** The full workload, checked against every published property of the stream. */
export function generatorProblems(reference: BenchReference, workload: Workload): string[] {
  const problems: string[] = [];
  const next = xorshift32(SEED);
  const outputs = reference.firstOutputs.map(() => next());
  if (outputs.join() !== reference.firstOutputs.join()) problems.push(`first outputs ${outputs.join(", ")} (document ${reference.firstOutputs.join(", ")})`);
  reference.firstOps.forEach((want, i) => {
    const got = { kind: KIND_NAMES[workload.kind[i]], slot: workload.slot[i], size: workload.size[i] };
    if (got.kind !== want.kind || got.slot !== want.slot || got.size !== want.size) {
      problems.push(`op ${i}: ${got.kind} ${got.slot} ${got.size} (document ${want.kind} ${want.slot} ${want.size})`);
    }
  });
  const properties = workloadProperties(workload);
  for (const [name, want] of Object.entries(reference.properties)) {
    if (properties[name] !== want) problems.push(`${name}: ${properties[name]} (document ${want})`);
  }
  const binary = binaryForm(workload);
  const sha256 = createHash("sha256").update(binary).digest("hex");
  if (binary.length !== reference.binaryBytes || sha256 !== reference.sha256) {
    problems.push(`binary form: ${binary.length} bytes, SHA-256 ${sha256} (document ${reference.binaryBytes} bytes, ${reference.sha256})`);
  }
  return problems;
}

function mallinfoProblems(what: string, want: Mallinfo, got: Mallinfo | undefined): string[] {
  if (!got) return [`${what}: not measured`];
  const wrong = MALLINFO_FIELDS.filter((field) => got[field] !== want[field]);
  return wrong.length === 0 ? [] : [`${what}: ${wrong.map((field) => `${field} ${got[field]} (native ${want[field]})`).join(", ")}`];
}

/** Every recorded fact the trajectory covers; a run of all OPS ops must also end in the final state. */
export function trajectoryProblems(reference: ConfigReference, run: Trajectory): string[] {
  const problems: string[] = [];
  for (const [ops, want] of reference.checkpoints) {
    if (ops <= run.ops && ops < OPS) problems.push(...mallinfoProblems(ops === 0 ? "init" : `after ${ops} ops`, want, run.checkpoints.get(ops)));
  }
  const first = run.firstOffsets.slice(0, reference.firstOffsets.length);
  if (first.join() !== reference.firstOffsets.join()) problems.push(`first offsets ${first.join(", ")} (native ${reference.firstOffsets.join(", ")})`);
  if (run.ops < OPS) return problems;
  problems.push(...mallinfoProblems("final", reference.final, run.checkpoints.get(OPS)));
  problems.push(...hashProblems(reference, run));
  return problems;
}

export function hashProblems(reference: ConfigReference, run: Pick<Trajectory, "hash" | "reallocMoved">): string[] {
  const problems: string[] = [];
  if (run.hash !== reference.hash) problems.push(`offset hash ${hex(run.hash)} (native ${hex(reference.hash)})`);
  if (run.reallocMoved !== reference.reallocMoved) problems.push(`realloc moved ${run.reallocMoved} times (native ${reference.reallocMoved})`);
  return problems;
}

/** The workload's first `ops` ops in the reference's configuration, by either path, checked at every recorded point they reach. */
export function checkWorkload(wasm: Leakless, reference: ConfigReference, workload: Workload, ops = workload.length, path: RunPath = "calls"): string[] {
  const heap = benchHeap(wasm, benchConfig(reference.name).profile);
  const checkpointsAt = [...reference.checkpoints.keys(), OPS];
  const run = path === "calls" ? runWorkload(heap, workload, ops, checkpointsAt) : runBatch(heap, workload, ops, checkpointsAt, FIRST_OFFSETS_KEPT);
  return trajectoryProblems(reference, run);
}
