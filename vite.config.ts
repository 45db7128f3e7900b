import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  publicDir: "../public",
  plugins: [svelte()],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    // bench/heapmap.html: the heap map's drawing benchmark (bench/browser.ts).
    rollupOptions: { input: { main: "web/index.html", heapmap: "web/bench/heapmap.html" } },
  },
  worker: { format: "es" },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
