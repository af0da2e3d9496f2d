//! TypeScript declarations of the values that cross the boundary as plain objects.
//! Names and shapes are the official `pocketbase` SDK's (0.28.1) where it has them;
//! `any` appears only where its declarations have it, so code typed against it
//! compiles unchanged (each such line says so).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
declare global {
  /**
   * `Symbol.dispose`, which the classes' `[Symbol.dispose]()` (for `using`) names:
   * declared for projects whose TypeScript `lib` predates it.
   */
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** One backup file on the server. */
export interface BackupFileInfo {
  /** The file name; the key of every other backup call. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** Last modification as the server writes it, e.g. `"2026-11-28 05:59:21.176Z"`. */
  modified: string;
}

/** One cron job; the scheduled backup is `__pbAutoBackup__`. */
export interface CronJob {
  id: string;
  expression: string;
}

/** The answer of `pb.health.check()`. */
export interface HealthCheckResponse {
  code: number;
  message: string;
  /** Empty for anonymous callers; superusers get `canBackup` and more. */
  data: {
    /** False while a backup or restore is running. */
    canBackup?: boolean;
    realIP?: string;
    possibleProxyHeader?: string;
    /** BosBase only. */
    requireS3?: boolean;
    [key: string]: any; // as in the official SDK
  };
}

/** A record as the server sends it. */
export interface RecordModel {
  id: string;
  collectionId: string;
  collectionName: string;
  [key: string]: any; // as in the official SDK
}

/** The signed-in record, `null` when signed out. */
export type AuthRecord = RecordModel | null;
/** Same as `AuthRecord` (older name). */
export type AuthModel = AuthRecord;

/** The answer of the sign-in calls. */
export interface RecordAuthResponse<T = RecordModel> {
  record: T;
  token: string;
  meta?: { [key: string]: any }; // as in the official SDK
}

/** Called after every change of an auth store. */
export type OnStoreChangeFunc = (token: string, record: AuthRecord) => void;

/** A query value; arrays repeat the key, `null`/`undefined` are left out. */
export type QueryValue = string | number | boolean | Date | null | undefined | object
  | Array<string | number | boolean | Date | object>;

/**
 * Options every call accepts: the official SDK's `SendOptions`. Keys it does not know
 * (e.g. `fields`, `mfaId`) become query parameters; `RequestInit` fields such as
 * `credentials` or `cache` go to `fetch`.
 */
export interface SendOptions extends Omit<RequestInit, "headers"> {
  [key: string]: any; // as in the official SDK
  /** A `fetch`-compatible function used instead of `globalThis.fetch`. */
  fetch?: (url: RequestInfo | URL, config?: RequestInit) => Promise<Response>;
  /** Extra headers; an `Authorization` here replaces the stored token. */
  headers?: { [key: string]: string };
  /** The body of `pb.send()` (objects are sent as JSON). */
  body?: any; // as in the official SDK
  /** Query parameters appended to the URL. */
  query?: { [key: string]: any }; // as in the official SDK
  /** Older name of `query`, merged under it. */
  params?: { [key: string]: any }; // as in the official SDK
  /**
   * Auto-cancellation key. A new call with the same key cancels the pending one.
   * Default: method + path. `null` opts this call out.
   */
  requestKey?: string | null;
  /** Older spelling of `requestKey`. */
  $cancelKey?: string;
  /** `false`: same as `requestKey: null` (older spelling). */
  $autoCancel?: boolean;
  /**
   * Give up after this many milliseconds: the request is cancelled and the call
   * rejects with status 0 and "The request timed out after N ms." Less than 1 is a
   * `TypeError`; more than 2^31 − 1 (about 24.8 days, the most a timer holds) is
   * treated as 2^31 − 1. `Infinity` means no timeout in practice.
   */
  timeout?: number;
}

/** `SendOptions` with `fields`. */
export interface CommonOptions extends SendOptions {
  fields?: string;
}

/** `CommonOptions` with `expand`. */
export interface RecordOptions extends CommonOptions {
  expand?: string;
}

/** Options of `backups.create`. */
export interface CreateOptions extends CommonOptions {
  /**
   * Wait while another backup or restore runs instead of failing with "Try again
   * later": retries with exponential back-off (100 ms doubling up to 2 s), for at most
   * `maxWaitMs` (default 60 000) in all. A create that collides with another one the
   * server let through at the same moment ("Failed to create backup.", nothing
   * created) is tried again too, at most 6 times.
   */
  retryIfBusy?: boolean | { maxWaitMs?: number };
}

/** Bytes of the file moved so far, and its size. */
export interface TransferProgress {
  loaded: number;
  total: number;
}

/** Options of `backups.upload`. */
export interface UploadOptions extends CommonOptions {
  /**
   * Called with `{loaded, total}` in bytes of the file: `{0, size}` at the start, as
   * bytes leave (the upload then goes through `XMLHttpRequest`; `fetch` cannot report
   * this), never backwards, and `{size, size}` once the server has stored it.
   */
  onProgress?: (progress: TransferProgress) => void;
  /**
   * Read the zip's central directory first and refuse, before sending a byte, a file
   * that is not a zip or has no `data.db` (status 400, `response.data.file.code`).
   * Default `true`.
   */
  verify?: boolean;
}

/** Options of `backups.download`. */
export interface DownloadOptions extends SendOptions {
  /**
   * Called with `{loaded, total}` bytes after each chunk arrives (`total` from the
   * server's `Content-Length`).
   */
  onProgress?: (progress: TransferProgress) => void;
}

/** A phase of a waited restore. */
export type RestoreStatus = "requested" | "restarting" | "back" | "signed-out";

/** Options of `backups.restore`. */
export interface RestoreOptions extends CommonOptions {
  /**
   * Resolve only once the server has restarted and answers again on the restored
   * data (instead of as soon as it accepts the request), with a `RestoreReport`.
   */
  wait?: boolean;
  /**
   * With `wait`: give up after this many milliseconds in all (default 60 000; from 1
   * to 86 400 000 = 24 h, else a `TypeError`). The error then has status 0 and
   * `response.code === "restore_in_progress"`: the restore may still be in progress.
   */
  timeoutMs?: number;
  /**
   * With `wait`: each phase — `requested`, `restarting`, `back`, and `signed-out` when
   * the restored data no longer accepts the stored session (which is then cleared).
   */
  onStatus?: (status: RestoreStatus) => void;
}

/** Options of `backups.watchRestore`. */
export interface WatchRestoreOptions extends CommonOptions {
  /**
   * Give up after this many milliseconds (default 60 000; more than 0, at most
   * 86 400 000 = 24 h, else a `TypeError`).
   */
  timeoutMs?: number;
  /** Each phase, as for a waited `restore`. */
  onStatus?: (status: RestoreStatus) => void;
}

/**
 * `response` of the error a waited restore or `watchRestore` rejects with (status 0)
 * when the restart was not seen in time: the restore may still be in progress.
 */
export interface RestoreInProgressResponse {
  code: "restore_in_progress";
  message: string;
}


/**
 * A retention policy for `backups.prune`; `keep`, `olderThan`, or both. Ages count back
 * from the server's clock (its `Date` header, which the browser shows to a page of the
 * same origin, or where the server sends `Access-Control-Expose-Headers: Date`; else
 * the client's clock).
 */
export interface PruneOptions extends SendOptions {
  /**
   * Keep this many of the newest matching backups whatever their age. Without it, a
   * policy by age keeps 1: the newest backup is deleted only with an explicit `keep: 0`.
   */
  keep?: number;
  /** Delete only backups modified before this `Date`, or older than this many milliseconds. */
  olderThan?: Date | number;
  /** Only backups whose key starts with this string, or matches this `RegExp`. */
  match?: string | RegExp;
  /**
   * Delete nothing outside these keys: pass a dry run's result to delete exactly what
   * was previewed (the policy still applies). A key of it that is gone, or that the
   * policy keeps now, is reported in `PruneError.failed`.
   */
  only?: string[];
  /** Return what would be deleted, deleting nothing. */
  dryRun?: boolean;
}

/** A key `backups.prune` meant to delete and did not. */
export interface PruneFailure {
  key: string;
  /**
   * The server's answer to the delete (400 for a key someone else deleted meanwhile),
   * or, with status 0, why it was not sent.
   */
  error: ClientResponseError;
}

/**
 * How `backups.prune` rejects when it did not delete every key it meant to (the
 * policy's selection, or the keys of `only`): the first failure's `status`, `url` and
 * `response`, a message naming each key not deleted, and both lists.
 */
export interface PruneError extends ClientResponseError {
  /** The keys deleted, oldest first. */
  deleted: string[];
  /** Each key not deleted, with why. */
  failed: PruneFailure[];
}



/** What `backups.upload` accepts: the official `{file}` form, a `FormData`, or the file itself. */
export type UploadBody = { [key: string]: any } | FormData | Blob; // as in the official SDK

/** What `beforeSend` may return. */
export interface BeforeSendResult {
  [key: string]: any; // as in the official SDK
  url?: string;
  options?: { [key: string]: any }; // as in the official SDK
}

/** `pb.beforeSend`: called with the URL and options of every request. */
export type BeforeSendHook = (url: string, options: SendOptions) => BeforeSendResult | Promise<BeforeSendResult>;

/** `pb.afterSend`: called with every answer; its result replaces `data`. */
export type AfterSendHook = (response: Response, data: any, options: SendOptions) => any; // as in the official SDK

export interface Client {
  /**
   * Sends any API request with the client's session, hooks and cancellation, and
   * resolves with the parsed JSON answer (`{}` when it has none).
   *
   * @example
   * ```js
   * const settings = await pb.send("/api/settings", { method: "GET" });
   * ```
   * @throws {ClientResponseError} for any answer other than 2xx.
   */
  send<T = any>(path: string, options?: SendOptions): Promise<T>; // as in the official SDK
  /**
   * The records of an auth collection, for signing in.
   * @throws {TypeError} when `idOrName` is not a string.
   */
  collection<M = RecordModel>(idOrName: string): RecordService<M>;
}

export interface BackupService {
  /**
   * Restores a backup. By default resolves with `true` as soon as the server accepts
   * (it replaces its data and restarts a second or, for a large backup, minutes
   * later). With `wait: true`, resolves only once the server's process has restarted
   * and answers again on the restored data, with a `RestoreReport`, reporting phases to
   * `onStatus`. Everything happens within `timeoutMs` and stops at once on `signal`.
   *
   * @example
   * ```js
   * const { authCleared } = await pb.backups.restore("before_upgrade.zip", {
   *   wait: true,
   *   onStatus: (s) => (statusLine.textContent = s),
   * });
   * ```
   * @throws {ClientResponseError} 400 "Missing or invalid backup file." for an unknown
   * key; status 0 with `response.code === "restore_in_progress"` (a
   * `RestoreInProgressResponse`) when the restart was not seen within `timeoutMs`: the
   * restore may still be in progress (see `watchRestore`).
   * @throws {TypeError} for a `timeoutMs` that is not a positive number of milliseconds
   * up to 24 h.
   */
  restore(key: string, options: RestoreOptions & { wait: true }): Promise<RestoreReport>;
  restore(key: string, options?: RestoreOptions & { wait?: false }): Promise<boolean>;
  restore(key: string, options?: RestoreOptions): Promise<boolean | RestoreReport>;
}

/** The records of one auth collection (`_superusers` for backups). */
export class RecordService<M = RecordModel> {
  private constructor();
  free(): void;
  /**
   * Signs in with e-mail and password; the session is saved in `pb.authStore`. Extra
   * options become query parameters, as in the official SDK (e.g. `mfaId`).
   *
   * @example
   * ```js
   * await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
   * ```
   * @throws {ClientResponseError} 400 "Failed to authenticate." for wrong credentials;
   * 401 with `response.mfaId` (the answer is `{mfaId}`) when the collection wants a
   * second method: pass it as an option, e.g. `authWithOTP(otpId, code, {mfaId})`.
   * @throws {TypeError} when an argument has the wrong type.
   */
  authWithPassword<T = M>(usernameOrEmail: string, password: string, options?: RecordOptions): Promise<RecordAuthResponse<T>>;
  /**
   * Asks the server to mail a one-time password to `email`; resolves with the id that
   * goes with the code to `authWithOTP` (an unknown address gets an id too, and no mail).
   * @throws {ClientResponseError} 400 with `response.data.email.code` for a missing or
   * malformed address; 403 when the collection has OTP off.
   */
  requestOTP(email: string, options?: CommonOptions): Promise<OTPResponse>;
  /**
   * Signs in with the id from `requestOTP` and the mailed code; the session is saved in
   * `pb.authStore`.
   *
   * @example
   * ```js
   * const { otpId } = await pb.collection("_superusers").requestOTP("admin@example.com");
   * await pb.collection("_superusers").authWithOTP(otpId, codeFromTheMail);
   * ```
   * @throws {ClientResponseError} 400 "Invalid or expired OTP." for a wrong code or a
   * used id; 429 after five tries within three minutes; 401 with `response.mfaId`.
   */
  authWithOTP<T = M>(otpId: string, password: string, options?: CommonOptions): Promise<RecordAuthResponse<T>>;
  /**
   * Exchanges the stored token for a new one (and the record as it is now), saved in
   * `pb.authStore`.
   * @throws {ClientResponseError} 401 without a valid token; 403 for a token of another
   * collection.
   */
  authRefresh<T = M>(options?: RecordOptions): Promise<RecordAuthResponse<T>>;
}

/** The answer of `requestOTP`. */
export interface OTPResponse {
  otpId: string;
}

/**
 * Every failed call rejects with this: a real `Error` subclass, so both
 * `e instanceof ClientResponseError` and `isClientResponseError(e)` tell it apart.
 * `name` is `"ClientResponseError " + status`.
 *
 * @example
 * ```js
 * try { await pb.backups.create("bad name"); }
 * catch (e) { if (e instanceof ClientResponseError) console.log(e.status, e.response.data); }
 * ```
 */
export class ClientResponseError extends Error {
  /** Wraps an error, or builds one from `{url, status, response | data, isAbort, originalError, message}`. */
  constructor(errData?: any); // as in the official SDK
  /** The request URL ("" when none was sent). */
  url: string;
  /** HTTP status; 0 when no answer came (network failure, abort, time-out). */
  status: number;
  /** The server's error body `{status, message, data}` as received (`{}` without one). */
  response: { [key: string]: any }; // as in the official SDK
  /** True when cancelled by a signal, auto-cancellation or `cancelRequest`. */
  isAbort: boolean;
  /** The JS error behind a failure without an answer. */
  originalError: any; // as in the official SDK
  /** Same as `response`. */
  get data(): { [key: string]: any }; // as in the official SDK
  /** A plain copy of the fields. */
  toJSON(): this;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_SETTINGS_TYPES: &'static str = r#"
/** The settings as `pb.settings.getAll()` and `update()` carry them. */
export type SettingsObject = { [key: string]: any }; // as in the official SDK

/** The schedule of automatic backups (`pb.backups.getSchedule()`). */
export interface BackupSchedule {
  /** The cron expression (5 fields or a macro such as `"@daily"`); `""` when off. */
  cron: string;
  /** How many automatic backups the server keeps; it deletes the oldest beyond. */
  maxKeep: number;
  /** The next 3 runs (the server runs them at UTC minutes); empty when off or never due. */
  nextRuns: Date[];
}

/** What `pb.backups.setSchedule()` takes. */
export interface ScheduleInput {
  /** 5 fields (minute hour day-of-month month day-of-week: `*`, `n`, ranges `a-b`, steps `a-b/n`, lists `a,b`) or `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`; `""` turns automatic backups off. */
  cron: string;
  /** How many automatic backups to keep (at least 1 while `cron` is set); left out, the stored number stays. */
  maxKeep?: number;
}

/** An S3 storage as the server shows it: never with the secret. */
export interface S3StorageInfo {
  bucket: string;
  region: string;
  endpoint: string;
  accessKey: string;
  forcePathStyle: boolean;
}

/** Where backups are stored (`pb.backups.getStorage()`). */
export type BackupStorage = { local: true } | { local: false; s3: S3StorageInfo };

/** S3 settings to store; the secret is write-only. */
export interface S3StorageInput {
  bucket: string;
  region: string;
  endpoint: string;
  accessKey: string;
  /** Sent once, never read back; left out, the stored secret stays. */
  secret?: string;
  forcePathStyle?: boolean;
}

/** What `pb.backups.setStorage()` takes: S3, or back to the server's disk. */
export type BackupStorageInput = { s3: S3StorageInput; local?: false } | { local: true; s3?: undefined };
"#;
