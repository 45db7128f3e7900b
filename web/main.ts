// The page's entry. The engine's workers start first: replaying the two
// recordings is what the first view waits for, and they can do it while the
// UI's code (mount.ts: svelte, d3, the views) is still loading.
import "./theme/theme.css";
import "./charts/charts.css";
import { startWorkers } from "./engine/client";

startWorkers();
void import("./mount");
