import { describe, expect, it } from "vitest";
import { importText } from "../../src/import/import";
import { fixtureText } from "../support/fixtures";
import { MAIN_SESSION, freeRows, modelEvents, runModel } from "../support/model";

const settle = ["free", "hello", "getprime 4", "free"];
const run = ["ostest", "free"];

/** used after boot, getprime, ostest #1, ostest #2, ostest #3 and rm -r /var, on rv-virt/unpatched plus `fixes`. */
async function usage(fixes: ("12402" | "12406" | "12427")[]) {
  const rows = freeRows(await runModel("unpatched", ["free", ...settle.slice(1), ...run, ...run, ...run, "rm -r /var", "free"], fixes));
  return { boot: rows[0].used, afterGetprime: rows[1].used, runs: [rows[2].used, rows[3].used, rows[4].used], afterRm: rows[5].used };
}

describe("each fix alone changes exactly what it should", () => {
  it("unpatched: one-time growth on the first run, then +48 B per run", async () => {
    const u = await usage([]);
    expect(u.boot).toBe(7044);
    expect(u.afterGetprime - u.boot).toBe(16); // pid hash 4 -> 8
    expect(u.runs[0] - u.afterGetprime).toBe(2088); // 1920 sigactions + 48 message + 32 pid hash + 88 /var inodes
    expect(u.runs[1] - u.runs[0]).toBe(48);
    expect(u.runs[2] - u.runs[1]).toBe(48);
    expect(u.runs[2] - u.afterRm).toBe(88);
  });

  it("12402 alone: no per-run 48 B", async () => {
    const [u, f] = await Promise.all([usage([]), usage(["12402"])]);
    expect(f.runs[1] - f.runs[0]).toBe(0);
    expect(f.runs[2] - f.runs[1]).toBe(0);
    expect(u.runs[0] - f.runs[0]).toBe(48);
  });

  it("12427 alone: 48 B more at boot, and the pid hash never grows", async () => {
    const [u, f] = await Promise.all([usage([]), usage(["12427"])]);
    expect(f.boot - u.boot).toBe(48);
    expect(f.afterGetprime).toBe(f.boot);
    const session = await runModel("unpatched", ["getprime 4", "ostest"], ["12427"]);
    const pidHash = modelEvents(session).filter((e) => e.owner === session.kernel.ownerIndex("pidhash"));
    expect(pidHash).toEqual([expect.objectContaining({ op: "M", req: 64 })]);
  });

  it("12406 alone: the 1920 B of sigaction blocks are gone", async () => {
    const [u, f] = await Promise.all([usage([]), usage(["12406"])]);
    expect(u.runs[0] - f.runs[0]).toBe(1920);
    expect(f.runs[1] - f.runs[0]).toBe(48); // the message leak stays
  });

  it("all three fixes and rm -r /var: back to the boot value after every run", async () => {
    const f = await usage(["12402", "12406", "12427"]);
    expect(f.afterRm).toBe(f.boot);
    expect(f.runs).toEqual([f.boot + 88, f.boot + 88, f.boot + 88]);
  });

  it("rm -r /var frees exactly the two inodes", async () => {
    const session = await runModel("backport", ["ostest", "free", "rm -r /var", "free"]);
    const rows = freeRows(session);
    expect(rows[0].used - rows[1].used).toBe(88);
    expect(rows[0].nused - rows[1].nused).toBe(2);
  });
});

/** The free rows of a real build of the unpatched tree with one fix (fixtures/nuttx/measured). */
function measuredRows(fix: string) {
  const imported = importText(fixtureText(`measured/fix-${fix}-session.txt`));
  if (imported.kind !== "transcript") throw new Error("not a transcript");
  const [session] = imported.sessions;
  expect(session.commands.flatMap((c) => (c.text ? [c.text] : []))).toEqual(MAIN_SESSION);
  return session.free.map((row) => row.heaps[0].info);
}

describe("each fix alone, against a real build of it", () => {
  it.each(["12402", "12406"] as const)("%s: every free row, all seven columns (12406 also moves the heap start by 0xc0)", async (fix) => {
    expect(freeRows(await runModel("unpatched", MAIN_SESSION, [fix]))).toEqual(measuredRows(fix));
  });

  it("12427: every free row, but for maxused after getprime 4, where the real run was 16 B higher", async () => {
    // A getprime worker that exits while all four are alive allocates its
    // 12 B join record at the peak (pthread_completejoin); which worker exits
    // first is a timing race, and the model's run has no such record then.
    const model = freeRows(await runModel("unpatched", MAIN_SESSION, ["12427"]));
    const real = measuredRows("12427");
    expect(model.map((row, i) => (i === 2 ? { ...row, maxused: 0 } : row))).toEqual(real.map((row, i) => (i === 2 ? { ...row, maxused: 0 } : row)));
    expect(real[2].maxused - model[2].maxused).toBe(16);
  });
});
