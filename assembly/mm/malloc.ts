// mm_malloc (mm/mm_heap/mm_malloc.c): best fit through the sorted free lists,
// keep the low end of the chunk, split off the tail if it is a whole chunk.

import { OP_MALLOC, logEvent } from "./events";
import { addFreeChunk, sizeToIndex, unlinkFree } from "./freelist";
import { addCurused, bucketHead } from "./heap";
import { ALLOC_BIT, PREVFREE_BIT, clearFlag, flink, nodeSize, payload, resize, setFlag, setPreceding, setSizeWord } from "./node";
import { MIN_CHUNK, chunkFor } from "./profile";
import { drainDelayList } from "./free";
import { stamp } from "./tags";

/** Take a free chunk of at least `chunk` bytes; returns its node or 0. */
export function takeChunk(chunk: u32): usize {
  let node = flink(bucketHead(sizeToIndex(chunk)));
  while (node != 0 && nodeSize(node) < chunk) node = flink(node);
  if (node == 0) return 0;
  unlinkFree(node);
  const size = nodeSize(node);
  const next = node + size;
  const remaining = size - chunk;
  if (remaining >= MIN_CHUNK) {
    const remainder = node + chunk;
    setSizeWord(remainder, remaining);
    resize(node, chunk);
    setPreceding(next, remaining);
    addFreeChunk(remainder);
  } else {
    clearFlag(next, PREVFREE_BIT);
  }
  addCurused(nodeSize(node));
  setFlag(node, ALLOC_BIT);
  return node;
}

/** Returns the user pointer (host address), or 0. */
export function mmMalloc(size: u32): usize {
  drainDelayList();
  const chunk = chunkFor(size);
  if (chunk == 0) return 0;
  const node = takeChunk(chunk);
  if (node == 0) return 0;
  stamp(node, size);
  logEvent(OP_MALLOC, payload(node), size, nodeSize(node), 0, 0);
  return payload(node);
}
