// The backup explorer's module under Node: its .wasm read from disk, ready when the import resolves.
import init from "./bosbase_backups_explorer.js";
import { instantiateOnce } from "../load-wasm.js";
import { wasmFromDisk } from "../load-wasm-node.js";

export * from "./bosbase_backups_explorer.js";
// The explorer's JS, which the core's BackupService runs.
export * as explorer from "./explore.js";

await instantiateOnce(init, async () => {
  const url = new URL("./bosbase_backups_explorer_bg.wasm", import.meta.url);
  return init({ module_or_path: await wasmFromDisk(url, () => import("./wasm-inline.js")) });
});
