// Hostile input: markup, control bytes, very long lines, very large texts.
// Imported text comes back as plain strings (the UI renders text only).
import { describe, expect, it } from "vitest";
import { formatFree } from "../../src/heap/format";
import { importBytes, importText, type Imported } from "../../src/import/import";
import { summaryLines } from "../../src/import/summary";
import { InputTooLarge, MAX_IMPORT_BYTES } from "../../src/import/text";
import { ParseError } from "../../src/trace/parse-error";
import { fixtureText } from "../support/fixtures";

const SCRIPT = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const info = { total: 1000, used: 400, free: 600, maxused: 500, maxfree: 600, nused: 3, nfree: 1 };

function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("no ParseError");
}

function transcript(text: string): Extract<Imported, { kind: "transcript" }> {
  const imported = importText(text);
  if (imported.kind !== "transcript") throw new Error(`imported as ${imported.kind}`);
  return imported;
}

describe("markup comes back as the very same plain strings", () => {
  it("in commands, output, titles, notes and heap names", () => {
    const text = [`# ${SCRIPT}`, "=".repeat(20), `# ${SCRIPT}`, "=".repeat(20), `nsh> ${SCRIPT}`, SCRIPT, "nsh> free", formatFree("2026", [{ name: SCRIPT, info }])].join("\n");
    const imported = transcript(text);
    const session = imported.sessions[0];
    expect(imported.notes).toEqual([SCRIPT]);
    expect(session.title).toBe(SCRIPT);
    expect(session.commands[0]).toEqual({ line: 5, text: SCRIPT, output: [SCRIPT] });
    expect(session.free[0]).toMatchObject({ after: SCRIPT, heaps: [{ name: SCRIPT, info }] });
    expect(structuredClone(imported)).toEqual(imported);
    expect(JSON.parse(JSON.stringify(imported))).toEqual(imported);
  });

  it("in an error's found text, quoted", () => {
    const error = parseError(() => importText(`${formatFree("2024", []).trimEnd()}\n${SCRIPT}:   1 2 3`));
    expect(error.message).toContain(JSON.stringify(SCRIPT.slice(0, 40)).slice(1, -1));
  });
});

describe("control bytes", () => {
  it("NUL bytes stay in the strings, and an error shows them escaped", () => {
    expect(transcript("nsh> fr\u0000ee\n\u0000\u0000").sessions[0].commands[0]).toEqual({ line: 1, text: "fr\u0000ee", output: ["\u0000\u0000"] });
    const error = parseError(() => importText(`${formatFree("2024", []).trimEnd()}\n  Umem\u0000: 1 2 3 4 5 6 7`));
    expect(error.line).toBe(2);
    expect(error.message).not.toContain("\u0000");
    expect(error.message).toContain("\\u0000");
  });

  it("terminal sequences (ESC[K after the prompt) and a byte-order mark are dropped", () => {
    const imported = transcript(`\ufeffnsh> \x1b[Kfree\r\n${formatFree("2024", [{ name: "Umem", info }]).replace(/\n/g, "\x1b[K\r\n")}nsh> \x1b[K`);
    expect(imported.sessions[0].commands.map((c) => c.text)).toEqual(["free", ""]);
    expect(imported.sessions[0].free[0].heaps[0]).toEqual({ line: 3, name: "Umem", info });
  });

  it("an empty or blank input is refused at line 1", () => {
    for (const text of ["", "\n\n", "   \r\n\t"]) expect(parseError(() => importText(text)).message).toMatch(/^line 1: expected NSH free output.*found "an empty input"$/);
  });
});

describe("very long lines", () => {
  const long = "A".repeat(5_000_000);

  it("are output like any other line", () => {
    const session = transcript(`nsh> cat big\n${long}\nnsh> free\n${formatFree("2024", [{ name: "Umem", info }])}`).sessions[0];
    expect(session.commands[0].output[0]).toHaveLength(5_000_000);
    expect(session.free).toHaveLength(1);
  });

  it("get an error that shows only their start", () => {
    for (const bad of [`Umem: ${"1 ".repeat(2_000_000)}`, `${"9".repeat(3_000_000)} 1 2 3 4 5 6 Umem`, long]) {
      const error = parseError(() => importText(`${formatFree("2024", []).trimEnd()}\n${bad}`));
      expect(error.line).toBe(2);
      expect(error.message.length).toBeLessThan(300);
    }
  });
});

describe("size", () => {
  it(`refuses ${MAX_IMPORT_BYTES} bytes or more with a clear message`, () => {
    expect(() => importText("x".repeat(MAX_IMPORT_BYTES))).toThrow(InputTooLarge);
    expect(() => importText("x".repeat(MAX_IMPORT_BYTES))).toThrow(/^the input is 50\.0 MB; imports must be smaller than 50 MB$/);
  });

  it("counts bytes, not characters: 17.5 million euro signs are 52.5 MB", () => {
    expect(() => importText("\u20ac".repeat(17_500_000))).toThrow(InputTooLarge);
  });

  it("refuses a large file before decoding it", () => {
    expect(() => importBytes(new Uint8Array(MAX_IMPORT_BYTES), "big.txt")).toThrow(InputTooLarge);
  });

  it("reads a transcript of almost 50 MB", () => {
    const one = fixtureText("groundtruth/rv-virt-unpatched.txt");
    const copies = Math.floor((MAX_IMPORT_BYTES - 1) / Buffer.byteLength(one));
    const imported = importText(one.repeat(copies));
    const lines = summaryLines(imported);
    expect(copies).toBeGreaterThan(200);
    expect(lines).toHaveLength(3 * copies);
    expect(lines.slice(-3)).toEqual(summaryLines(importText(one)));
  });
});

describe("kinds in odd company", () => {
  it("a trace after blank lines, or printed by cat, is still a trace", () => {
    const csv = fixtureText("groundtruth/trace-rv-virt-unpatched.csv");
    const bare = importText(csv);
    const afterBlank = importText(`\n\n${csv}`);
    expect(afterBlank.kind).toBe("trace");
    expect(afterBlank.kind === "trace" && afterBlank.events.map((e) => e.line - 2)).toEqual(bare.kind === "trace" && bare.events.map((e) => e.line));
    const catted = transcript(`nsh> cat /tmp/trace.csv\n${csv}nsh> `);
    expect(summaryLines(catted)).toEqual(["transcript: 0 free rows, 0 phase tables, 1192 heap events"]);
    expect(catted.sessions[0].traces[0]).toMatchObject({ line: 2, end: 1194, command: 0 });
  });

  it("a damaged row of a printed trace names its line in the transcript", () => {
    const csv = fixtureText("groundtruth/trace-rv-virt-unpatched.csv").replace("\n5,M,", "\n5,Q,");
    expect(parseError(() => importText(`nsh> cat t.csv\n${csv}`)).message).toMatch(/^line 8: expected an op of M, F, R or A, found "Q"$/);
  });

  it("free output and a memdump pasted together make a transcript", () => {
    const dump = ["Dump all free memory node info:", "        Size    Address", "         600 0x80001000", "  Total Blks  Total Size", "           1         600"].join("\n");
    const imported = importText(`${formatFree("2024", [{ name: "Umem", info }])}${dump}\n`);
    expect(summaryLines(imported)).toEqual(["transcript: 1 free rows, 0 phase tables, 1 heap events"]);
  });
});
