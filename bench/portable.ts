// The benchmark's baseline: the allocator compiled to plain JavaScript with
// AssemblyScript's portable mode, as wasmboy does. `npm run build:portable` builds it.
// It is the very same source: only assembly/mm/memory.ts is swapped for its
// ArrayBuffer twin, and the portable library supplies u32(), clz() and friends.
import { build, type Plugin } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Leakless } from "../src/wasm/leakless";

export const PORTABLE_JS = fileURLToPath(new URL("../build/leakless.portable.js", import.meta.url));
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const portableMemory: Plugin = {
  name: "portable-memory",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\/memory$/ }, ({ importer }) =>
      importer.startsWith(root("assembly/mm/")) ? { path: root("assembly/portable/memory.ts") } : undefined,
    );
  },
};

export async function buildPortable(): Promise<void> {
  await build({
    entryPoints: [root("assembly/portable/index.ts")],
    outfile: PORTABLE_JS,
    bundle: true,
    format: "esm",
    target: "es2022",
    inject: [root("node_modules/assemblyscript/std/portable/index.js")],
    plugins: [portableMemory],
    logLevel: "warning",
  });
}

/** The build's exports are the WASM module's; its `memory` has the one member Heap reads, `buffer`. */
export async function portableInstance(): Promise<Leakless> {
  return (await import(pathToFileURL(PORTABLE_JS).href)) as Leakless;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPortable();
