// The two bundled rv-virt recordings, built the way the app builds them.
import { traceRecording } from "../../src/engine/trace-recording";
import type { Tree } from "../../src/heap/profiles";
import { nodeInstance } from "../../src/wasm/node";
import { fixtureText } from "../support/fixtures";

export const TRACE_TREES = ["unpatched", "backport"] as const;

export function transcriptText(tree: Tree): string {
  return fixtureText(`groundtruth/rv-virt-${tree}.txt`);
}

/** A groundtruth trace and its transcript, as the app bundles them. */
export function bundledFiles(tree: (typeof TRACE_TREES)[number]) {
  return {
    title: `rv-virt ${tree} (QEMU trace)`,
    board: "rv-virt" as const,
    tree,
    fixes: [],
    csv: fixtureText(`groundtruth/trace-rv-virt-${tree}.csv`),
    transcript: transcriptText(tree),
    section: "TRACE-BUILD SESSION",
  };
}

export async function bundledRecording(tree: (typeof TRACE_TREES)[number]) {
  return traceRecording(await nodeInstance(), bundledFiles(tree));
}

/** The TRACE-BUILD SESSION part of a transcript, read with plain regexes (independent of src/import). */
export function traceSession(tree: Tree): string {
  const text = transcriptText(tree);
  const start = text.indexOf("# TRACE-BUILD SESSION");
  const end = text.indexOf("\n# ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

export function umemRows(session: string): number[][] {
  return [...session.matchAll(/^\s*Umem:((?:\s+\d+){7})\s*$/gm)].map((m) => m[1].trim().split(/\s+/).map(Number));
}

/** Each "End of test memory usage" table's AFTER column: arena, ordblks, mxordblk, uordblks, fordblks. */
export function tableAfters(session: string): number[][] {
  const table = /End of test memory usage:\nVARIABLE.*\n=.*\narena\s+\w+\s+(\w+)\nordblks\s+\d+\s+(\d+)\nmxordblk\s+\w+\s+(\w+)\nuordblks\s+\w+\s+(\w+)\nfordblks\s+\w+\s+(\w+)/g;
  return [...session.matchAll(table)].map((m) => [parseInt(m[1], 16), parseInt(m[2], 10), parseInt(m[3], 16), parseInt(m[4], 16), parseInt(m[5], 16)]);
}
