// The .wasm as a Uint8Array, for the inline entry and the default entry's fallback.
// scripts/build.sh bundles this with esbuild's binary loader, which writes the module
// as base64 and decodes it on import.
import bytes from "./web/bosbase_backups_bg.wasm";

export default bytes;
