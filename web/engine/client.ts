// The page's side of the engine: one Web Worker per pane, so the two heaps
// load in parallel and never share a WASM instance. One promise per request.
import type { Answer, Reply, Request } from "../../src/engine/protocol";

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

let started: Worker[] | undefined;

/** The pane workers, one set per page: main.ts starts them before the UI has loaded. */
export function startWorkers(): Worker[] {
  started ??= [0, 1].map((pane) => new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: `pane-${pane}` }));
  return started;
}

export class EngineClient {
  private readonly workers = startWorkers();
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  constructor() {
    for (const worker of this.workers) {
      worker.onmessage = ({ data }: MessageEvent<Answer>) => {
        const waiting = this.pending.get(data.id);
        this.pending.delete(data.id);
        if (data.ok) waiting?.resolve(data.value);
        else waiting?.reject(new Error(data.error));
      };
    }
  }

  request<R extends Request>(request: R): Promise<Reply<R>> {
    const id = this.next++;
    const worker = this.workers["pane" in request ? request.pane : 0];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, request });
    });
  }
}
