// Exports: the heap's nodes (JSON, CSV), the session's free rows (CSV) and
// file names. Read back, every file says what the views show; hostile names
// from imported text come back unchanged and never break a row or a path.
import { csvParse } from "d3-dsv";
import fc from "fast-check";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/engine";
import { exportFileName } from "../../src/export/file-name";
import { freeRowsCsv, FREE_COLUMNS } from "../../src/export/free-rows";
import { heapNodes, nodesCsv, nodesJson, NODE_COLUMNS } from "../../src/export/nodes";
import { formatFree } from "../../src/heap/format";
import { wasmModule } from "../../src/wasm/node";
import { traceSession, transcriptText, umemRows } from "../engine/recordings";

const engine = () => new Engine(wasmModule(), (path) => readFile(new URL(`../../public/${path}`, import.meta.url), "utf8"));
/** Undoes spreadsheetText: a text cell's one leading apostrophe is the guard. */
const cell = (text: string) => (text.startsWith("'") ? text.slice(1) : text);
const HOSTILE = ['a "quoted", comma', "two\nlines\r\nand CR", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "tab\there", "", " spaced "];

describe("the heap's nodes", () => {
  it("add up to the mallinfo of the heap they are exported from", async () => {
    const e = engine();
    const summary = await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    const view = e.view(0, summary.length, 0);
    const rows = heapNodes(summary, view);
    expect(rows).toHaveLength(view.count);
    const free = rows.filter((r) => r.state === "free");
    expect(rows.filter((r) => r.state !== "free")).toHaveLength(view.info.nused);
    expect(free).toHaveLength(view.info.nfree);
    expect(free.reduce((n, r) => n + r.size, 0)).toBe(view.info.free);
    expect(new Set(rows.map((r) => r.owner))).toEqual(new Set([null, ...summary.owners.filter((o) => rows.some((r) => r.owner === o))]));
    expect(rows.find((r) => r.state === "used")).toMatchObject({ owner: "boot", task: "Idle Task", pid: 0 });
  });

  it("from a memdump, carry the addresses and lines it printed", async () => {
    const e = engine();
    const text = transcriptText("unpatched");
    const dump = text.slice(text.indexOf("Dump all used memory node info:"), text.indexOf("          21        6200") + 24);
    await e.import(0, "dump.txt", dump);
    const rows = heapNodes(e.summary(0), e.view(0, 1, 0));
    expect(rows[1]).toMatchObject({ address: "0x8002be10", size: 24, state: "used", line: 4, pid: null, seqno: null });
    expect(rows.at(-1)).toMatchObject({ address: "0x81fffff8", size: 8, state: "guard", line: 23 });
  });

  it("read back from CSV and JSON as the same rows, whatever the names", async () => {
    const e = engine();
    const summary = await e.open(0, { kind: "recording", id: "rv-virt-backport" });
    const view = e.view(0, summary.length, 0);
    const hostile = { ...summary, owners: summary.owners.map((_, i) => HOSTILE[i % HOSTILE.length]), tasks: Object.fromEntries(Object.keys(summary.tasks).map((pid, i) => [pid, HOSTILE[(i + 3) % HOSTILE.length]])) };
    const rows = heapNodes(hostile, view);
    const parsed = csvParse(nodesCsv(rows).trimEnd());
    expect(parsed.columns).toEqual(NODE_COLUMNS);
    expect(parsed).toHaveLength(rows.length);
    parsed.forEach((line, i) => {
      expect(cell(line.owner)).toBe(rows[i].owner ?? "");
      expect(cell(line.task)).toBe(rows[i].task ?? "");
      expect(Number(line.size)).toBe(rows[i].size);
    });
    const json = JSON.parse(nodesJson({ title: HOSTILE[0], position: view.position, profile: summary.profile.name }, rows));
    expect(json.title).toBe(HOSTILE[0]);
    expect(json.nodes.map((n: unknown[]) => Object.fromEntries(NODE_COLUMNS.map((c, k) => [c, n[k]])))).toEqual(rows);
  });

  it("any string survives a CSV round trip", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 40 }), { minLength: 1, maxLength: 20 }), (names) => {
        const rows = names.map((owner, i) => ({ offset: i, address: null, size: 16, state: "used" as const, pid: 1, seqno: i, request: 8, owner, task: owner, site: null, event: i, cause: null, line: null }));
        const parsed = csvParse(nodesCsv(rows).trimEnd());
        expect(parsed.map((r) => cell(r.owner))).toEqual(names);
        expect(parsed.every((r) => !/^[=+\-@\t\r]/.test(r.owner))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the session's free rows", () => {
  it("of a trace are the transcript's seven free rows", async () => {
    const e = engine();
    const summary = await e.open(0, { kind: "recording", id: "rv-virt-unpatched" });
    const parsed = csvParse(freeRowsCsv(summary.freeRows).trimEnd());
    expect(parsed.columns).toEqual([...FREE_COLUMNS]);
    expect(parsed.map((r) => ["total", "used", "free", "maxused", "maxfree", "nused", "nfree"].map((c) => Number(r[c])))).toEqual(umemRows(traceSession("unpatched")));
    expect(parsed.map((r) => r.after)).toEqual(["(boot)", "hello", "getprime 4", "echo $?", "ostest", "rm -r /var", "ostest"]);
  });

  it("of a pasted transcript keep every heap's name, quoted where it needs it", async () => {
    const info = { total: 1000, used: 400, free: 600, maxused: 500, maxfree: 600, nused: 3, nfree: 1 };
    const heaps = HOSTILE.filter((name) => name.trim() !== "" && !/[\r\n]/.test(name)).map((name) => ({ name: name.trim(), info }));
    const e = engine();
    await e.import(0, "t.txt", `nsh> free\n${formatFree("2026", heaps)}`);
    const parsed = csvParse(freeRowsCsv(e.summary(0).freeRows).trimEnd());
    expect(parsed.map((r) => cell(r.heap))).toEqual(heaps.map((h) => h.name));
    expect(parsed.map((r) => r.heap)).toContain(`'=HYPERLINK("http://x")`);
    expect(parsed.every((r) => r.after === "(boot)" && r.used === "400")).toBe(true);
  });
});

describe("export file names", () => {
  it("are plain names, never paths or markup", () => {
    expect(exportFileName("rv-virt-backport.txt · MAIN SESSION", "used chart", "svg")).toBe("rv-virt-backport.txt-MAIN-SESSION-used-chart.svg");
    expect(exportFileName("../../etc/passwd", "nodes", "csv")).toBe("etc-passwd-nodes.csv");
    expect(exportFileName("<script>alert(1)</script>", "", "json")).toBe("script-alert-1-script.json");
    expect(exportFileName("", "", "")).toBe("leakless.txt");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (title, what) => {
        const name = exportFileName(title, what, "csv");
        expect(name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*\.csv$/);
        expect(name.length).toBeLessThanOrEqual(170);
      }),
    );
  });
});
