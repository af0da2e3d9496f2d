// The backup explorer's module (`backups.explore`) in browsers and
// bundlers, ready when the import resolves. The core's entry imports it on the first
// call that needs it; scripts/build.sh bundles its glue and load-wasm.js into this file.
import init from "./bosbase_backups_explorer.js";
import { loadWasm } from "../load-wasm.js";

export * from "./bosbase_backups_explorer.js";
// The explorer's JS, which the core's BackupService runs.
export * as explorer from "./explore.js";

await loadWasm(
  init,
  new URL("./bosbase_backups_explorer_bg.wasm", import.meta.url),
  () => import(/* webpackIgnore: true */ "./wasm-inline.js"),
);
