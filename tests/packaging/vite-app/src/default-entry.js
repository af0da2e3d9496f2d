// The package's "." entry (the wasm-bindgen bundler target), which imports its .wasm
// as an ES module. Built only by `ENTRY=default vite build` (default.html): Vite 7
// refuses that import without a plugin such as vite-plugin-wasm.
import * as sdk from "bosbase-backups";
import { report, run } from "./flow.js";

report(run(sdk));
