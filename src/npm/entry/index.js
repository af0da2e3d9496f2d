// The next package's entry in browsers and bundlers (built into target/next/pkg, not in
// the package yet): the client class, ready when the import resolves (the core module
// instantiated by a top-level await: no init call). The tools module is imported by the
// first call that needs it, once; a load that failed is tried again by the next call.
// Paths are as in target/next/pkg; scripts/build.sh bundles the rest into this file.
import init, * as core from "./core.js";
import { ClientResponseError } from "./js/client_response_error.js";
import { loadWasm } from "./load-wasm.js";
import PocketBase, { useModules } from "./npm/pocketbase.js";

// How the tools module is imported: its own chunk (a test or a page that builds the
// package itself may pass its own loader).
let loadTools = () => import("./tools/index.js");
let tools;
useModules({
  Call: core.Call,
  backupPath: core.backupPath,
  // Loaded once the calls that ask for it have run their checks (a microtask later), so
  // that concurrent first calls share one load.
  tools: () =>
    (tools ??= Promise.resolve().then(() => loadTools()).catch((e) => {
      tools = undefined;
      throw new ClientResponseError({ originalError: e, message: `bosbase-backups could not load its tools module (${e?.message ?? e}).` });
    })),
});

/** Says how to import the tools module: `load()` resolves to its exports (anything
 * but a function stands for none). */
export function __setToolsLoader(load) {
  loadTools =
    typeof load === "function"
      ? load
      : () => Promise.reject(new Error("no loader for the tools module: import bosbase-backups through one of its entries"));
  tools = undefined;
}

/** True for an error this package threw or rejected with: a `ClientResponseError`, or
 * one of the same shape from another copy of the package. */
export function isClientResponseError(e) {
  return e instanceof Error && typeof e.name === "string" && e.name.startsWith("ClientResponseError") && typeof e.status === "number";
}

export default PocketBase;
export { PocketBase as Client };
export { BaseAuthStore, LocalAuthStore } from "./npm/auth-store.js";
export { ClientResponseError };
export { initSync } from "./core.js";

await loadWasm(init, new URL("./core_bg.wasm", import.meta.url), () => Promise.reject(new Error("no inlined module")));
