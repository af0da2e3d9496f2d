// "bosbase-backups/inline": the default entry with the wasm inside the JS (base64), for
// environments that cannot fetch a file next to the module. Same classes as the other
// entries (one glue module), ready when the import resolves.
import init, { __setToolsLoader } from "./web/bosbase_backups.js";
import { instantiateOnce } from "./load-wasm.js";
import bytes from "./wasm-inline.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

// The tools (verify, inspect, prune, the schedule calls), inlined too, imported by the
// first call that needs one; the backup
// explorer (`backups.explore`) a third, imported by the first `explore`.
__setToolsLoader((name) => (name === "explorer" ? import("./explorer/inline.js") : import("./tools/inline.js")));

await instantiateOnce(init, () => init({ module_or_path: bytes }));
