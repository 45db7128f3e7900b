import { describe, expect, it } from "vitest";
import { importText } from "../../src/import/import";
import type { Tree } from "../../src/heap/profiles";
import { fixtureText } from "../support/fixtures";
import { MAIN_SESSION, freeRows, runModel } from "../support/model";

function realSession(tree: Tree, title: string, path = `groundtruth/rv-virt-${tree}.txt`) {
  const imported = importText(fixtureText(path));
  if (imported.kind !== "transcript") throw new Error("not a transcript");
  const session = imported.sessions.find((s) => (s.title ?? "").startsWith(title));
  if (!session) throw new Error(`no ${title}`);
  return session;
}

describe("the model replays the real NSH sessions", () => {
  it.each(["unpatched", "backport"] as const)("%s main session: every free row, all seven columns", async (tree) => {
    const real = realSession(tree, "MAIN SESSION");
    expect(real.commands.flatMap((c) => (c.text ? [c.text] : []))).toEqual(MAIN_SESSION);
    const rows = freeRows(await runModel(tree, MAIN_SESSION));
    expect(rows).toEqual(real.free.map((row) => row.heaps[0].info));
  });

  it("patched (measured, fixtures/nuttx/measured/p-session.txt): every free row, all seven columns", async () => {
    const real = realSession("patched", "", "measured/p-session.txt");
    expect(real.commands.flatMap((c) => (c.text ? [c.text] : []))).toEqual(MAIN_SESSION);
    const rows = freeRows(await runModel("patched", MAIN_SESSION));
    expect(rows).toEqual(real.free.map((row) => row.heaps[0].info));
    expect(rows[0]).toMatchObject({ total: 33373052, used: 5364, nused: 19 });
  });

  it("upstream (measured, fixtures/nuttx/measured/up-session.txt): every free row and every ostest table", async () => {
    const real = realSession("upstream", "", "measured/up-session.txt");
    const commands = real.commands.flatMap((c) => (c.text ? [c.text] : []));
    expect(commands).toEqual(MAIN_SESSION);
    const session = await runModel("upstream", commands);
    const rows = freeRows(session);
    expect(rows).toEqual(real.free.map((row) => row.heaps[0].info));
    expect(rows[0]).toMatchObject({ total: 33340160, used: 5784, maxused: 6568, nused: 24 });
    const imported = importText(session.console());
    if (imported.kind !== "transcript") throw new Error("not a transcript");
    const tables = imported.sessions[0].phases.map((t) => [t.phase, t.before, t.after]);
    expect(tables).toEqual(real.phases.map((t) => [t.phase, t.before, t.after]));
    expect(tables.length).toBe(3 * (33 + 1)); // per run: 33 "End of test" tables and "Final memory usage"
  });

  it("the write-up's own sequence on the backport ends where its transcript does", async () => {
    const real = realSession("backport", "WRITE-UP");
    const commands = real.commands.flatMap((c) => (c.text ? [c.text] : []));
    expect(commands).toEqual(["free", "ostest >/dev/null", "rm -r /var", "free"]);
    const session = await runModel("backport", commands);
    expect(freeRows(session)).toEqual(real.free.map((row) => row.heaps[0].info));
    expect(freeRows(session).at(-1)).toMatchObject({ used: 7092, maxused: 46156, nused: 21, nfree: 2 });
    // With stdout on /dev/null, only stderr and the /dev/console streams reach the console.
    expect(session.console()).toContain("stdio_test: write fd=2");
    expect(session.console()).not.toContain("user_main: mutex test");
  });

  it("the memdump session: free rows and the dumps, address for address", async () => {
    const real = realSession("unpatched", "MEMDUMP");
    const commands = real.commands.flatMap((c) => (c.text ? [c.text] : []));
    const session = await runModel("unpatched", commands);
    const imported = importText(session.console());
    if (imported.kind !== "transcript") throw new Error("not a transcript");
    const model = imported.sessions[0];
    expect(model.free.map((r) => r.heaps[0].info)).toEqual(real.free.map((r) => r.heaps[0].info));
    expect(model.dumps.length).toBe(real.dumps.length);
    model.dumps.forEach((dump, i) => expect(dump.nodes.map((n) => [n.size, n.address])).toEqual(real.dumps[i].nodes.map((n) => [n.size, n.address])));
  });
});
