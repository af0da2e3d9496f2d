// A Vite 7 app as a user writes it: no plugins, no config, no init call. Run by the
// dev server (dependency pre-bundling moves the package's JS) and by `vite build`.
import "../shared/count-wasm.js";
import PocketBase, { ClientResponseError } from "bosbase-backups";
import { runInPage } from "../shared/flow.js";

runInPage({ PocketBase, ClientResponseError });
