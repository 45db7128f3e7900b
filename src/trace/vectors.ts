// Golden allocator vectors (../shared/reference/nuttx-mm-heap.md §18):
//   CONST k=v ...            constants the build printed
//   BASE mod512=N            the buffer's address modulo 512
//   TEST ... / RAND ...      the §14 example, and the random run's set-up
//   OP i c slot size align -> offset : arena used free maxused maxfree nused nfree
import type { Mallinfo } from "../heap/mallinfo";
import { ParseError } from "./parse-error";

export type VectorOpKind = "m" | "z" | "a" | "f" | "r";

export interface VectorOp {
  line: number;
  index: number;
  kind: VectorOpKind;
  slot: number;
  size: number;
  align: number;
  /** From the buffer start; -1 for NULL or a free. */
  offset: number;
  info: Mallinfo;
}

export interface TestStep {
  line: number;
  /** "init", "malloc(100)", "after_m100", ... */
  label: string;
  offset?: number;
  info?: Mallinfo;
}

export interface VectorFile {
  constants: Record<string, number>;
  baseMod512: number;
  test: TestStep[];
  randInit: Mallinfo;
  ops: VectorOp[];
}

const INFO_KEYS = ["arena", "used", "free", "maxused", "maxfree", "nused", "nfree"] as const;

function integer(text: string | undefined, line: number, what: string): number {
  if (text === undefined || !/^-?\d+$/.test(text)) throw new ParseError(line, what, text ?? "end of line");
  return Number(text);
}

function keyValues(words: string[], line: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const word of words) {
    const [key, value] = word.split("=");
    if (!key || value === undefined) throw new ParseError(line, "key=value", word);
    out[key] = integer(value, line, `a number for ${key}`);
  }
  return out;
}

function infoFrom(values: Record<string, number>, line: number): Mallinfo {
  for (const key of INFO_KEYS) if (!(key in values)) throw new ParseError(line, `${key}=`, "a line without it");
  const { arena, used, free, maxused, maxfree, nused, nfree } = values;
  return { total: arena, used, free, maxused, maxfree, nused, nfree };
}

function parseOp(words: string[], line: number): VectorOp {
  // OP i c slot size align -> offset : 7 numbers
  if (words.length !== 15 || words[5] !== "->" || words[7] !== ":") throw new ParseError(line, "OP i c slot size align -> offset : 7 fields", words.join(" "));
  const kind = words[1];
  if (!["m", "z", "a", "f", "r"].includes(kind)) throw new ParseError(line, "an op of m, z, a, f or r", kind);
  const n = (i: number, what: string) => integer(words[i], line, what);
  const fields = INFO_KEYS.map((key, i) => n(8 + i, key));
  return {
    line,
    index: n(0, "the op number"),
    kind: kind as VectorOpKind,
    slot: n(2, "a slot"),
    size: n(3, "a size"),
    align: n(4, "an alignment"),
    offset: n(6, "an offset"),
    info: infoFrom(Object.fromEntries(INFO_KEYS.map((key, i) => [key, fields[i]])), line),
  };
}

function parseTest(words: string[], line: number): TestStep {
  // "malloc(100) -> 720" or "init arena=... nfree=1" or "heapstruct_off=0"
  const [label, ...rest] = words;
  if (rest[0] === "->") return { line, label, offset: integer(rest[1], line, "an offset") };
  if (rest.length === 0) return { line, label };
  return { line, label, info: infoFrom(keyValues(rest, line), line) };
}

export function parseVectors(text: string): VectorFile {
  const file: VectorFile = { constants: {}, baseMod512: 0, test: [], randInit: undefined as unknown as Mallinfo, ops: [] };
  let done = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const words = raw.trim().split(/\s+/);
    if (words[0] === "") return;
    if (done) throw new ParseError(line, "nothing after DONE", raw);
    const [tag, ...rest] = words;
    if (tag === "CONST") Object.assign(file.constants, keyValues(rest, line));
    else if (tag === "BASE") file.baseMod512 = keyValues(rest, line).mod512 ?? 0;
    else if (tag === "TEST" && !rest[0].startsWith("heapstruct_off")) file.test.push(parseTest(rest, line));
    else if (tag === "RAND" && rest[0] === "init") file.randInit = infoFrom(keyValues(rest.slice(1), line), line);
    else if (tag === "OP") file.ops.push(parseOp(rest, line));
    else if (tag === "DONE") done = true;
    else if (tag !== "TEST" && tag !== "RAND") throw new ParseError(line, "CONST, BASE, TEST, RAND, OP or DONE", tag);
  });
  for (const key of ["sizeof_heap", "sizeof_allocnode", "align"]) {
    if (!(key in file.constants)) throw new ParseError(1, `a CONST line with ${key}`, "none");
  }
  if (!file.randInit) throw new ParseError(1, "a RAND init line", "none");
  if (!done) throw new ParseError(text.split(/\r?\n/).length, "DONE at the end", "a truncated file");
  return file;
}
