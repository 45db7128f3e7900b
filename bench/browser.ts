// The visualizer's quality bars, measured in Chromium against the production
// build in dist/ (npm run bench builds it, then runs this after the allocator):
//   - load to interactive from localhost (navigation start to both panes drawn);
//   - stepping: a key press until both panes show the new step, painted;
//   - the heap map drawing 10,000 nodes (dist/bench/heapmap.html).
// The figures go into docs/BENCHMARKS.md, section "Browser".
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { chromium, type Browser, type Page } from "@playwright/test";
import { max, median, quantile } from "d3";

const ROOT = new URL("..", import.meta.url);
const PORT = 4179;
const BASE = `http://localhost:${PORT}`;
const LOADS = 7;
const STEPS = 40;
const DOC = new URL("docs/BENCHMARKS.md", ROOT);
const BARS = { load: 1000, step: 50, draw: 16 };

function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));
}

async function startPreview(): Promise<ChildProcess> {
  // vite itself, not through npx, so that kill() stops the server and not only its launcher.
  const server = spawn(process.execPath, [new URL("node_modules/vite/bin/vite.js", ROOT).pathname, "preview", "--port", String(PORT), "--strictPort"], { cwd: ROOT, stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (await fetch(BASE).then((r) => r.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${BASE}`);
}

/** Navigation start to the app's "leakless-ready" mark, on a fresh page each time (nothing cached). */
async function loadTimes(browser: Browser): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(BASE);
    await page.waitForSelector("body[data-ready=true]");
    times.push(await page.evaluate(() => performance.getEntriesByName("leakless-ready")[0].startTime));
    await context.close();
  }
  return times;
}

/** Press a key and wait until the stepper shows a new position and the browser has painted it. */
function timedKey(page: Page, key: string): Promise<number> {
  return page.evaluate(async (key) => {
    const target = document.querySelector("[data-testid=heapmap]")!.closest("main")!;
    const start = performance.now();
    const changed = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve();
      });
      observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    const late = new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`no change 5 s after ${key}`)), 5000));
    await Promise.race([changed, late]);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }, key);
}

async function stepTimes(browser: Browser, granularity: string, from: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${BASE}/?step=${granularity}&at=${from}`);
  await page.waitForSelector("body[data-ready=true]");
  const times: number[] = [];
  for (const key of ["ArrowRight", "ArrowLeft"]) for (let i = 0; i < STEPS; i++) times.push(await timedKey(page, key));
  await page.close();
  return times;
}

async function drawTimes(browser: Browser): Promise<{ nodes: number; address: number[]; compact: number[] }> {
  const page = await browser.newPage();
  await page.goto(`${BASE}/bench/heapmap.html`);
  const result = await page.waitForFunction(() => (window as unknown as { heapMapBench?: unknown }).heapMapBench, undefined, { timeout: 60_000 });
  const value = (await result.jsonValue()) as { nodes: number; address: number[]; compact: number[]; error?: string };
  if (value.error) throw new Error(value.error);
  await page.close();
  return value;
}

const ms = (v: number | undefined) => `${(v ?? NaN).toFixed(1)} ms`;
const summary = (times: number[]) => ({ median: median(times)!, p95: quantile(times, 0.95)!, max: max(times)! });
const row = (name: string, times: number[], bar: number) => {
  const s = summary(times);
  const within = (v: number) => (v <= bar ? "yes" : "**no**");
  return `| ${name} | ${times.length} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.max)} | ${ms(bar)} | ${within(s.median)} | ${within(s.p95)} |`;
};

function writeSection(section: string): void {
  const current = existsSync(DOC) ? readFileSync(DOC, "utf8") : "# Benchmarks\n";
  const start = current.indexOf("\n## Browser");
  const rest = start < 0 ? "" : current.slice(start + 1).replace(/^## Browser[\s\S]*?(?=^## |(?![\s\S]))/m, "");
  const before = start < 0 ? current.trimEnd() : current.slice(0, start).trimEnd();
  writeFileSync(DOC, `${before}\n\n${section.trimEnd()}\n${rest ? `\n${rest.trimStart()}` : ""}`);
}

export async function browserBench(): Promise<void> {
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const server = await startPreview();
  log("preview up");
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const load = await loadTimes(browser);
    log(`load ${load.map((t) => t.toFixed(0)).join(" ")}`);
    log("stepping");
    const steps = { phase: await stepTimes(browser, "phase", "25.0"), event: await stepTimes(browser, "event", "40.3"), command: await stepTimes(browser, "command", "1.0") };
    const draw = await drawTimes(browser);
    const load1 = loadavg()[0];
    const version = browser.version();
    const table = [
      "| measure | samples | median | p95 | max | bar | median within bar | p95 within bar |",
      "|---|---|---|---|---|---|---|---|",
      row("load to interactive (navigation start to both panes drawn)", load, BARS.load),
      row("step by ostest phase (→ and ←, key to painted)", steps.phase, BARS.step),
      row("step by heap event (→ and ←)", steps.event, BARS.step),
      row("step by command (→ and ←, includes whole ostest runs)", steps.command, BARS.step),
      row(`heap map draw, ${draw.nodes.toLocaleString("en-US")} nodes by address (1600×64 CSS px at 2× pixels)`, draw.address, BARS.draw),
      row(`heap map draw, ${draw.nodes.toLocaleString("en-US")} nodes, compact mode`, draw.compact, BARS.draw),
    ].join("\n");
    const section = `## Browser

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Chromium ${version} (headless, --disable-gpu), ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, production build served by \`vite preview\` on localhost.
The machine's 1-minute load average at the end was ${load1.toFixed(1)} on ${cpus().length} cores: other work shared the CPUs, and the p95 and max columns show it most.
Stepping is timed in the page from the key event until both panes show the new step and a frame has been painted.
The heap map figure is the drawing of one frame (\`web/heapmap/draw.ts\`) of a real WASM heap, timed until the canvas has finished it.

${table}
`;
    console.log(section);
    writeSection(section);
  } finally {
    await browser.close();
    server.kill();
  }
}
