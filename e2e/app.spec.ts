import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

/** The last `free` row of each transcript's TRACE-BUILD SESSION: the ground truth at the end of the session. */
function lastTraceRow(tree: string): string {
  const text = readFileSync(new URL(`../fixtures/nuttx/groundtruth/rv-virt-${tree}.txt`, import.meta.url), "utf8");
  const session = text.slice(text.indexOf("# TRACE-BUILD SESSION"));
  const rows = session.slice(0, session.indexOf("\n# ", 1) >>> 0).match(/^\s*Umem:.*$/gm)!;
  return rows[rows.length - 1];
}

async function open(page: Page, query = "") {
  await page.goto(`/${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
}

const free = (page: Page, pane: number) => page.getByTestId(`pane-${pane}`).getByTestId("free");
const digest = (page: Page, pane: number) => page.getByTestId(`pane-${pane}`).getByTestId("heapmap").getAttribute("data-digest");
const position = (page: Page) => page.getByTestId("position");

test("the page opens both real recordings at boot, with the transcripts' first free rows", async ({ page }) => {
  await open(page);
  await expect(free(page, 0)).toContainText("Umem:   33374396       7044   33367352       7028   33367320     21      2");
  await expect(free(page, 1)).toContainText("Umem:   33374204       7092   33367112       7076   33367080     21      2");
  await expect(position(page)).toContainText("after free (boot: the baseline)");
  await expect(page.getByTestId("headline")).toContainText("unpatched: after 3 runs of ostest, the heap keeps 2,224 B more than at boot");
});

test("steps by ostest phase through the first run", async ({ page }) => {
  await open(page, "?step=phase");
  const names: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.getByTestId("step").click();
    names.push((await position(page).locator("b").textContent()) ?? "");
  }
  expect(names).toEqual(["after hello", "after free", "after getprime 4", "after free", "after ostest › Begin argument test", "after ostest › getopt() test"]);
  await expect(page).toHaveURL(/step=phase&at=\d+\.\d+/);
});

test("Run to end prints each tree's last free row, as the real kernel printed it", async ({ page }) => {
  await open(page, "?step=command");
  await page.getByTestId("run-to-end").click();
  await expect(position(page)).toContainText("after free");
  await expect(free(page, 0)).toContainText(lastTraceRow("unpatched"));
  await expect(free(page, 1)).toContainText(lastTraceRow("backport"));
  // groundtruth README: after ostest #3, used / maxused / nused / nfree
  await expect(free(page, 0)).toContainText("9244   33365152      48188   33360784     42      9");
  await expect(free(page, 1)).toContainText("7180");
  const report = page.getByTestId("growth-report");
  await expect(report.locator("[data-cause=leak]")).toContainText("144 B");
  await expect(report.locator("[data-cause=cache]")).toContainText("1,920 B");
  await expect(report.locator("[data-cause=table]")).toContainText("PR 12427");
  await expect(report.locator("[data-cause=leftover]")).toContainText("rm -r /var");
});

test("Back restores the state exactly, event by event and across a jump", async ({ page }) => {
  await open(page, "?step=event&at=40.3");
  const seen: string[] = [];
  const snapshot = async () => [await free(page, 0).textContent(), await free(page, 1).textContent(), await digest(page, 0), await digest(page, 1)].join("|");
  for (let i = 0; i < 8; i++) {
    seen.push(await snapshot());
    await page.keyboard.press("ArrowRight");
    await expect.poll(snapshot).not.toBe(seen[seen.length - 1]);
  }
  for (let i = 7; i >= 0; i--) {
    await page.keyboard.press("ArrowLeft");
    await expect.poll(snapshot).toBe(seen[i]);
  }
  await page.getByTestId("run-to-end").click();
  await page.goto(page.url().replace(/at=[\d.]+/, "at=40.3"));
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  expect(await snapshot()).toBe(seen[0]);
});

test("space plays and pauses", async ({ page }) => {
  await open(page, "?step=event");
  const before = await position(page).textContent();
  await page.keyboard.press(" ");
  await expect(page.getByTestId("play")).toHaveText("Pause");
  await expect.poll(() => position(page).textContent()).not.toBe(before);
  await page.keyboard.press(" ");
  await expect(page.getByTestId("play")).toHaveText("Play");
});

test("a bad link gets a clear message, and the page still works", async ({ page }) => {
  await open(page, "?left=rec:nope&step=sideways&at=zz&map=round");
  const alert = page.getByTestId("link-error");
  await expect(alert).toContainText('left="rec:nope": there is no bundled recording "nope"');
  await expect(alert).toContainText('step="sideways": expected command, phase, event.');
  await expect(alert).toContainText('at="zz": not a position of this session');
  await expect(alert).toContainText('map="round": expected compact or address.');
  await expect(free(page, 0)).toContainText("7044");
  await page.getByTestId("step").click();
  await expect(position(page)).toContainText("after hello");
});

test("a model link without the model says so and shows the recordings", async ({ page }) => {
  await open(page, "?right=model:rv-virt:backport:12402");
  await expect(page.getByTestId("link-error")).toContainText("the model is not available in this build");
  await expect(free(page, 1)).toContainText("7092");
});

test("the heap map inspector names a node's owner, phase and age", async ({ page }) => {
  await open(page, "?step=phase");
  const map = page.getByTestId("pane-0").getByTestId("heapmap");
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + 3, box.y + 30);
  const inspector = page.getByTestId("pane-0").getByTestId("inspector");
  await expect(inspector).toContainText("allocated node");
  await expect(inspector).toContainText("owner boot");
  await expect(inspector).toContainText("task Idle Task");
  await expect(inspector).toContainText("allocated in (boot)");
});
