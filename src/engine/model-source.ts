// The model as a pane's source: a ModelSession whose heap event log, console
// and commands become a Recording, the same shape a real trace becomes.
import type { Fix } from "../boards/fixes";
import { EVENT_WORDS } from "../heap/heap";
import type { Board, Tree } from "../heap/profiles";
import { freeHeaderFormat } from "../import/free";
import { readTranscript } from "../import/transcript";
import { ostestPhases } from "./ostest-phases";
import { ModelSession } from "./session";
import type { HeapEvent, Marker, Recording } from "./recording";
import type { KernelSource } from "./source";

const OPS: Record<number, HeapEvent["op"]> = { 77: "M", 70: "F", 82: "R", 65: "A", 68: "D" };

/** A console line and the number of heap events that had happened when it was printed. */
interface PlacedLine {
  /** 1-based line number in the console. */
  line: number;
  text: string;
  at: number;
}

export class ModelSource implements KernelSource {
  constructor(private readonly session: ModelSession) {}

  static async create(board: Board, tree: Tree, fixes: string[], module: WebAssembly.Module): Promise<ModelSource> {
    return new ModelSource(await ModelSession.create(module, board, tree, fixes as Fix[]));
  }

  run(commandLine: string): void {
    this.session.run(commandLine);
  }

  recording(): Recording {
    const kernel = this.session.kernel;
    const wasm = kernel.wasm;
    const config = kernel.config;
    const events = this.events();
    const lines = this.lines();
    return {
      title: `model ${config.board}/${config.tree}${config.fixes.length ? ` + ${config.fixes.join(", ")}` : ""}`,
      source: "model",
      board: config.board,
      tree: config.tree,
      fixes: config.fixes,
      heapStart: config.heapStart,
      heapSize: config.heapSize,
      events,
      markers: this.markers(events.length, lines),
      console: kernel.output.map(({ at, text }) => ({ at, text })),
      owners: Array.from({ length: wasm.kernelOwnerCount() }, (_, i) => wasm.kernelOwnerName(i)),
      sites: Array.from({ length: wasm.kernelSiteCount() }, (_, i) => wasm.kernelSiteName(i)),
      tasks: Object.fromEntries(kernel.names),
    };
  }

  private events(): HeapEvent[] {
    const view = this.session.kernel.heap.events();
    const out: HeapEvent[] = [];
    for (let row = 0; row < view.count; row++) {
      const w = (i: number) => view.words[row * EVENT_WORDS + i];
      const op = OPS[w(1)];
      const moved = op === "R" || op === "A";
      out.push({ seq: w(0), op, off: w(2), req: w(3), node: w(4), pid: w(5) | 0, off2: moved ? w(6) : null, node2: moved ? w(7) : null, curused: w(8), owner: w(9) & 0xff, site: w(9) >>> 8 });
    }
    return out;
  }

  private lines(): PlacedLine[] {
    const lines: PlacedLine[] = [];
    let partial = "";
    for (const { at, text } of this.session.kernel.output) {
      const pieces = (partial + text).split("\n");
      partial = pieces.pop() ?? "";
      for (const piece of pieces) lines.push({ line: lines.length + 1, text: piece, at });
    }
    return lines;
  }

  /** Commands, each `free` up to where it printed, and ostest's phases up to each memory table. */
  private markers(length: number, lines: PlacedLine[]): Marker[] {
    const commands = this.session.commands;
    const markers: Marker[] = [];
    if (commands.length > 0 && commands[0].at > 0) markers.push({ kind: "command", label: "(boot)", from: 0, to: commands[0].at });
    commands.forEach((command, i) => {
      const to = commands[i + 1]?.at ?? length;
      markers.push({ kind: "command", label: command.line, from: command.at, to });
      const own = lines.filter((l) => l.at >= command.at && l.at <= to && l.line > command.outputFrom && l.line <= (commands[i + 1]?.outputFrom ?? Infinity));
      if (command.line === "free") {
        // The heap's row follows the header, in either layout of meminfo_read.
        const row = own[own.findIndex((l) => freeHeaderFormat(l.text) !== undefined) + 1];
        if (row && row !== own[0]) markers.push({ kind: "free", label: "free", from: command.at, to: row.at });
      }
      if (command.line.split(/\s+/)[0] === "ostest") markers.push(...phaseMarkers(own, command.at, to));
    });
    return markers;
  }
}

/** The phases of one ostest run: each ends where its "End of test memory usage" table was printed. */
function phaseMarkers(lines: PlacedLine[], from: number, to: number): Marker[] {
  const phases = readTranscript(lines.map((l) => l.text)).transcript.sessions.flatMap((s) => s.phases);
  const { ends: tables, labels } = ostestPhases(phases);
  if (tables.length === 0) return [];
  const ends = tables.map((table) => lines[table.line - 1].at);
  const markers: Marker[] = ends.map((end, k) => ({ kind: "phase", label: labels[k], from: ends[k - 1] ?? from, to: end }));
  if (labels[ends.length] !== "") markers.push({ kind: "phase", label: labels[ends.length], from: ends[ends.length - 1], to });
  return markers;
}

export function createModelSource(board: Board, tree: Tree, fixes: string[], module: WebAssembly.Module): Promise<KernelSource> {
  return ModelSource.create(board, tree, fixes, module);
}
