// The WASM module's export surface.
export * from "./mm/api";
