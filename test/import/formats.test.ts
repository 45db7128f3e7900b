// The printed formats, one by one: free in both layouts (round trip with
// src/heap/format.ts), ostest's tables, and memdump in its 2024 and 2026
// layouts (widths from mm/mm_heap/mm_memdump.c).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFree } from "../../src/heap/format";
import type { Mallinfo } from "../../src/heap/mallinfo";
import { importText } from "../../src/import/import";
import { printOstestRow, type OstestMallinfo } from "../../src/import/ostest";
import { ParseError } from "../../src/trace/parse-error";

const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
/** nused and nfree are 7 wide: a wider number would run into the column before it in NuttX's own output. */
const count = fc.integer({ min: 0, max: 9_999_999 });

/** A mallinfo as mm_mallinfo gives it: used + free = total, maxfree <= free. */
const mallinfo: fc.Arbitrary<Mallinfo> = fc
  .tuple(u32, u32, u32, u32, count, count)
  .map(([a, b, maxused, m, nused, nfree]) => {
    const total = Math.max(a, b);
    const used = Math.min(a, b);
    const free = total - used;
    return { total, used, free, maxused, maxfree: free === 0 ? 0 : m % (free + 1), nused, nfree };
  });

const nameChars = fc.constantFrom(..."abcXYZ019_-:<>&\"'/é .".split(""));
const heapName = fc
  .array(nameChars, { minLength: 1, maxLength: 14 })
  .map((chars) => chars.join("").trim())
  .filter((name) => name !== "" && !/^(Page|Prog)$/.test(name) && !(name.endsWith(":") && /^[\d ]*$/.test(name)));

function expectParseError(text: string, line: number, message: RegExp): void {
  let error: unknown;
  try {
    importText(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParseError);
  expect((error as ParseError).line).toBe(line);
  expect((error as ParseError).message).toMatch(message);
}

describe("NSH free output", () => {
  it.each(["2024", "2026"] as const)("%s layout: whatever format.ts prints reads back the same", (format) => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: heapName, info: mallinfo }), { minLength: 1, maxLength: 4 }), (heaps) => {
        const imported = importText(formatFree(format, heaps));
        expect(imported.kind).toBe("free");
        if (imported.kind !== "free") return;
        expect(imported.rows).toHaveLength(1);
        expect(imported.rows[0].format).toBe(format);
        expect(imported.rows[0].heaps).toEqual(heaps.map((heap, k) => ({ line: k + 2, ...heap })));
      }),
      { numRuns: 300 },
    );
  });

  it("Kmem and Umem in one table, then a second table, make two rows", () => {
    const kmem = { total: 65536, used: 1736, free: 63800, maxused: 2544, maxfree: 63688, nused: 3, nfree: 2 };
    const umem = { total: 33375068, used: 7044, free: 33368024, maxused: 7028, maxfree: 33367992, nused: 21, nfree: 2 };
    const table = formatFree("2026", [
      { name: "Kmem", info: kmem },
      { name: "Umem", info: umem },
    ]);
    const imported = importText(`${table}\n${table}`);
    expect(imported.kind === "free" && imported.rows.map((r) => [r.line, r.end, r.heaps.map((h) => h.name)])).toEqual([
      [1, 3, ["Kmem", "Umem"]],
      [5, 7, ["Kmem", "Umem"]],
    ]);
  });

  it("reads the measured 2026 row of the reference", () => {
    const text = `${formatFree("2026", []).trimEnd()}\n      65536       1736      63800       2544      63688      3      2 Test\n`;
    const imported = importText(text);
    expect(imported.kind === "free" && imported.rows[0].heaps[0]).toEqual({
      line: 2,
      name: "Test",
      info: { total: 65536, used: 1736, free: 63800, maxused: 2544, maxfree: 63688, nused: 3, nfree: 2 },
    });
  });

  it("the Page and Prog rows of meminfo end the heaps", () => {
    const text = `${formatFree("2024", [{ name: "Umem", info: { total: 100, used: 60, free: 40, maxused: 70, maxfree: 40, nused: 3, nfree: 1 } }])}      Page:       4096       2048       2048       1024\n`;
    const imported = importText(text);
    expect(imported.kind).toBe("transcript");
    expect(imported.kind === "transcript" && imported.sessions[0].free[0].heaps.map((h) => h.name)).toEqual(["Umem"]);
  });

  it("names the line of every broken row", () => {
    const header = formatFree("2024", []).trimEnd();
    expectParseError(`${header}\n`, 2, /expected a heap row after the header of free, found ""/);
    expectParseError(header, 2, /found "the end of the text"/);
    expectParseError(`${header}\n      Umem:   33375068       7044   33368024       7028   33367992     21      3 x\n`, 2, /expected seven whole numbers|expected a heap row/);
    expectParseError(`${header}\n      Umem:   33375068       7044   33368025       7028   33367992     21      2\n`, 2, /used \+ free = total \(7044 \+ 33368025 != 33375068\)/);
    expectParseError(`${header}\n      Umem:   33375068       7044   33368024       7028   33367992     21     2\n`, 2, /the columns as NuttX prints them/);
    expectParseError(`${header}\n      Umem:   33375068       7044   33368024       7028   33367992     21 \n`, 2, /expected a heap row/);
    expectParseError(`${header}\n   33375068       7044   33368024       7028   33367992     21      2 Umem\n`, 2, /expected a heap row after the header/);
    expectParseError(`${header}\n      Umem:   33375068       7044   33368024       7028   33368025     21      2\n`, 2, /maxfree <= free/);
    expectParseError(`${header}\n      Umem:99999999999999999999999999999999999999999999999999999999999999999999999999999 1 1 1 1 1 1\n`, 2, /seven whole numbers below 2\^32/);
  });
});

