// The client class as apps import it (`import PocketBase from "bosbase-backups"`): the
// client with its services.

import { LocalAuthStore } from "./auth-store.js";
import { BackupService } from "./backups.js";
import { Client } from "./client.js";
import { coreModules } from "./modules.js";
import { CronService, FileService, HealthService, RecordService, SettingsService } from "./services.js";

export default class PocketBase extends Client {
  /**
   * @param {string} [baseURL]
   * @param {import("./auth-store.js").BaseAuthStore | null} [authStore] the session
   *   (default: kept in localStorage, as the official SDK keeps it)
   * @param {string} [lang]
   */
  constructor(baseURL = "/", authStore = null, lang = "en-US") {
    super(baseURL, authStore ?? new LocalAuthStore(), lang);
    coreModules(); // without an entry, the error is here rather than at the first call
    this.backups = new BackupService(this);
    this.files = new FileService(this);
    this.health = new HealthService(this);
    this.crons = new CronService(this);
    this.settings = new SettingsService(this);
    this.recordServices = {};
  }

  /** The service of a collection's sign-ins (one per collection). */
  collection(idOrName) {
    if (typeof idOrName !== "string") throw new TypeError(`idOrName must be a string, got ${typeof idOrName}.`);
    return (this.recordServices[idOrName] ??= new RecordService(this, idOrName));
  }
}

export { PocketBase as Client };
