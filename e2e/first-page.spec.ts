import { expect, test } from "@playwright/test";

test("the page loads the WASM heap and shows a fresh heap's free output", async ({ page }) => {
  await page.goto("/");
  const free = page.getByTestId("free");
  await expect(free).toContainText("Umem:");
  // rv-virt, unpatched: struct 356 + two 8-byte guards, one free node.
  await expect(free).toContainText("33375068        372   33374696        356   33374696      2      1");
});
