// The model's whole main-session console against the real transcripts, line
// for line: what NSH, hello, getprime and the three ostest runs print. The
// lines allowed to differ are listed below, each with why.
import { describe, expect, it } from "vitest";
import { fixtureText } from "../support/fixtures";
import { MAIN_SESSION, runModel } from "../support/model";

type Tree = "unpatched" | "backport" | "upstream";

/** A stretch of the console: what one NSH command or one ostest phase printed, up to the next. */
interface Segment {
  /** Its first line: the prompt and command, or user_main's phase banner. */
  key: string;
  /** How many segments with this key came before it (the ostest run, for a phase). */
  run: number;
  lines: string[];
}

/**
 * A line the model cannot print as the real board did: where `line` matches
 * (in the phases `phase` matches, on the trees listed), both sides show `as`
 * instead, or drop the line if `as` is null.
 */
interface Allowance {
  line: RegExp;
  as: string | null;
  why: string;
  phase?: RegExp;
  trees?: Tree[];
}

const ALLOWED: Allowance[] = [
  {
    line: /^(\w+: oact\.sigaction=)0x[0-9a-f]+( .*)$/,
    as: "$1ADDRESS$2",
    why: "a code address in the real image (signest's handler, left on SIGRTMIN); the model numbers its handlers",
  },
  {
    line: /^(BEFORE: |AFTER:  )\(\d+ sec, \d+ nsec\)$/,
    as: "$1(SEC, NSEC)",
    why: "the real board's clock: the board spends time the model does not (console output), and the 2026 clock counts in 100 ns",
  },
  { line: /^getprime took \d+ msec$/, as: "getprime took MS msec", why: "the real CPU's time; the model has one speed per tree" },
  {
    line: /^(ordblks|mxordblk|uordblks|fordblks) .*$/,
    phase: /^user_main: (FPU test|task_restart test)$/,
    as: "$1 CELLS",
    why: "the two FPU tasks exit on one tick: whether their TCBs and stacks are freed before mallinfo is a race (README); it shows in the FPU table and the next one's BEFORE",
  },
  {
    line: /^(spinlock|rspinlock|seqcount): (Average throughput : \d+ op\/s|Total execution time: \d+ ns)$/,
    as: "$1: TIMING",
    trees: ["upstream"],
    why: "the real CPU's speed for each lock kind; the model has one cost per lock operation",
  },
  {
    line: /^(wd_start with maximum delay, cancel OK, rest |recursive wdog triggered )\d.*$/,
    as: "$1COUNTS",
    trees: ["upstream"],
    why: "QEMU's timer interrupts come late, so the watchdogs fire later and fewer times; the model's fire on their tick",
  },
  {
    line: /^WARNING: wdog latency ticks \d+ \(> 10 may indicate timing error\)$/,
    as: null,
    trees: ["upstream"],
    why: "the same latency, over wdog.c's tolerance; the model has none",
  },
  {
    line: /^waitpid_last: PASS: PID (\d+) waitpid (succeeded with stat_loc=0e00|failed with ECHILD. {2}That may be)$/,
    phase: /^user_main: waitpid test$/,
    as: "waitpid_last: PASS: PID $1 waitpid OUTCOME",
    trees: ["upstream"],
    why: "the children and user_main wake on one tick; whether the last child is still there when waitpid asks is a race",
  },
  {
    line: /^ {14}acceptable because child status is disabled on this thread\.$/,
    phase: /^user_main: waitpid test$/,
    as: null,
    trees: ["upstream"],
    why: "the second line of the ECHILD outcome above",
  },
];

/** Phases whose threads wake on one tick in an order the source does not decide: their lines are compared as a set. */
const UNORDERED: { phase: RegExp; trees: Tree[]; why: string }[] = [
  { phase: /^user_main: barrier test$/, trees: ["unpatched", "backport", "upstream"], why: "the eight threads leave the barrier's last sleep on one tick" },
  { phase: /^user_main: (waitpid test|round-robin scheduler test)$/, trees: ["upstream"], why: "the children and user_main, or the two RR threads, end on one tick" },
];

const plain = (text: string) => text.replaceAll("\r", "").replaceAll("\x1b[K", "");

function withoutTrailingBlanks(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === "") end--;
  return lines.slice(0, end);
}

