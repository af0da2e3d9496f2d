// Counts the WebAssembly modules a page or script instantiates, in order, for flow.js:
// imported before the package, it wraps the three ways to instantiate one.
const seen = [];
globalThis.__wasmInstantiations = seen;
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = function (...args) {
    seen.push(name);
    return original.apply(this, args);
  };
}
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (...args) {
  seen.push("Instance");
  return new Instance(...args);
};
WebAssembly.Instance.prototype = Instance.prototype;
