// "bosbase-backups/inline": the default entry with the wasm inside the JS (base64), for
// environments that cannot fetch a file next to the module. Same classes as the other
// entries (one glue module), ready when the import resolves.
import init from "./web/bosbase_backups.js";
import bytes from "./wasm-inline.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

await init({ module_or_path: bytes });
