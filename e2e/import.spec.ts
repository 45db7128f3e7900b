// Bring your own NuttX: paste, drop and choose files; what each kind shows; errors that leave the pane as it
// was; and the exports. Every expected number is in the real recordings under fixtures/nuttx/groundtruth.
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const fixture = (name: string) => new URL(`../fixtures/nuttx/groundtruth/${name}`, import.meta.url);
const text = (name: string) => readFileSync(fixture(name), "utf8");

async function open(page: Page, query = "") {
  await page.goto(`/${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
}

const pane = (page: Page, index: number) => page.getByTestId(`pane-${index}`);
const free = (page: Page, index: number) => pane(page, index).getByTestId("free");
const title = (page: Page, index: number) => pane(page, index).locator("h2");

/** Text pasted into the pane's import box: one input event with the whole text, as a paste gives (fill() types it in). */
async function paste(page: Page, index: number, pasted: string) {
  await pane(page, index).getByTestId("import-toggle").click();
  await pane(page, index)
    .getByTestId("import-text")
    .evaluate((box: HTMLTextAreaElement, value) => {
      box.value = value;
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }, pasted);
  await pane(page, index).getByTestId("import-paste").click();
}

/** A file dropped on a pane, as the browser delivers it: a drop event whose DataTransfer holds the file. */
async function drop(page: Page, index: number, name: string, content: string) {
  const transfer = await page.evaluateHandle(
    ([fileName, fileText]) => {
      const data = new DataTransfer();
      data.items.add(new File([fileText], fileName, { type: "text/csv" }));
      return data;
    },
    [name, content],
  );
  await pane(page, index).dispatchEvent("dragover", { dataTransfer: transfer });
  await pane(page, index).dispatchEvent("drop", { dataTransfer: transfer });
}

/** Files dropped on a pane together, as a drop from a file manager delivers them. */
async function dropFiles(page: Page, index: number, files: string[], names = files) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const [fileName, fileText] of list) data.items.add(new File([fileText], fileName, { type: "text/plain" }));
    return data;
  }, files.map((name, i) => [names[i], text(name)]));
  await pane(page, index).dispatchEvent("dragover", { dataTransfer: transfer });
  await pane(page, index).dispatchEvent("drop", { dataTransfer: transfer });
}

/** A transcript's TRACE-BUILD SESSION, read with plain regexes: its typed commands and its free rows as printed. */
function traceBuildSession(name: string) {
  const whole = text(name);
  const start = whole.indexOf("# TRACE-BUILD SESSION");
  const end = whole.indexOf("\n# ", start + 1);
  const session = whole.slice(start, end < 0 ? undefined : end);
  return { commands: [...session.matchAll(/^nsh> (.+)$/gm)].map((m) => m[1]), rows: [...session.matchAll(/^\s*(Umem:.*\S)\s*$/gm)].map((m) => m[1]), tables: tableBanners(session) };
}

/** Each ostest table's banner: the last "user_main: " line after an empty line above it (ostest_main.c prints it so); a Final table's names the test after the last phase table (vfork). */
function tableBanners(session: string): string[] {
  const banners = [...session.matchAll(/\n\nuser_main: (.+)\n/g)];
  return [...session.matchAll(/^(End of test|Final) memory usage:$/gm)].map((table) => banners.filter((b) => b.index! < table.index!).at(-1)![1]);
}

/** The stepper's label at each stop from boot to the end, stepping forward. */
async function walk(page: Page): Promise<string[]> {
  await page.getByTestId("reset").click();
  const labels: string[] = [];
  const position = page.getByTestId("position");
  for (;;) {
    const before = await position.textContent();
    await page.getByTestId("step").click();
    await expect(position).not.toHaveText(before!);
    const count = (await position.locator(".count").textContent())!.match(/stop (\d+) of (\d+)/)!;
    labels.push((await position.locator("b").textContent())!);
    if (count[1] === count[2]) return labels;
  }
}

/** The groundtruth's backport MAIN SESSION: its first and last `free` rows. */
const BACKPORT_FIRST = "Umem:   33374876       7092   33367784       7076   33367752     21      2";
const BACKPORT_LAST = "Umem:   33374876       7180   33367696      46220   33364352     23      3";

test("a pasted transcript becomes a session: its free rows and ostest tables, stepped with the other pane", async ({ page }) => {
  await open(page, "?step=command");
  const transcript = text("rv-virt-backport.txt");
  expect(transcript).toContain(BACKPORT_FIRST);
  expect(transcript).toContain(BACKPORT_LAST);
  await paste(page, 1, transcript);
  await expect(title(page, 1)).toHaveText("pasted text · MAIN SESSION");
  await expect(free(page, 1)).toContainText(BACKPORT_FIRST);
  await expect(pane(page, 1)).toContainText("as printed, line 11");
  // One dot per table: 7 free rows and 93 ostest tables.
  await expect(pane(page, 1).locator("circle.used-dot")).toHaveCount(100);
  await expect(pane(page, 1).getByTestId("no-node-data")).toContainText("No node-level data");
  await expect(page.getByTestId("headline")).toContainText("pasted text · MAIN SESSION: from its first to its last free, around 3 runs of ostest, used changed by +88 B");
  await page.getByTestId("run-to-end").click();
  await expect(free(page, 1)).toContainText(BACKPORT_LAST);
  await expect(free(page, 0)).toContainText("9244   33365152      48188");
  await page.getByLabel("step by").getByText("ostest phase").click();
  await page.getByTestId("back").click();
  await expect(page.getByTestId("position")).toContainText("after ostest › vfork() test");
  await expect(free(page, 1)).toContainText("Final memory usage:\nVARIABLE  BEFORE   AFTER");
  await expect(page.getByTestId("delta-table")).toContainText("An imported transcript's change is from ostest's tables alone");
});

test("a transcript chosen as a file: another of its sessions is one choice away", async ({ page }) => {
  await open(page);
  await pane(page, 1).getByTestId("import-toggle").click();
  await pane(page, 1).getByTestId("import-file").setInputFiles(fixture("rv-virt-backport.txt").pathname);
  await expect(title(page, 1)).toHaveText("rv-virt-backport.txt · MAIN SESSION");
  await pane(page, 1).getByTestId("import-session").selectOption({ label: "WRITE-UP SEQUENCE: 2 free tables" });
  await expect(title(page, 1)).toHaveText("rv-virt-backport.txt · WRITE-UP SEQUENCE");
  await expect(page).toHaveURL(/right=imported%3Arv-virt-backport.txt/);
  // Away to a bundled recording and back: the pane's engine kept the import.
  await pane(page, 1).getByTestId("source").selectOption({ label: "rv-virt unpatched, real QEMU trace" });
  await expect(title(page, 1)).toHaveText("rv-virt unpatched, real QEMU trace");
  await pane(page, 1).getByTestId("source").selectOption({ label: "imported: rv-virt-backport.txt" });
  await expect(title(page, 1)).toHaveText("rv-virt-backport.txt · WRITE-UP SEQUENCE");
});

test("a dropped trace CSV replays on the heap: its heap map, and free at its end", async ({ page }) => {
  await open(page, "?step=command");
  await drop(page, 0, "trace-rv-virt-unpatched.csv", text("trace-rv-virt-unpatched.csv"));
  await expect(title(page, 0)).toHaveText("trace-rv-virt-unpatched.csv (imported trace)");
  const map = pane(page, 0).getByTestId("heapmap");
  await expect(map).toHaveAttribute("data-nodes", "49");
  // The TRACE-BUILD SESSION's last free row, less free's own two nodes (792 B), freed when free exited.
  await expect(free(page, 0)).toContainText("Umem:   33374396       8452   33365944      48188   33360784     40      9");
  await expect(pane(page, 0)).toContainText("A trace does not say how big the heap is");
  await page.getByTestId("reset").click();
  await expect(map).toHaveAttribute("data-nodes", "3");
});

test("a trace CSV and its transcript dropped together: the session's commands and phases as stops, and its last free row", async ({ page }) => {
  await open(page, "?step=command");
  // Each pane a pair, so that every stop comes from the imported files.
  await dropFiles(page, 0, ["rv-virt-unpatched.txt", "trace-rv-virt-unpatched.csv"]);
  await expect(title(page, 0)).toHaveText("trace-rv-virt-unpatched.csv + rv-virt-unpatched.txt · TRACE-BUILD SESSION");
  await dropFiles(page, 1, ["trace-rv-virt-backport.csv", "rv-virt-backport.txt"]);
  await expect(title(page, 1)).toHaveText("trace-rv-virt-backport.csv + rv-virt-backport.txt · TRACE-BUILD SESSION");
  await expect(pane(page, 0)).toContainText('Paired: the trace trace-rv-virt-unpatched.csv (1192 heap events) with the session "TRACE-BUILD SESSION" of rv-virt-unpatched.txt');
  const unpatched = traceBuildSession("rv-virt-unpatched.txt");
  expect(traceBuildSession("rv-virt-backport.txt").commands).toEqual(unpatched.commands);
  const commands = await walk(page);
  // A command stop names the command (ostest's with the phase that ends it).
  expect(commands.map((label) => label.replace(/^after /, "").replace(" (boot: the baseline)", "").replace(/ › .*/, ""))).toEqual(["(boot)", ...unpatched.commands]);
  // The last stop is the last `free`: the session's last row, as the kernel printed it.
  await expect(free(page, 0)).toContainText(unpatched.rows.at(-1)!);
  await expect(free(page, 1)).toContainText(traceBuildSession("rv-virt-backport.txt").rows.at(-1)!);
  await expect(pane(page, 0).getByTestId("heapmap")).toBeVisible();
  await page.getByLabel("step by").getByText("ostest phase").click();
  // By phase: one stop per ostest table of the three runs, named by its banner (a banner's second table is "#2").
  const phases = (await walk(page)).filter((label) => label.startsWith("after ostest › ")).map((label) => label.replace("after ostest › ", "").replace(/ #\d+$/, ""));
  expect(unpatched.tables).toHaveLength(93);
  expect(phases).toEqual(unpatched.tables);
});

test("a trace and a transcript of different kernels are refused, and the pane keeps what it showed", async ({ page }) => {
  await open(page, "?step=command");
  const before = { title: await title(page, 0).textContent(), free: await free(page, 0).textContent(), map: await pane(page, 0).getByTestId("heapmap").getAttribute("data-digest") };
  await dropFiles(page, 0, ["trace-rv-virt-unpatched.csv", "rv-virt-backport.txt"]);
  const error = pane(page, 0).getByTestId("import-error");
  await expect(error).toContainText("trace-rv-virt-unpatched.csv and rv-virt-backport.txt do not belong together");
  // Named: the first free row of the transcript's TRACE-BUILD SESSION, which the unpatched trace's heap never gives.
  const lines = text("rv-virt-backport.txt").split("\n");
  const header = lines.findIndex((line) => line.startsWith("# TRACE-BUILD SESSION"));
  const row = lines.findIndex((line, i) => i > header && /^\s*Umem:/.test(line)) + 1;
  await expect(error).toContainText(`TRACE-BUILD SESSION: rv-virt-backport.txt line ${row}: expected a point in the trace where the heap gives this \`free\` row`);
  await expect(error).toContainText("This pane still shows rv-virt unpatched, real QEMU trace.");
  expect(await title(page, 0).textContent()).toBe(before.title);
  expect(await free(page, 0).textContent()).toBe(before.free);
  expect(await pane(page, 0).getByTestId("heapmap").getAttribute("data-digest")).toBe(before.map);
  // A file's name is shown as text, never as markup.
  await dropFiles(page, 0, ["trace-rv-virt-unpatched.csv", "trace-rv-virt-backport.csv"], ["<b>one</b>.csv", "trace-rv-virt-backport.csv"]);
  await expect(error).toContainText("<b>one</b>.csv and trace-rv-virt-backport.csv are both allocation trace CSVs");
  await expect(error.locator("b", { hasText: "one" })).toHaveCount(0);
  await expect(title(page, 0)).toHaveText(before.title!);
});

