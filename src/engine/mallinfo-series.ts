// mallinfo after every event of a stream, computed once by one straight replay.
import type { Mallinfo } from "../heap/mallinfo";
import { MALLINFO_FIELDS } from "../heap/mallinfo";

const WIDTH = MALLINFO_FIELDS.length;

/** Row p is mallinfo at position p: after the first p events (row 0 is the fresh heap). */
export class MallinfoSeries {
  private constructor(readonly rows: Int32Array) {}

  static empty(positions: number): MallinfoSeries {
    return new MallinfoSeries(new Int32Array(positions * WIDTH));
  }

  static from(rows: Int32Array): MallinfoSeries {
    return new MallinfoSeries(rows);
  }

  get length(): number {
    return this.rows.length / WIDTH;
  }

  set(position: number, info: Mallinfo): void {
    MALLINFO_FIELDS.forEach((field, i) => (this.rows[position * WIDTH + i] = info[field]));
  }

  at(position: number): Mallinfo {
    const base = position * WIDTH;
    const r = this.rows;
    return { total: r[base], used: r[base + 1], free: r[base + 2], maxused: r[base + 3], maxfree: r[base + 4], nused: r[base + 5], nfree: r[base + 6] };
  }

  field(position: number, field: (typeof MALLINFO_FIELDS)[number]): number {
    return this.rows[position * WIDTH + MALLINFO_FIELDS.indexOf(field)];
  }

  /** The first position in [from, to) whose mallinfo satisfies `matches`, or -1. */
  find(from: number, to: number, matches: (info: Mallinfo) => boolean): number {
    for (let p = from; p < to; p++) if (matches(this.at(p))) return p;
    return -1;
  }
}
