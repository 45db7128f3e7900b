// mm_shrinkchunk (mm/mm_heap/mm_shrinkchunk.c): give the tail of an allocated
// chunk back. A free next chunk always absorbs the tail, however small; an
// allocated one only gets a new free node between them if it is a whole chunk.

import { addFreeChunk, unlinkFree } from "./freelist";
import { PREVFREE_BIT, isAlloc, nodeSize, resize, setFlag, setPreceding, setSizeWord } from "./node";
import { MIN_CHUNK } from "./profile";

export function shrinkChunk(node: usize, size: u32): void {
  const nodesize = nodeSize(node);
  const next = node + nodesize;
  if (!isAlloc(next)) {
    const nextSize = nodeSize(next);
    const beyond = next + nextSize;
    unlinkFree(next);
    const tail = node + size;
    setSizeWord(tail, nextSize + nodesize - size);
    resize(node, size);
    setPreceding(beyond, nextSize + nodesize - size);
    addFreeChunk(tail);
  } else if (nodesize >= size + MIN_CHUNK) {
    const tail = node + size;
    setSizeWord(tail, nodesize - size);
    resize(node, size);
    setFlag(next, PREVFREE_BIT);
    setPreceding(next, nodesize - size);
    addFreeChunk(tail);
  }
}
