// Types of "bosbase-backups/inline": the same as the default entry's.
export * from "./index.js";
export { default } from "./index.js";
