// An allocation trace CSV imported on its own, without the console transcript
// of its run: the heap replays it event by event as it does a bundled trace,
// but nothing says which commands ran, nor how big the heap was.
//  - The allocator rules are the first profile on which the trace's opening
//    events replay exactly (offsets, node sizes and curused all depend on them).
//  - The heap's size: on rv-virt, the trace's heap column is the heap's offset
//    into the board's 32 MiB of RAM (the groundtruth trace build's heap at
//    0x8002bf40 is 180032), and the heap runs to the end of RAM; elsewhere the
//    region is the smallest that holds every node, and `free`'s total says so.
import { allHeapProfiles, type Board, type HeapProfile, type Tree } from "../heap/profiles";
import type { TraceEvent } from "../trace/csv";
import { ParseError } from "../trace/parse-error";
import type { Leakless } from "../wasm/leakless";
import { Player } from "./player";
import type { Recording } from "./recording";
import { straightReplay } from "./straight-replay";
import { heapEvents } from "./trace-recording";

/** QEMU virt as rv-virt:nsh configures it (fixtures/nuttx/groundtruth/README.md: 32 MiB RAM). */
const RV_VIRT_RAM = 32 * 1024 * 1024;
/** A trace whose nodes reach further than this from the heap's start is refused (the replay maps the whole region). */
export const MAX_REGION = 256 * 1024 * 1024;
/** How many events decide the allocator rules. */
const PROBE_EVENTS = 400;

export interface ImportedTrace {
  recording: Recording;
  player: Player;
  notes: string[];
}

/** The furthest any event's node reaches from the heap's start, and the event that reaches it. */
function extent(events: readonly TraceEvent[]): { bytes: number; event: TraceEvent } {
  return events.reduce((far, event) => (event.off + event.node > far.bytes ? { bytes: event.off + event.node, event } : far), { bytes: 0, event: events[0] });
}

/** The region a trace alone implies: to the end of rv-virt's RAM (fromRam), or the smallest that holds every node. */
export function traceRegion(profile: HeapProfile, events: readonly TraceEvent[]): { start: number; size: number; fromRam: boolean } {
  const start = events[0].heap;
  const reach = extent(events);
  if (reach.bytes > MAX_REGION) throw new ParseError(reach.event.line, `a node within ${MAX_REGION / 1024 / 1024} MiB of the heap's start`, `off ${reach.event.off} + node ${reach.event.node}`);
  const fromRam = profile.pointerSize === 4 && start < RV_VIRT_RAM && RV_VIRT_RAM - start > reach.bytes + profile.heapStruct;
  // The heap struct, the guards and one alignment's slack beside the furthest node.
  const minimum = Math.ceil((reach.bytes + profile.heapStruct + 8 * profile.pointerSize) / 4096) * 4096;
  return { start, size: fromRam ? RV_VIRT_RAM - start : minimum, fromRam };
}

/** Profiles that differ in their allocator rules (the trees with the same rules share one). */
function distinctRules(): HeapProfile[] {
  const byRules = new Map<string, HeapProfile>();
  for (const profile of allHeapProfiles()) {
    const { name: _, asserts: __, ...rules } = profile;
    const key = JSON.stringify(rules);
    if (!byRules.has(key)) byRules.set(key, profile);
  }
  return [...byRules.values()];
}

/** The first allocator rules on which the trace's opening events replay exactly. */
export function detectProfile(wasm: Leakless, events: readonly TraceEvent[]): HeapProfile {
  const probe = heapEvents(events.slice(0, PROBE_EVENTS));
  const candidates = distinctRules();
  const exact = candidates.find((profile) => straightReplay(wasm, profile, traceRegion(profile, events), probe).problems.length === 0);
  if (exact) return exact;
  const problem = straightReplay(wasm, candidates[0], traceRegion(candidates[0], events), probe).problems[0];
  throw new Error(`This trace does not replay on any allocator Leakless knows (${candidates.map((p) => p.name).join(", ")}); on ${candidates[0].name}: ${problem}.`);
}

export function importedTrace(wasm: Leakless, events: readonly TraceEvent[], name: string): ImportedTrace {
  if (events.length === 0) throw new ParseError(2, "at least one trace row after the header", "the end of the text");
  const profile = detectProfile(wasm, events);
  const heap = traceRegion(profile, events);
  const [board, tree] = profile.name.split("/") as [Board, Tree];
  const pids = [...new Set(events.map((e) => e.pid))].sort((a, b) => a - b);
  // Owner indices are bytes: the first 255 pids get a colour each, later ones are "unknown".
  const owners = ["unknown", ...pids.slice(0, 255).map((pid) => `pid ${pid}`)];
  const recording: Recording = {
    title: `${name} (imported trace)`,
    source: "trace",
    board,
    tree,
    fixes: [],
    heapStart: heap.start,
    heapSize: heap.size,
    events: heapEvents(events).map((event) => ({ ...event, owner: Math.max(0, owners.indexOf(`pid ${event.pid}`)) })),
    markers: [{ kind: "command", label: "(the whole trace)", from: 0, to: events.length }],
    console: [],
    owners,
    sites: ["unknown"],
    tasks: Object.fromEntries(pids.map((pid) => [pid, `pid ${pid}`])),
  };
  const notes = [
    `Replayed with the allocator rules of ${profile.name}: the first on which the trace's opening events replay exactly.`,
    heap.fromRam
      ? "A trace does not say how big the heap is: it is taken to run from the trace's heap column to the end of rv-virt's 32 MiB of RAM, so free's total and free columns are that assumption's."
      : "A trace does not say how big the heap is: the region is the smallest that holds every node, so free's total and free columns are that assumption's.",
    "A trace alone has no commands or ostest phases: step by event, or import its console transcript in the other pane.",
  ];
  return { recording, player: new Player(wasm, recording), notes };
}
