// ostest on the 2026 sim (sim:nsh x86_64, apache/nuttx 4ebc8a7291df, apps
// a71c329cfb0d) against its recordings: fixtures/nuttx/measured/
// sim-up-session.txt (free, hello, 2 × ostest, rm -r /var) and
// sim-up-ostest.txt (another run of ostest).
import { describe, expect, it } from "vitest";
import { boardConfig } from "../../src/boards/board";
import { importText } from "../../src/import/import";
import { heapCalls, parseGdbTrace } from "../../src/trace/gdb";
import type { Session } from "../../src/import/transcript";
import { fixtureText } from "../support/fixtures";
import { freeRows, modelEvents, runBoard } from "../support/model";

function transcript(text: string): Session {
  const imported = importText(text);
  if (imported.kind !== "transcript") throw new Error("not a transcript");
  return imported.sessions[0];
}

const commandsOf = (session: Session) => session.commands.flatMap((c) => (c.text ? [c.text] : []));
const tablesOf = (session: Session) => session.phases.map((t) => [t.run, t.phase ?? (t.final ? "Final memory usage" : ""), t.before, t.after]);

/** The phases user_main runs on the sim: no vfork (apps ee7642793), no FPU, no round-robin (CONFIG_RR_INTERVAL 0); wqueue, setjmp and nxevent. */
const SIM_PHASES = [
  "argument test", "getopt() test", "libc tests", "libc tests", "libc tests",
  "setvbuf test", "/dev/null test", "task_restart test", "waitpid test", "wqueue test",
  "mutex test", "timed mutex test", "cancel test", "robust test", "semaphore test", "timed semaphore test",
  "condition variable test", "pthread_exit() test", "pthread_rwlock test", "pthread_rwlock_cancel test",
  "timed wait test", "timed message queue test", "sigprocmask test", "message queue test",
  "signal handler test", "nested signal handler test", "POSIX timer test", "spinlock test", "wdog test",
  "barrier test", "setjmp test", "scheduler lock test", "nxevent test",
];

