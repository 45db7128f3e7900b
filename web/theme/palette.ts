// Owner colours for the heap map and its legend. Red-free (the growth outline
// is red) and the same in both themes; free and guard come from theme.css.
import { schemeTableau10 } from "d3";

const OWNER_COLOURS = schemeTableau10.filter((c) => c !== "#e15759");
const UNKNOWN = "#9c9c9c";

/** Colour of owner index `owner` in a recording's owner list (index 0 is "unknown"). */
export function ownerColour(owner: number): string {
  return owner === 0 ? UNKNOWN : OWNER_COLOURS[(owner - 1) % OWNER_COLOURS.length];
}

type ThemeColours = Record<"free" | "freeEdge" | "guard" | "born" | "growth" | "text" | "panel", string>;
const read = new Map<string, ThemeColours>();

/** The theme's colours from its CSS variables; read once per theme (reading forces a style pass). */
export function themeColours(element: Element, theme: string): ThemeColours {
  if (!read.has(theme)) read.set(theme, readColours(element));
  return read.get(theme)!;
}

function readColours(element: Element): ThemeColours {
  const style = getComputedStyle(element);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return { free: v("--free"), freeEdge: v("--free-edge"), guard: v("--guard"), born: v("--born"), growth: v("--growth"), text: v("--text"), panel: v("--panel") };
}

/** One colour per growth cause, for the per-run chart. */
export const CAUSE_COLOURS: Record<string, string> = {
  leak: "#d6336c",
  cache: "#7048e8",
  table: "#f08c00",
  leftover: "#1098ad",
  survivor: "#868e96",
  "in-use": "#adb5bd",
};
