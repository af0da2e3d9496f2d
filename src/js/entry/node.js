// The default entry under Node (the "node" export condition, which other server runtimes
// may match too): reads the .wasm from disk instead of fetching a file: URL, then
// instantiates it.
import { readFile } from "node:fs/promises";
import init from "./web/bosbase_backups.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

async function wasmBytes() {
  try {
    return await readFile(new URL("./web/bosbase_backups_bg.wasm", import.meta.url));
  } catch {
    // Bundled into a single file without the .wasm beside it: the inlined module.
    return (await import("./wasm-inline.js")).default;
  }
}

await init({ module_or_path: await wasmBytes() });