describe("ostest's memory tables", () => {
  const int = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  const ostestInfo: fc.Arbitrary<OstestMallinfo> = fc.tuple(int, int, int, fc.integer({ min: -5, max: 100000 })).map(([a, b, m, ordblks]) => {
    const arena = Math.max(a, b);
    const fordblks = arena - Math.min(a, b);
    return { arena, ordblks, mxordblk: fordblks === 0 ? 0 : m % (fordblks + 1), uordblks: Math.min(a, b), fordblks };
  });

  function printTable(title: string, before: OstestMallinfo, after: OstestMallinfo): string {
    const names = ["arena", "ordblks", "mxordblk", "uordblks", "fordblks"] as const;
    return [title, "VARIABLE  BEFORE   AFTER", "======== ======== ========", ...names.map((n) => printOstestRow(n, before[n], after[n]))].join("\n");
  }

  it("any pair of mallinfos reads back, ordblks in decimal and the rest in hex", () => {
    fc.assert(
      fc.property(ostestInfo, ostestInfo, fc.boolean(), (before, after, final) => {
        const text = `\nuser_main: some test\n${printTable(final ? "Final memory usage:" : "End of test memory usage:", before, after)}\n`;
        const imported = importText(text);
        expect(imported.kind === "transcript" && imported.sessions[0].phases).toEqual([
          { line: 3, end: 10, final, before, after, command: 0, run: 1, index: 0, phase: "some test", phaseLine: 2 },
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it("prints rows as ostest's printf does", () => {
    expect(printOstestRow("arena", 0x1fd435c, 0x1fd435c)).toBe("arena     1fd435c  1fd435c");
    expect(printOstestRow("ordblks", 2, 3)).toBe("ordblks         2        3");
  });

  it("names the line of a broken, truncated or headless table", () => {
    const good = fixtureTable();
    expectParseError(good.replace("ordblks         2        3", "ordblks         2        x"), 5, /expected the ordblks row of ostest's table \(decimal BEFORE and AFTER\)/);
    expectParseError(good.replace("mxordblk  1fced28", "mxordblk  1fcezz8"), 6, /the mxordblk row .*hex/);
    expectParseError(good.replace("uordblks     491c     48fc", "uordblks     491c     48fd"), 8, /uordblks \+ fordblks = arena in AFTER/);
    expectParseError(good.split("\n").slice(0, 6).join("\n"), 7, /the uordblks row.*found "the end of the text"/);
    expectParseError(good.replace("======== ======== ========", "======== ========"), 3, /expected "======== ======== ========"/);
    expectParseError(good.replace("End of test memory usage:", "End of tost memory usage:"), 2, /"End of test memory usage:" or "Final memory usage:" above ostest's table/);
  });

  function fixtureTable(): string {
    return ["End of test memory usage:", "VARIABLE  BEFORE   AFTER", "======== ======== ========", "arena     1fd435c  1fd435c", "ordblks         2        3", "mxordblk  1fced28  1fced28", "uordblks     491c     48fc", "fordblks  1fcfa40  1fcfa60"].join("\n");
  }
});

describe("/proc/memdump output", () => {
  const footer = (blocks: number, size: number) => `  Total Blks  Total Size\n${String(blocks).padStart(12)}${String(size).padStart(12)}`;

  it("2026 layout with Overhead on 64-bit: the measured row of the reference", () => {
    const text = ["Memdump task ALL", `${"Size".padStart(12)}${"Overhead".padStart(9)}${"Address".padStart(19)}`, "          16       16         0x4019b7c8", footer(1, 16)].join("\n");
    const imported = importText(text);
    expect(imported.kind).toBe("memdump");
    expect(imported.kind === "memdump" && imported.dumps[0]).toEqual({
      line: 1,
      end: 5,
      title: "Memdump task ALL",
      mode: "task",
      columns: ["Size", "Overhead", "Address"],
      pointerSize: 8,
      nodes: [{ line: 3, size: 16, overhead: 16, address: 0x4019b7c8 }],
      totals: { blocks: 1, size: 16 },
    });
  });

  it("2026 layout with PID, Sequence and backtraces; free rows have no PID even then", () => {
    const head = `${"PID".padStart(6)}${"Size".padStart(12)}${"Overhead".padStart(9)}${"Sequence".padStart(12)}${"Address".padStart(11)} Backtrace`;
    const used = `${"3".padStart(6)}${"48".padStart(12)}${"8".padStart(9)}${"1234".padStart(12)}${"0x80001000".padStart(11)} 0x8000abcd 0x8000beef`;
    const free = `${"112".padStart(12)}${"8".padStart(9)}${"0x80002000".padStart(11)}`;
    const imported = importText(["Memdump task ALL", head, used, free, footer(2, 160)].join("\n"));
    expect(imported.kind === "memdump" && imported.dumps[0].nodes).toEqual([
      { line: 3, pid: 3, size: 48, overhead: 8, seq: 1234, address: 0x80001000, note: "0x8000abcd 0x8000beef" },
      { line: 4, size: 112, overhead: 8, address: 0x80002000 },
    ]);
  });

  it("2024 layout with MM_BACKTRACE >= 0: PID and Sequence, no Overhead", () => {
    const head = `${"PID".padStart(6)}${"Size".padStart(12)}${"Sequence".padStart(12)}${"Address".padStart(11)} Backtrace`;
    const row = `${"-1".padStart(6)}${"24".padStart(12)}${"7".padStart(12)}${"0x8002be18".padStart(11)}`;
    const imported = importText(["Dump all used memory node info:", head, row, footer(1, 24)].join("\n"));
    expect(imported.kind === "memdump" && imported.dumps[0].nodes).toEqual([{ line: 3, pid: -1, size: 24, seq: 7, address: 0x8002be18 }]);
  });

  it("syslog's timestamp prefix is read past", () => {
    const lines = ["Dump all free memory node info:", "        Size    Address", "    33368512 0x8002d640", ...footer(1, 33368512).split("\n")];
    const imported = importText(lines.map((line, k) => `[    5.${String(k).padStart(6, "0")}] ${line}`).join("\n"));
    expect(imported.kind === "memdump" && imported.dumps[0]).toMatchObject({ mode: "free", nodes: [{ size: 33368512, address: 0x8002d640 }] });
  });

  it("a mempool that skips its block dump is kept as a note, and the totals are not checked", () => {
    const head = `${"Size".padStart(12)}${"Overhead".padStart(9)}${"Address".padStart(11)}`;
    const rows = [`${"32".padStart(12)}${"0".padStart(9)}${"0x80003000".padStart(11)} skip block dump`, `${"16".padStart(12)}${"8".padStart(9)}${"0x80004000".padStart(11)}`];
    const imported = importText(["Memdump task ALL", head, ...rows, footer(9, 999)].join("\n"));
    expect(imported.kind === "memdump" && imported.dumps[0].nodes.map((n) => n.note)).toEqual(["skip block dump", undefined]);
  });

  it("names the line of a broken dump", () => {
    const good = ["Dump all used memory node info:", "        Size    Address", "           8 0x8002be10", "          24 0x8002be18", footer(2, 32)].join("\n");
    expectParseError(good.replace("24 0x8002be18", "25 0x8002be18"), 6, /expected totals that match the 2 rows above \(2 blocks, 33 bytes\)/);
    expectParseError(good.replace("24 0x8002be18", "24  0x8002be18"), 4, /expected a memdump row with columns Size Address/);
    expectParseError(good.replace("0x8002be18", "0x8002bg18"), 4, /expected a memdump row/);
    expectParseError(good.replace("        Size    Address", "        Size   Address"), 2, /expected the memdump column line/);
    expectParseError(good.split("\n").slice(0, 4).join("\n"), 5, /expected a memdump row or "Total Blks  Total Size", found "the end of the text"/);
    expectParseError(good.replace("Dump all used", "Dump all usrd"), 2, /a memdump title such as "Dump all used memory node info:" above this line/);
  });
});
