// A webpack 5 app as a user writes it: `webpack --mode=production` with no config file
// (so src/index.js -> dist/main.js), no wasm experiments or loaders, no init call.
import "../shared/count-wasm.js";
import PocketBase, { ClientResponseError } from "bosbase-backups";
import { runInPage } from "../shared/flow.js";

runInPage({ PocketBase, ClientResponseError });
