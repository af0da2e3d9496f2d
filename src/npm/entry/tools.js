// The next package's tools module in browsers and bundlers (target/next/pkg/tools/),
// ready when the import resolves. scripts/build.sh bundles its glue into this file.
import init from "./tools.js";
import { loadWasm } from "../load-wasm.js";

export * from "./tools.js";

await loadWasm(init, new URL("./tools_bg.wasm", import.meta.url), () => Promise.reject(new Error("no inlined module")));
