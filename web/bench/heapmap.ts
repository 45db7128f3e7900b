// The heap map's drawing, timed on a real heap of NODES nodes in a real
// canvas: bench/browser.ts reads window.heapMapBench.
import { scaleLinear } from "d3";
import { Heap, NODE_FLAG, NODE_WORDS } from "../../src/heap/heap";
import { MARK } from "../../src/engine/protocol";
import { heapProfile } from "../../src/heap/profiles";
import { drawHeapMap, type MapInput } from "../heapmap/draw";
import { browserInstance } from "../lib/wasm";
import { themeColours } from "../theme/palette";
import "../theme/theme.css";

const NODES = 10_000;
const WIDTH = 1600;
const HEIGHT = 64;
const DRAWS = 60;

/** A heap with about NODES nodes: allocations of varied sizes, every third freed. */
async function heapOfNodes(): Promise<Heap> {
  const heap = Heap.create(await browserInstance(), heapProfile("rv-virt", "unpatched"), 0x8002bf40, 33_375_072);
  heap.logEvents(false);
  const made: number[] = [];
  for (let i = 0; i % 256 !== 0 || heap.nodes().count < NODES; i++) {
    heap.setContext(i % 7, 1 + (i % 5));
    made.push(heap.malloc(16 + ((i * 37) % 400)));
    if (i % 3 === 2) heap.free(made[i - 1]);
  }
  return heap;
}

function input(heap: Heap, compact: boolean, canvas: HTMLCanvasElement): MapInput {
  const view = heap.nodes();
  const count = view.count;
  const nodes = view.words.slice(0, count * NODE_WORDS);
  const owner = new Uint8Array(count);
  const marks = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    owner[row] = nodes[row * NODE_WORDS + 5] & 0xff;
    if (nodes[row * NODE_WORDS + 2] & NODE_FLAG.alloc) marks[row] = row % 5 === 0 ? MARK.growth : row % 11 === 0 ? MARK.born : 0;
  }
  const end = nodes[(count - 2) * NODE_WORDS]; // the last free chunk: the used span ends there
  const x = scaleLinear().domain([0, compact ? count : end]).range([0, WIDTH]);
  return { count, nodes, marks, owner, x, compact, width: WIDTH, height: HEIGHT, colours: themeColours(canvas, "light") };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function timeDraws(canvas: HTMLCanvasElement, data: MapInput): Promise<number[]> {
  const ratio = 2;
  canvas.width = WIDTH * ratio;
  canvas.height = HEIGHT * ratio;
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const times: number[] = [];
  for (let i = 0; i < DRAWS; i++) {
    await frame();
    const start = performance.now();
    drawHeapMap(ctx, data);
    ctx.getImageData(0, 0, 1, 1); // wait for the canvas to finish drawing
    times.push(performance.now() - start);
  }
  return times;
}

async function run() {
  const canvas = document.getElementById("map") as HTMLCanvasElement;
  const heap = await heapOfNodes();
  const address = input(heap, false, canvas);
  const result = { nodes: address.count, address: await timeDraws(canvas, address), compact: await timeDraws(canvas, input(heap, true, canvas)) };
  (window as unknown as { heapMapBench: typeof result }).heapMapBench = result;
}

run().catch((error) => ((window as unknown as { heapMapBench: unknown }).heapMapBench = { error: String(error) }));
