// Looking things up in a recording's markers by event index.
import type { Marker, MarkerKind } from "./recording";

/** The innermost marker of `kind` that contains event `index`. */
export function markerAt(markers: readonly Marker[], kind: MarkerKind, index: number): Marker | undefined {
  return markers.find((m) => m.kind === kind && index >= m.from && index < m.to);
}

/** "ostest › mutex test", or the command alone, or "boot". */
export function describeEvent(markers: readonly Marker[], index: number): string {
  const command = markerAt(markers, "command", index);
  const phase = markerAt(markers, "phase", index);
  if (!command) return "—";
  return phase ? `${command.label} › ${phase.label}` : command.label;
}
