// `pb.backups`: the official SDK's calls (list, create, upload, delete, restore,
// download URL) and the ones it never had (downloads with progress, restores that wait,
// verify, prune, schedules, storage). Each is its option rules, then one plan of the
// core module (or of the tools module, loaded on the first call that needs it)
// performed.

import { ClientResponseError } from "./client-response-error.js";
import { serializeQueryParams } from "./client.js";
import { fn, number, object, sendOptions, string, wrong } from "./options.js";
import { perform, toError as toClientError } from "./perform.js";
import { canSave, pieceReader, startDownload } from "./transfer.js";

export class BackupService {
  /**
   * @param {import("./client.js").Client} client
   * @param {{Call: any, backupPath: (key: string) => string, tools: () => Promise<{Call: any}>}} modules
   *   the core module's exports, and how to load the tools module's (once, on first use)
   */
  constructor(client, modules) {
    this.client = client;
    this.modules = modules;
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
    const { file, form, name } = uploadSource(bodyParams);
    const opts = sendOptions(options, ["onProgress", "verify"]);
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
    const { timeoutMs, onStatus } = restoreWait(options);
    const path = this.#path(key);
    const call = this.modules.Call.restoreAndWait(key, this.client.buildURL(`${path}/restore`), timeoutMs, Date.now());
    return (await perform(this.client, call, opts, { path, onStatus })).value;
  }

