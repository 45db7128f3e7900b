// Loading the WASM core in Node (CLI, tests, benchmarks).
import { readFileSync } from "node:fs";
import { createInstance, type Leakless } from "./leakless";

let compiled: WebAssembly.Module | undefined;

export function wasmModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readFileSync(new URL("../../build/leakless.wasm", import.meta.url)));
  return compiled;
}

export function nodeInstance(): Promise<Leakless> {
  return createInstance(wasmModule());
}
