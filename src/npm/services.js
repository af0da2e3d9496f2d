// The services besides `pb.backups`: files (file tokens), health, crons, settings, and
// a collection's sign-ins. Each is its option rules, then one plan of the core module
// performed.

import { coreModules } from "./modules.js";
import { sendOptions, string } from "./options.js";
import { perform } from "./perform.js";

/** What the services share: the client, and the core module's exports. */
class Service {
  /** @param {import("./client.js").Client} client */
  constructor(client) {
    this.client = client;
  }

  /** The core module's exports. */
  get modules() {
    return coreModules();
  }

  /** Performs `call` with the caller's `options`; resolves with its result. */
  async performCall(call, options, io) {
    return (await perform(this.client, call, sendOptions(options), io)).value;
  }
}

export class FileService extends Service {
  /** A file token for the signed-in user (valid about 3 minutes). */
  async getToken(options) {
    return this.performCall(this.modules.Call.fileToken(), options, { path: "/api/files/token" });
  }
}

export class HealthService extends Service {
  /** `GET /api/health`, as the server answers it. */
  async check(options) {
    return this.performCall(this.modules.Call.health(), options, { raw: true, path: "/api/health" });
  }
}

export class CronService extends Service {
  /** Every registered cron job, as the server lists them. */
  async getFullList(options) {
    return this.performCall(this.modules.Call.crons(), options, { raw: true, path: "/api/crons" });
  }

  /** Runs a cron job now; resolves with `true` once the server has run it. */
  async run(jobId, options) {
    return this.performCall(this.modules.Call.runCron(string(jobId, "jobId")), options, { path: "/api/crons" });
  }
}

export class SettingsService extends Service {
  /** Every setting, as the server sends them. */
  async getAll(options) {
    return this.performCall(this.modules.Call.settings(), options, { raw: true, path: "/api/settings" });
  }

  /** Changes the settings named in `bodyParams` and resolves with all of them. */
  async update(bodyParams, options) {
    const body = JSON.stringify(bodyParams ?? {});
    return this.performCall(this.modules.Call.updateSettings(body), options, { raw: true, path: "/api/settings" });
  }

  /** Tests the S3 connection of `filesystem` ("storage", the default, or "backups"). */
  async testS3(filesystem, options) {
    const fs = filesystem === undefined || filesystem === null ? "storage" : string(filesystem, "filesystem");
    return this.performCall(this.modules.Call.testS3(fs), options, { path: "/api/settings/test/s3" });
  }
}

/** A collection's sign-ins (`pb.collection(name)`); each keeps the session it gets. */
export class RecordService extends Service {
  /**
   * @param {import("./client.js").Client} client
   * @param {string} collectionIdOrName
   */
  constructor(client, collectionIdOrName) {
    super(client);
    this.collectionIdOrName = collectionIdOrName;
  }

  /** `/api/collections/<collectionIdOrName>`, as the official SDK names it. */
  get baseCollectionPath() {
    return "/api/collections/" + encodeURIComponent(this.collectionIdOrName);
  }

  /** The path of the collection's records, as the official SDK names it. */
  get baseCrudPath() {
    return this.baseCollectionPath + "/records";
  }

  #signIn(action, body, options) {
    const call = this.modules.Call.signIn(this.collectionIdOrName, action, body && JSON.stringify(body));
    return this.performCall(call, options, { raw: true, path: `/api/collections/${this.collectionIdOrName}/${action}` });
  }

  async authWithPassword(usernameOrEmail, password, options) {
    const identity = string(usernameOrEmail, "usernameOrEmail");
    return this.#signIn("auth-with-password", { identity, password: string(password, "password") }, options);
  }

  async authWithOTP(otpId, password, options) {
    const id = string(otpId, "otpId");
    return this.#signIn("auth-with-otp", { otpId: id, password: string(password, "password") }, options);
  }

  /** Refreshes the session; the official SDK's older form `authRefresh(body, query)`
   * sends `body` with the query `query`. */
  async authRefresh(bodyOrOptions, query) {
    if (query === undefined) return this.#signIn("auth-refresh", undefined, bodyOrOptions);
    return this.#signIn("auth-refresh", bodyOrOptions ?? {}, { query });
  }

  /** Asks the server to mail a one-time password; resolves with its answer (`{otpId}`). */
  async requestOTP(email, options) {
    const call = this.modules.Call.requestOtp(this.collectionIdOrName, string(email, "email"));
    return this.performCall(call, options, { raw: true, path: `/api/collections/${this.collectionIdOrName}/request-otp` });
  }
}