  /** Waits for a restore already requested: as a waited `restore`. */
  async watchRestore(options) {
    const opts = sendOptions(options, ["timeoutMs", "onStatus"]);
    const { timeoutMs, onStatus } = restoreWait(options);
    const call = this.modules.Call.watchRestore(this.client.buildURL("/api/health"), timeoutMs, Date.now());
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
   * `onProgress({loaded, total})` hears the bytes arrive.
   */
  async download(key, options) {
    key = string(key, "key");
    const opts = sendOptions(options, ["onProgress"]);
    const onProgress = fn(options, "onProgress", "options.onProgress");
    const io = { path: this.#path(key), onProgress: onProgress && ((loaded, total) => onProgress({ loaded, total })) };
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
    if (!canSave()) throw new TypeError("save() hands the file to a page's download and needs a page (a document); elsewhere, use download().");
    const { value: token } = await perform(this.client, this.modules.Call.byToken(key, "save"), opts, { path });
    const url = this.getDownloadURL(token, key);
    startDownload(url);
    return url;
  }

  // The calls of the tools module, loaded on the first of them.

  /**
   * Reads a whole backup (by key, through a file token, or a local Blob) and checks it
   * as a restore would read it; resolves with a report for any bytes. A reading that
   * finds the backup damaged, or that fails inside the tools module, is confirmed by a
   * second reading, whose outcome is the call's.
   * `onProgress({loaded, total})` at most once per MiB and at the end, never backwards.
   */
  async verify(source, options) {
    const opts = sendOptions(options, ["onProgress"]);
    const onProgress = fn(options, "onProgress", "options.onProgress");
    let open;
    if (source instanceof Blob) {
      open = async () => [source.stream(), source.size];
    } else {
      if (typeof source !== "string") throw new TypeError("verify needs a backup key (string) or a File or Blob.");
      const key = string(source, "key");
      open = async () => {
        const call = this.modules.Call.byToken(key, "stream");
        const { response } = await perform(this.client, call, opts, { path: this.#path(key) });
        const total = Number.parseInt(response.headers.get("content-length") ?? "", 10) || 0;
        return [response.body ?? new Blob().stream(), total];
      };
    }
    // Progress only moves forward: a second reading is reported past where the first stopped.
    let shown = -1;
    const progress =
      onProgress &&
      ((p) => {
        if (p.loaded <= shown) return;
        shown = p.loaded;
        onProgress(p);
      });
    const [stream, total] = await open();
    const tools = await this.modules.tools();
    try {
      const report = await verifyStream(tools, stream, total, opts.signal, progress);
      if (report.ok) return report;
    } catch (e) {
      if (!toolsFailures.has(e)) throw e;
    }
    // WebKit's JavaScriptCore (WebKitGTK 2.50) now and then runs the verifier's code
    // wrongly while it moves that code to its optimizing tier: a sound backup reported
    // damaged, or an out-of-bounds access inside the module (RELIABILITY.md "Verify").
    // A second reading runs code already moved; a backup that is damaged is damaged again.
    const [again, againTotal] = await open();
    return verifyStream(tools, again, againTotal, opts.signal, progress);
  }

  /** A zip's central directory read (a few `Blob.slice` reads): its entries, and
   * whether it looks like a backup of this server. */
  async inspect(file) {
    if (!(file instanceof Blob)) throw new TypeError("inspect needs a File or Blob.");
    const tools = await this.modules.tools();
    return (await perform(this.client, tools.Call.inspect(file.size), {}, { file })).value;
  }

  /**
   * Deletes the backups a retention policy selects (`keep`, `olderThan`, `match`,
   * `only`, `dryRun`) and resolves with their keys, oldest first (with `dryRun`, what
   * it would delete); rejects when a key it meant to delete was not, naming each.
   */
  async prune(options) {
    const opts = sendOptions(options, ["keep", "olderThan", "match", "only", "dryRun"]);
    const policy = prunePolicy(options);
    const tools = await this.modules.tools();
    const call = tools.Call.prune(
      policy.keep, policy.olderThanMs, policy.maxAgeMs, policy.only, policy.dryRun, !!policy.match,
      this.client.buildURL(""),
    );
    const { value } = await perform(this.client, call, opts, { path: "/api/backups", filter: policy.match });
    if (policy.dryRun) return value.selected;
    if (!value.failed.length) return value.deleted;
    const failed = value.failed.map(({ key, error }) => ({ key, error: toClientError(error) }));
    // A copy of the first failure's error (its status, url, response), with its own message.
    const { url, status, response, isAbort, originalError } = failed[0].error;
    const error = new ClientResponseError({ url, status, response, isAbort, originalError });
    error.message = value.summary;
    return Promise.reject(Object.assign(error, { deleted: value.deleted, failed }));
  }

  /** The backup schedule, with its next runs as `Date`s. */
  async getSchedule(options) {
    const tools = await this.modules.tools();
    return schedule(await this.#tool(tools, tools.Call.getSchedule(), options));
  }

  /** Sets the backup schedule (`{cron, maxKeep}`); values the server would refuse are
   * refused before any request. */
  async setSchedule(input, options) {
    const obj = object(input, "schedule");
    if (!obj) throw new TypeError("setSchedule needs {cron, maxKeep}.");
    const cron = string(obj.cron, "schedule.cron");
    const maxKeep = obj.maxKeep;
    if (maxKeep !== undefined && !(Number.isSafeInteger(maxKeep))) throw new TypeError("schedule.maxKeep must be an integer.");
    const tools = await this.modules.tools();
    return schedule(await this.#tool(tools, tools.Call.setSchedule(cron, maxKeep), options));
  }

  /** Where the server keeps backups (S3 without its secret). */
  async getStorage(options) {
    const tools = await this.modules.tools();
    return this.#tool(tools, tools.Call.getStorage(), options);
  }

  /** Stores backups on S3 (`{s3: {…}}`) or on the server's disk (`{local: true}`). */
  async setStorage(input, options) {
    const usage = "setStorage needs {s3: {bucket, region, endpoint, accessKey, secret, forcePathStyle}} or {local: true}.";
    const obj = object(input, "storage");
    if (!obj) throw new TypeError(usage);
    const s3 = obj.s3 === null ? undefined : obj.s3;
    if (!!obj.local === (s3 !== undefined)) throw new TypeError(usage);
    const tools = await this.modules.tools();
    if (obj.local) return this.#tool(tools, tools.Call.setStorage(undefined, "", "", "", undefined, false), options);
    const s = object(s3, "storage.s3") ?? {};
    const text = (name) => (s[name] === undefined || s[name] === null ? "" : string(s[name], `storage.s3.${name}`));
    const secret = s.secret === undefined || s.secret === null ? undefined : string(s.secret, "storage.s3.secret");
    const call = tools.Call.setStorage(text("bucket"), text("region"), text("endpoint"), text("accessKey"), secret, !!s.forcePathStyle);
    return this.#tool(tools, call, options);
  }

  /** The server writes and deletes a test file on the S3 storage of backups. */
  async testStorage(options) {
    const tools = await this.modules.tools();
    return this.#tool(tools, tools.Call.testStorage(), options);
  }

  /** Runs the scheduled backup now; resolves with the key it made. */
  async runScheduledNow(options) {
    const tools = await this.modules.tools();
    return this.#tool(tools, tools.Call.runScheduledNow(), options);
  }

  /** Performs a call of the tools module (whose schedule checks it runs too). */
  async #tool(tools, call, options) {
    const io = { path: "/api/settings", schedule: tools.schedule };
    return (await perform(this.client, call, sendOptions(options), io)).value;
  }

  /** The server path of `key`, or the key's `TypeError`. */
  #path(key) {
    const { value, error } = JSON.parse(this.modules.backupPath(key));
    if (error) throw new TypeError(error.message);
    return value;
  }
}

/** The file, the form that sends it and its name, from `upload`'s first argument. */
function uploadSource(body) {
  if (typeof FormData !== "undefined" && body instanceof FormData) {
    const file = body.get("file");
    if (!(file instanceof Blob)) throw new TypeError('The form has no "file" field holding a File or Blob.');
    return { file, form: body, name: file.name ?? "blob" };
  }
  const file = body instanceof Blob ? body : body?.file instanceof Blob ? body.file : undefined;
  if (!file) {
    throw new TypeError('upload needs {file: File | Blob}, a File or Blob, or a FormData with a "file" field.');
  }
  const name = typeof file.name === "string" ? file.name : "blob";
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

/** `timeoutMs` (checked by the core: a wait it refuses ends the call) and `onStatus`
 * of a waited restore. */
function restoreWait(options) {
  const ms = options?.timeoutMs;
  return {
    timeoutMs: ms === undefined || ms === null ? undefined : typeof ms === "number" ? ms : NaN,
    onStatus: fn(options, "onStatus", "options.onStatus"),
  };
}

/** The policy of `prune`, checked: `keep`, `olderThan` (a Date or an age in ms), `match`
 * (a key prefix or a RegExp), `only` (keys), `dryRun`. */
function prunePolicy(options) {
  const whole = (k) => Number.isFinite(k) && k >= 0 && Number.isInteger(k);
  const keep = number(options, "keep", whole, "options.keep must be a whole number ≥ 0.");
  const policy = { keep: keep === undefined ? undefined : Math.min(keep, 1e9), dryRun: !!options?.dryRun };
  const t = options?.olderThan;
  if (t !== undefined) {
    if (t instanceof Date && Number.isFinite(t.getTime())) policy.olderThanMs = t.getTime();
    else if (typeof t === "number" && Number.isFinite(t) && t >= 0) policy.maxAgeMs = t;
    else throw new TypeError("options.olderThan must be a Date or an age in milliseconds.");
  }
  const m = options?.match;
  if (typeof m === "string") policy.match = (k) => k.startsWith(m);
  else if (m instanceof RegExp) policy.match = (k) => ((m.lastIndex = 0), m.test(k));
  else if (m !== undefined && m !== null) throw wrong("options.match", "a string (key prefix) or a RegExp", m);
  const only = options?.only;
  if (only !== undefined && only !== null) {
    if (!Array.isArray(only) || !only.every((k) => typeof k === "string")) throw wrong("options.only", "an array of keys", only);
    policy.only = only;
  }
  return policy;
}

/** A schedule as the JS API gives it: its next runs as `Date`s. */
function schedule(s) {
  return { ...s, nextRuns: s.nextRuns.map((ms) => new Date(ms)) };
}

/** How much of a stream enters wasm memory at a time. */
const PIECE = 64 * 1024;
/** Progress is reported at most once per this many bytes (and at the end). */
const PROGRESS_STEP = 1024 * 1024;

/** The errors of `verifyStream` that came from inside the tools module (a trap). */
const toolsFailures = new WeakSet();

/**
 * Feeds `stream` to the tools module's verifier a piece at a time (only a piece is in
 * wasm memory at once, whatever the size), and resolves with its report.
 */
async function verifyStream(tools, stream, total, signal, onProgress) {
  const verifier = new tools.StreamVerifier();
  const reader = pieceReader(stream, PIECE);
  const cancel = () => reader.cancel();
  signal?.addEventListener("abort", cancel, { once: true });
  let [loaded, reported] = [0, 0];
  const report = () => onProgress?.({ loaded, total: loaded > total ? 0 : total });
  try {
    report();
    for (;;) {
      if (signal?.aborted) throw new ClientResponseError({ isAbort: true, originalError: signal.reason });
      let piece;
      try {
        piece = await reader.next();
      } catch (e) {
        if (signal?.aborted) throw new ClientResponseError({ isAbort: true, originalError: e });
        throw new ClientResponseError({ originalError: e, message: `The connection to the server failed (${e?.message ?? e}).` });
      }
      // A cancelled read ends like the stream's end: the signal tells them apart.
      if (signal?.aborted) throw new ClientResponseError({ isAbort: true, originalError: signal.reason });
      if (!piece) break;
      verifier.feed(piece);
      loaded += piece.length;
      if (loaded - reported >= PROGRESS_STEP) {
        reported = loaded;
        report();
      }
      if (verifier.stopped()) {
        cancel();
        break;
      }
    }
    if (reported !== loaded) report();
    return JSON.parse(verifier.finish());
  } catch (e) {
    // A verifier whose call failed inside the module (a trap) cannot be freed; the
    // failure itself is what the caller hears of.
    try {
      verifier.free();
    } catch {
      // Its memory stays with the module.
    }
    if (e instanceof ClientResponseError) throw e;
    const failure = new ClientResponseError({ originalError: e, message: `The tools module failed while verifying (${e?.message ?? e}).` });
    toolsFailures.add(failure);
    throw failure;
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
}
