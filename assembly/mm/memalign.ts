// mm_memalign (mm/mm_heap/mm_memalign.c): over-allocate through malloc, free
// the gap in front of the aligned address, then trim the tail.

import { OP_MEMALIGN, logEvent } from "./events";
import { addFreeChunk, unlinkFree } from "./freelist";
import { addCurused, hostAddr, simAddr, subCurused } from "./heap";
import { ALLOC_BIT, PREVFREE_BIT, clearFlag, nodeOf, nodeSize, payload, preceding, prevIsFree, setPreceding, setSizeWord } from "./node";
import { ALIGN, ALLOCNODE, CURUSED_FIXED, MIN_CHUNK, OVERHEAD, alignUp } from "./profile";
import { mmMalloc } from "./malloc";
import { shrinkChunk } from "./shrinkchunk";
import { moveTag, stamp } from "./tags";

export function mmMemalign(alignment: u32, size: u32): usize {
  if (alignment >= 0x80000000 || (alignment & (alignment - 1)) != 0) return 0;
  if (alignment <= ALIGN) return mmMalloc(size);
  if (alignment < MIN_CHUNK) alignment = MIN_CHUNK;
  const mask = alignment - 1;
  if (size < MIN_CHUNK - OVERHEAD) size = MIN_CHUNK - OVERHEAD;
  const newsize = alignUp(size);
  let allocsize = u32(newsize + 2 * alignment); // wraps in JS too, so the check below sees the overflow
  if (newsize < size || allocsize < newsize) return 0;

  const raw = mmMalloc(allocsize);
  if (raw == 0) return 0;
  const rawNode = nodeOf(raw);
  const rawSize = nodeSize(rawNode);
  // bdcda24a680: the raw chunk stops counting; before it, it counted twice.
  if (CURUSED_FIXED) subCurused(rawSize);

  let node = rawNode;
  let aligned = hostAddr(u32((simAddr(raw) + mask) & ~mask));
  if (aligned != raw) {
    const next = rawNode + rawSize;
    let newnode = aligned - ALLOCNODE;
    let gap = u32(newnode - node);
    if (gap < MIN_CHUNK) {
      aligned += alignment;
      newnode = aligned - ALLOCNODE;
      gap = u32(newnode - node);
    }
    if (prevIsFree(node)) {
      const prev = node - preceding(node);
      unlinkFree(prev);
      gap += nodeSize(prev);
      node = prev;
    }
    setSizeWord(node, gap);
    const newnodesize = u32(next - newnode);
    setSizeWord(newnode, newnodesize | ALLOC_BIT | PREVFREE_BIT);
    setPreceding(newnode, gap);
    clearFlag(next, PREVFREE_BIT);
    allocsize = newnodesize - OVERHEAD;
    addFreeChunk(node);
    moveTag(rawNode, newnode);
    node = newnode;
  }
  const chunk = alignUp(size + OVERHEAD);
  if (allocsize > chunk) shrinkChunk(node, chunk);
  addCurused(nodeSize(node));
  stamp(node, size);
  logEvent(OP_MEMALIGN, payload(node), size, nodeSize(node), raw, rawSize);
  return payload(node);
}
