// The default entry under Node (the "node" export condition, which other server runtimes
// may match too): reads the .wasm from disk instead of fetching a file: URL, then
// instantiates it.
import init, { __setToolsLoader } from "./web/bosbase_backups.js";
import { instantiateOnce } from "./load-wasm.js";
import { wasmFromDisk } from "./load-wasm-node.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

// The tools (verify, inspect, prune, the schedule calls): a second module, imported by
// the first call that needs one; the backup
// explorer (`backups.explore`) a third, imported by the first `explore`.
__setToolsLoader((name) => (name === "explorer" ? import("./explorer/node.js") : import("./tools/node.js")));

await instantiateOnce(init, async () => {
  const url = new URL("./web/bosbase_backups_bg.wasm", import.meta.url);
  return init({ module_or_path: await wasmFromDisk(url, () => import("./wasm-inline.js")) });
});
