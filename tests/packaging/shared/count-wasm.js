// Counts the WebAssembly modules a page or script instantiates, in order, for flow.js:
// imported before the package, it wraps the three ways to instantiate one. Node's own
// `fetch` instantiates its HTTP parser (llhttp) as wasm on its first request: a call
// made by Node's internals (its caller's frame is `node:internal/…`) is left out.
const seen = [];
globalThis.__wasmInstantiations = seen;
const fromNode = () => {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const caller = frames.find((f) => !f.includes("count-wasm.js")) ?? "";
  return /\(node:internal\//.test(caller);
};
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = function (...args) {
    if (!fromNode()) seen.push(name);
    return original.apply(this, args);
  };
}
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (...args) {
  if (!fromNode()) seen.push("Instance");
  return new Instance(...args);
};
WebAssembly.Instance.prototype = Instance.prototype;
