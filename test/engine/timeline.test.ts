import { describe, expect, it } from "vitest";
import type { Marker } from "../../src/engine/recording";
import { Timeline, recordingStops, sharedStops } from "../../src/engine/timeline";
import { bundledRecording } from "./recordings";

const m = (kind: Marker["kind"], label: string, from: number, to: number, matches?: number): Marker => ({ kind, label, from, to, ...(matches ? { matches } : {}) });

// A: 10 events of boot, `free` (prints at 12, ends 14), ostest with two phases; B is the same session with other counts.
const A = { length: 40, markers: [m("command", "(boot)", 0, 10), m("command", "free", 10, 14), m("free", "free", 10, 12), m("command", "ostest", 14, 40), m("phase", "mutex test", 14, 20), m("phase", "cancel test", 20, 40, 3)] };
const B = { length: 25, markers: [m("command", "(boot)", 0, 5), m("command", "free", 5, 9), m("free", "free", 5, 7), m("command", "ostest", 9, 25), m("phase", "mutex test", 9, 9), m("phase", "cancel test", 9, 25)] };

describe("Timeline", () => {
  it("has a stop per command (where `free` prints) and per ostest phase", () => {
    expect(recordingStops(A.markers).map((s) => [s.key, s.position, s.commandEnd, s.uncertain])).toEqual([
      ["0:(boot)", 10, true, false],
      ["1:free", 12, true, false],
      ["2:ostest/mutex test", 20, false, false],
      ["2:ostest/cancel test", 40, true, true],
    ]);
  });

  it("ends a command once when the panes' ostest phases differ (a 2024 tree beside a 2026 one)", () => {
    const C = { length: 30, markers: [m("command", "(boot)", 0, 5), m("command", "free", 5, 9), m("free", "free", 5, 7), m("command", "ostest", 9, 30), m("phase", "mutex test", 9, 15), m("phase", "spinlock test", 15, 30)] };
    const { stops, panes } = sharedStops([A, C]);
    expect(stops.map((s) => [s.key, s.commandEnd])).toEqual([
      ["0:(boot)", true],
      ["1:free", true],
      ["2:ostest/mutex test", false],
      ["2:ostest/cancel test", false],
      ["2:ostest/spinlock test", true],
    ]);
    expect(panes.map((p) => p.positions)).toEqual([[10, 12, 20, 40, 40], [5, 7, 15, 15, 30]]);
  });

  it("ends each of two different commands typed at the same place in the two sessions", () => {
    const D = { length: 20, markers: [m("command", "(boot)", 0, 5), m("command", "free", 5, 9), m("free", "free", 5, 7), m("command", "hello", 9, 20)] };
    const { stops } = sharedStops([A, D]);
    expect(stops.filter((s) => s.commandEnd).map((s) => s.command)).toEqual(["(boot)", "free", "ostest", "hello"]);
  });

  it("steps both panes to the same stop, by phase and by command", () => {
    const t = Timeline.of([A, B]);
    let c = t.first;
    const visit: number[][] = [];
    for (let i = 0; i < 5; i++) {
      c = t.step(c, "phase", 1);
      visit.push([t.position(0, c), t.position(1, c)]);
    }
    expect(visit).toEqual([[10, 5], [12, 7], [20, 9], [40, 25], [40, 25]]);
    expect([t.position(0, t.step(t.first, "command", 1)), t.position(0, t.step(t.atStop(1), "command", 1))]).toEqual([10, 40]);
    expect(t.step(t.atStop(2), "phase", -1)).toEqual(t.atStop(1));
    expect(t.step(t.atStop(0), "phase", -1)).toEqual(t.first);
  });

  it("steps single events in lockstep: the shorter pane waits at the stop", () => {
    const t = Timeline.of([A, B]);
    let c = t.atStop(1); // A at 12, B at 7
    c = t.step(c, "event", 1);
    expect([t.position(0, c), t.position(1, c)]).toEqual([13, 8]);
    for (let i = 0; i < 6; i++) c = t.step(c, "event", 1);
    expect([t.position(0, c), t.position(1, c)]).toEqual([19, 9]); // B's mutex test is empty
    c = t.step(c, "event", 1);
    expect([t.position(0, c), t.position(1, c)]).toEqual([20, 9]);
    expect(t.stopAt(c)).toBe(2);
    expect(t.step(t.step(c, "event", 1), "event", -1)).toEqual(c);
  });

  it("runs to the end of each granularity and round-trips the cursor through text", () => {
    const t = Timeline.of([A, B]);
    expect(t.position(0, t.last("phase"))).toBe(40);
    expect(t.position(1, t.last("event"))).toBe(25);
    const c = t.step(t.atStop(1), "event", 1);
    expect(t.parse(Timeline.format(c))).toEqual(c);
    for (const bad of ["", "1", "1.", "x.1", "99.0", "1.999", "-1.0", "1.2.3"]) expect(t.parse(bad)).toBeNull();
    expect(t.fromVirtual(t.virtual(c))).toEqual(c);
  });

  it("marks a phase whose table matched several positions as uncertain", () => {
    expect(Timeline.of([A, B]).stops[3].uncertain).toBe(true);
  });

  it("lines up the two bundled recordings stop for stop", async () => {
    const [u, b] = await Promise.all([bundledRecording("unpatched"), bundledRecording("backport")]);
    const t = Timeline.of([{ markers: u.markers, length: u.events.length }, { markers: b.markers, length: b.events.length }]);
    expect(t.stops).toHaveLength(1 + 1 + 1 + 1 + 1 + 1 + 31 + 1 + 1 + 31 + 1 + 1 + 1 + 1 + 31 + 1);
    expect(recordingStops(u.markers).map((s) => s.key)).toEqual(recordingStops(b.markers).map((s) => s.key));
  });
});
