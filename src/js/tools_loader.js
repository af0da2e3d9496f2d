// The tools module (crates/tools: verify, the cron rules), loaded on the first call that
// needs it. Each entry of the package says how: fetched beside the entry, read from disk
// in Node, or inlined. Concurrent first calls share one load; a load that failed is tried
// again by the next call.
let loader;
let pending;

export function __setToolsLoader(load) {
  loader = load;
  pending = undefined;
}

export function __loadTools() {
  if (pending === undefined) {
    if (typeof loader !== "function") {
      return Promise.reject(new Error("no loader for the tools module: import bosbase-backups through one of its entries"));
    }
    pending = Promise.resolve()
      .then(loader)
      .catch((e) => {
        pending = undefined;
        throw e;
      });
  }
  return pending;
}
