// The documented way for Vite: the `web` entry, which fetches its .wasm from
// `new URL("bosbase_backups_bg.wasm", import.meta.url)` (Vite emits it as an asset).
import init, * as sdk from "bosbase-backups/web";
import { report, run } from "./flow.js";

report(init().then(() => run(sdk)));
