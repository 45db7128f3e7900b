import { describe, expect, it } from "vitest";
import { replayVectors } from "../../src/trace/replay-vectors";
import { parseVectors } from "../../src/trace/vectors";
import { nodeInstance } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";

describe("golden allocator vectors recorded on real NuttX sim builds", () => {
  it.each([
    ["traces/mm-june2024-sim64.txt.gz", "sim/patched"],
    ["traces/mm-upstream2026-sim32.txt.gz", "rv-virt/upstream"],
  ])("%s: every offset and every mallinfo field is exact", async (path, profile) => {
    const file = parseVectors(fixtureText(path));
    expect(file.ops).toHaveLength(4000);
    const report = replayVectors(await nodeInstance(), file);
    expect(report.profile.name).toBe(profile);
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(4000 + file.test.filter((s) => s.info || s.offset !== undefined).length + 1);
  });
});
