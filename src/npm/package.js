// The package's exports over its core module: the client class and its services, the
// auth stores, the error class, and the core module's `init`/`initSync`. The entries
// (entry/) import it, instantiate the core module and say how to load the others.
// scripts/build.sh bundles it, with wasm-bindgen's glue of the core module (put beside
// it as glue.js), into the package's web/bosbase_backups.js.
import init, { Call, backupPath, initSync } from "./glue.js";
import { ClientResponseError, MESSAGE, PruneError, isClientResponseError, isPruneError } from "./client-response-error.js";
import PocketBase from "./pocketbase.js";
import { coreModules, useModules } from "./modules.js";
import { BaseAuthStore, LocalAuthStore } from "./auth-store.js";
import { BackupService } from "./backups.js";
import { Client } from "./client.js";
import { CronService, FileService, HealthService, RecordService, SettingsService } from "./services.js";

// How the modules loaded on first use (the tools, the explorer) are imported: each entry
// says (its own chunks, files read from disk, or inlined).
let loadModule = noLoader;
const loading = {};

function noLoader(name) {
  return Promise.reject(new Error(`no loader for the ${name} module: import bosbase-backups through one of its entries`));
}

/** The module `name`, loaded by the first call that needs it, a microtask later, after
 * the checks of the calls made meanwhile: concurrent first calls share one load. A load
 * that failed is tried again by the next call. */
function onFirstUse(name) {
  return () =>
    (loading[name] ??= Promise.resolve()
      .then(() => loadModule(name))
      .catch((e) => {
        delete loading[name];
        throw new ClientResponseError({
          originalError: e,
          [MESSAGE]: `bosbase-backups could not load its ${name} module (${e?.message ?? e}).`,
        });
      }));
}

useModules({ Call, backupPath, tools: onFirstUse("tools"), explorer: onFirstUse("explorer") });

/** Says how to import the modules loaded on first use: `load(name)` ("tools" or
 * "explorer") resolves to the module's exports (anything but a function stands for
 * none). */
export function __setToolsLoader(load) {
  loadModule = typeof load === "function" ? load : noLoader;
  for (const name of Object.keys(loading)) delete loading[name];
}

/** The Node entry's file system calls (src/npm/node/): `downloadToFile`, uploads from
 * a path and uploads that report their bytes as they leave. */
export function __useNode(calls) {
  useModules({ ...coreModules(), node: calls });
}

// The package is minified without keeping every function's name (0.7 KB gzip less);
// its classes keep theirs, for the console and stack traces.
const named = { PocketBase, Client, BaseAuthStore, LocalAuthStore, ClientResponseError, PruneError, BackupService, CronService, FileService, HealthService, RecordService, SettingsService };
for (const [name, C] of Object.entries(named)) Object.defineProperty(C, "name", { value: name });

// Every class keeps the `free()` and `[Symbol.dispose]()` (for `using`) the package's
// classes have always had: these hold no wasm memory, so both do nothing, and code that
// frees them keeps working.
for (const C of [PocketBase, BaseAuthStore, BackupService, CronService, FileService, HealthService, RecordService, SettingsService]) {
  C.prototype.free = function free() {};
  if (Symbol.dispose) C.prototype[Symbol.dispose] = C.prototype.free;
}

export default init;
export { initSync, PocketBase as Client, ClientResponseError, PruneError, isClientResponseError, isPruneError };
export { BaseAuthStore, BackupService, CronService, FileService, HealthService, RecordService, SettingsService };
export { LocalAuthStore };
