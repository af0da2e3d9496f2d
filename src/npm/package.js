// The package's exports over its core module: the client class and its services, the
// auth stores, the error class, and the core module's `init`/`initSync`. The entries
// (entry/) import it, instantiate the core module and say how to load the tools module.
// scripts/build.sh bundles it, with wasm-bindgen's glue of the core module (put beside
// it as glue.js), into the package's web/bosbase_backups.js.
import init, { Call, backupPath, initSync } from "./glue.js";
import { ClientResponseError, MESSAGE, PruneError, isClientResponseError, isPruneError } from "./client-response-error.js";
import PocketBase from "./pocketbase.js";
import { useModules } from "./modules.js";
import { BaseAuthStore, LocalAuthStore } from "./auth-store.js";
import { BackupService } from "./backups.js";
import { Client } from "./client.js";
import { CronService, FileService, HealthService, RecordService, SettingsService } from "./services.js";

// How the tools module is imported: each entry says (its own chunk, a file read from
// disk, or inlined).
let loadTools = noLoader;
let tools;

function noLoader() {
  return Promise.reject(new Error("no loader for the tools module: import bosbase-backups through one of its entries"));
}

useModules({
  Call,
  backupPath,
  // The first call that needs the tools module loads it, a microtask later, after the
  // checks of the calls made meanwhile: concurrent first calls share one load. A load
  // that failed is tried again by the next call.
  tools: () =>
    (tools ??= Promise.resolve()
      .then(() => loadTools())
      .catch((e) => {
        tools = undefined;
        throw new ClientResponseError({
          originalError: e,
          [MESSAGE]: `bosbase-backups could not load its tools module (${e?.message ?? e}).`,
        });
      })),
});

/** Says how to import the tools module: `load()` resolves to its exports (anything but
 * a function stands for none). */
export function __setToolsLoader(load) {
  loadTools = typeof load === "function" ? load : noLoader;
  tools = undefined;
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
