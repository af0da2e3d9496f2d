// Types of the default entry (and of its Node variant): web/bosbase_backups.js's
// (src/npm/package.d.ts), with the client class as the default export. No init call
// is needed; `init` and `initSync` are exported for code written against the glue and
// do nothing once the module is loaded.
export * from "./web/bosbase_backups.js";
export { Client as default, default as init } from "./web/bosbase_backups.js";
