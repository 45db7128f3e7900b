// Draws a heap's nodes on a canvas, in address order: one rectangle per node,
// coloured by owner; free and guard nodes in the theme's colours. Nodes born
// in the current step get a bar on top; growth since boot gets an outline.
import { num } from "../lib/format";
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

function startX(input: MapInput, row: number): number {
  return input.x(input.compact ? row : input.nodes[row * NODE_WORDS]);
}

function endX(input: MapInput, row: number): number {
  return input.compact ? input.x(row + 1) : input.x(input.nodes[row * NODE_WORDS] + input.nodes[row * NODE_WORDS + 1]);
}

/** The on-screen rows' start and end x, computed once per frame for the three passes: [x0, x1, x0, x1, ...]. */
interface Spans {
  first: number;
  end: number;
  x: Float64Array;
}

function spansOf(input: MapInput): Spans {
  const [first, end] = visibleRows(input);
  const x = new Float64Array((end - first) * 2);
  for (let row = first; row < end; row++) {
    x[(row - first) * 2] = startX(input, row);
    x[(row - first) * 2 + 1] = endX(input, row);
  }
  return { first, end, x };
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
    if (endX(input, mid) < 0) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < input.count && startX(input, end) <= input.width) end++;
  return [lo, end];
}

/**
 * Rectangles gathered per style, so that each style is set once (parsing a
 * colour is what costs; one path of thousands of rectangles costs more still). Rectangles narrower than a pixel that land on
 * the pixel their style already covers are skipped.
 */
class Batches {
  private readonly rects = new Map<string, number[]>();
  private readonly lastPixel = new Map<string, number>();

  add(style: string, x: number, y: number, w: number, h: number): void {
    const pixel = Math.floor(x);
    if (w < 1 && this.lastPixel.get(style) === pixel) return; // another mark on the same pixel
    this.lastPixel.set(style, pixel);
    let list = this.rects.get(style);
    if (!list) this.rects.set(style, (list = []));
    list.push(x, y, w, h);
  }

  fill(ctx: CanvasRenderingContext2D): void {
    for (const [style, list] of this.rects) {
      ctx.fillStyle = style;
      for (let i = 0; i < list.length; i += 4) ctx.fillRect(list[i], list[i + 1], list[i + 2], list[i + 3]);
    }
  }

  stroke(ctx: CanvasRenderingContext2D, setup: (style: string) => void): void {
    for (const [style, list] of this.rects) {
      setup(style);
      for (let i = 0; i < list.length; i += 4) ctx.strokeRect(list[i], list[i + 1], list[i + 2], list[i + 3]);
    }
  }
}

/**
 * Nodes narrower than a pixel are drawn one pixel column at a time: each
 * column gets the style that covers most of it. A heap of 10,000 nodes on a
 * 1,600-pixel map then costs at most a few thousand rectangles.
 */
class Columns {
  private column = NaN;
  private readonly cover = new Map<string, number>();

  constructor(
    private readonly batches: Batches,
    private readonly y: number,
    private readonly h: number,
  ) {}

  add(style: string, x0: number, x1: number): void {
    if (x1 - x0 >= 1) {
      this.flush();
      this.batches.add(style, x0, this.y, x1 - x0, this.h);
      return;
    }
    const column = Math.floor(x0);
    if (column !== this.column) this.flush();
    this.column = column;
    this.cover.set(style, (this.cover.get(style) ?? 0) + (x1 - x0));
  }

  flush(): void {
    if (this.cover.size === 0) return;
    let best = "";
    let most = -1;
    for (const [style, amount] of this.cover) if (amount > most) [best, most] = [style, amount];
    this.batches.add(best, this.column, this.y, 1, this.h);
    this.cover.clear();
  }
}

export function drawHeapMap(ctx: CanvasRenderingContext2D, input: MapInput): void {
  ctx.clearRect(0, 0, input.width, input.height);
  const spans = spansOf(input);
  const { first, end, x } = spans;
  const top = BAR + 1;
  const body = input.height - top;
  const nodes = new Batches();
  const columns = new Columns(nodes, top, body);
  for (let row = first, i = 0; row < end; row++, i += 2) {
    // A pixel's gap between nodes wide enough to show it.
    columns.add(fillFor(input, row), x[i], x[i + 1] - x[i] > 4 ? x[i + 1] - 1 : x[i + 1]);
  }
  columns.flush();
  nodes.fill(ctx);
  drawMarks(ctx, input, spans, top, body);
  drawLabels(ctx, input, spans, top, body);
}

const KEPT = "kept";
const TRANSIENT = "transient";

/** Below this width an outline would hide the node; a strip along its bottom marks it instead. */
const OUTLINE_MIN = 5;
const STRIP = 4;

function drawMarks(ctx: CanvasRenderingContext2D, input: MapInput, { first, end, x }: Spans, top: number, body: number): void {
  // Kept growth: a solid outline. Growth its own command frees later: dashed.
  const outlines = new Batches();
  const fills = new Batches();
  const strips = new Columns(fills, input.height - STRIP, STRIP);
  for (let row = first; row < end; row++) {
    const mark = input.marks[row];
    if (!mark) continue;
    const x0 = x[(row - first) * 2];
    const x1 = x[(row - first) * 2 + 1];
    const transient = (mark & MARK.transient) !== 0;
    if (mark & MARK.growth && x1 - x0 >= OUTLINE_MIN) outlines.add(transient ? TRANSIENT : KEPT, x0 + 1.25, top + 1.25, x1 - x0 - 3.5, body - 2.5);
    else if (mark & MARK.growth && !transient) strips.add(input.colours.growth, x0, Math.max(x1, x0 + 1));
    if (mark & MARK.born) fills.add(input.colours.born, x0, 0, Math.max(2, x1 - x0 - 1), BAR);
  }
  strips.flush();
  ctx.strokeStyle = input.colours.growth;
  outlines.stroke(ctx, (style) => {
    ctx.lineWidth = style === TRANSIENT ? 1 : 2.5;
    ctx.setLineDash(style === TRANSIENT ? [3, 3] : []);
  });
  ctx.setLineDash([]);
  fills.fill(ctx);
}

function drawLabels(ctx: CanvasRenderingContext2D, input: MapInput, { first, end, x }: Spans, top: number, body: number): void {
  ctx.font = "11px ui-monospace, monospace";
  ctx.textBaseline = "middle";
  ctx.textAlign = "center";
  for (let row = first; row < end; row++) {
    const a = Math.max(0, x[(row - first) * 2]);
    const b = Math.min(input.width, x[(row - first) * 2 + 1]);
    if (b - a < LABEL_MIN) continue;
    const flags = input.nodes[row * NODE_WORDS + 2];
    const size = input.nodes[row * NODE_WORDS + 1];
    const free = !(flags & NODE_FLAG.alloc);
    const text = free ? `free ${num(size)}` : String(size);
    if (ctx.measureText(text).width > b - a - 6) continue;
    ctx.fillStyle = free ? input.colours.text : "#fff";
    ctx.fillText(text, (a + b) / 2, top + body / 2);
  }
}
