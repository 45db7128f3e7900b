// The page's UI: svelte, d3 and every view. main.ts loads it once the engine's workers have started.
import { mount } from "svelte";
import App from "./App.svelte";

mount(App, { target: document.getElementById("app")! });
