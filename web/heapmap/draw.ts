// Draws a heap's nodes on a canvas, in address order: one rectangle per node,
// coloured by owner; free and guard nodes in the theme's colours. Nodes born
// in the current step get a bar on top; growth since boot gets an outline.
import { NODE_FLAG, NODE_WORDS } from "../../src/heap/heap";
import { MARK } from "../../src/engine/protocol";
import { ownerColour } from "../theme/palette";

export interface MapColours {
  free: string;
  freeEdge: string;
  guard: string;
  born: string;
  growth: string;
  text: string;
}

export interface MapInput {
  count: number;
  nodes: Uint32Array;
  marks: Uint8Array;
  owner: Uint8Array;
  /** Screen x of a node's start and end: by address, or by index in compact mode. */
  x: (value: number) => number;
  compact: boolean;
  width: number;
  height: number;
  colours: MapColours;
}

const LABEL_MIN = 46;
const BAR = 5;

function extent(input: MapInput, row: number): [number, number] {
  if (input.compact) return [input.x(row), input.x(row + 1)];
  const offset = input.nodes[row * NODE_WORDS];
  return [input.x(offset), input.x(offset + input.nodes[row * NODE_WORDS + 1])];
}

function fillFor(input: MapInput, row: number): string {
  const flags = input.nodes[row * NODE_WORDS + 2];
  if (flags & NODE_FLAG.guard) return input.colours.guard;
  if (!(flags & NODE_FLAG.alloc)) return input.colours.free;
  return ownerColour(input.owner[row]);
}

/** The rows whose rectangles are on screen (x is monotonic in both modes). */
function visibleRows(input: MapInput): [number, number] {
  let lo = 0;
  let hi = input.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (extent(input, mid)[1] < 0) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < input.count && extent(input, end)[0] <= input.width) end++;
  return [lo, end];
}

export function drawHeapMap(ctx: CanvasRenderingContext2D, input: MapInput): void {
  const { height } = input;
  ctx.clearRect(0, 0, input.width, height);
  const [first, end] = visibleRows(input);
  const top = BAR + 1;
  const body = height - top;
  let style = "";
  for (let row = first; row < end; row++) {
    const [x0, x1] = extent(input, row);
    const fill = fillFor(input, row);
    if (fill !== style) ctx.fillStyle = style = fill;
    const w = x1 - x0;
    ctx.fillRect(x0, top, Math.max(1, w > 4 ? w - 1 : w), body);
  }
  drawMarks(ctx, input, first, end, top, body);
  drawLabels(ctx, input, first, end, top, body);
}

function drawMarks(ctx: CanvasRenderingContext2D, input: MapInput, first: number, end: number, top: number, body: number): void {
  ctx.strokeStyle = input.colours.growth;
  for (const transient of [true, false]) {
    // Kept growth: a solid outline. Growth its own command frees later: dashed.
    ctx.lineWidth = transient ? 1 : 2.5;
    ctx.setLineDash(transient ? [3, 3] : []);
    for (let row = first; row < end; row++) {
      const mark = input.marks[row];
      if (!(mark & MARK.growth) || !!(mark & MARK.transient) !== transient) continue;
      const [x0, x1] = extent(input, row);
      ctx.strokeRect(x0 + 1.25, top + 1.25, Math.max(1, x1 - x0 - 3.5), body - 2.5);
    }
  }
  ctx.setLineDash([]);
  ctx.fillStyle = input.colours.born;
  for (let row = first; row < end; row++) {
    if (!(input.marks[row] & MARK.born)) continue;
    const [x0, x1] = extent(input, row);
    ctx.fillRect(x0, 0, Math.max(2, x1 - x0 - 1), BAR);
  }
}

function drawLabels(ctx: CanvasRenderingContext2D, input: MapInput, first: number, end: number, top: number, body: number): void {
  ctx.font = "11px ui-monospace, monospace";
  ctx.textBaseline = "middle";
  ctx.textAlign = "center";
  for (let row = first; row < end; row++) {
    const [x0, x1] = extent(input, row);
    const a = Math.max(0, x0);
    const b = Math.min(input.width, x1);
    if (b - a < LABEL_MIN) continue;
    const flags = input.nodes[row * NODE_WORDS + 2];
    const size = input.nodes[row * NODE_WORDS + 1];
    const free = !(flags & NODE_FLAG.alloc);
    const text = free ? `free ${size.toLocaleString("en-US")}` : String(size);
    if (ctx.measureText(text).width > b - a - 6) continue;
    ctx.fillStyle = free ? input.colours.text : "#fff";
    ctx.fillText(text, (a + b) / 2, top + body / 2);
  }
}