test("a trace and its transcript chosen together in the file picker; a file of 50 MB among them is refused by name", async ({ page }) => {
  await open(page);
  await pane(page, 0).getByTestId("import-toggle").click();
  const huge = test.info().outputPath("huge.txt");
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await pane(page, 0).getByTestId("import-file").setInputFiles([fixture("trace-rv-virt-unpatched.csv").pathname, huge]);
  await expect(pane(page, 0).getByTestId("import-error")).toContainText("huge.txt: the input is 50.0 MB; imports must be smaller than 50 MB");
  await expect(title(page, 0)).toHaveText("rv-virt unpatched, real QEMU trace");
  await pane(page, 0).getByTestId("import-file").setInputFiles([fixture("trace-rv-virt-unpatched.csv").pathname, fixture("rv-virt-unpatched.txt").pathname]);
  await expect(title(page, 0)).toHaveText("trace-rv-virt-unpatched.csv + rv-virt-unpatched.txt · TRACE-BUILD SESSION");
  await expect(pane(page, 0).getByTestId("import-error")).toHaveCount(0);
});

test("a pane that shows an imported trace takes its transcript later", async ({ page }) => {
  await open(page);
  await drop(page, 1, "trace-rv-virt-backport.csv", text("trace-rv-virt-backport.csv"));
  await expect(title(page, 1)).toHaveText("trace-rv-virt-backport.csv (imported trace)");
  await drop(page, 1, "rv-virt-backport.txt", text("rv-virt-backport.txt"));
  await expect(title(page, 1)).toHaveText("trace-rv-virt-backport.csv + rv-virt-backport.txt · TRACE-BUILD SESSION");
  await expect(pane(page, 1)).not.toContainText("A trace does not say how big the heap is");
});

