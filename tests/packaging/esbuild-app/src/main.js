// An app bundled by `esbuild src/main.js --bundle --format=esm --outdir=dist`: no
// loader for .wasm, no copy of the package's files, no init call. esbuild leaves
// `new URL(…, import.meta.url)` as it is, so the .wasm is not beside the bundle and the
// inlined copy (in the bundle) is used.
import "../shared/count-wasm.js";
import PocketBase, { ClientResponseError } from "bosbase-backups";
import { runInPage } from "../shared/flow.js";

runInPage({ PocketBase, ClientResponseError });
