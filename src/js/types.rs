//! TypeScript declarations of the values that cross the boundary as plain objects.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One backup file on the server. */
export interface BackupFileInfo {
  /** The file name; the key of every other backup call. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** Last modification as the server writes it, e.g. `"2026-11-28 05:59:21.176Z"`. */
  modified: string;
}

/** The answer of `client.health.check()`. */
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
  };
}

/** An auth record as the server sends it. */
export interface AuthRecord {
  id: string;
  collectionId: string;
  collectionName: string;
  email?: string;
  [field: string]: unknown;
}

/** The answer of `authWithPassword`. */
export interface AuthResponse {
  token: string;
  record: AuthRecord;
}

/** A query value; arrays repeat the key, `null`/`undefined` are left out. */
export type QueryValue = string | number | boolean | Date | null | undefined
  | Array<string | number | boolean | Date>;

/** Options every call accepts. */
export interface SendOptions {
  /** Query parameters appended to the URL. */
  query?: Record<string, QueryValue>;
  /** Extra headers; an `Authorization` here replaces the stored token. */
  headers?: Record<string, string>;
  /** Cancels the call; it then rejects with `isAbort: true`. */
  signal?: AbortSignal;
  /**
   * Auto-cancellation key. A new call with the same key cancels the pending one.
   * Default: method + path. `null` opts this call out.
   */
  requestKey?: string | null;
  /** Same as `requestKey: null` when `false` (official SDK spelling). */
  $autoCancel?: boolean;
  /**
   * Give up after this many milliseconds: the request is cancelled and the call
   * rejects with status 0 and "The request timed out after N ms." (`isAbort` false).
   */
  timeout?: number;
  /** A `fetch`-compatible function used instead of `globalThis.fetch`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** Options of `backups.create`. */
export interface CreateOptions extends SendOptions {
  /**
   * Wait while another backup or restore runs instead of failing with "Try again
   * later": retries with exponential back-off (100 ms doubling up to 2 s), for at most
   * `maxWaitMs` (default 60 000) in all. A create that collides with another one the
   * server let through at the same moment ("Failed to create backup.", nothing
   * created) is tried again too, at most 3 times.
   */
  retryIfBusy?: boolean | { maxWaitMs?: number };
}

/** Bytes of the file moved so far, and its size. */
export interface TransferProgress {
  loaded: number;
  total: number;
}

/** Options of `backups.upload`. */
export interface UploadOptions extends SendOptions {
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
export interface RestoreOptions extends SendOptions {
  /**
   * Resolve only once the server has restarted and answers again on the restored
   * data (instead of as soon as it accepts the request).
   */
  wait?: boolean;
  /** With `wait`: give up after this many milliseconds (default 60 000). */
  timeoutMs?: number;
  /**
   * With `wait`: each phase — `requested`, `restarting`, `back`, and `signed-out` when
   * the restored data no longer accepts the stored session (which is then cleared).
   */
  onStatus?: (status: RestoreStatus) => void;
}

/** What `backups.restore` found. */
export interface RestoreResult {
  /** True when the call waited for the server's restart (`wait: true`). */
  waited: boolean;
  /** True when the restored data refused the stored session and it was cleared. */
  authCleared: boolean;
}

/** A retention policy for `backups.prune`; `keep`, `olderThan`, or both. */
export interface PruneOptions extends SendOptions {
  /** Keep this many of the newest matching backups whatever their age. */
  keep?: number;
  /** Delete only backups modified before this `Date`, or older than this many milliseconds. */
  olderThan?: Date | number;
  /** Only backups whose key starts with this string, or matches this `RegExp`. */
  match?: string | RegExp;
  /** Return what would be deleted, deleting nothing. */
  dryRun?: boolean;
}

/** One file listed in a zip's central directory. */
export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedSize: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  isDir: boolean;
}

/** What `backups.inspect` found in a file. */
export interface ZipInspection {
  /** The file's size in bytes. */
  size: number;
  /** True when the central directory could be read. */
  valid: boolean;
  /** True for a readable zip with `data.db` at its root: a backup of this server. */
  isBackup: boolean;
  zip64: boolean;
  entries: ZipEntryInfo[];
  /** Sum of the entries' uncompressed sizes. */
  totalUncompressed: number;
  /** Why the file is not a readable zip (`zip_empty`, `zip_not_zip`, `zip_truncated`, …). */
  error: { code: string; message: string } | null;
}

/** Options of `new Client()`. */
export interface ClientOptions {
  /** Keep the session in `localStorage` across reloads (default `true`). */
  persistAuth?: boolean;
  /** The `localStorage` key (default `"bosbase_backups_auth"`). */
  authStorageKey?: string;
}

/** A field's validation error in an error answer. */
export interface FieldError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** The server's error body as received (`{}` when there was none). */
export interface ErrorResponse {
  status?: number;
  message?: string;
  data?: Record<string, FieldError>;
  [key: string]: unknown;
}

/**
 * Every failed call rejects with this: a real `Error` subclass, so both
 * `e instanceof ClientResponseError` and `isClientResponseError(e)` tell it apart.
 *
 * @example
 * ```js
 * try { await client.backups.create("bad name"); }
 * catch (e) { if (e instanceof ClientResponseError) console.log(e.status, e.response.data); }
 * ```
 */
export class ClientResponseError extends Error {
  /** Builds one by hand (e.g. in tests); every field is optional. */
  constructor(fields?: {
    message?: string;
    url?: string;
    status?: number;
    response?: ErrorResponse;
    isAbort?: boolean;
    originalError?: unknown;
  });
  name: "ClientResponseError";
  /** HTTP status; 0 when no answer came (network failure, abort, bad argument). */
  status: number;
  /** The request URL ("" when none was sent). */
  url: string;
  /** The server's error body as received. */
  response: ErrorResponse;
  /** True when cancelled by a signal, auto-cancellation or `cancelRequest`. */
  isAbort: boolean;
  /** The JS error behind a failure without an answer, else `null`. */
  originalError: unknown;
}

/** What `backups.upload` accepts. */
export type UploadBody = Blob | File | { file: Blob | File } | FormData;

/** Called after every `save` and `clear` of the auth store. */
export type AuthChangeListener = (token: string, record: AuthRecord | null) => void;
"#;

#[wasm_bindgen]
extern "C" {
    /// `SendOptions` from JS.
    #[wasm_bindgen(typescript_type = "SendOptions")]
    pub type SendOptionsArg;
    /// `CreateOptions` from JS.
    #[wasm_bindgen(typescript_type = "CreateOptions")]
    pub type CreateOptionsArg;
    /// `UploadOptions` from JS.
    #[wasm_bindgen(typescript_type = "UploadOptions")]
    pub type UploadOptionsArg;
    /// `DownloadOptions` from JS.
    #[wasm_bindgen(typescript_type = "DownloadOptions")]
    pub type DownloadOptionsArg;
    /// `RestoreOptions` from JS.
    #[wasm_bindgen(typescript_type = "RestoreOptions")]
    pub type RestoreOptionsArg;
    /// `PruneOptions` from JS.
    #[wasm_bindgen(typescript_type = "PruneOptions")]
    pub type PruneOptionsArg;
    /// `ClientOptions` from JS.
    #[wasm_bindgen(typescript_type = "ClientOptions")]
    pub type ClientOptionsArg;
    /// `Record<string, QueryValue>` from JS.
    #[wasm_bindgen(typescript_type = "Record<string, QueryValue>")]
    pub type QueryArg;
    /// `AuthRecord` from JS.
    #[wasm_bindgen(typescript_type = "AuthRecord")]
    pub type RecordArg;
    /// An optional string argument from JS (checked at run time).
    #[wasm_bindgen(typescript_type = "string")]
    pub type OptStringArg;
}
