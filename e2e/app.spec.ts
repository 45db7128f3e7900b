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
  for (const name of ["after hello", "after free", "after getprime 4", "after free", "after ostest › Begin argument test", "after ostest › getopt() test"]) {
    await page.getByTestId("step").click();
    await expect(position(page).locator("b")).toHaveText(name);
  }
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

test("a model link with an unknown tree or fix says which, and shows the default", async ({ page }) => {
  await open(page, "?right=model:rv-virt:newest:-&left=model:rv-virt:unpatched:99999");
  const alert = page.getByTestId("link-error");
  await expect(alert).toContainText('unknown tree "newest" (expected unpatched, backport, patched, upstream)');
  await expect(alert).toContainText('unknown fix "99999" (expected 12402, 12406, 12427)');
  await expect(free(page, 0)).toContainText("7044");
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

test.describe("with the model", () => {
  test.setTimeout(120_000);

  test("a model pane runs the main session and ends on the main transcript's free row", async ({ page }) => {
    await open(page, "?right=model:rv-virt:unpatched:-&step=command");
    await page.getByTestId("run-to-end").click();
    // rv-virt-unpatched.txt, MAIN SESSION, last `free`
    await expect(free(page, 1)).toContainText("Umem:   33375068       9244   33365824      48188   33361456     42      9");
  });

  test("toggling a fix changes the growth report as it should", async ({ page }) => {
    await open(page, "?right=model:rv-virt:unpatched:-&step=command&at=105.0");
    const leak = page.getByTestId("growth-report").locator("[data-cause=leak] td.num").nth(1);
    await expect(leak).toContainText("144 B");
    await page.getByTestId("pane-1").getByTestId("fix-12402").check();
    await expect(page).toHaveURL(/right=model%3Arv-virt%3Aunpatched%3A12402/);
    await expect(page.getByTestId("pane-1")).toContainText("model rv-virt/unpatched + 12402");
    await expect(leak).toHaveText("—");
    await expect(page.getByTestId("growth-report").locator("[data-cause=cache] td.num").nth(1)).toContainText("1,920 B");
  });

  test("a tree's own fixes are ticked and cannot be unticked", async ({ page }) => {
    await open(page, "?right=model:rv-virt:upstream:-");
    for (const fix of ["12402", "12406", "12427"]) {
      await expect(page.getByTestId("pane-1").getByTestId(`fix-${fix}`)).toBeChecked();
      await expect(page.getByTestId("pane-1").getByTestId(`fix-${fix}`)).toBeDisabled();
    }
    await page.getByTestId("pane-1").locator("select").nth(2).selectOption("unpatched");
    await expect(page.getByTestId("pane-1").getByTestId("fix-12402")).not.toBeChecked();
    await expect(page.getByTestId("pane-1").getByTestId("fix-12402")).toBeEnabled();
  });

  test("a command typed in the console runs on the model pane", async ({ page }) => {
    await open(page, "?left=model:rv-virt:backport:12402,12406,12427");
    await page.getByTestId("command").fill("free");
    await page.getByTestId("command").press("Enter");
    const console0 = page.getByTestId("pane-0").getByTestId("console");
    await expect(console0).toContainText(/nsh> free\n\s+total[^\n]+\n\s+Umem:\s+33374876\s+7180[^\n]+\n[\s\S]*nsh> free\n\s+total[^\n]+\n\s+Umem:\s+33374876\s+7180/);
    await expect(free(page, 0)).toContainText("33374876       7180");
  });

  test("a sim heap beside rv-virt's: each map fits its own used span", async ({ page }) => {
    await open(page, "?left=model:sim:unpatched:-&right=model:rv-virt:unpatched:-");
    const lastTick = (pane: number) => page.getByTestId(`pane-${pane}`).getByTestId("heapmap").getByTestId("axis").locator("text").last();
    await expect(lastTick(0)).toHaveText(/MiB$/);
    await expect(lastTick(1)).toHaveText(/KiB$/);
    // Two unpatched kernels: the headline names each by its board.
    await expect(page.getByTestId("headline")).toContainText("rv-virt unpatched: after 3 runs of ostest");
  });

  test("Repeat ostest runs it again on the model; the leak rises with every run, the cache does not", async ({ page }) => {
    await open(page, "?left=model:rv-virt:unpatched:-&session=free;ostest;free");
    await page.getByTestId("repeat").locator("xpath=following-sibling::input").fill("2");
    await page.getByTestId("repeat").click();
    await expect(page.getByTestId("session-input")).toHaveValue("free; ostest; free; ostest; ostest", { timeout: 30_000 });
    const runs = page.locator(".runchart").first();
    await expect(runs).toContainText("run 3");
    await expect(runs).toContainText("True leak");
    await expect(runs).toContainText("grows every run");
    await expect(runs).toContainText("144 B");
    await expect(runs).toContainText("One-time cache");
    await expect(runs).toContainText("one step");
  });
});