test("pasted memdump output is a heap map of the nodes it lists", async ({ page }) => {
  await open(page);
  const session = text("rv-virt-unpatched.txt");
  const start = session.indexOf("Dump all used memory node info:");
  const dump = session.slice(start, session.indexOf("          21        6200", start) + 24);
  await paste(page, 1, dump);
  await expect(title(page, 1)).toHaveText("pasted text (/proc/memdump)");
  await expect(pane(page, 1).getByTestId("heapmap")).toHaveAttribute("data-nodes", "22");
  await expect(free(page, 1)).toContainText("used: 21 nodes, 6,200 B");
  // The free dump of the same session lists one free node of 33368512 B: the gap between the used nodes.
  await expect(free(page, 1)).toContainText("free: 1 chunk, 33,368,512 B");
  const box = (await pane(page, 1).getByTestId("heapmap").boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 30);
  await expect(pane(page, 1).getByTestId("inspector")).toContainText("listed line");
});

test("garbage gets an error with its line, and the pane keeps what it showed", async ({ page }) => {
  await open(page, "?step=phase");
  const before = { title: await title(page, 1).textContent(), free: await free(page, 1).textContent(), map: await pane(page, 1).getByTestId("heapmap").getAttribute("data-digest") };
  await paste(page, 1, "nsh> free\n                 total       used       free    maxused    maxfree  nused  nfree\n      Umem:   33375068       7044   <b>oops</b>\n");
  const error = pane(page, 1).getByTestId("import-error");
  await expect(error).toContainText("pasted text: line 3: expected a heap row after the header of free");
  await expect(error).toContainText("<b>oops</b>");
  await expect(error).toContainText("This pane still shows rv-virt backport, real QEMU trace.");
  expect(await title(page, 1).textContent()).toBe(before.title);
  expect(await free(page, 1).textContent()).toBe(before.free);
  expect(await pane(page, 1).getByTestId("heapmap").getAttribute("data-digest")).toBe(before.map);
  await page.getByTestId("step").click();
  await expect(page.getByTestId("position")).toContainText("after hello");
});