/** The lines of the transcript's session titled `title`, or of the whole file when it has no titles. */
function realSession(path: string, title?: string): string[] {
  const lines = plain(fixtureText(path)).split("\n");
  if (!title) return withoutTrailingBlanks(lines);
  const start = lines.findIndex((line) => line.startsWith(`# ${title}`)) + 2;
  const end = lines.findIndex((line, i) => i >= start && /^={20,}$/.test(line));
  return withoutTrailingBlanks(lines.slice(start, end));
}

function segmentsOf(lines: string[]): Segment[] {
  const segments: Segment[] = [{ key: "(boot)", run: 0, lines: [] }];
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    if (line.startsWith("nsh> ") || (line.startsWith("user_main: ") && lines[i - 1] === "")) {
      seen.set(line, (seen.get(line) ?? 0) + 1);
      segments.push({ key: line, run: seen.get(line)! - 1, lines: [] });
    }
    segments.at(-1)!.lines.push(line);
  });
  return segments;
}

/** The segment's lines with the allowances applied, in order or (for a racing phase) sorted. */
function comparable(segment: Segment, tree: Tree): string[] {
  const applies = (a: { trees?: Tree[]; phase?: RegExp }) => (!a.trees || a.trees.includes(tree)) && (!a.phase || a.phase.test(segment.key));
  const lines = segment.lines.flatMap((line) => {
    const allowance = ALLOWED.find((a) => applies(a) && a.line.test(line));
    if (!allowance) return [line];
    return allowance.as === null ? [] : [line.replace(allowance.line, allowance.as)];
  });
  return UNORDERED.some((u) => u.trees.includes(tree) && u.phase.test(segment.key)) ? lines.sort() : lines;
}

/** Each segment where the model differs: its name and both sides' lines. */
function differences(real: string[], model: string[], tree: Tree) {
  const [realSegments, modelSegments] = [segmentsOf(real), segmentsOf(model)];
  const name = (s: Segment) => `${s.key} (#${s.run + 1})`;
  expect(modelSegments.map(name)).toEqual(realSegments.map(name));
  return realSegments.flatMap((segment, i) => {
    const [r, m] = [comparable(segment, tree), comparable(modelSegments[i], tree)];
    return r.join("\n") === m.join("\n") ? [] : [{ segment: name(segment), real: r, model: m }];
  });
}

async function modelConsole(tree: Tree, commands: string[]): Promise<string[]> {
  const session = await runModel(tree, commands);
  return withoutTrailingBlanks(plain(session.console()).split("\n"));
}

const RECORDINGS: [Tree, string, string | undefined][] = [
  ["unpatched", "groundtruth/rv-virt-unpatched.txt", "MAIN SESSION"],
  ["backport", "groundtruth/rv-virt-backport.txt", "MAIN SESSION"],
  ["upstream", "measured/up-session.txt", undefined],
];

describe("the model's main-session console, line for line against the real one", () => {
  it.each(RECORDINGS)("%s (%s): every line but the allowed ones", async (tree, path, title) => {
    const real = realSession(path, title);
    const commands = real.filter((line) => line.startsWith("nsh> ") && line.length > 5).map((line) => line.slice(5));
    expect(commands).toEqual(MAIN_SESSION);
    const model = await modelConsole(tree, commands);
    expect(model.length).toBeGreaterThan(2500);
    expect(differences(real, model, tree)).toEqual([]);
  });

  it("a line worded otherwise is a difference, in order or not", async () => {
    const real = realSession("groundtruth/rv-virt-unpatched.txt", "MAIN SESSION");
    const model = await modelConsole("unpatched", MAIN_SESSION);
    const reworded = (from: string, to: string) => model.map((line) => line.replace(from, to));
    const found = (lines: string[]) => differences(real, lines, "unpatched").map((d) => d.segment);
    expect(found(reworded("(I AM SPECIAL)", ""))).toEqual(["user_main: barrier test (#1)", "user_main: barrier test (#2)", "user_main: barrier test (#3)"]);
    expect(found(reworded("getopt_long():  Invalid long option", "getopt_long(): Invalid long option"))).toHaveLength(3);
    expect(found(model.filter((line) => !line.startsWith("timer_test: oact.")))).toEqual([
      "user_main: POSIX timer test (#1)",
      "user_main: POSIX timer test (#2)",
      "user_main: POSIX timer test (#3)",
    ]);
  });
});
