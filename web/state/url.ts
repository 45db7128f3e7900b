// The page's state in its URL: each pane's source, the step granularity, the
// position and (for the model) the session. A bad value gets a sentence that
// says what was wrong; the rest of the link still applies.
import { BUNDLED_RECORDINGS, FIXES, isBundledId } from "../../src/engine/bundled";
import type { SourceSpec } from "../../src/engine/source";
import { GRANULARITIES, type Granularity } from "../../src/engine/timeline";
import { BOARDS, TREES, isBoard, isTree } from "../../src/heap/profiles";

export interface UrlState {
  sources: [SourceSpec, SourceSpec];
  granularity: Granularity;
  /** Checked against the timeline once the panes are open. */
  at: string | null;
  session: string[] | null;
  compact: boolean;
}

export const DEFAULT_SOURCES: [SourceSpec, SourceSpec] = [
  { kind: "recording", id: "rv-virt-unpatched" },
  { kind: "recording", id: "rv-virt-backport" },
];

const PANE_KEYS = ["left", "right"] as const;
const MAX_SESSION = 200;

export function formatSource(source: SourceSpec): string {
  if (source.kind === "recording") return `rec:${source.id}`;
  if (source.kind === "import") return `imported:${source.name}`;
  return `model:${source.board}:${source.tree}:${source.fixes.length ? source.fixes.join(",") : "-"}`;
}

const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);

function parseSource(text: string, modelAvailable: boolean): SourceSpec | string {
  const [kind, ...rest] = text.split(":");
  if (kind === "rec") {
    const id = rest.join(":");
    return isBundledId(id) ? { kind: "recording", id } : `there is no bundled recording ${quote(id)} (there are ${Object.keys(BUNDLED_RECORDINGS).join(" and ")})`;
  }
  if (kind === "imported") return `${quote(rest.join(":"))} was imported into that pane, and a link cannot carry imported text: paste or drop it again`;
  if (kind === "model") {
    if (!modelAvailable) return "the model is not available in this build; only the bundled recordings can be shown";
    const [board = "", tree = "", fixes = "-"] = rest;
    if (!isBoard(board)) return `unknown board ${quote(board)} (expected ${BOARDS.join(" or ")})`;
    if (!isTree(tree)) return `unknown tree ${quote(tree)} (expected ${TREES.join(", ")})`;
    // "," as written; "+" and " " as typed ("+" reads as a space in a query).
    const list = fixes === "-" ? [] : fixes.split(/[,+ ]/).filter(Boolean);
    const unknown = list.find((f) => !FIXES.some((known) => known.id === f));
    if (unknown !== undefined) return `unknown fix ${quote(unknown)} (expected ${FIXES.map((f) => f.id).join(", ")})`;
    return { kind: "model", board, tree, fixes: list };
  }
  return `${quote(text)} is not a source (expected rec:NAME or model:BOARD:TREE:FIXES)`;
}

export function parseUrlState(search: string, modelAvailable: boolean): { state: UrlState; errors: string[] } {
  const params = new URLSearchParams(search);
  const errors: string[] = [];
  const sources = [...DEFAULT_SOURCES] as [SourceSpec, SourceSpec];
  PANE_KEYS.forEach((key, i) => {
    const text = params.get(key);
    if (text === null) return;
    const parsed = parseSource(text, modelAvailable);
    if (typeof parsed === "string") errors.push(`${key}=${quote(text)}: ${parsed}.`);
    else sources[i] = parsed;
  });
  const step = params.get("step");
  let granularity: Granularity = "phase";
  if (step !== null) {
    if ((GRANULARITIES as readonly string[]).includes(step)) granularity = step as Granularity;
    else errors.push(`step=${quote(step)}: expected ${GRANULARITIES.join(", ")}.`);
  }
  const sessionText = params.get("session");
  let session: string[] | null = null;
  if (sessionText !== null) {
    const commands = sessionText.split(";").map((c) => c.trim()).filter((c) => c !== "");
    if (commands.length === 0 || commands.length > MAX_SESSION) errors.push(`session: expected 1 to ${MAX_SESSION} commands separated by ";", found ${commands.length}.`);
    else session = commands;
  }
  const compact = params.get("map");
  if (compact !== null && compact !== "compact" && compact !== "address") errors.push(`map=${quote(compact)}: expected compact or address.`);
  return { state: { sources, granularity, at: params.get("at"), session, compact: compact === "compact" }, errors };
}

export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  PANE_KEYS.forEach((key, i) => params.set(key, formatSource(state.sources[i])));
  params.set("step", state.granularity);
  if (state.at !== null) params.set("at", state.at);
  if (state.session) params.set("session", state.session.join(";"));
  if (state.compact) params.set("map", "compact");
  return `?${params.toString()}`;
}
