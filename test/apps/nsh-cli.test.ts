// npm run --silent nsh, run as a user runs it, against a real transcript.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixtureText } from "../support/fixtures";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function nsh(input: string, ...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", "nsh", "--", ...args], { cwd: ROOT, encoding: "utf8", input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the nsh command", () => {
  it("upstream rv-virt: free prints the 2026 format and the measured boot row (up-session.txt)", () => {
    const real = fixtureText("measured/up-session.txt").split("\n").map((line) => line.replace(/\r$/, ""));
    const header = real.findIndex((line) => line.trimStart().startsWith("total"));
    const { status, stdout, stderr } = nsh("free\n", "--board", "rv-virt", "--tree", "upstream");
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(stdout.split("\n").slice(0, 5)).toEqual(["ABC", "NuttShell (NSH)", "nsh> free", real[header], real[header + 1]]);
  });

  it("sim 2024: logs in as the recording did, then free prints the measured row (sim-u-run.txt)", () => {
    const real = fixtureText("measured/sim-u-run.txt").split("\n").map((line) => line.replace(/\r$/, ""));
    const header = real.findIndex((line) => line.trimStart().startsWith("total"));
    const { status, stdout, stderr } = nsh("free\n", "--board", "sim", "--tree", "unpatched");
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    const lines = stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(["login: admin", "password: ", "User Logged-in!"]);
    expect(lines.slice(lines.indexOf("nsh> free") + 1, lines.indexOf("nsh> free") + 3)).toEqual([real[header], real[header + 1]]);
  });

  it("refuses an unknown tree with its usage", () => {
    const { status, stderr } = nsh("free\n", "--tree", "2027");
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/unpatched\|backport\|patched\|upstream/);
  });
});
