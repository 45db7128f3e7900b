// An independent check of a heap's shape, from the node table and the free
// lists alone (it does not trust the allocator's own corruption check).
import { NODE_FLAG, type Heap } from "../../src/heap/heap";

export function invariantViolations(heap: Heap): string[] {
  const { pointerSize, heapStruct } = heap.profile;
  const A = 2 * pointerSize;
  const minShift = Math.ceil(Math.log2(4 * pointerSize));
  const problems: string[] = [];
  const info = heap.mallinfo();
  const nodes = heap.nodes();

  const freeNodes = new Map<number, number>();
  let expected = 0;
  let used = heapStruct;
  let previousFree = false;
  for (let i = 0; i < nodes.count; i++) {
    const [off, size, flags] = [nodes.get(i, 0), nodes.get(i, 1), nodes.get(i, 2)];
    const alloc = (flags & NODE_FLAG.alloc) !== 0;
    if (off !== expected) problems.push(`node ${i} at ${off}, expected ${expected}: the nodes do not tile the heap`);
    if (!alloc && previousFree) problems.push(`free node at ${off} follows a free node`);
    if (((flags & NODE_FLAG.prevFree) !== 0) !== previousFree) problems.push(`PREVFREE wrong at ${off}`);
    if (alloc) used += size;
    else freeNodes.set(off, size);
    previousFree = !alloc;
    expected = off + size;
  }
  const first = nodes.count > 0 ? nodes.get(0, 1) : 0;
  const last = nodes.count > 0 ? nodes.get(nodes.count - 1, 1) : 0;
  if (first !== A || last !== A) problems.push("the walk does not start and end with guard nodes");
  if (expected + heapStruct !== info.total) problems.push(`the nodes cover ${expected} bytes, total is ${info.total}`);
  if (info.used + info.free !== info.total) problems.push(`used ${info.used} + free ${info.free} != total ${info.total}`);
  if (info.used !== used) problems.push(`mallinfo used ${info.used}, walk ${used}`);

  const lists = heap.freeLists();
  const listed = new Set<number>();
  let bucket = -1;
  let lastSize = 0;
  for (let i = 0; i < lists.count; i++) {
    const [off, size, b] = [lists.get(i, 0), lists.get(i, 1), lists.get(i, 2)];
    if (b !== bucket) [bucket, lastSize] = [b, 0];
    const want = size >= 1 << 22 ? 22 - minShift : Math.floor(Math.log2(size)) - minShift;
    if (b !== want) problems.push(`node ${off} (${size} B) in bucket ${b}, belongs in ${want}`);
    if (size < lastSize) problems.push(`bucket ${b} not ascending at ${off}`);
    if (freeNodes.get(off) !== size) problems.push(`listed node ${off} is not a free node of ${size} B`);
    listed.add(off);
    lastSize = size;
  }
  if (listed.size !== freeNodes.size) problems.push(`${listed.size} nodes listed, ${freeNodes.size} free nodes walked`);
  if (info.nfree !== freeNodes.size) problems.push(`mallinfo nfree ${info.nfree}, walk ${freeNodes.size}`);
  return problems;
}
