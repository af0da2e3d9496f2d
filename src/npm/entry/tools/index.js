// The tools module (verify, inspect, prune, the schedule calls) in browsers and
// bundlers, ready when the import resolves. The core's entry imports it on the first
// call that needs it; scripts/build.sh bundles its glue and load-wasm.js into this file.
import init from "./bosbase_backups_tools.js";
import { loadWasm } from "../load-wasm.js";

export * from "./bosbase_backups_tools.js";
// The JS of the tools' backup calls, which the core's BackupService runs.
export * as backups from "./backups.js";

await loadWasm(
  init,
  new URL("./bosbase_backups_tools_bg.wasm", import.meta.url),
  () => import(/* webpackIgnore: true */ "./wasm-inline.js"),
);
