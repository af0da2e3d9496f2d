// The explorer's .wasm as a module (base64, decoded on import): the build bundles the file
// into this module with esbuild's binary loader.
export { default } from "./bosbase_backups_explorer_bg.wasm";
