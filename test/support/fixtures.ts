// Paths to the real recordings the tests check against (unchanged copies).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export const FIXTURES = new URL("../../fixtures/nuttx/", import.meta.url);

export function fixtureText(path: string): string {
  const bytes = readFileSync(new URL(path, FIXTURES));
  return path.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
}
