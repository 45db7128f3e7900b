// NSH's own commands on rv-virt against real consoles and gdb traces of the
// same commands (fixtures/nuttx/measured/u-shell*, up-shell*): ls -l, the
// procfs directories, ps, help, mkdir and a failed redirection.
import { describe, expect, it } from "vitest";
import type { Tree } from "../../src/heap/profiles";
import { heapProfile } from "../../src/heap/profiles";
import { heapCalls, parseGdbTrace } from "../../src/trace/gdb";
import { fixtureText } from "../support/fixtures";
import { modelEvents, runBoard, runModel } from "../support/model";
import { readChunk } from "../../src/apps/nsh/readline";

/** The console's lines, without carriage returns and the line editor's erase-to-end-of-line. */
const consoleLines = (text: string) => text.replace(/\r/g, "").replace(/\x1b\[K/g, "").split("\n");

/** What was typed at each prompt. */
const typed = (lines: string[]) => lines.filter((line) => line.startsWith("nsh> ") && line.length > 5).map((line) => line.slice(5));

/** ps's USED and FILLED (the stack's high-water mark) are not modelled: both sides show them masked. */
const maskStackUse = (line: string) => line.replace(/ (\d{6,7}) +(\d{6,7}|-) +(\d+\.\d%!?|-) +/, " $1 USED FILLED ");

async function replay(tree: Tree, recording: string) {
  const real = consoleLines(fixtureText(`measured/${recording}`));
  const session = await runModel(tree, typed(real));
  return { real: real.map(maskStackUse), model: consoleLines(session.console()).map(maskStackUse), session };
}

const key = (op: string, size: number, pid: number) => `${op} ${size} pid ${pid}`;

async function eventsMatch(tree: Tree, recording: string, trace: string) {
  const { session } = await replay(tree, recording);
  const real = heapCalls(parseGdbTrace(fixtureText(`measured/${trace}`)), heapProfile("rv-virt", tree).pointerSize);
  const model = modelEvents(session).map((e) => key(e.op, e.op === "M" || e.op === "R" ? e.req : e.node, e.pid));
  return { real: real.map((e) => key(e.op, e.size, e.pid)), model };
}

describe("NSH's shell commands on rv-virt, against the real consoles", () => {
  it("2024 (unpatched): every line of u-shell.txt but ps's stack use, free rows included", async () => {
    const { real, model } = await replay("unpatched", "u-shell.txt");
    expect(real.length).toBe(184);
    expect(model.slice(0, real.length)).toEqual(real);
  });

  it("2026 (upstream): every line of up-shell.txt but ps's stack use, free rows included", async () => {
    const { real, model } = await replay("upstream", "up-shell.txt");
    expect(real.length).toBe(166);
    expect(model.slice(0, real.length)).toEqual(real);
  });

  it("ls -l shows the type and permissions stat gives: directories, character devices, procfs files", async () => {
    const { model } = await replay("unpatched", "u-shell.txt");
    expect(model).toContain(" crw-rw-rw-           0 console");
    expect(model).toContain(" dr--r--r--           0 proc/");
    expect(model).toContain(" -r--r--r--           0 meminfo");
  });

  it("ps shows each stack as adj_stack_size: its allocation's aligned top, less the TLS and argument frames", async () => {
    const { model } = await replay("unpatched", "u-shell.txt");
    expect(model.filter((line) => line.endsWith("nsh_main") && line.includes("Task"))).toEqual([
      "    1     1 100 RR       Task      - Running            0000000000000000 001992 USED FILLED nsh_main",
    ]);
  });
});

describe("NSH's shell commands on the sim, against the real console", () => {
  it("2024: every line of sim-u-shell.txt after the login, but hpwork's arguments (two addresses in the host program)", async () => {
    const fromPrompt = (lines: string[]) => lines.slice(lines.findIndex((line) => line.startsWith("nsh> ")));
    const hpworkArgs = (line: string) => line.replace(/ \d{6} hpwork.*/, " STACK hpwork ARGS");
    const real = fromPrompt(consoleLines(fixtureText("measured/sim-u-shell.txt")));
    const session = await runBoard("sim", "unpatched", typed(real));
    const model = fromPrompt(consoleLines(session.console()));
    expect(real.length).toBe(95);
    expect(model.slice(0, real.length).map(hpworkArgs)).toEqual(real.map(hpworkArgs));
    // FAT directories, romfs files with their lengths, binfs apps, a directory inode_reserve made (0777 with PSEUDOFS_ATTRIBUTES):
    expect(model).toEqual(expect.arrayContaining([" drw-rw-rw-           0 a/", " -r--r--r--          71 rc.sysinit", " ---x--x--x           0 hello", " drwxrwxrwx           0 dev/"]));
  });
});

describe("procfs's files on rv-virt, against u-proc.txt", () => {
  it("a task's status, cmdline, stack, group status and environment, mounts, cpuinfo, mempool: line for line, but what the model does not know", async () => {
    const real = consoleLines(fixtureText("measured/u-proc.txt"));
    const model = consoleLines((await runModel("unpatched", typed(real))).console());
    // What only the real board knows: a stack's high-water mark, the fd table's flags, the wall clock, the build's date and a symbol's address.
    const unknown = ["StackUsed:  1484", "", "FD  OFLAGS  TYPE POS       PATH", "0   3       1    0         /dev/console", "1   3       1    0         /dev/console", "2   3       1    0         /dev/console", "3   1       3    0         ", "NuttX version 0.0.0 0 Nov 25 2026 22:42:03 rv-virt:nsh", "     13.05", "pointer 0x80021968 size 24"];
    const known = real.filter((line) => !unknown.includes(line));
    expect(real.length - known.length).toBe(10);
    expect(model.filter((line) => known.includes(line))).toEqual(known);
    expect(model).toEqual(expect.arrayContaining(["StackAlloc: 0x8002ca48", "StackBase:  0x8002ca78", "StackSize:  1992", "Member IDs: 1", "PATH=/system/bin", "isa\t\t: rv32imafdc"]));
  });

  it("every heap event of cat on each of them, mount and free (u-proc.trace)", async () => {
    const { real, model } = await eventsMatch("unpatched", "u-proc-traced.txt", "u-proc.trace");
    expect(real.length).toBe(131);
    expect(model).toEqual(real);
  });
});

describe("NSH's shell commands on rv-virt, against gdb traces", () => {
  it("2024: boot, ls, ls -l, /proc, ps, help, mkdir, ls -lR: every event (op, request, pid) of u-shell.trace", async () => {
    const { real, model } = await eventsMatch("unpatched", "u-shell-traced.txt", "u-shell.trace");
    expect(real.length).toBe(399);
    expect(model).toEqual(real);
  });

  it("2026: the same commands, every event of up-shell.trace", async () => {
    const { real, model } = await eventsMatch("upstream", "up-shell-traced.txt", "up-shell.trace");
    expect(real.length).toBe(499);
    expect(model).toEqual(real);
  });
});

describe("NSH's command lines: quotes, options and bad input", () => {
  /** Each command's console output, and the free row after all of them. */
  async function outputs(commands: string[]) {
    const session = await runModel("unpatched", [...commands, "free"]);
    const lines = consoleLines(session.console());
    const printed = commands.map((command) => {
      const start = lines.indexOf(`nsh> ${command}`) + 1;
      return lines.slice(start, lines.findIndex((line, i) => i >= start && line.startsWith("nsh> "))).join("\n");
    });
    return { printed, free: lines.find((line) => line.includes("Umem:") && lines.indexOf(line) > lines.length - 4) };
  }

  it("double quotes keep spaces and expand $?; single quotes keep both as they are", async () => {
    const { printed } = await outputs(["echo \"a  b\"", "ls /nothing", "echo \"status $?\"", "echo 'status $?'"]);
    expect(printed).toEqual(["a  b", "nsh: ls: stat failed: 2", "status 1", "status $?"]);
  });

  it("a quote without its end is refused with NSH's message, and the shell goes on with its heap as it was", async () => {
    const clean = await outputs(["echo ok"]);
    const { printed, free } = await outputs(["echo \"abc", "echo 'x", "echo ok"]);
    expect(printed).toEqual(['nsh: ": no matching "', "nsh: ': no matching '", "ok"]);
    expect(free).toBe(clean.free);
  });

  it("ls: an unknown option, two paths, a path that is not there, a file", async () => {
    const { printed } = await outputs(["ls -x /", "ls / /dev", "ls /nothing/at/all", "ls -l /dev/null", "ls -s /proc/meminfo"]);
    expect(printed).toEqual(["nsh: ls: argument invalid", "nsh: ls: too many arguments", "nsh: ls: stat failed: 2", " crw-rw-rw-           0 /dev/null", "           0 /proc/meminfo"]);
  });

  it("a 100,000-character line is read 79 characters at a time, as the console's 80-byte buffer takes it; the heap is as before", async () => {
    const clean = await runModel("unpatched", ["free"]);
    const session = await runModel("unpatched", [`ls /${"a".repeat(99_996)}`, "free"]);
    const lines = consoleLines(session.console());
    // 4 + 99,996 characters: "ls /" and 75 of them, 1264 reads of 79, then the last 65 with the newline. A cut line's echo has no newline yet.
    expect(lines.filter((line) => line.endsWith(`nsh: ${"a".repeat(79)}: command not found`))).toHaveLength(1264);
    expect(lines).toContain(`nsh> ${"a".repeat(65)}`);
    expect(lines.filter((line) => line.includes("stat failed"))).toEqual([`nsh> ls /${"a".repeat(75)}nsh: ls: stat failed: 2`]);
    expect(lines.at(-3)).toBe(consoleLines(clean.console()).at(-3));
  });

  it("control characters: backspace and DEL erase, an escape sequence is swallowed, others are dropped", () => {
    expect(readChunk("lx\bs /\x7f/dev", 80)).toEqual({ text: "ls /dev", rest: null });
    expect(readChunk("\x1b[Afree\x07\t", 80)).toEqual({ text: "free", rest: null });
    expect(readChunk("abcdef", 4)).toEqual({ text: "abc", rest: "def" });
    expect(readChunk("abc", 4)).toEqual({ text: "abc", rest: "" });
  });

  it("a command NSH has but the model lacks says so; an unknown one is not found", async () => {
    const { printed } = await outputs(["uname -a", "frobnicate"]);
    expect(printed).toEqual(["nsh: uname: this command is not modelled", "nsh: frobnicate: command not found"]);
  });

  it("u-nsh-args.txt: argument counts against g_cmdmap, mkdir -p, mkdir where it cannot be: every line", async () => {
    const real = consoleLines(fixtureText("measured/u-nsh-args.txt"));
    const session = await runModel("unpatched", typed(real));
    expect(real.length).toBe(39);
    expect(consoleLines(session.console()).slice(0, real.length)).toEqual(real);
  });

  it("u-nsh-limits.txt: more than CONFIG_NSH_MAXARGUMENTS words, a line past the buffer, a quote without its end: every line", async () => {
    const real = consoleLines(fixtureText("measured/u-nsh-limits.txt"));
    // As tools/drive.py typed them: the echo of a line cut by the buffer is not what was typed.
    const typedLines = ["echo 1 2 3 4 5 6 7 8 9 10 11 12", "echo 1 2 3 4 5 6", "echo 1 2 3 4 5 6 7", `echo ${"b".repeat(120)}`, "free", 'echo "abc', "echo ok"];
    const session = await runModel("unpatched", typedLines);
    expect(real.length).toBe(21);
    expect(consoleLines(session.console()).slice(0, real.length)).toEqual(real);
  });
});

describe("every NSH command the model has, on every board and tree", () => {
  const commands = ["ls -lR /", "ps", "help", "cat /proc/meminfo", "mount", "cat /proc/self/status", "cat /proc/uptime", "cat /proc/fs/usage", "mkdir -p /tmp/x/y", "rm -r /tmp/x", "echo hi > /dev/null", "hello", "free"];
  for (const board of ["rv-virt", "sim"] as const) {
    for (const tree of ["unpatched", "backport", "patched", "upstream"] as const) {
      it(`${board}/${tree}: runs them all and comes back to the prompt`, async () => {
        const session = await runBoard(board, tree, commands);
        const text = session.console();
        expect(text.trimEnd().endsWith("nsh>")).toBe(true);
        expect(text).toContain("Hello, World!!");
        expect(text).not.toMatch(/needs "|Error|undefined|NaN/);
      });
    }
  }
});
