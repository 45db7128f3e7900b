// The engine's Web Worker: it owns the WASM heaps; the page only sends
// requests and draws the answers.
import wasmUrl from "../../build/leakless.wasm?url";
import { Engine } from "../../src/engine/engine";
import type { Answer, Envelope } from "../../src/engine/protocol";
import type { ModelFactory } from "../../src/engine/source";
import { DEFAULT_SOURCES } from "../state/url";

const module = WebAssembly.compileStreaming(fetch(wasmUrl));
const readText = async (path: string) => {
  const response = await fetch(`${import.meta.env.BASE_URL}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.text();
};
// The model's code (the kernel, NSH, ostest) loads only when a pane runs the model.
const model: ModelFactory = async (...args) => (await import("../../src/engine/model-source")).createModelSource(...args);
const engine = new Engine(module, readText, model);
// The client names each worker after its pane: start on that pane's default recording at once.
const pane = DEFAULT_SOURCES[Number(self.name.replace("pane-", ""))];
if (pane?.kind === "recording") engine.prepare(pane);

/** The typed arrays of an answer, handed over without copying. */
function transferables(value: unknown): Transferable[] {
  if (!value || typeof value !== "object") return [];
  return Object.values(value).flatMap((v) => (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer ? [v.buffer] : []));
}

self.onmessage = async ({ data }: MessageEvent<Envelope>) => {
  let answer: Answer;
  try {
    answer = { id: data.id, ok: true, value: await engine.handle(data.request) };
  } catch (error) {
    answer = { id: data.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const transfer = answer.ok ? transferables(answer.value) : [];
  (self as unknown as Worker).postMessage(answer, [...new Set(transfer)]);
};
