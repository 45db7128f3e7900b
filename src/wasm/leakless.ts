// One instance of the WASM core. Each simulated kernel gets its own instance,
// so two panes never share a heap.
import { instantiate } from "../../build/leakless.js";

export type Leakless = Awaited<ReturnType<typeof instantiate>>;

export async function createInstance(module: WebAssembly.Module): Promise<Leakless> {
  return instantiate(module, { env: {} });
}
