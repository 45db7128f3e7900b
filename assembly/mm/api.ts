// The heap's API for the host. Pointers cross it as offsets from the start
// guard (the user pointer minus mm_heapstart, as the real traces record them);
// 0 is NULL. Views read the node table and the event log in place.

import { reserveBatch, runBatch, startBatch } from "./batch";
import { checkCorruption } from "./check";
import { E_NOT_IN_HEAP, clearError, lastError, lastErrorHost } from "./errors";
import { eventCount, eventLog, setEventLogging, truncateEvents } from "./events";
import { mmFree } from "./free";
import { heapStart, heapStruct, initialize, simAddr } from "./heap";
import { mmMalloc } from "./malloc";
import { mmMemalign } from "./memalign";
import { setProfile } from "./profile";
import { mmRealloc } from "./realloc";
import { discardSnapshot, restoreSnapshot, saveSnapshot, snapshotBytes } from "./snapshot";
import { resetTags, setContext, setRecordKeeping } from "./tags";
import { mallinfo, nodeTable, walkFreeLists, walkNodes } from "./walk";

function toOffset(mem: usize): u32 {
  return mem == 0 ? 0 : u32(mem - heapStart);
}

function toHost(offset: u32): usize {
  return offset == 0 ? 0 : heapStart + offset;
}

/** Set the profile and run mm_initialize(start, size) on fresh memory. */
export function heapInit(ptr: u32, align: u32, heapStructSize: u32, curusedFixed: bool, drainOnWalk: bool, start: u32, size: u32): bool {
  setProfile(ptr, align, heapStructSize, curusedFixed, drainOnWalk);
  truncateEvents(0);
  resetTags();
  clearError();
  return initialize(start, size);
}

/** Where the start guard sits, counted from the `start` given to heapInit. */
export function heapStartOffset(start: u32): u32 {
  return simAddr(heapStart) - start;
}

/** The address NuttX sees for a user-pointer offset. */
export function absoluteAddress(offset: u32): u32 {
  return simAddr(heapStart + offset);
}

export function heapStartHost(): usize {
  return heapStart;
}

export function heapStructOffset(start: u32): u32 {
  return simAddr(heapStruct) - start;
}

export function heapMalloc(size: u32): u32 {
  return toOffset(mmMalloc(size));
}

export function heapMemalign(alignment: u32, size: u32): u32 {
  return toOffset(mmMemalign(alignment, size));
}

export function heapRealloc(offset: u32, size: u32): u32 {
  return toOffset(mmRealloc(toHost(offset), size));
}

/** 0, or an error code; `deferred` puts the block on the delay list. */
export function heapFree(offset: u32, deferred: bool): i32 {
  return mmFree(toHost(offset), deferred);
}

export function heapCheck(): i32 {
  return checkCorruption();
}

export function heapLastError(): i32 {
  return lastError();
}

export function heapLastErrorOffset(): u32 {
  return lastError() == E_NOT_IN_HEAP ? 0 : toOffset(lastErrorHost());
}

export function heapClearError(): void {
  clearError();
}

/** Pointer to 7 u32: total, used, free, maxused, maxfree, nused, nfree. */
export function heapMallinfo(): usize {
  return mallinfo();
}

export function heapWalk(): u32 {
  return walkNodes();
}

export function heapFreeLists(): u32 {
  return walkFreeLists();
}

export function heapNodeTable(): usize {
  return nodeTable();
}

export function heapEvents(): usize {
  return eventLog();
}

export function heapEventCount(): u32 {
  return eventCount();
}

export function heapLogEvents(on: bool): void {
  setEventLogging(on);
}

export function heapSetContext(pid: i32, owner: u32, site: u32): void {
  setContext(pid, owner, site);
}

/** Whether nodes handed out from now on keep their record (pid, seqno, label, request); on at start. */
export function heapKeepRecords(on: bool): void {
  setRecordKeeping(on);
}

/** A handle to a copy of the heap's state, kept in WASM memory. */
export function heapSave(): usize {
  return saveSnapshot();
}

export function heapRestore(handle: usize): void {
  restoreSnapshot(handle);
}

export function heapDiscard(handle: usize): void {
  discardSnapshot(handle);
}

export function heapSnapshotBytes(handle: usize): u32 {
  return snapshotBytes(handle);
}

/** The benchmark's op loop (batch.ts): room for `ops` records in bench-workload.md's binary form. */
export function heapBatchReserve(ops: u32): usize {
  return reserveBatch(ops);
}

export function heapBatchStart(): void {
  startBatch();
}

/** Runs ops from .. to-1; returns a pointer to 3 u32: offset hash, realloc moved, last returned offset. */
export function heapBatchRun(from: u32, to: u32): usize {
  return runBatch(from, to);
}
