// The tools module with its wasm inside the JS (base64), for the "inline" entry.
import init from "./bosbase_backups_tools.js";
import { instantiateOnce } from "../load-wasm.js";
import bytes from "./wasm-inline.js";

export * from "./bosbase_backups_tools.js";
// The JS of the tools' backup calls, which the core's BackupService runs.
export * as backups from "./backups.js";

await instantiateOnce(init, () => init({ module_or_path: bytes }));
