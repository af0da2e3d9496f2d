// What the official spec files import as the SDK's modules: this package, as built.
export * from "../../pkg/node.js";
export { default } from "../../pkg/node.js";
