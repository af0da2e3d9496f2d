// The package's "." entry. Built only by `ENTRY=default vite build` (default.html).
// Today "." is the wasm-bindgen bundler target, which imports its .wasm as an ES
// module: Vite 7 refuses that without a plugin such as vite-plugin-wasm. Should "."
// become the web target, its default export is init(), awaited here.
import * as sdk from "bosbase-backups";
import { report, run } from "./flow.js";

const init = /** @type {Record<string, unknown>} */ (sdk)["default"];
report((typeof init === "function" ? init() : Promise.resolve()).then(() => run(sdk)));
