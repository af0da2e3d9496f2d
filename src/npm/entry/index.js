// The package's default entry ("bosbase-backups" in browsers and bundlers): the client
// class, ready when the import resolves. The module instantiates its own wasm (a
// top-level await), so there is no init call to make. Paths are as in the package;
// scripts/build.sh bundles the glue and load-wasm.js into this file, so that the .wasm
// is requested as soon as it has loaded.
import init, { __setToolsLoader } from "./web/bosbase_backups.js";
import { loadWasm } from "./load-wasm.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

// The tools (verify, inspect, prune, the schedule calls) are a second module, imported
// by the first call that needs one: a separate chunk for bundlers; the backup
// explorer (`backups.explore`) a third, imported by the first `explore`.
__setToolsLoader((name) => (name === "explorer" ? import("./explorer/index.js") : import("./tools/index.js")));

await loadWasm(
  init,
  new URL("./web/bosbase_backups_bg.wasm", import.meta.url),
  // Loaded only when the .wasm cannot be fetched, then compiled asynchronously. Vite and
  // esbuild bundle it (Vite's dev server needs it); webpack always emits the .wasm, and
  // leaving this large module out spares webpack users an asset-size warning.
  () => import(/* webpackIgnore: true */ "./wasm-inline.js"),
);
