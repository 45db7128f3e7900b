// The sim board (sim:nsh, x86_64) against the real recordings of the 2024 tree
// (fixtures/nuttx/measured/sim-u-*.txt, sim-u.trace).
import { describe, expect, it } from "vitest";
import { boardConfig } from "../../src/boards/board";
import { passwdEncrypt } from "../../src/apps/fsutils/passwd";
import { ModelSession } from "../../src/engine/session";
import { importText } from "../../src/import/import";
import { wasmModule } from "../../src/wasm/node";
import type { Session } from "../../src/import/transcript";
import { heapCalls, parseGdbTrace } from "../../src/trace/gdb";
import { fixtureText } from "../support/fixtures";
import { freeRows, modelEvents, runBoard } from "../support/model";

function transcript(text: string): Session {
  const imported = importText(text);
  if (imported.kind !== "transcript") throw new Error("not a transcript");
  return imported.sessions[0];
}

const commandsOf = (session: Session) => session.commands.flatMap((c) => (c.text ? [c.text] : []));
/** The console as the recordings' reader sees it: no carriage returns, no ESC[K. */
const plain = (text: string) => text.replaceAll("\r", "").replaceAll("\x1b[K", "");
const fromCommand = (text: string, command: string) => plain(text).slice(plain(text).indexOf(`nsh> ${command}\n`));

describe("sim:nsh 2024 (unpatched) replays its recordings", () => {
  it("sim-u-run.txt: every free row after login, hello, ls -R /, mount and cat, all seven columns", async () => {
    const real = fixtureText("measured/sim-u-run.txt");
    const commands = commandsOf(transcript(real));
    expect(commands).toEqual(["free", "hello", "free", "ls -R /", "mount", "cat /proc/meminfo", "poweroff"]);
    const session = await runBoard("sim", "unpatched", commands.slice(0, -1));
    const rows = freeRows(session);
    expect(rows).toEqual(transcript(real).free.map((row) => row.heaps[0].info));
    expect(rows[0]).toEqual({ total: 67108856, used: 1791592, free: 65317264, maxused: 1922632, maxfree: 65317088, nused: 58, nfree: 4 });
  });

  it("sim-u-run.txt: the listing of ls -R /, mount and cat /proc/meminfo, line for line", async () => {
    const real = fixtureText("measured/sim-u-run.txt");
    const session = await runBoard("sim", "unpatched", ["free", "hello", "free", "ls -R /", "mount", "cat /proc/meminfo"]);
    const realLines = fromCommand(real, "ls -R /").split("\n");
    const modelLines = fromCommand(session.console(), "ls -R /").split("\n");
    expect(modelLines.slice(0, -1)).toEqual(realLines.slice(0, modelLines.length - 1));
    expect(realLines[modelLines.length - 1]).toBe("nsh> poweroff");
  });

  it("sim-u-memdump.txt: the free row and both dumps, size for size, each address at the same distance from the first", async () => {
    const real = transcript(fixtureText("measured/sim-u-memdump.txt"));
    const commands = commandsOf(real);
    expect(commands).toEqual(["free", "echo used > /proc/memdump", "poweroff"]);
    const model = transcript((await runBoard("sim", "unpatched", commands.slice(0, -1))).console());
    expect(model.free.map((r) => r.heaps[0].info)).toEqual(real.free.map((r) => r.heaps[0].info));
    const layout = (dump: Session["dumps"][number]) => dump.nodes.map((n) => [n.size, n.address - dump.nodes[0].address]);
    expect(real.dumps.length).toBe(2);
    expect(model.dumps.map(layout)).toEqual(real.dumps.map(layout));
  });

  it("sim-u.trace: every heap event of boot, login, free, hello, free and poweroff's program search (op, size, pid)", async () => {
    const real = heapCalls(parseGdbTrace(fixtureText("measured/sim-u.trace")), boardConfig("sim", "unpatched").heap.pointerSize);
    const session = await runBoard("sim", "unpatched", ["free", "hello", "free", "poweroff"]);
    const model = modelEvents(session).map((e) => `${e.op} ${e.op === "M" || e.op === "R" ? e.req : e.node} pid ${e.pid}`);
    expect(model).toEqual(real.map((e) => `${e.op} ${e.size} pid ${e.pid}`));
    expect(real.length).toBe(158); // 160 calls: two realloc(NULL, 32) are their mallocs
  });

  it("has no ostest: NSH searches /bin for it, then says it is no command, and the heap is as before", async () => {
    const session = await runBoard("sim", "unpatched", ["free", "ostest", "free"]);
    expect(session.console()).toContain("nsh> ostest\nnsh: ostest: command not found\n");
    const [before, after] = freeRows(session);
    expect(after).toEqual(before);
    const attempt = modelEvents(session).slice(session.commands[1].at, session.commands[2].at);
    expect(attempt.map((e) => `${e.op} ${e.op === "M" ? e.req : e.node}`)).toEqual(["M 88", "M 20", "M 12", "F 32", "F 32", "F 96"]);
  });

  it("the login: the password encrypts to the one /etc/passwd holds; a wrong one is refused", async () => {
    expect(passwdEncrypt("Administrator")).toBe("8Tv+Hbmr3pLVb5HHZgd26D");
    const config = boardConfig("sim", "unpatched");
    config.login = { username: "admin", password: "administrator" };
    const session = await ModelSession.boot(wasmModule(), config);
    expect(session.console()).toMatch(/password: \nInvalid username or password\nlogin: $/);
  });
});

