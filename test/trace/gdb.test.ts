import { describe, expect, it } from "vitest";
import { heapCalls, parseGdbTrace } from "../../src/trace/gdb";
import { ParseError } from "../../src/trace/parse-error";
import { fixtureText } from "../support/fixtures";

const M = (seq: number, pid: number, req: number, bt = "zalloc<nx_start") => `${seq} M pid=${pid} req=${req} bt=${bt}`;
const F = (seq: number, pid: number, mem: number, node: number, bt = "nsh_catfile<nsh_command") => `${seq} F pid=${pid} mem=0x${mem.toString(16)} node=${node} delay=0 bt=${bt}`;

function parseError(text: string): ParseError {
  try {
    parseGdbTrace(text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("no ParseError");
}

describe("parseGdbTrace", () => {
  it("reads every op with its fields and frames", () => {
    const text = [M(1, 0, 64), F(2, 2, 0x80034b80, 528, "meminfo_close<procfs_close"), "3 R pid=2 old=0x0 oldnode=0 req=1 bt=realloc<nsh_strcat", "4 A pid=5 align=64 req=100 bt=memalign<x", "END Remote connection closed", ""].join("\n");
    expect(parseGdbTrace(text)).toEqual([
      { line: 1, seq: 1, op: "M", pid: 0, req: 64, mem: 0, node: 0, frames: ["zalloc", "nx_start"] },
      { line: 2, seq: 2, op: "F", pid: 2, req: 0, mem: 0x80034b80, node: 528, frames: ["meminfo_close", "procfs_close"] },
      { line: 3, seq: 3, op: "R", pid: 2, req: 1, mem: 0, node: 0, frames: ["realloc", "nsh_strcat"] },
      { line: 4, seq: 4, op: "A", pid: 5, req: 100, mem: 0, node: 0, frames: ["memalign", "x"] },
    ]);
  });

  it("reads the measured traces whole, CRLF line ends too", () => {
    for (const name of ["up-boot.trace", "up-ostest.trace", "sim-u.trace", "sim-up.trace"]) {
      const text = fixtureText(`measured/${name}`);
      const calls = parseGdbTrace(text);
      expect(calls.length).toBe(text.split("\n").filter((l) => /^\d+ /.test(l)).length);
      expect(parseGdbTrace(text.replaceAll("\n", "\r\n"))).toEqual(calls);
    }
  });

  it.each([
    ["an unknown op", `${M(1, 0, 8)}\n2 X pid=1 req=8 bt=a`, 2, /an op of M, F, R or A, found "X"/],
    ["an op named like an object's own property", "1 toString pid=1 req=8 bt=a", 1, /an op of M, F, R or A, found "toString"/],
    ["a missing field", "1 F pid=1 mem=0x10 delay=0 bt=a", 1, /node=<value>, found "delay=0"/],
    ["a bad address", "1 F pid=1 mem=0xzz node=16 delay=0 bt=a", 1, /mem=<value>, found "mem=0xzz"/],
    ["a non-numeric pid", "1 M pid=one req=8 bt=a", 1, /pid=<value>/],
    ["no frames", "1 M pid=1 req=8", 1, /bt=<frames> last, found "the end of the line"/],
    ["a word after the frames", "1 M pid=1 req=8 bt=a extra", 1, /bt=<frames> last, found "bt=a extra"/],
    ["a line cut short", `${M(1, 0, 8)}\n2 F pid=1 mem=0x`, 2, /mem=<value>/],
    ["a gap in the sequence", `${M(1, 0, 8)}\n${M(3, 0, 8)}`, 2, /seq 2, found "3"/],
    ["no sequence number", "M pid=1 req=8 bt=a", 1, /a sequence number, found "M"/],
    ["calls after END", `${M(1, 0, 8)}\nEND gone\n\n${M(2, 0, 8)}`, 4, /nothing after the END line/],
    ["a NOBP line after a call", `NOBP *mm_memalign\n${M(1, 0, 8)}\nNOBP *mm_free`, 3, /a call \(NOBP lines come first\), found "NOBP \*mm_free"/],
    ["a NOBP line without its location", "NOBP", 1, /NOBP <location>, found "NOBP"/],
  ])("names the line of %s", (_what, text, line, message) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it("shows hostile text only as a quoted, shortened string", () => {
    const error = parseError(`1 <script>alert(1)</script>${"x".repeat(500)} pid=1`);
    expect(error.message).toMatch(/^line 1: expected an op of M, F, R or A, found "<script>alert\(1\)<\/script>x+\.\.\."$/);
  });

  it("takes an empty text as no calls, and a huge one in one pass", () => {
    expect(parseGdbTrace("")).toEqual([]);
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? M(i + 1, 3, 16) : F(i + 1, 3, 0x80040000 + i * 8, 24)));
    const calls = parseGdbTrace(lines.join("\n"));
    expect(calls.length).toBe(100_000);
    expect(heapCalls(calls, 4).length).toBe(100_000);
  });
});

describe("heapCalls: the calls as the heap sees them", () => {
  it("a free that free_delaylist repeats was a deferral, and the drains come before the malloc that made them", () => {
    const calls = parseGdbTrace(
      [
        M(1, 1, 2048, "malloc<up_create_stack"),
        F(2, 2, 0x80034930, 2056, "up_release_stack<nxsched_release_tcb<nxtask_exit"),
        M(3, 2, 780, "mm_zalloc<zalloc<nsh_newconsole"),
        F(4, 2, 0x80034930, 2056, "free_delaylist<mm_malloc<mm_zalloc"),
        F(5, 2, 0x80035000, 24, "nsh_catfile<nsh_command"),
      ].join("\n"),
    );
    expect(heapCalls(calls, 4).map(({ op, pid, size, line }) => [op, pid, size, line])).toEqual([
      ["M", 1, 2048, 1],
      ["D", 2, 2056, 2],
      ["F", 2, 2056, 4],
      ["M", 2, 780, 3],
      ["F", 2, 24, 5],
    ]);
  });

  it("realloc(NULL, n) is its M; an in-place realloc keeps mm_realloc's smallest request", () => {
    const calls = parseGdbTrace(
      [
        "1 R pid=2 old=0x0 oldnode=0 req=1 bt=realloc<nsh_strcat",
        "2 M pid=2 req=1 bt=mm_realloc<realloc<nsh_strcat",
        "3 R pid=2 old=0x80034b68 oldnode=16 req=2 bt=realloc<nsh_strcat",
        "4 R pid=2 old=0x80034b68 oldnode=16 req=40 bt=realloc<nsh_strcat",
        "5 M pid=2 req=40 bt=mm_realloc<realloc<nsh_strcat",
        F(6, 2, 0x80034b68, 16, "mm_realloc<realloc<nsh_strcat"),
      ].join("\n"),
    );
    expect(heapCalls(calls, 4).map(({ op, size }) => `${op} ${size}`)).toEqual(["M 1", "R 12", "M 40", "F 16"]);
  });
});
