// Command bands and phase ticks for the charts' x axes.
import { num } from "../lib/format";
import type { Marker } from "../../src/engine/recording";

export interface Band {
  label: string;
  from: number;
  to: number;
  shade: boolean;
}

/** Every command but boot, alternately shaded. */
export function commandBands(markers: readonly Marker[]): Band[] {
  return markers.filter((m) => m.kind === "command").map((m, i) => ({ label: m.label, from: m.from, to: m.to, shade: i % 2 === 1 }));
}

export function phaseEnds(markers: readonly Marker[]): number[] {
  return markers.filter((m) => m.kind === "phase").map((m) => m.to);
}

export const bytes = (v: number) => (Math.abs(v) >= 10_000 ? `${(v / 1024).toFixed(1)} KiB` : `${num(v)} B`);
export const signed = (v: number) => (v > 0 ? `+${num(v)}` : num(v));
