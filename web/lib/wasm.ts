// The browser's way to the WASM core: Vite serves the file, we compile it once.
import wasmUrl from "../../build/leakless.wasm?url";
import { createInstance, type Leakless } from "../../src/wasm/leakless";

let compiled: Promise<WebAssembly.Module> | undefined;

export function browserInstance(): Promise<Leakless> {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl));
  return compiled.then(createInstance);
}
