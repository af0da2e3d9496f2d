// The package's default entry ("bosbase-backups" in browsers and bundlers): the client
// class, ready when the import resolves. The module instantiates its own wasm (a
// top-level await), so there is no init call to make. Paths are as in the package.
import init from "./web/bosbase_backups.js";

export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";

// The .wasm next to this file. The URL is written as a literal so that Vite and webpack
// emit the file as an asset and point the URL at it. Answers what `init` takes: the
// response itself when it can be compiled while it downloads, else the bytes; nothing
// when what came back is not wasm (Vite's dev server pre-bundles this module elsewhere
// and answers the app's index.html; esbuild leaves the URL pointing beside its bundle).
async function fetchWasm() {
  const response = await fetch(new URL("./web/bosbase_backups_bg.wasm", import.meta.url));
  if (!response.ok) return undefined;
  // The exact MIME type instantiateStreaming requires (anything else, and the glue
  // would warn before falling back).
  const type = response.headers.get("Content-Type") ?? "";
  if (/^\s*application\/wasm\s*$/i.test(type) && typeof WebAssembly.instantiateStreaming === "function") {
    return response;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // "\0asm"
  const wasm = bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  return wasm ? bytes : undefined;
}

async function load() {
  let fetched;
  try {
    const source = await fetchWasm();
    if (source !== undefined) return await init({ module_or_path: source });
    fetched = "not a wasm module";
  } catch (e) {
    // No such file here, a file: URL, or blocked: the inlined module below.
    fetched = e;
  }
  try {
    // Loaded only on this path, then compiled asynchronously. Vite and esbuild bundle it
    // (Vite's dev server needs it); webpack always emits the .wasm, and leaving this
    // 300 KB module out spares webpack users an asset-size warning on every build.
    const { default: bytes } = await import(/* webpackIgnore: true */ "./wasm-inline.js");
    return await init({ module_or_path: bytes });
  } catch (e) {
    throw new Error(`bosbase-backups: cannot load its WebAssembly module (fetched: ${fetched}; inlined: ${e})`, {
      cause: e,
    });
  }
}

await load();
