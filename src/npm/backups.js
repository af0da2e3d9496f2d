// `pb.backups`: the official SDK's calls (list, create, upload, delete, restore,
// download URL) and the ones it never had (downloads with progress, restores that wait,
// verify, prune, schedules, storage). Each is its option rules, then one plan of the
// core module (or of the tools module, loaded on the first call that needs it)
// performed.

import { ClientResponseError, MESSAGE, PruneError } from "./client-response-error.js";
import { serializeQueryParams } from "./client.js";
import { coreModules } from "./modules.js";
import { fn, number, object, sendOptions, string, wrong } from "./options.js";
import { NO_BODY, perform, readable, toError as toClientError } from "./perform.js";
import { byobReader, canSave, stallGuard, startDownload } from "./transfer.js";

/** What the tools' calls (src/npm/tools/backups.js) use of the core's JS: one copy of
 * the package's classes for both modules. */
const kit = { ClientResponseError, PruneError, MESSAGE, NO_BODY, readable, perform, toError: toClientError, sendOptions, fn, number, object, string, wrong, byobReader, stallGuard };

export class BackupService {
  /** @param {import("./client.js").Client} client */
  constructor(client) {
    this.client = client;
  }

  /** The core module's exports, and how to load the tools module's. */
  get modules() {
    return coreModules();
  }

  /** Every backup, as the server lists them. */
  async getFullList(options) {
    const opts = sendOptions(options);
    return (await perform(this.client, this.modules.Call.list(), opts, { raw: true, path: "/api/backups" })).value;
  }

  /**
   * Creates a backup and resolves with its key (the official SDK resolves with `true`).
   * Without a name, a unique valid one is made; an invalid name is refused before any
   * request. `retryIfBusy`: `true` or `{maxWaitMs}`.
   */
  async create(basename, options) {
    const name = basename === undefined || basename === null ? undefined : string(basename, "basename");
    const opts = sendOptions(options, ["retryIfBusy"]);
    const retry = retryIfBusy(options);
    const call = this.modules.Call.create(name, Date.now(), Math.random(), retry.retry, retry.maxWaitMs);
    return (await perform(this.client, call, opts, { path: "/api/backups" })).value;
  }

  /**
   * Uploads a backup zip (`{file}`, a File or Blob, or a FormData with a "file" field)
   * and resolves with the key it is stored under. With `verify` (the default) the tools
   * module checks the file first, and one that is not a backup never leaves.
   * `onProgress({loaded, total})` hears bytes of the file: `0` first, then as they leave
   * (through `XMLHttpRequest`, where there is one), never backwards, and the size once
   * the server has stored it.
   */
  async upload(bodyParams, options) {
    const named = options?.name === undefined ? undefined : string(options.name, "options.name");
    // In Node, a string is a file's path.
    const node = this.modules.node;
    const source = typeof bodyParams === "string" && node ? await node.openFile(bodyParams) : bodyParams;
    const { file, form, name } = uploadSource(source, named);
    const opts = sendOptions(options, ["onProgress", "verify", "name"]);
    const onProgress = fn(options, "onProgress", "options.onProgress");
    const verify = flag(options, "verify", true);
    const io = { path: "/api/backups/upload" };
    if (verify) {
      const tools = await this.modules.tools();
      await perform(this.client, tools.Call.checkUpload(file.size), opts, { ...io, file });
    }
    const onUpload = onProgress && ((loaded, total) => onProgress({ loaded, total }));
    return (await perform(this.client, this.modules.Call.upload(name), opts, { ...io, file, form, onUpload })).value;
  }

  /** Deletes a backup; resolves with `true`. */
  async delete(key, options) {
    key = string(key, "key");
    const opts = sendOptions(options);
    const call = this.modules.Call.delete(key);
    return (await perform(this.client, call, opts, { path: "/api/backups" })).value;
  }

