// The client class as apps import it (`import PocketBase from "bosbase-backups"`): the
// client with its services. The package hands it the core module's exports first
// (`useModules`, in package.js).

import { LocalAuthStore } from "./auth-store.js";
import { BackupService } from "./backups.js";
import { Client } from "./client.js";
import { CronService, FileService, HealthService, RecordService, SettingsService } from "./services.js";

/** @type {{Call: any, backupPath: Function, tools: () => Promise<any>} | undefined} */
let modules;

/** Hands the client the core module's exports, and how to load the tools module's. */
export function useModules(m) {
  modules = m;
}

export default class PocketBase extends Client {
  /**
   * @param {string} [baseURL]
   * @param {import("./auth-store.js").BaseAuthStore | null} [authStore] the session
   *   (default: kept in localStorage, as the official SDK keeps it)
   * @param {string} [lang]
   */
  constructor(baseURL = "/", authStore = null, lang = "en-US") {
    super(baseURL, authStore ?? new LocalAuthStore(), lang);
    if (!modules) throw new Error("bosbase-backups: import the package through one of its entries");
    this.backups = new BackupService(this, modules);
    this.files = new FileService(this, modules);
    this.health = new HealthService(this, modules);
    this.crons = new CronService(this, modules);
    this.settings = new SettingsService(this, modules);
    this.recordServices = {};
  }

  /** The service of a collection's sign-ins (one per collection). */
  collection(idOrName) {
    if (typeof idOrName !== "string") throw new TypeError(`idOrName must be a string, got ${typeof idOrName}.`);
    return (this.recordServices[idOrName] ??= new RecordService(this, modules, idOrName));
  }
}

export { PocketBase as Client };
