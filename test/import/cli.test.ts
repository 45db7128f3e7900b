// npm run --silent import -- FILE [--json], run as a user runs it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "../../src/import/text";
import { FIXTURES } from "../support/fixtures";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`groundtruth/${name}`, FIXTURES));

function run(...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", "import", "--", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "leakless-import-")), name);
  writeFileSync(path, text);
  return path;
}

describe("the import command", () => {
  it("prints one line per session of a transcript", () => {
    expect(run(fixture("rv-virt-unpatched.txt"))).toEqual({
      status: 0,
      stdout: "transcript: 7 free rows, 93 phase tables, 0 heap events\ntranscript: 7 free rows, 93 phase tables, 0 heap events\ntranscript: 3 free rows, 31 phase tables, 266 heap events\n",
      stderr: "",
    });
  });

  it("prints the parsed result with --json", () => {
    const { status, stdout } = run(fixture("trace-rv-virt-unpatched.csv"), "--json");
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({ kind: "trace", name: "trace-rv-virt-unpatched.csv" });
    expect(parsed.events).toHaveLength(1192);
    expect(parsed.events[0]).toEqual({ line: 2, seq: 0, op: "M", heap: 180032, off: 16, req: 16, node: 24, pid: 0, off2: null, node2: null, curused: 24 });
  });

  it("exits non-zero with the error, naming the file and line, on standard error", () => {
    const path = tempFile("bad.txt", "nsh> free\n                 total       used       free    maxused    maxfree  nused  nfree\n      Umem:   1 2 3\n");
    expect(run(path)).toEqual({ status: 2, stdout: "", stderr: `${path}: line 3: expected a heap row "name: total used free maxused maxfree nused nfree", found "      Umem:   1 2 3"\n` });
  });

  it("refuses a file of 50 MB without reading it", () => {
    const path = tempFile("huge.txt", "");
    truncateSync(path, MAX_IMPORT_BYTES);
    const { status, stderr } = run(path);
    expect(status).toBe(2);
    expect(stderr).toBe(`${path}: the input is 50.0 MB; imports must be smaller than 50 MB\n`);
  });

  it("says how to use it when the arguments are wrong", () => {
    const { status, stderr } = run();
    expect(status).toBe(2);
    expect(stderr).toBe("give one FILE, or a trace CSV and the transcript of its run\nusage: npm run --silent import -- FILE [--json]   or   npm run --silent import -- TRACE.csv TRANSCRIPT.txt [--json]\n");
    expect(run(fixture("rv-virt-unpatched.txt"), "--jsn").status).toBe(2);
  });

  it("pairs a trace with the transcript of its run: one line, the TRACE-BUILD SESSION's tables and the trace's events", () => {
    // rv-virt-unpatched.txt's TRACE-BUILD SESSION: 7 free rows and 93 ostest tables (the line for it above); the CSV has 1192 rows.
    expect(run(fixture("trace-rv-virt-unpatched.csv"), fixture("rv-virt-unpatched.txt"))).toEqual({ status: 0, stdout: "trace+transcript: 7 free rows, 93 phase tables, 1192 heap events\n", stderr: "" });
    expect(run(fixture("rv-virt-backport.txt"), fixture("trace-rv-virt-backport.csv")).stdout).toBe("trace+transcript: 7 free rows, 93 phase tables, 1525 heap events\n");
  });

  it("prints the pair with --json: both files, the session chosen and its commands as markers", () => {
    const { status, stdout } = run(fixture("trace-rv-virt-unpatched.csv"), fixture("rv-virt-unpatched.txt"), "--json");
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({ kind: "trace+transcript", name: "trace-rv-virt-unpatched.csv + rv-virt-unpatched.txt", session: { index: 1, title: "TRACE-BUILD SESSION" } });
    expect(parsed.trace.events).toHaveLength(1192);
    expect(parsed.transcript.sessions).toHaveLength(3);
    const commands = parsed.markers.filter((m: { kind: string }) => m.kind === "command").map((m: { label: string }) => m.label);
    expect(commands).toEqual(["(boot)", "free", "hello", "free", "getprime 4", "free", "ostest", "echo $?", "free", "ostest", "free", "ls -R /var", "rm -r /var", "free", "ostest", "free"]);
  });

  it("refuses a trace and a transcript that do not belong together, and two files of one kind", () => {
    const wrong = run(fixture("trace-rv-virt-unpatched.csv"), fixture("rv-virt-backport.txt"));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^trace-rv-virt-unpatched\.csv and rv-virt-backport\.txt do not belong together: .*TRACE-BUILD SESSION: rv-virt-backport\.txt line \d+: /);
    const traces = run(fixture("trace-rv-virt-unpatched.csv"), fixture("trace-rv-virt-backport.csv"));
    expect(traces).toMatchObject({ status: 2, stdout: "" });
    expect(traces.stderr).toMatch(/^trace-rv-virt-unpatched\.csv and trace-rv-virt-backport\.csv are both allocation trace CSVs/);
    const cut = tempFile("cut.csv", "seq,op,heap,off,req,node,pid,off2,node2,curused\n0,M,180032,16,16,24,0,,,24\n1,M,18003");
    expect(run(cut, fixture("rv-virt-unpatched.txt")).stderr).toBe(`${cut}: line 3: expected 10 columns, found "3: 1,M,18003"\n`);
  });
});
