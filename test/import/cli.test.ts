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
    expect(stderr).toBe("give exactly one FILE\nusage: npm run --silent import -- FILE [--json]\n");
    expect(run(fixture("rv-virt-unpatched.txt"), "--jsn").status).toBe(2);
  });
});