  /**
   * Restores a backup: resolves with `true` once the server accepted it, or, with
   * `wait: true`, with `{waited: true, authCleared}` once it has restarted on the
   * restored data (`timeoutMs`, default 60 s; `onStatus` hears each phase).
   */
  async restore(key, options) {
    key = string(key, "key");
    const opts = sendOptions(options, ["wait", "timeoutMs", "onStatus"]);
    if (!object(options, "options")?.wait) {
      return (await perform(this.client, this.modules.Call.restore(key), opts, { path: "/api/backups" })).value;
    }
    const { timeoutMs, onStatus } = restoreWait(options, opts);
    const path = this.#path(key);
    const call = this.modules.Call.restoreAndWait(key, this.client.buildURL(`${path}/restore`), timeoutMs, performance.now());
    return (await perform(this.client, call, opts, { path, onStatus })).value;
  }

  /** Waits for a restore already requested: as a waited `restore`. */
  async watchRestore(options) {
    const opts = sendOptions(options, ["timeoutMs", "onStatus"]);
    const { timeoutMs, onStatus } = restoreWait(options, opts);
    const call = this.modules.Call.watchRestore(this.client.buildURL("/api/health"), timeoutMs, performance.now());
    return (await perform(this.client, call, opts, { path: "/api/health", onStatus })).value;
  }

  /** The absolute download URL of a backup, carrying only the file token `token`. */
  getDownloadURL(token, key, query) {
    token = string(token, "token");
    const path = this.#path(string(key, "key"));
    const extra = object(query, "query") ?? {};
    return this.client.buildURL(path) + "?" + serializeQueryParams({ token, ...extra });
  }

  /** @deprecated the older name of `getDownloadURL` */
  getDownloadUrl(token, key, query) {
    return this.getDownloadURL(token, key, query);
  }

