// The host side of one WASM heap: a typed facade over the exports, with views
// into WASM memory that are rebuilt whenever the memory grows.
import type { Leakless } from "../wasm/leakless";
import { heapError, type HeapError } from "./errors";
import type { Mallinfo } from "./mallinfo";
import type { HeapProfile } from "./profiles";

/** The row layouts of assembly/mm/walk.ts and assembly/mm/events.ts. */
export const NODE_WORDS = 7;
export const EVENT_WORDS = 10;
export const NODE_FLAG = { alloc: 1, prevFree: 2, guard: 4, deferred: 8 } as const;
export const EVENT_OP = { M: 77, F: 70, R: 82, A: 65, D: 68 } as const;
export type EventOp = keyof typeof EVENT_OP;

/** A read-only window on rows of u32 in WASM memory. No row is copied. */
export class RowView {
  constructor(
    readonly words: Uint32Array,
    readonly rowWords: number,
    readonly count: number,
  ) {}
  get(row: number, word: number): number {
    return this.words[row * this.rowWords + word];
  }
}

export class Heap {
  private words: Uint32Array;

  private constructor(
    readonly wasm: Leakless,
    readonly profile: HeapProfile,
    /** The simulated address handed to mm_initialize, and the size. */
    readonly start: number,
    readonly size: number,
  ) {
    this.words = new Uint32Array(wasm.memory.buffer);
  }

  static create(wasm: Leakless, profile: HeapProfile, start: number, size: number): Heap {
    const { pointerSize, align, heapStruct, curusedFixed, drainOnWalk } = profile;
    if (!wasm.heapInit(pointerSize, align, heapStruct, curusedFixed, drainOnWalk, start >>> 0, size >>> 0)) {
      throw new Error(`mm_initialize: a region of ${size} bytes is too small for profile ${profile.name}`);
    }
    return new Heap(wasm, profile, start, size);
  }

  /** A facade for a heap that the kernel's boot already initialised. */
  static attach(wasm: Leakless, profile: HeapProfile, start: number, size: number): Heap {
    return new Heap(wasm, profile, start, size);
  }

  /** The u32 words of WASM memory, fresh after any growth. */
  memory(): Uint32Array {
    if (this.words.buffer !== this.wasm.memory.buffer) this.words = new Uint32Array(this.wasm.memory.buffer);
    return this.words;
  }

  private rows(pointer: number, count: number, rowWords: number): RowView {
    const base = pointer >>> 2;
    return new RowView(this.memory().subarray(base, base + count * rowWords), rowWords, count);
  }

  /** Offset of the start guard from `start`: the heap struct plus alignment. */
  get startOffset(): number {
    return this.wasm.heapStartOffset(this.start >>> 0);
  }

  /** Where an offset from the start guard lives in WASM memory, for tools that read raw memory. */
  hostAddress(offset: number): number {
    return this.wasm.heapStartHost() + offset;
  }

  setContext(pid: number, owner = 0, site = 0): void {
    this.wasm.heapSetContext(pid, owner, site);
  }

  malloc(size: number): number {
    return this.wasm.heapMalloc(size >>> 0);
  }

  memalign(alignment: number, size: number): number {
    return this.wasm.heapMemalign(alignment >>> 0, size >>> 0);
  }

  /** 0 on failure; then lastError() says why, if it was an error. */
  realloc(offset: number, size: number): number {
    return this.wasm.heapRealloc(offset >>> 0, size >>> 0);
  }

  free(offset: number, deferred = false): HeapError | null {
    const code = this.wasm.heapFree(offset >>> 0, deferred);
    return code === 0 ? null : this.error(code, "free");
  }

  lastError(call: "free" | "realloc"): HeapError | null {
    return this.error(this.wasm.heapLastError(), call);
  }

  check(): HeapError | null {
    const code = this.wasm.heapCheck();
    return code === 0 ? null : this.error(code, "check");
  }

  private error(code: number, call: "free" | "realloc" | "check"): HeapError | null {
    const found = heapError(code, this.wasm.heapLastErrorOffset(), call, this.profile);
    this.wasm.heapClearError();
    return found;
  }

  mallinfo(): Mallinfo {
    const at = this.wasm.heapMallinfo() >>> 2;
    const m = this.memory();
    return { total: m[at], used: m[at + 1], free: m[at + 2], maxused: m[at + 3], maxfree: m[at + 4], nused: m[at + 5], nfree: m[at + 6] };
  }

  /** Every node in address order: offset, size, flags, pid, seqno, label, request. */
  nodes(): RowView {
    const count = this.wasm.heapWalk();
    return this.rows(this.wasm.heapNodeTable(), count, NODE_WORDS);
  }

  /** The free-list chain in list order: offset, size, bucket. */
  freeLists(): RowView {
    const count = this.wasm.heapFreeLists();
    return this.rows(this.wasm.heapNodeTable(), count, NODE_WORDS);
  }

  /** seq, op, off, req, node, pid, off2, node2, curused, label. */
  events(): RowView {
    return this.rows(this.wasm.heapEvents(), this.wasm.heapEventCount(), EVENT_WORDS);
  }

  logEvents(on: boolean): void {
    this.wasm.heapLogEvents(on);
  }

  /** Off: nodes handed out meanwhile show pid, seqno, label and request 0; bad frees are still caught. */
  keepRecords(on: boolean): void {
    this.wasm.heapKeepRecords(on);
  }

  /** A snapshot of the whole heap state, kept in WASM memory until discarded. */
  save(): number {
    return this.wasm.heapSave();
  }

  restore(snapshot: number): void {
    this.wasm.heapRestore(snapshot);
  }

  discard(snapshot: number): void {
    this.wasm.heapDiscard(snapshot);
  }

  snapshotBytes(snapshot: number): number {
    return this.wasm.heapSnapshotBytes(snapshot);
  }
}
