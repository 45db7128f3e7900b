// The free lists (mm/mm_heap/mm_size2ndx.c, mm_addfreechunk.c). All buckets
// form one chain: head0, bucket-0 nodes, head1, ... The heads have size 0.

import { bucketHead } from "./heap";
import { blink, flink, nodeSize, setBlink, setFlink, sizeWord } from "./node";
import { MAX_CHUNK, MIN_SHIFT, NNODES } from "./profile";

/** mm_size2ndx: floor(log2(size)) - MM_MIN_SHIFT; everything >= 4 MiB goes last. */
export function sizeToIndex(size: u32): u32 {
  if (size >= MAX_CHUNK) return NNODES - 1;
  return 31 - clz(size >> MIN_SHIFT);
}

/** Insert before the first node that is not smaller: ascending, newest first among equals. */
export function addFreeChunk(node: usize): void {
  const size = nodeSize(node);
  let prev = bucketHead(sizeToIndex(size));
  let next = flink(prev);
  while (next != 0 && sizeWord(next) != 0 && nodeSize(next) < size) {
    prev = next;
    next = flink(next);
  }
  setFlink(prev, node);
  setBlink(node, prev);
  setFlink(node, next);
  if (next != 0) setBlink(next, node);
}

export function unlinkFree(node: usize): void {
  const next = flink(node);
  setFlink(blink(node), next);
  if (next != 0) setBlink(next, blink(node));
}
