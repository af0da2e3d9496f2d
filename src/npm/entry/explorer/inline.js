// The backup explorer's module with its wasm inside the JS (base64), for the "inline" entry.
import init from "./bosbase_backups_explorer.js";
import { instantiateOnce } from "../load-wasm.js";
import bytes from "./wasm-inline.js";

export * from "./bosbase_backups_explorer.js";
// The explorer's JS, which the core's BackupService runs.
export * as explorer from "./explore.js";

await instantiateOnce(init, () => init({ module_or_path: bytes }));
