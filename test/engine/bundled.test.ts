import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED_RECORDINGS } from "../../src/engine/bundled";

describe("public/recordings", () => {
  it.each(Object.values(BUNDLED_RECORDINGS))("$id is an unchanged copy of the groundtruth files", (entry) => {
    for (const file of [entry.csv, entry.transcript]) {
      const shipped = readFileSync(new URL(`../../public/${file}`, import.meta.url));
      const original = readFileSync(new URL(`../../fixtures/nuttx/groundtruth/${file.replace("recordings/", "")}`, import.meta.url));
      expect(shipped.equals(original)).toBe(true);
    }
  });
});
