// mm_realloc (mm/mm_heap/mm_realloc.c). Shrinking stays in place; growing
// takes from the free neighbours, preferring the smaller one; otherwise it
// allocates anew before it frees the old block.

import { E_NOT_IN_HEAP, E_REALLOC_FREED, OK, fail } from "./errors";
import { OP_REALLOC, logEvent } from "./events";
import { checkLive, mmFree } from "./free";
import { addFreeChunk, unlinkFree } from "./freelist";
import { addCurused, subCurused } from "./heap";
import { ALLOC_BIT, MASK_BITS, PREVFREE_BIT, clearFlag, isAlloc, nodeOf, nodeSize, payload, preceding, prevIsFree, resize, setPreceding, setSizeWord, sizeWord } from "./node";
import { CURUSED_FIXED, MIN_CHUNK, OVERHEAD, chunkFor } from "./profile";
import { mmMalloc } from "./malloc";
import { moveTag, stamp } from "./tags";
import { shrinkChunk } from "./shrinkchunk";

/** Returns the new user pointer, or 0 (then the old block is untouched). */
export function mmRealloc(mem: usize, size: u32): usize {
  if (mem == 0) return mmMalloc(size);
  const status = checkLive(mem);
  if (status != OK) {
    if (status != E_NOT_IN_HEAP) fail(E_REALLOC_FREED, mem);
    return 0;
  }
  const request = size < MIN_CHUNK - OVERHEAD ? MIN_CHUNK - OVERHEAD : size;
  const newsize = chunkFor(request);
  if (newsize == 0) return 0;
  let node = nodeOf(mem);
  const oldsize = nodeSize(node);

  if (newsize <= oldsize) {
    if (newsize < oldsize) {
      if (CURUSED_FIXED) subCurused(oldsize - newsize);
      shrinkChunk(node, newsize);
    }
    return inPlace(node, node, request, oldsize);
  }

  const next = node + oldsize;
  const nextsize: u32 = isAlloc(next) ? 0 : nodeSize(next);
  const prevsize: u32 = prevIsFree(node) ? nodeSize(node - preceding(node)) : 0;
  if (oldsize + prevsize + nextsize < newsize) return moveTo(mem, request);

  const needed = newsize - oldsize;
  let takeprev: u32;
  let takenext: u32;
  if (nextsize > prevsize) {
    takeprev = needed > prevsize ? prevsize : needed;
    takenext = needed - takeprev;
  } else {
    takenext = needed > nextsize ? nextsize : needed;
    takeprev = needed - takenext;
  }
  const oldnode = node;
  let nodesize = oldsize;
  if (takeprev != 0) {
    const prev = node - prevsize;
    unlinkFree(prev);
    if (prevsize < takeprev + MIN_CHUNK) {
      if (CURUSED_FIXED) addCurused(prevsize - takeprev);
      takeprev = prevsize;
    }
    const grown = node - takeprev;
    nodesize += takeprev;
    if (takeprev < prevsize) {
      resize(prev, prevsize - takeprev);
      setSizeWord(grown, nodesize | ALLOC_BIT | PREVFREE_BIT);
      setPreceding(grown, prevsize - takeprev);
      addFreeChunk(prev);
    } else {
      setSizeWord(grown, nodesize | ALLOC_BIT | (sizeWord(grown) & MASK_BITS));
    }
    node = grown;
  }
  if (takenext != 0) {
    const beyond = next + nextsize;
    unlinkFree(next);
    if (nextsize < takenext + MIN_CHUNK) {
      if (CURUSED_FIXED) addCurused(nextsize - takenext);
      takenext = nextsize;
    }
    nodesize += takenext;
    resize(node, nodesize);
    if (takenext < nextsize) {
      const rest = node + nodesize;
      setSizeWord(rest, nextsize - takenext);
      setPreceding(beyond, nextsize - takenext);
      addFreeChunk(rest);
    } else {
      clearFlag(beyond, PREVFREE_BIT);
    }
  }
  addCurused(newsize - oldsize);
  return inPlace(oldnode, node, request, oldsize);
}

function inPlace(oldnode: usize, node: usize, request: u32, oldsize: u32): usize {
  moveTag(oldnode, node);
  stamp(node, request);
  logEvent(OP_REALLOC, payload(node), request, nodeSize(node), payload(oldnode), oldsize);
  return payload(node);
}

/** No room around the block: malloc, copy, free. The peak includes both. */
function moveTo(mem: usize, request: u32): usize {
  const moved = mmMalloc(request);
  if (moved != 0) mmFree(mem, false);
  return moved;
}
