import { describe, expect, it } from "vitest";
import { largestShortfall, mmFragRate, sizeClasses } from "../../src/analysis/fragmentation";
import { heapProfile } from "../../src/heap/profiles";

describe("fragmentation", () => {
  it("follows nxgdb's mm frag: one chunk is 0, two equal halves are 250 per mille", () => {
    expect(mmFragRate([])).toBe(0);
    expect(mmFragRate([4096])).toBe(0);
    // sorted 50, 50: (1 - 50/100) * 50/100 + (1 - 50/50) * 50/100 = 0.25
    expect(mmFragRate([50, 50])).toBeCloseTo(250, 10);
    // sorted 300, 100: (1 - 300/400) * 300/400 + 0 = 0.1875
    expect(mmFragRate([100, 300])).toBeCloseTo(187.5, 10);
  });

  it("1 - largest/total", () => {
    expect(largestShortfall([])).toBe(0);
    expect(largestShortfall([100, 300])).toBe(0.25);
  });

  it("has mm_heap's size classes: 16..31 first on rv32, 32..63 on sim64, and everything from 4 MiB last", () => {
    const rv = sizeClasses(heapProfile("rv-virt", "unpatched"), [{ size: 24, bucket: 0 }, { size: 33_000_000, bucket: 18 }]);
    expect(rv).toHaveLength(19);
    expect(rv[0]).toEqual({ bucket: 0, min: 16, max: 32, count: 1, bytes: 24, largest: 24 });
    expect(rv[18]).toMatchObject({ min: 4 * 1024 * 1024, max: Infinity, count: 1 });
    expect(sizeClasses(heapProfile("sim", "unpatched"), [])[0]).toMatchObject({ min: 32, max: 64 });
  });
});