describe("ostest on sim:nsh upstream (2026) replays its recordings", () => {
  it("sim-up-session.txt: every free row, all seven columns, and every ostest table, both columns of every row", async () => {
    const real = transcript(fixtureText("measured/sim-up-session.txt"));
    const commands = commandsOf(real);
    expect(commands).toEqual(["free", "hello", "free", "ostest", "free", "ls -R /var", "rm -r /var", "free", "ostest", "free"]);
    const session = await runBoard("sim", "upstream", commands);
    expect(freeRows(session)).toEqual(real.free.map((row) => row.heaps[0].info));
    // After ostest: the message queue's /var/mqueue inodes stay, and the peak is the barrier test's eight threads.
    expect(freeRows(session)[2]).toMatchObject({ used: 1787984, maxused: 2476248, nused: 66, nfree: 4 });
    const model = transcript(session.console());
    expect(tablesOf(model)).toEqual(tablesOf(real));
    expect(real.phases.length).toBe(2 * (SIM_PHASES.length + 1));
  });

  it("sim-up-ostest.txt: the free row before and every table of another run (the recording ends in the wdog test)", async () => {
    const real = transcript(fixtureText("measured/sim-up-ostest.txt"));
    expect(commandsOf(real)).toEqual(["free", "ostest"]);
    const session = await runBoard("sim", "upstream", ["free", "ostest"]);
    const model = transcript(session.console());
    expect(freeRows(session)).toEqual(real.free.map((row) => row.heaps[0].info));
    expect(real.phases.length).toBe(28);
    expect(tablesOf(model).slice(0, real.phases.length)).toEqual(tablesOf(real));
  });

  it("runs the phases this configuration has, in the real order", async () => {
    const session = await runBoard("sim", "upstream", ["ostest"]);
    const banners = [...session.console().matchAll(/^user_main: (?!Started|argv|Exiting)(.*)$/gm)].map((m) => m[1].replace("Begin ", ""));
    const real = [...fixtureText("measured/sim-up-session.txt").matchAll(/^user_main: (?!Started|argv|Exiting)(.*)$/gm)].map((m) => m[1].replace("Begin ", ""));
    expect(banners).toEqual(real.slice(0, banners.length));
    expect(banners).toEqual([...new Set(SIM_PHASES)]);
  });

  it("sim-up-ostest.trace: every heap event of boot, free, ostest, free (op, size), and every pid but twelve deferred frees", async () => {
    const real = heapCalls(parseGdbTrace(fixtureText("measured/sim-up-ostest.trace")), boardConfig("sim", "upstream").heap.pointerSize);
    const traced = transcript(fixtureText("measured/sim-up-ostest-traced.txt"));
    expect(commandsOf(traced)).toEqual(["free", "ostest", "free", "poweroff"]);
    const session = await runBoard("sim", "upstream", commandsOf(traced));
    expect(freeRows(session)).toEqual(traced.free.map((row) => row.heaps[0].info));
    const model = modelEvents(session);
    const size = (op: string, req: number, node: number) => `${op} ${op === "M" || op === "R" ? req : node}`;
    expect(model.map((e) => size(e.op, e.req, e.node))).toEqual(real.map((e) => `${e.op} ${e.size}`));
    expect(real.length).toBe(1575);
    // A deferred free (an exiting thread's stack and TCB) carries the pid at the head of the ready list:
    // - boot: the sim_loop_wq worker in the real run, which the model leaves waiting (as in sim-up.trace);
    // - task_restart's task exits while user_main (6) was already awake in the real run, asleep in the model's;
    // - the spinlock threads (at SCHED_PRIORITY_MAX for 6 s each) exit with the hpwork thread (2) ready
    //   in the real run, which had work queued meanwhile; the model's hpwork never runs;
    // - the four wdog threads end on the same tick and exit in another order.
    const pidDiffers = real.flatMap((e, i) => (e.pid === model[i].pid ? [] : [`${e.op} ${e.size} pid ${e.pid} / ${model[i].pid}`]));
    expect(pidDiffers).toEqual([
      "D 67592 pid 1 / 4", "D 416 pid 1 / 4",
      "D 73736 pid 6 / 0", "D 416 pid 6 / 0",
      "D 67592 pid 2 / 6", "D 432 pid 2 / 6", "D 67592 pid 2 / 6", "D 432 pid 2 / 6", "D 67592 pid 2 / 6", "D 432 pid 2 / 6",
      "D 67592 pid 6 / 284", "D 432 pid 6 / 284",
    ]);
  });

  it("sim-up-session.txt: the whole console, line for line, but what the host decides", async () => {
    const text = fixtureText("measured/sim-up-session.txt");
    const session = await runBoard("sim", "upstream", commandsOf(transcript(text)));
    const lines = (console: string) => console.replaceAll("\r", "").replaceAll("\x1b[K", "").split("\n");
    const STDERR = "stdio_test: Standard I/O Check: fprintf to stderr";
    const unknowable = (line: string) =>
      line
        // clock_gettime(CLOCK_REALTIME) counts from the host RTC's time at boot (CONFIG_RTC): the model starts at CONFIG_START_YEAR.
        .replace(/^(BEFORE|AFTER): +\(\d+ sec, \d+ nsec\)$/, "$1: (clock)")
        // spinlock.c's timings are the host CPU's; the model spends one measured cost per lock and unlock.
        .replace(/(Average throughput :|Total execution time:) \d+/, "$1 (time)");
    // The real sim's fprintf(stderr) reached the console when ostest exited (its stream was flushed at exit);
    // the model writes it where it is printed, as rv-virt's console shows it. Every other line is in place.
    const model = lines(session.console());
    const real = lines(text);
    expect(model.filter((l) => l === STDERR).length).toBe(real.filter((l) => l === STDERR).length);
    expect(model.filter((l) => l !== STDERR).map(unknowable)).toEqual(real.filter((l) => l !== STDERR).map(unknowable));
    expect(real.indexOf(STDERR)).toBe(real.indexOf("ostest_main: Exiting with status 0") + 1);
  });
});