describe("sim:nsh upstream (4ebc8a7291df) replays its recordings", () => {
  it("sim-up-session.txt: boot, hello: the first two free rows, all seven columns, in the 2026 layout", async () => {
    const text = fixtureText("measured/sim-up-session.txt");
    const real = transcript(text);
    expect(commandsOf(real).slice(0, 3)).toEqual(["free", "hello", "free"]);
    const session = await runBoard("sim", "upstream", ["free", "hello", "free"]);
    expect(freeRows(session)).toEqual(real.free.slice(0, 2).map((row) => row.heaps[0].info));
    expect(plain(session.console()).split("\n").slice(0, 10)).toEqual(plain(text).split("\n").slice(0, 10));
  });

  it("sim-up.trace: every heap event (op, size, pid) but the pid of AppBringUp's two deferred frees", async () => {
    const real = heapCalls(parseGdbTrace(fixtureText("measured/sim-up.trace")), boardConfig("sim", "upstream").heap.pointerSize);
    const session = await runBoard("sim", "upstream", ["free", "hello", "free", "poweroff"]);
    const model = modelEvents(session);
    expect(model.map((e) => `${e.op} ${e.op === "M" || e.op === "R" ? e.req : e.node}`)).toEqual(real.map((e) => `${e.op} ${e.size}`));
    // When AppBringUp (pid 3) exits, the real run had the sim_loop_wq worker (pid 1), woken by the host
    // loop's tick, at the head of the ready list; the model leaves that worker waiting, so nsh (pid 4) is.
    const pidDiffers = real.flatMap((e, i) => (e.pid === model[i].pid ? [] : [`${e.op} ${e.size} pid ${e.pid} / ${model[i].pid}`]));
    expect(pidDiffers).toEqual(["D 67592 pid 1 / 4", "D 416 pid 1 / 4"]);
    expect(real.length).toBe(157); // 159 calls: two realloc(NULL, 32) are their mallocs
  });

  it("sim-up-shell.trace: ls of binfs, romfs, FAT and procfs, mkdir on FAT, ps: every event after boot (op, size, pid)", async () => {
    const real = heapCalls(parseGdbTrace(fixtureText("measured/sim-up-shell.trace")), boardConfig("sim", "upstream").heap.pointerSize);
    const commands = ["free", "ls /bin", "free", "ls /etc", "ls -l /etc/init.d", "free", "ls /tmp", "mkdir /tmp/a", "ls -l /tmp", "free", "ls /proc", "ps", "free", "poweroff"];
    const session = await runBoard("sim", "upstream", commands);
    const key = (op: string, size: number, pid: number) => `${op} ${size} pid ${pid}`;
    const model = modelEvents(session).map((e) => key(e.op, e.op === "M" || e.op === "R" ? e.req : e.node, e.pid));
    // Boot is the test above (with its two deferred frees that the real run gave to the loop worker).
    const afterBoot = session.commands[0].at;
    expect(model.slice(afterBoot)).toEqual(real.slice(afterBoot).map((e) => key(e.op, e.size, e.pid)));
    expect(real.length - afterBoot).toBe(258);
  });
});
