// Reading a wasm module from disk under Node: shared by the Node entries (the core's and
// the tools'). `url` is the .wasm beside the entry; `inlined` imports the module's
// wasm-inline.js, for a bundle that left the .wasm behind.
import { readFile } from "node:fs/promises";

export async function wasmFromDisk(url, inlined) {
  try {
    return await readFile(url);
  } catch {
    return (await inlined()).default;
  }
}
