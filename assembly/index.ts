// The WASM module's export surface.
export * from "./mm/api";
export * from "./kernel/api";
export * from "./kernel/syscalls";
export * from "./kernel/syscalls-sync";
