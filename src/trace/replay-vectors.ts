// Check the WASM heap against a golden vector file, line by line.
import { Heap } from "../heap/heap";
import { MALLINFO_FIELDS, type Mallinfo } from "../heap/mallinfo";
import { allHeapProfiles, type HeapProfile } from "../heap/profiles";
import type { Leakless } from "../wasm/leakless";
import type { TestStep, VectorFile, VectorOp } from "./vectors";

/** §14's example heap is 64 KiB at a 64-aligned address; the random run's buffer is 256 KiB. */
const TEST_START = 0x10000;
const TEST_SIZE = 65536;
const RAND_SIZE = 262144;

export interface VectorReport {
  profile: HeapProfile;
  passed: number;
  failed: number;
  failures: string[];
}

function describe(info: Mallinfo): string {
  return MALLINFO_FIELDS.map((f) => info[f]).join(" ");
}

function differences(expected: Mallinfo, actual: Mallinfo): string[] {
  return MALLINFO_FIELDS.filter((f) => expected[f] !== actual[f]).map((f) => `${f} ${actual[f]} (want ${expected[f]})`);
}

class Checker {
  passed = 0;
  failures: string[] = [];
  expect(line: number, what: string, problems: string[]): void {
    if (problems.length === 0) this.passed++;
    else this.failures.push(`line ${line}: ${what}: ${problems.join(", ")}`);
  }
}

function runTest(wasm: Leakless, profile: HeapProfile, steps: TestStep[], check: Checker): void {
  const heap = Heap.create(wasm, profile, TEST_START, TEST_SIZE);
  const toBuffer = (off: number) => (off === 0 ? -1 : heap.startOffset + off);
  const blocks: number[] = [];
  for (const step of steps) {
    const malloc = /^malloc\((\d+)\)$/.exec(step.label);
    if (malloc) {
      const off = heap.malloc(Number(malloc[1]));
      blocks.push(off);
      check.expect(step.line, step.label, toBuffer(off) === step.offset ? [] : [`offset ${toBuffer(off)} (want ${step.offset})`]);
      continue;
    }
    if (step.label === "after_free1") heap.free(blocks[0]);
    if (step.info) check.expect(step.line, step.label, differences(step.info, heap.mallinfo()));
  }
}

function applyOp(heap: Heap, op: VectorOp, slots: Map<number, number>): number {
  const current = slots.get(op.slot) ?? 0;
  let result = 0;
  if (op.kind === "m" || op.kind === "z") result = heap.malloc(op.size);
  else if (op.kind === "a") result = heap.memalign(op.align, op.size);
  else if (op.kind === "r") result = heap.realloc(current, op.size);
  if (op.kind === "f") {
    heap.free(current);
    slots.delete(op.slot);
  } else if (result !== 0) {
    slots.set(op.slot, result);
  }
  return result;
}

function runRandom(wasm: Leakless, profile: HeapProfile, file: VectorFile, check: Checker): void {
  const heap = Heap.create(wasm, profile, 0x40000 + file.baseMod512, RAND_SIZE);
  heap.logEvents(false);
  check.expect(0, "RAND init", differences(file.randInit, heap.mallinfo()));
  const slots = new Map<number, number>();
  for (const op of file.ops) {
    const result = applyOp(heap, op, slots);
    const offset = result === 0 ? -1 : heap.startOffset + result;
    const problems = differences(op.info, heap.mallinfo());
    if (offset !== op.offset) problems.unshift(`offset ${offset} (want ${op.offset})`);
    check.expect(op.line, `OP ${op.index} ${op.kind}`, problems);
  }
}

/** Profiles whose constants match the file's CONST line, newest first. */
export function candidateProfiles(file: VectorFile): HeapProfile[] {
  const c = file.constants;
  return allHeapProfiles()
    .filter((p) => p.heapStruct === c.sizeof_heap && 2 * p.pointerSize === c.sizeof_allocnode && p.align === c.align)
    .reverse();
}

/** Replays the file on the first candidate profile whose TEST block passes. */
export function replayVectors(wasm: Leakless, file: VectorFile): VectorReport {
  const candidates = candidateProfiles(file);
  if (candidates.length === 0) {
    const c = file.constants;
    throw new Error(`no profile has sizeof_heap=${c.sizeof_heap}, sizeof_allocnode=${c.sizeof_allocnode}, align=${c.align}`);
  }
  const fitting = candidates.find((profile) => {
    const trial = new Checker();
    runTest(wasm, profile, file.test, trial);
    return trial.failures.length === 0;
  });
  const profile = fitting ?? candidates[0];
  const check = new Checker();
  runTest(wasm, profile, file.test, check);
  runRandom(wasm, profile, file, check);
  return { profile, passed: check.passed, failed: check.failures.length, failures: check.failures };
}

export { describe as describeMallinfo };
