// Instantiating a wasm module: shared by the package's entries (the core's and the
// tools'; in browsers, bundlers and Node).

// Each glue's `init` to its one instantiation: entries imported side by side (the
// default and the inline one) start together, and the glue alone would instantiate
// its module once for each.
const instances = new Map();

// Instantiates the module of `init` once: `start()` the first time, the same promise
// after.
export function instantiateOnce(init, start) {
  let ready = instances.get(init);
  if (ready === undefined) {
    ready = start();
    instances.set(init, ready);
  }
  return ready;
}

// What `init` takes: the response itself when it can be compiled while it downloads,
// else the bytes; nothing when what came back is not wasm (Vite's dev server
// pre-bundles the entry elsewhere and answers the app's index.html; esbuild leaves the
// URL pointing beside its bundle).
async function fetchWasm(url) {
  const response = await fetch(url);
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

// In a browser or a bundler: `url` is the .wasm beside the entry, written there as a
// literal so that Vite and webpack emit the file and point the URL at it; `inlined`
// imports the module's wasm-inline.js, the way when no .wasm can be fetched.
export function loadWasm(init, url, inlined) {
  return instantiateOnce(init, () => fetchOrInline(init, url, inlined));
}

async function fetchOrInline(init, url, inlined) {
  let fetched;
  try {
    const source = await fetchWasm(url);
    if (source !== undefined) return await init({ module_or_path: source });
    fetched = "not a wasm module";
  } catch (e) {
    // No such file here, a file: URL, or blocked: the inlined module.
    fetched = e;
  }
  try {
    const { default: bytes } = await inlined();
    return await init({ module_or_path: bytes });
  } catch (e) {
    throw new Error(`bosbase-backups: cannot load its WebAssembly module (fetched: ${fetched}; inlined: ${e})`, {
      cause: e,
    });
  }
}