test("a file of 50 MB or more is refused before it is read", async ({ page }) => {
  await open(page);
  await pane(page, 0).getByTestId("import-toggle").click();
  const huge = test.info().outputPath("huge.txt");
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await pane(page, 0).getByTestId("import-file").setInputFiles(huge);
  await expect(pane(page, 0).getByTestId("import-error")).toContainText("huge.txt: the input is 50.0 MB; imports must be smaller than 50 MB");
  await expect(title(page, 0)).toHaveText("rv-virt unpatched, real QEMU trace");
});

test("exports: nodes as CSV and JSON, free rows as CSV, a chart as SVG, and the link", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, "?step=command");
  const saved = async (button: string, index = 0) => {
    const download = page.waitForEvent("download");
    await pane(page, index).getByTestId(button).first().click();
    const file = await download;
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
  };
  const nodes = await saved("save-nodes-csv");
  expect(nodes.name).toMatch(/^rv-virt-unpatched-real-QEMU-trace-nodes-at-\d+\.csv$/);
  const lines = nodes.text.trim().split("\n");
  expect(lines[0]).toBe("offset,address,size,state,pid,seqno,request,owner,task,site,event,cause,line");
  expect(String(lines.length - 1)).toBe(await pane(page, 0).getByTestId("heapmap").getAttribute("data-nodes"));
  const json = JSON.parse((await saved("save-nodes-json")).text);
  expect(json.nodes).toHaveLength(lines.length - 1);
  const frees = (await saved("save-free-rows")).text.trim().split("\n");
  expect(frees).toHaveLength(8);
  expect(frees[1]).toBe("1,25,(boot),Umem,33374396,7044,33367352,7028,33367320,21,2");
  const svg = await saved("save-svg");
  expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.text).toContain("<path");
  const png = page.waitForEvent("download");
  await pane(page, 0).getByTestId("save-png").first().click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toBe("rv-virt-unpatched-real-QEMU-trace-used-and-maxused.png");
  expect(readFileSync((await pngFile.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copied")).toContainText("Link copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test.describe("pictures", () => {
  test("a pasted transcript beside a trace, and a pasted memdump in the dark", async ({ page }) => {
    await open(page, "?step=phase");
    await paste(page, 1, text("rv-virt-backport.txt"));
    await expect(title(page, 1)).toHaveText("pasted text · MAIN SESSION");
    await page.waitForTimeout(300);
    const panes = (await page.locator(".panes").boundingBox())!;
    await expect(page).toHaveScreenshot("import-transcript.png", { fullPage: true, clip: panes });
    await page.getByTestId("theme").click();
    const session = text("rv-virt-unpatched.txt");
    await paste(page, 0, session.slice(session.indexOf("# MEMDUMP SESSION")));
    await expect(title(page, 0)).toHaveText("pasted text");
    await page.getByRole("button", { name: "echo free > /proc/memdump" }).first().click();
    await expect(pane(page, 0).getByTestId("heapmap")).toBeVisible();
    await page.waitForTimeout(300);
    const pane0 = (await pane(page, 0).boundingBox())!;
    await expect(page).toHaveScreenshot("import-memdump-dark.png", { fullPage: true, clip: pane0 });
  });

  test("a trace and its transcript dropped together, inside the first ostest run", async ({ page }) => {
    await open(page, "?step=phase&at=27.26");
    await dropFiles(page, 0, ["trace-rv-virt-unpatched.csv", "rv-virt-unpatched.txt"]);
    await expect(title(page, 0)).toHaveText("trace-rv-virt-unpatched.csv + rv-virt-unpatched.txt · TRACE-BUILD SESSION");
    await page.waitForTimeout(300);
    const pane0 = (await pane(page, 0).boundingBox())!;
    await expect(page).toHaveScreenshot("import-paired.png", { fullPage: true, clip: pane0 });
  });
});
