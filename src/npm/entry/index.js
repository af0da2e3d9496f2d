// The next package's entry in browsers and bundlers (built into target/next/pkg, not in
// the package yet): the client class, ready when the import resolves (the core module
// instantiated by a top-level await: no init call). The tools module is imported by the
// first call that needs it, once; a load that failed is tried again by the next call.
// Paths are as in target/next/pkg; scripts/build.sh bundles the rest into this file.
import init, * as core from "./core.js";
import { loadWasm } from "./load-wasm.js";
import PocketBase, { useModules } from "./npm/pocketbase.js";

let tools;
useModules({
  Call: core.Call,
  backupPath: core.backupPath,
  tools: () =>
    (tools ??= import("./tools/index.js").catch((e) => {
      tools = undefined;
      throw e;
    })),
});

export default PocketBase;
export { PocketBase as Client };
export { BaseAuthStore, LocalAuthStore } from "./npm/auth-store.js";
export { ClientResponseError } from "./js/client_response_error.js";

await loadWasm(init, new URL("./core_bg.wasm", import.meta.url), () => Promise.reject(new Error("no inlined module")));
