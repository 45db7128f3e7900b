// The portable build's export surface: the WASM module's, and its memory.
export * from "../mm/api";
export { memory } from "./memory";
