// The default entry under Node (the "node" export condition, which other server runtimes
// may match too): reads the .wasm from disk instead of fetching a file: URL, then
// instantiates it; adds what needs a file system (node/): `backups.downloadToFile`,
// uploads from a path, and uploads whose progress follows the bytes as they leave.
import init, { __setToolsLoader, __useNode } from "./web/bosbase_backups.js";
import { instantiateOnce } from "./load-wasm.js";
import { wasmFromDisk } from "./load-wasm-node.js";
import { downloadToFile, openFile } from "./node/files.js";
import { send } from "./node/upload.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

// The tools (verify, inspect, prune, the schedule calls): a second module, imported by
// the first call that needs one; the backup
// explorer (`backups.explore`) a third, imported by the first `explore`.
__setToolsLoader((name) => (name === "explorer" ? import("./explorer/node.js") : import("./tools/node.js")));
__useNode({ downloadToFile, openFile, send });

await instantiateOnce(init, async () => {
  const url = new URL("./web/bosbase_backups_bg.wasm", import.meta.url);
  return init({ module_or_path: await wasmFromDisk(url, () => import("./wasm-inline.js")) });
});
