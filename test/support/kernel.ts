// A kernel booted with a test program as its init task instead of NSH.
import { boardConfig } from "../../src/boards/board";
import type { Fix } from "../../src/boards/fixes";
import { Kernel, type ProgramMain } from "../../src/engine/kernel";
import type { Tree } from "../../src/heap/profiles";
import { createInstance } from "../../src/wasm/leakless";
import { wasmModule } from "../../src/wasm/node";

export async function bootWith(init: ProgramMain, tree: Tree = "unpatched", fixes: Fix[] = []): Promise<Kernel> {
  const kernel = new Kernel(await createInstance(wasmModule()), boardConfig("rv-virt", tree, fixes), init);
  kernel.runUntilIdle();
  return kernel;
}

/** The events logged since `from`: [op, request, node size] by owner name. */
export function eventsSince(kernel: Kernel, from: number): { op: string; req: number; node: number; owner: string; pid: number }[] {
  const view = kernel.heap.events();
  const out = [];
  for (let row = from; row < view.count; row++) {
    out.push({ op: String.fromCharCode(view.get(row, 1)), req: view.get(row, 3), node: view.get(row, 4), owner: kernel.wasm.kernelOwnerName(view.get(row, 9) & 0xff), pid: view.get(row, 5) | 0 });
  }
  return out;
}
