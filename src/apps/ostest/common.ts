// Shared pieces of ostest (apps/testing/ostest/ostest.h, ostest_main.c).
import type { Mallinfo } from "../../heap/mallinfo";
import type { Call, Sys } from "../../engine/sys";

/** sched_get_priority_min/max(SCHED_FIFO). */
export const PRIO_MIN = 1;
export const PRIO_MAX = 255;
export const PRIO_MID = (PRIO_MIN + PRIO_MAX) >> 1;
export const HALF_SECOND_USEC = 500_000;

/** apps a71c329cfb0d (2026): its ostest, rather than the 2024 one. */
export function apps2026Of(sys: Sys): boolean {
  return sys.kernel.config.values.apps_2026 === 1;
}

/** CONFIG_TESTING_OSTEST_STACKSIZE. */
export function stacksize(sys: Sys): number {
  return sys.kernel.config.values.ostest_stacksize_threads;
}

/** Milliseconds as whole ticks, rounded up (clock_time2ticks). */
export function msToTicks(sys: Sys, ms: number): number {
  return Math.ceil((ms * 1000) / sys.kernel.config.values.usec_per_tick);
}

/** An absolute deadline `seconds` from now, as clock_gettime + tv_sec would make it. */
export function deadline(sys: Sys, seconds: number): number {
  return sys.ticks() + (seconds * 1_000_000) / sys.kernel.config.values.usec_per_tick;
}

/**
 * clock_gettime(CLOCK_REALTIME): the model's ticks as clock_systime_timespec
 * gives them, after g_basetime: 0 without an RTC in 2024, CONFIG_START_YEAR/
 * MONTH/DAY from 2026 (src/boards/board.ts realtime_from_start_date). With
 * CONFIG_RTC (the 2026 sim) g_basetime is the RTC's time at boot, the host's
 * clock, which the model cannot know: it starts from the start date too.
 */
export function clockRealtime(sys: Sys): { sec: number; nsec: number } {
  const values = sys.kernel.config.values;
  const base = values.realtime_from_start_date ? Date.UTC(values.start_year, values.start_month - 1, values.start_day) / 1000 : 0;
  const usec = sys.ticks() * values.usec_per_tick;
  return { sec: base + Math.floor(usec / 1_000_000), nsec: (usec % 1_000_000) * 1000 };
}

const hex = (v: number) => (v >>> 0).toString(16).padStart(8);
const dec = (v: number) => String(v).padStart(8);

/** show_memory_usage. */
export function memoryTable(before: Mallinfo, after: Mallinfo): string {
  return [
    "VARIABLE  BEFORE   AFTER",
    "======== ======== ========",
    `arena    ${hex(before.total)} ${hex(after.total)}`,
    `ordblks  ${dec(before.nfree)} ${dec(after.nfree)}`,
    `mxordblk ${hex(before.maxfree)} ${hex(after.maxfree)}`,
    `uordblks ${hex(before.used)} ${hex(after.used)}`,
    `fordblks ${hex(before.free)} ${hex(after.free)}`,
  ].join("\n") + "\n";
}

/** The mallinfo() of the heap, as ostest takes it (it drains the delay list where the heap profile says so). */
export function mallinfo(sys: Sys): Mallinfo {
  return sys.mallinfo();
}

/** What user_main tracks between checks. */
export class Usage {
  before: Mallinfo;
  previous: Mallinfo;
  constructor(sys: Sys) {
    this.before = mallinfo(sys);
    this.previous = this.before;
  }

  /** check_test_memory_usage: 0.5 s later, the table against the previous check. */
  *check(sys: Sys): Call<void> {
    yield* sys.usleep(HALF_SECOND_USEC);
    const after = mallinfo(sys);
    sys.print(`\nEnd of test memory usage:\n${memoryTable(this.previous, after)}`);
    this.previous = after;
  }
}