  /**
   * Downloads a backup into a Blob (a file token is fetched here); a 403 or 404 is an
   * error with the server's status, never a "file" holding the error's text.
   * `onProgress({loaded, total})` hears the bytes arrive. With `stream: true`, resolves
   * with a `ReadableStream` of the bytes instead, once the server answered (the tools
   * module's call).
   */
  async download(key, options) {
    if (flag(options, "stream", false)) {
      return this.#tool("downloadStream", key, options);
    }
    key = string(key, "key");
    const opts = sendOptions(options, ["onProgress", "stream"]);
    const onProgress = fn(options, "onProgress", "options.onProgress");
    const io = { path: this.#path(key), secret: true, onProgress: onProgress && ((loaded, total) => onProgress({ loaded, total })) };
    return (await perform(this.client, this.modules.Call.byToken(key, "download"), opts, io)).blob;
  }

  /**
   * Hands a backup to the browser's own download (streamed to disk, no Blob in memory)
   * after a 1-byte range request has shown that the URL really serves the file; a 403
   * or 404 is an error and nothing is downloaded. Resolves with the URL handed over.
   * Needs a page: elsewhere a `TypeError`, before any request.
   */
  async save(key, options) {
    key = string(key, "key");
    const opts = sendOptions(options);
    const path = this.#path(key);
    if (!canSave()) {
      throw new TypeError("save() needs a page (a document); elsewhere, use downloadToFile() (Node) or download().");
    }
    const { value: token } = await perform(this.client, this.modules.Call.byToken(key, "save"), opts, { path, secret: true });
    const url = this.getDownloadURL(token, key);
    startDownload(url);
    return url;
  }

  /**
   * Downloads a backup into the file `path` (the Node entry): the bytes go to
   * `path + ".part"`, renamed to `path` once all of them are there; a failure or an
   * abort leaves neither. Resolves with `{path, size}`.
   */
  downloadToFile(key, path, options) {
    const node = this.modules.node;
    if (!node) return Promise.reject(new TypeError("downloadToFile() needs a file system: the package's Node entry."));
    return node.downloadToFile(this, key, path, options);
  }

  // The calls of the tools module, loaded on the first of them (with their JS:
  // src/npm/tools/backups.js has what each does).

  /** Reads a whole backup (a key or a Blob) and checks it as a restore would read it. */
  verify(source, options) {
    return this.#tool("verify", source, options);
  }

  /** Opens a backup (a key or a Blob) to see inside it: its collections and records,
   * compared with the live server, and chosen records recovered without a restore. */
  async explore(source, options) {
    const explorer = await this.modules.explorer();
    const cx = { ...kit, tools: explorer, service: this, path: (key) => this.#path(key) };
    return explorer.explorer.explore(cx, source, options);
  }

  /** A local zip's entries, and whether it looks like a backup of this server. */
  inspect(file) {
    return this.#tool("inspect", file);
  }

  /** Deletes the backups a retention policy selects; resolves with their keys. */
  prune(options) {
    return this.#tool("prune", options);
  }

  /** The backup schedule, with its next runs as `Date`s. */
  getSchedule(options) {
    return this.#tool("getSchedule", options);
  }

  /** Sets the backup schedule (`{cron, maxKeep}`). */
  setSchedule(input, options) {
    return this.#tool("setSchedule", input, options);
  }

  /** Where the server keeps backups (S3 without its secret). */
  getStorage(options) {
    return this.#tool("getStorage", options);
  }

  /** Stores backups on S3 (`{s3: {…}}`) or on the server's disk (`{local: true}`). */
  setStorage(input, options) {
    return this.#tool("setStorage", input, options);
  }

  /** The server writes and deletes a test file on the S3 storage of backups. */
  testStorage(options) {
    return this.#tool("testStorage", options);
  }

  /** Runs the scheduled backup now; resolves with the key it made. */
  runScheduledNow(options) {
    return this.#tool("runScheduledNow", options);
  }

  /** Loads the tools module (once), then runs its call `name` with its context. */
  async #tool(name, ...args) {
    const tools = await this.modules.tools();
    const cx = { ...kit, tools, service: this, path: (key) => this.#path(key) };
    return tools.backups[name](cx, ...args);
  }

  /** The server path of `key`, or the key's `TypeError`. */
  #path(key) {
    const { value, error } = JSON.parse(this.modules.backupPath(key));
    if (error) throw new TypeError(error.message);
    return value;
  }
}

/** The file, the form that sends it and its name, from `upload`'s first argument and
 * its `name` option (which names the stored file instead of the file's own name). */
function uploadSource(body, named) {
  if (typeof FormData !== "undefined" && body instanceof FormData) {
    const file = body.get("file");
    if (!(file instanceof Blob)) throw new TypeError('The form has no "file" field holding a File or Blob.');
    if (named === undefined) return { file, form: body, name: file.name ?? "blob" };
    const form = new FormData();
    for (const [field, value] of body) if (field !== "file") form.append(field, value);
    form.append("file", file, named);
    return { file, form, name: named };
  }
  const file = body instanceof Blob ? body : body?.file instanceof Blob ? body.file : undefined;
  if (!file) {
    throw new TypeError('upload needs {file: File | Blob}, a File or Blob, a FormData with a "file" field, or (in Node) a path.');
  }
  const name = named ?? (typeof file.name === "string" ? file.name : "blob");
  const form = new FormData();
  form.append("file", file, name);
  return { file, form, name };
}

/** A boolean option, `fallback` when absent. */
function flag(options, name, fallback) {
  const v = options?.[name];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw wrong(`options.${name}`, "a boolean", v);
  return v;
}

/** `retryIfBusy` of `create`: `true`, or `{maxWaitMs}` (the most to wait in all). */
function retryIfBusy(options) {
  const v = options?.retryIfBusy;
  if (v === undefined || typeof v === "boolean") return { retry: v === true };
  const policy = object(v, "options.retryIfBusy") ?? {};
  const valid = (ms) => Number.isFinite(ms) && ms >= 0;
  const maxWaitMs = number(policy, "maxWaitMs", valid, "options.retryIfBusy.maxWaitMs must be a number of milliseconds.");
  return { retry: true, maxWaitMs };
}

/** `timeoutMs` (checked by the core: a wait it refuses ends the call; no longer than
 * the call's `timeout`) and `onStatus` of a waited restore. */
function restoreWait(options, opts) {
  const ms = options?.timeoutMs;
  let timeoutMs = ms === undefined || ms === null ? undefined : typeof ms === "number" ? ms : NaN;
  // `timeout` bounds the whole call, the wait included.
  if (opts.timeout && (timeoutMs === undefined || timeoutMs > opts.timeout)) timeoutMs = opts.timeout;
  return {
    timeoutMs,
    onStatus: fn(options, "onStatus", "options.onStatus"),
  };
}
