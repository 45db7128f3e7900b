// The benchmark's op loop (fixtures/nuttx/reference/bench-workload.md §1),
// run inside the module: native NuttX's harness is a C loop, so timing this
// measures the allocator and not the host's calls into it. Both builds compile
// this same source.
//
// One block holds the ops in the document's binary form (8 bytes each: u8 kind,
// u8 0, u16 slot, u32 size), then one pointer for each of the 65536 slots a u16
// can name, so that no op reaches past the table, then the state words:
// the offset hash, how often realloc moved, and the last returned offset.
// It comes from reserve(), as the heap's own region does, so they never overlap.

import { mmFree } from "./free";
import { regionOffset } from "./heap";
import { mmMalloc } from "./malloc";
import { peek, poke, release, reserve, zeroBytes } from "./memory";
import { mmRealloc } from "./realloc";

const OP_BYTES: u32 = 8;
const KIND_MALLOC: u32 = 0;
const KIND_FREE: u32 = 1;
const SLOTS: usize = 0x10000;
const STATE_WORDS: u32 = 3;
const FNV_OFFSET: u32 = 2166136261;
const NULL_OFFSET: u32 = 0xffffffff;

let block: usize = 0;
let opCount: u32 = 0;
let slotTable: usize = 0;
let state: usize = 0;

/** Room for `ops` ops; the host writes them at the returned address. */
export function reserveBatch(ops: u32): usize {
  if (block != 0) release(block);
  block = reserve(usize(ops) * OP_BYTES + SLOTS * 4 + STATE_WORDS * 4);
  opCount = ops;
  slotTable = block + usize(ops) * OP_BYTES;
  state = slotTable + SLOTS * 4;
  return block;
}

/** Every slot empty, the hash at its offset basis. */
export function startBatch(): void {
  zeroBytes(slotTable, SLOTS * 4);
  poke(state, FNV_OFFSET);
  poke(state + 4, 0);
  poke(state + 8, 0);
}

/** h = (h ^ v) * 16777619 mod 2^32, with 16777619 = 2^24 + 403, so that the portable build's doubles stay exact. */
function mix(hash: u32, value: u32): u32 {
  const x = hash ^ value;
  return u32((x << 24) + x * 403);
}

/** Ops from .. to-1 (no further than the ops reserved); returns the address of the state words. */
export function runBatch(from: u32, to: u32): usize {
  let hash = peek(state);
  let moved = peek(state + 4);
  let last = peek(state + 8);
  const end = to < opCount ? to : opCount;
  for (let i = from; i < end; i++) {
    const record = block + usize(i) * OP_BYTES;
    const head = peek(record);
    const slot = slotTable + usize(head >>> 16) * 4;
    const old: usize = peek(slot);
    const kind = head & 0xff; // 0 malloc, 1 free, anything else realloc
    if (kind == KIND_FREE) {
      mmFree(old, false);
      poke(slot, 0);
      continue;
    }
    const mem = kind == KIND_MALLOC ? mmMalloc(peek(record + 4)) : mmRealloc(old, peek(record + 4));
    if (mem != 0) {
      if (old != 0 && mem != old) moved++;
      poke(slot, u32(mem));
    }
    last = mem == 0 ? NULL_OFFSET : regionOffset(mem);
    hash = mix(hash, last);
  }
  poke(state, hash);
  poke(state + 4, moved);
  poke(state + 8, last);
  return state;
}
