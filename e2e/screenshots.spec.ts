// The main views, as pictures. Update with `npx playwright test e2e/screenshots.spec.ts --update-snapshots`
// and look at every picture before committing it.
import { expect, test, type Page } from "@playwright/test";

/** An element as it sits in the whole page (the sticky stepper would cover it in a scrolled viewport). */
async function inPage(page: Page, selector: string, name: string) {
  const box = (await page.locator(selector).boundingBox())!;
  await expect(page).toHaveScreenshot(name, { fullPage: true, clip: box });
}

async function open(page: Page, query: string) {
  await page.goto(`/${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  await page.waitForTimeout(300); // the link is written 150 ms after a move
}

test("first screen at boot", async ({ page }) => {
  await open(page, "?step=phase");
  await expect(page).toHaveScreenshot("first-screen.png");
});

test("both panes inside the first ostest run (message queue test)", async ({ page }) => {
  await open(page, "?step=phase&at=27.26");
  await inPage(page, ".panes", "panes-message-queue.png");
});

test("the heap map, hovered, with its inspector", async ({ page }) => {
  await open(page, "?step=phase&at=40.0");
  const map = page.getByTestId("pane-0").getByTestId("heapmap");
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.12, box.y + 30);
  await expect(page.getByTestId("pane-0").locator(".heapmap")).toHaveScreenshot("heapmap-inspector.png");
});

test("the heap map in compact mode", async ({ page }) => {
  await open(page, "?step=command&at=105.0&map=compact");
  await expect(page.getByTestId("pane-0").locator(".heapmap")).toHaveScreenshot("heapmap-compact.png");
});

test("comparison at the end of the session", async ({ page }) => {
  await open(page, "?step=command&at=105.0");
  await inPage(page, ".comparison", "comparison-end.png");
});

test("dark theme at 1280 px", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, "?step=phase&at=40.0");
  await page.getByTestId("theme").click();
  await expect(page).toHaveScreenshot("dark-1280.png");
});

test("wide layout at 2560 px", async ({ page }) => {
  await page.setViewportSize({ width: 2560, height: 1300 });
  await open(page, "?step=command&at=105.0");
  await expect(page).toHaveScreenshot("wide-2560.png");
});
