// The package's "." entry (built by `ENTRY=default vite build` from default.html): the
// web target, whose default export init() loads the .wasm next to the JS.
import init, * as sdk from "bosbase-backups";
import { report, run } from "./flow.js";

report(init().then(() => run(sdk)));
