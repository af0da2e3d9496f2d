// The types of the package's classes (src/npm/package.js; scripts/build.sh copies this
// file into the package as web/bosbase_backups.d.ts): what every entry exports.

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
    /** True for a readable zip with a file the restore writes to `data.db` (`data.db`, `./data.db` …): a backup of this server. */
    isBackup: boolean;
    zip64: boolean;
    entries: ZipEntryInfo[];
    /** Sum of the entries' uncompressed sizes. */
    totalUncompressed: number;
    /** Why the file is not a readable zip (`zip_empty`, `zip_not_zip`, `zip_truncated`, …). */
    error: { code: string; message: string } | null;
}

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

/** What a waited `backups.restore` found. */
export interface RestoreReport {
    /** Always true: the call waited for the server's restart. */
    waited: true;
    /** True when the restored data refused the stored session and it was cleared. */
    authCleared: boolean;
}

/** Why `backups.verify` found a backup unsound. */
export type VerifyProblemCode =
| "zip_empty"
| "zip_not_zip"
| "zip_truncated"
| "zip_corrupt"
| "zip_directory_mismatch"
| "zip_too_many_entries"
| "archive_too_large"
| "entry_encrypted"
| "entry_unsupported_method"
| "entry_size_unknown"
| "entry_bad_deflate"
| "entry_crc_mismatch"
| "entry_size_mismatch"
| "entry_zip_bomb"
| "entry_header_mismatch"
| "entry_unsafe_path"
| "entry_duplicate_path"
| "backup_missing_data_db"
| "backup_data_db_not_a_file"
| "backup_database_bad_mode"
| "sqlite_not_database"
| "sqlite_bad_page_size"
| "sqlite_size_mismatch";

/** One thing `backups.verify` found wrong. */
export interface VerifyProblem {
    /** The entry's name (`"data.db"`, `"storage/…"`); `""` for the archive as a whole. */
    entry: string;
    code: VerifyProblemCode;
    /** A sentence for the user. */
    message: string;
}

/** What `backups.verify` found. */
export interface VerifyReport {
    /** True when no problem was found: the backup would restore. */
    ok: boolean;
    /** Entries read (directories included). */
    entries: number;
    /** Bytes of the zip read. */
    bytes: number;
    /** Bytes the entries inflated to. */
    inflatedBytes: number;
    /** Files under `storage/` (the server's uploaded files), not counting the `.attrs` metadata file it keeps beside each. */
    storageFiles: number;
    /** What is wrong, in file order (at most 100); empty when `ok`. */
    problems: VerifyProblem[];
}

/** Options of `backups.verify`. */
export interface VerifyOptions extends SendOptions {
    /**
     * Called with `{loaded, total}` bytes of the zip read (at most once per MiB, and at
     * the end); `total` is 0 when the server's length is not shown.
     */
    onProgress?: (progress: TransferProgress) => void;
}

/** Options of `backups.explore`. */
export interface ExploreOptions extends SendOptions {
    /**
     * Called with `{loaded, total}` bytes: of the backup's download (a key), then of
     * its `data.db` read out of the zip.
     */
    onProgress?: (progress: TransferProgress) => void;
}

/** A field of a collection in a backup. */
export interface ExploredField {
    name: string;
    /** The field's type: `"text"`, `"number"`, `"bool"`, `"json"`, `"file"` … */
    type: string;
}

/** A collection in a backup, from its `_collections` table. */
export interface ExploredCollection {
    name: string;
    type: "base" | "auth" | "view";
    system: boolean;
    fields: ExploredField[];
    /** Its records in the backup; `null` for a view, whose rows are not stored. */
    records: number | null;
}

/** Options of `BackupExplorer.records`. */
export interface ExploredRecordsOptions extends SendOptions {
    /** From 1 (the default). */
    page?: number;
    /** 1 to 1000, 30 by default, as the records API pages. */
    perPage?: number;
    /** Only the records with these ids. */
    ids?: string[];
}

/** A page of a collection's records in a backup, in the records API's shape. */
export interface ExploredRecords {
    page: number;
    perPage: number;
    totalItems: number;
    totalPages: number;
    /** Each record as `GET /api/collections/{c}/records` gives it to a superuser. */
    items: { [field: string]: unknown; id: string; collectionId: string; collectionName: string }[];
}

/** Fields of a collection that differ between the backup and the live server. */
export interface FieldChanges {
    /** Fields the live collection has and the backup's has not. */
    added: string[];
    /** Fields the backup's collection has and the live one has not. */
    removed: string[];
    /** Fields of both whose type or options differ. */
    changed: string[];
}

/** Record counts of a collection on both sides. */
export interface RecordCounts {
    backup: number;
    live: number;
    onlyInBackup: number;
    onlyLive: number;
    /** Records of both where a value of a field both have differs (autodate fields aside). */
    changed: number;
}

/** The ids behind `RecordCounts`. */
export interface RecordIds {
    onlyInBackup: string[];
    onlyLive: string[];
    changed: string[];
}

/** One collection compared. */
export interface CollectionComparison {
    name: string;
    status: "same" | "changed" | "onlyInBackup" | "onlyLive";
    fields: FieldChanges;
    /** `null` for a view (its rows are not stored in a backup). */
    records: RecordCounts | null;
    /** For a collection on both sides whose records were compared. */
    ids?: RecordIds;
}

/** What `BackupExplorer.compare` found. */
export interface BackupComparison {
    collections: CollectionComparison[];
}

/** Options of `BackupExplorer.recover`. */
export interface RecoverOptions extends SendOptions {
    /** Upload the records' files from the backup (default `true`). */
    files?: boolean;
    /** Replace records that exist live (default `false`: they fail). */
    overwrite?: boolean;
    /** Called with `{done, total}` records (about 4 times a second, and at the end). */
    onProgress?: (progress: { done: number; total: number }) => void;
}

/** A record `recover` could not bring back, and why. */
export interface RecoveryFailure {
    id: string;
    error: Error;
}

/** What `BackupExplorer.recover` did. */
export interface RecoveryReport {
    created: string[];
    updated: string[];
    failed: RecoveryFailure[];
    /** Per record id: each file's name in the backup → its new name on the server. */
    files: { [id: string]: { [oldName: string]: string } };
    /** What the server did not keep (autodate fields set anew, files renamed, auth
     * records given a new random password that their users must reset). */
    notes: string[];
}

/**
 * A backup opened by `backups.explore`: its collections and records, read in place
 * (the backup's `data.db` inflated into a `Blob`, read a page at a time), compared
 * with the live server, and chosen records recovered through the records API without
 * a restore. One call runs at a time; the next waits for it.
 */
export interface BackupExplorer {
    /** The backup's collections with their record counts. */
    readonly collections: ExploredCollection[];
    /** The backup's `data.db`, inflated, as a `Blob`. */
    readonly database: Blob;
    /**
     * A `data.db-wal` the backup carried (a database copied while in WAL mode), read
     * over the database as SQLite reads it (committed frames only): how many pages it
     * held; `null` without one (the server's own backups have none).
     */
    readonly wal: { pages: number } | null;
    /**
     * A page of a collection's records in the backup.
     * @throws {ClientResponseError} status 0, `response.code` `"explore_unknown_collection"`
     * or `"explore_view_collection"`; `"sqlite_…"` codes for a damaged `data.db`.
     */
    records(collection: string, options?: ExploredRecordsOptions): Promise<ExploredRecords>;
    /**
     * The backup compared with the live server this client is signed in to (as a
     * superuser), collection by collection.
     */
    compare(options?: SendOptions): Promise<BackupComparison>;
    /**
     * Creates chosen records of the backup again on the live server, with their ids,
     * values and files; nothing is restored and the server does not restart. Nothing
     * is sent unless every id is in the backup.
     * @throws {ClientResponseError} status 0, `response.code` `"explore_unknown_records"`
     * naming ids the backup does not have, `"explore_unknown_collection"`,
     * `"explore_view_collection"`.
     * @throws {TypeError} for ids that are not a non-empty array of strings.
     */
    recover(collection: string, ids: string[], options?: RecoverOptions): Promise<RecoveryReport>;
    /** Frees what the explorer holds; later calls throw. */
    close(): void;
}

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
     * The longest the call waits for the server, in milliseconds (1 to 86 400 000 =
     * 24 h, else a `TypeError`): for each of its requests until the answer (hooks and
     * file token included), and between two pieces of a file's body (a download or a
     * verify that keeps moving is never cut); a waited restore's whole wait too (with
     * `timeoutMs` as well, the smaller counts). Past it the call rejects with status 0
     * and "The request timed out after N ms."
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
     * bytes leave (in a page the upload then goes through `XMLHttpRequest`, since `fetch`
     * cannot report this; in Node the body is a stream counted as it is sent), never
     * backwards, and `{size, size}` once the server has stored it.
     */
    onProgress?: (progress: TransferProgress) => void;
    /**
     * The name to store the file under, instead of its own (a `Blob` has none and is
     * stored as "blob"; `fs.openAsBlob` gives a `Blob`).
     */
    name?: string;
    /**
     * Read the zip's central directory first and refuse, before sending a byte, a file
     * that is not a zip or has no `data.db` (status 400, `response.data.file.code`, the
     * upload's URL, and the zip's problem as the `message`). Default `true`.
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
/** The attributes of `exportToCookie`'s cookie (as in the official SDK). */
export interface SerializeOptions {
    encode?: (val: string | number | boolean) => string;
    maxAge?: number;
    domain?: string;
    path?: string;
    expires?: Date;
    httpOnly?: boolean;
    secure?: boolean;
    priority?: string;
    sameSite?: boolean | string;
}

export type RestoreStatus = "requested" | "restarting" | "back" | "signed-out";

/** Options of `backups.restore`. */
export interface RestoreOptions extends CommonOptions {
    /**
     * Resolve only once the server has restarted and answers again on the restored
     * data (instead of as soon as it accepts the request), with a `RestoreReport`.
     */
    wait?: boolean;
    /**
     * With `wait`: give up after this many milliseconds in all (default 60 000, or
     * `timeout` when that is smaller; from 1 to 86 400 000 = 24 h, else a `TypeError`).
     * The error then has status 0 and `response.code === "restore_in_progress"`: the
     * restore may still be in progress.
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
     * Give up after this many milliseconds (default 60 000, or `timeout` when that is
     * smaller; from 1 to 86 400 000 = 24 h, else a `TypeError`).
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
 * policy's selection, or the keys of `only`): a `ClientResponseError` with the first
 * failure's `status`, `url` and `response`, a message naming each key not deleted, and
 * both lists. `e instanceof PruneError` or `isPruneError(e)` tells it apart.
 *
 * @example
 * ```js
 * try { await pb.backups.prune({ keep: 7 }); }
 * catch (e) { if (isPruneError(e)) console.log(e.deleted, e.failed.map((f) => f.key)); }
 * ```
 */
export class PruneError extends ClientResponseError {
    /** Builds one as `ClientResponseError` does, with both lists. */
    constructor(errData: ConstructorParameters<typeof ClientResponseError>[0], deleted?: string[], failed?: PruneFailure[]);
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
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /** The client whose requests and session the service uses. */
    readonly client: Client;
    /** The collection whose records these are. */
    collectionIdOrName: string;
    /** `/api/collections/<collectionIdOrName>` (the name URI-encoded). */
    readonly baseCollectionPath: string;
    /** `baseCollectionPath + "/records"`. */
    readonly baseCrudPath: string;
    /** A service of `client` for the records of `collectionIdOrName` (as `client.collection(…)` makes it). */
    constructor(client: Client, collectionIdOrName: string);
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
    /** @deprecated the official SDK's older form: `bodyParams` sent, `queryParams` as the query. */
    authRefresh<T = M>(bodyParams?: { [key: string]: any }, queryParams?: any): Promise<RecordAuthResponse<T>>; // as in the official SDK
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
    /**
     * The request URL: of the last request sent; for a call refused before any request
     * as the server would refuse it (status 400: a name, a file, a schedule), the URL
     * that request would have gone to; "" for a cancelled request or when none was made.
     */
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

/**
 * The Backups API. Every call needs a superuser session (see
 * `pb.collection("_superusers").authWithPassword`).
 */
export class BackupService {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /** The client whose requests and session the service uses. */
    readonly client: Client;
    /** A service of `client` (as the client makes it). */
    constructor(client: Client);
    /**
     * Creates a backup and resolves with its key (the official SDK resolves with
     * `true`; a key is truthy too). Without a name (or with `""`), a unique valid name
     * is generated, so two creates in the same second never collide. An invalid name
     * is refused before any request, with the server's status and answer (its message
     * and `response.data.name.code`), the URL it would have gone to, and a `message`
     * that says why.
     *
     * @example
     * ```js
     * const key = await pb.backups.create("before_upgrade.zip");
     * const auto = await pb.backups.create("");
     * const waited = await pb.backups.create("", { retryIfBusy: true });
     * ```
     * @throws {ClientResponseError} 400 with `response.data.name.code`
     * (`validation_match_invalid`, `validation_length_out_of_range`,
     * `validation_backup_name_exists`), or "Try again later" while another
     * backup/restore runs (unless `retryIfBusy`); a backup the server could not store
     * because its S3 storage failed (which it answers with "the name exists"): 400
     * "The server could not store the backup: …" with `response.data.s3.code`, found by
     * one more request, the list of backups.
     */
    create(basename?: string, options?: CreateOptions): Promise<string>;
    /**
     * Deletes a backup; resolves with `true`.
     *
     * @throws {ClientResponseError} 400 when the key does not exist.
     */
    delete(key: string, options?: CommonOptions): Promise<boolean>;
    /**
     * Downloads a backup into a `Blob` (it gets a file token itself), streaming it
     * with progress. A 403 or 404 rejects with the server's status and message
     * instead of resolving with the error text as "data".
     *
     * @example
     * ```js
     * const blob = await pb.backups.download("before_upgrade.zip", {
     *   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
     * });
     * ```
     * @throws {ClientResponseError} 403 / 404 from the server; status 0 when the
     * connection drops or the body ends early.
     */
    download(key: string, options?: DownloadOptions & { stream?: false }): Promise<Blob>;
    /**
     * Downloads a backup as a stream (`stream: true`): resolves once the server answered
     * with the file, with a `ReadableStream` of its bytes, none of them held by the
     * package. `onProgress` hears them as the stream is read; `timeout` bounds the wait
     * for each chunk, and the caller's `signal` aborts the stream too.
     *
     * @example
     * ```js
     * const stream = await pb.backups.download("before_upgrade.zip", { stream: true });
     * await stream.pipeTo(writable);
     * ```
     * @throws {ClientResponseError} 403 / 404 from the server. The stream errors with a
     * `ClientResponseError`: status 0 when the connection drops, the body stalls past
     * `timeout` or ends short of its `Content-Length`; `isAbort` when `signal` aborts.
     */
    download(key: string, options: DownloadOptions & { /** A stream instead of a `Blob`. */ stream: true }): Promise<ReadableStream<Uint8Array>>;
    /**
     * Downloads a backup into the file `path`, in Node (the package's Node entry): the
     * bytes go to `path + ".part"`, which is renamed to `path` once every byte is
     * written and flushed; a failure or an abort removes the ".part" file and leaves
     * `path` as it was. Memory stays flat whatever the size. Resolves with the path and
     * the bytes written. Elsewhere, a `TypeError` before any request.
     *
     * @example
     * ```js
     * const { size } = await pb.backups.downloadToFile("nightly.zip", "/var/backups/pb/nightly.zip", {
     *   onProgress: ({ loaded, total }) => console.log(loaded, total),
     * });
     * ```
     * @throws {ClientResponseError} as `download` with `stream: true`; the file
     * system's own error (with its `code`, such as `ENOENT` or `ENOSPC`) when the file
     * cannot be written.
     */
    downloadToFile(key: string, path: string, options?: DownloadOptions): Promise<{ path: string; size: number }>;
    /**
     * The absolute download URL of a backup, for a file token from
     * `pb.files.getToken()`. The URL carries only that short-lived token.
     *
     * @example
     * ```js
     * const token = await pb.files.getToken();
     * location.href = pb.backups.getDownloadURL(token, "before_upgrade.zip");
     * ```
     * @throws {TypeError} when an argument is not a string, or for the keys `""`,
     * `"."` and `".."`, which no URL can address.
     */
    getDownloadURL(token: string, key: string, query?: Record<string, QueryValue>): string;
    /**
     * Same as `getDownloadURL` (older name).
     */
    getDownloadUrl(token: string, key: string, query?: Record<string, QueryValue>): string;
    /**
     * Lists every backup, sorted by key.
     *
     * @example
     * ```js
     * for (const b of await pb.backups.getFullList()) console.log(b.key, b.size, b.modified);
     * ```
     * @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
     */
    getFullList(options?: CommonOptions): Promise<Array<BackupFileInfo>>;
    /**
     * The schedule of automatic backups: its cron expression (`""` when off), how many
     * automatic backups the server keeps, and the next 3 runs (the server runs them in
     * UTC).
     *
     * @example
     * ```js
     * const { cron, maxKeep, nextRuns } = await pb.backups.getSchedule();
     * console.log(nextRuns.map((d) => d.toLocaleString()));
     * ```
     * @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
     */
    getSchedule(options?: CommonOptions): Promise<BackupSchedule>;
    /**
     * Where backups are stored: `{local: true}`, or `{local: false, s3: {...}}` without
     * the secret (the server never sends it back).
     *
     * @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
     */
    getStorage(options?: CommonOptions): Promise<BackupStorage>;
    /**
     * Reads only a zip's central directory (a few `Blob.slice` reads, whatever the
     * file's size) and reports its entries and whether it looks like a backup of this
     * server (a file the restore writes to `data.db`). Resolves with a verdict for any bytes.
     *
     * @example
     * ```js
     * const report = await pb.backups.inspect(input.files[0]);
     * if (!report.isBackup) alert(report.error?.message ?? "No data.db in this zip.");
     * ```
     * @throws {TypeError} when `file` is not a `Blob`.
     */
    inspect(file: Blob): Promise<ZipInspection>;
    /**
     * Deletes the backups a retention policy selects and resolves with their keys,
     * oldest first (with `dryRun`, what it would delete). Ages count back from the
     * server's clock (its `Date` header where the browser shows it: same origin, or
     * `Access-Control-Expose-Headers: Date`; else the client's). A policy by age
     * without `keep` keeps the newest backup (`keep: 0` allows deleting it). It
     * never deletes a backup being written. Pass a dry run's keys as `only` to delete
     * nothing that was not previewed.
     *
     * @example
     * ```js
     * // Keep the 7 newest nightly backups, and none older than 30 days.
     * const policy = { match: "nightly_", keep: 7, olderThan: 30 * 24 * 3600 * 1000 };
     * const preview = await pb.backups.prune({ ...policy, dryRun: true });
     * const deleted = await pb.backups.prune({ ...policy, only: preview });
     * ```
     * @throws {TypeError} for a policy with neither `keep` nor `olderThan`.
     * @throws {PruneError} when a key it meant to delete (selected, or named in
     * `only`) was not deleted: `e.deleted` lists what was, `e.failed` each key
     * that was not with its error (a 400 for a key deleted by someone else meanwhile).
     */
    prune(options?: PruneOptions): Promise<string[]>;
    /**
     * Runs the scheduled backup now (the cron job `__pbAutoBackup__`) and resolves with
     * its key (`@auto_pb_backup_…`) once the server lists it; the server then deletes
     * the oldest automatic backups beyond `maxKeep` (never a manual one). Two runs in
     * the same second make one backup: the server names them by the second.
     *
     * @example
     * ```js
     * const key = await pb.backups.runScheduledNow();
     * ```
     * @throws {ClientResponseError} 404 "Missing or invalid cron job." when no schedule
     * is set; status 0 when no new backup was listed within 5 minutes.
     */
    runScheduledNow(options?: SendOptions): Promise<string>;
    /**
     * Hands a backup to the browser's own download (streamed to disk, no `Blob` in
     * memory), after a 1-byte range request has shown that the URL really serves the
     * file. Resolves with the URL handed over. Needs a page: elsewhere a `TypeError`
     * (in Node, `downloadToFile` writes a file).
     *
     * @throws {ClientResponseError} 403 / 404 from the server; then nothing is
     * downloaded.
     */
    save(key: string, options?: SendOptions): Promise<string>;
    /**
     * Sets the schedule of automatic backups (`cron: ""` turns them off) and how many
     * the server keeps (`maxKeep`; left out, the stored number stays). The expression
     * is checked here with the server's rules (5 fields or a macro such as `@daily`)
     * before anything is sent. Resolves with the new schedule.
     *
     * @example
     * ```js
     * await pb.backups.setSchedule({ cron: "0 3 * * *", maxKeep: 7 });
     * await pb.backups.setSchedule({ cron: "" }); // off
     * ```
     * @throws {ClientResponseError} 400 "An error occurred while saving the new
     * settings." with `response.data.backups.cron.code === "validation_invalid_cron"`
     * (and the server's message), or `response.data.backups.cronMaxKeep.code`
     * (`validation_required` when 0 with a schedule, or
     * `validation_min_greater_equal_than_required`); refused before sending.
     * @throws {TypeError} when `cron` is not a string or `maxKeep` not an integer.
     */
    setSchedule(schedule: ScheduleInput, options?: CommonOptions): Promise<BackupSchedule>;
    /**
     * Stores new backups on S3 (`{s3: {bucket, region, endpoint, accessKey, secret,
     * forcePathStyle}}`; without `secret` the stored one stays) or on the server's disk
     * (`{local: true}`; the S3 settings are kept, switched off). The secret is sent
     * once and never read back. Resolves with the storage as the server now has it.
     *
     * @example
     * ```js
     * await pb.backups.setStorage({ s3: { bucket: "backups", region: "us-east-1",
     *   endpoint: "https://s3.example.com", accessKey: "AKIA…", secret, forcePathStyle: true } });
     * await pb.backups.testStorage();
     * ```
     * @throws {ClientResponseError} 400 with `response.data.backups.s3.<field>.code`
     * (`validation_required`, `validation_is_url`).
     * @throws {TypeError} for anything but `{s3: {...}}` or `{local: true}`.
     */
    setStorage(storage: BackupStorageInput, options?: CommonOptions): Promise<BackupStorage>;
    /**
     * Tests the S3 storage of backups (the server writes and deletes a test file);
     * resolves with `true`.
     *
     * @throws {ClientResponseError} 400 with a readable message: the bucket does not
     * exist (`NoSuchBucket`), the endpoint refused the connection, the credentials
     * were refused, or S3 is not enabled (`response` is the server's answer).
     */
    testStorage(options?: CommonOptions): Promise<boolean>;
    /**
     * Uploads a backup zip and resolves with the key it is stored under (the file's
     * own name, or `name`; the official SDK resolves with `true`). The file is streamed,
     * never copied into wasm memory. In Node (the package's Node entry) `bodyParams`
     * may be a file's path, read from disk as it is sent, stored under the file's name;
     * elsewhere a path is a `TypeError`.
     *
     * @example
     * ```js
     * const key = await pb.backups.upload({ file: input.files[0] }, {
     *   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
     *   signal: controller.signal,
     * });
     * ```
     * @throws {ClientResponseError} 400 with `response.data.file.code` for a non-zip or
     * an existing name (with `verify`, a file without `data.db` is refused before
     * sending); as `create`, "The server could not store the backup: …" with
     * `response.data.s3.code` when its S3 storage failed.
     */
    upload(bodyParams: UploadBody | string, options?: UploadOptions): Promise<string>;
    /**
     * A test restore without restoring: reads the whole backup (from the server by
     * key, through a file token, or a local `File`/`Blob`) and checks every entry as
     * a restore would read it — inflated and its CRC-32 compared, `data.db` and
     * `auxiliary.db` SQLite databases of a plausible size, the central directory
     * matching, no zip bomb. Only 64 KiB at a time enter wasm memory. Resolves with a
     * report for any bytes; `problems` lists what is wrong, each with a `code`. A
     * sound backup is read once; a reading that finds damage, or that fails inside
     * the tools module, is read again, up to three readings in all, and the last
     * reading's outcome is the call's (WebKit sometimes runs the verifier wrongly
     * while it optimizes it).
     *
     * @example
     * ```js
     * const report = await pb.backups.verify("before_upgrade.zip", {
     *   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
     * });
     * if (!report.ok) for (const p of report.problems) console.warn(p.entry, p.code, p.message);
     * ```
     * @throws {ClientResponseError} 403 / 404 from the server; status 0 when the
     * connection drops; `isAbort` when `signal` aborts.
     * @throws {TypeError} when `source` is neither a key nor a `Blob`.
     */
    verify(source: string | Blob, options?: VerifyOptions): Promise<VerifyReport>;
    /**
     * Opens a backup to see inside it (a key on the server, downloaded through a file
     * token, or a local `File`/`Blob`): its collections with their record counts,
     * pages of their records, a comparison with the live server, and chosen records
     * recovered without a restore. The backup's `data.db` is inflated into a `Blob`
     * (not wasm memory or the JS heap) and read a page at a time. Loads the explorer's
     * module on first use.
     *
     * @example
     * ```js
     * const x = await pb.backups.explore("before_upgrade.zip");
     * const { collections } = await x.compare();
     * const posts = collections.find((c) => c.name === "posts");
     * if (posts?.ids?.onlyInBackup.length) await x.recover("posts", posts.ids.onlyInBackup);
     * x.close();
     * ```
     * @throws {ClientResponseError} 403 / 404 for a key; status 0 with `response.code`
     * for a file that is not a backup (`"zip_not_zip"`, `"backup_missing_data_db"`,
     * `"backup_not_pocketbase"`) or whose `data.db` is damaged (`"entry_crc_mismatch"`,
     * `"sqlite_…"`).
     * @throws {TypeError} when `source` is neither a key nor a `Blob`.
     */
    explore(source: string | Blob, options?: ExploreOptions): Promise<BackupExplorer>;
    /**
     * Keeps waiting for a restore already requested, e.g. after a waited `restore`
     * rejected with `response.code === "restore_in_progress"`: resolves with a
     * `RestoreReport` once the server's process has restarted and answers again,
     * reporting phases to `onStatus`, and rejects the same way as a waited restore when
     * no restart comes within `timeoutMs` (as when the restore is already over or never
     * happens) or `signal` aborts.
     *
     * @example
     * ```js
     * try {
     *   await pb.backups.restore(key, { wait: true, timeoutMs: 120_000 });
     * } catch (e) {
     *   if (e.response?.code !== "restore_in_progress") throw e;
     *   await pb.backups.watchRestore({ timeoutMs: 30 * 60_000 });
     * }
     * ```
     * @throws {ClientResponseError} status 0 with `response.code ===
     * "restore_in_progress"` when no restart was seen in time.
     * @throws {TypeError} for a `timeoutMs` that is not a positive number of
     * milliseconds up to 24 h.
     */
    watchRestore(options?: WatchRestoreOptions): Promise<RestoreReport>;
}

/**
 * The signed-in session, kept in memory. Subclass it, or use `LocalAuthStore`, to
 * keep it elsewhere.
 */
export class BaseAuthStore {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /**
     * Forgets the session and tells the `onChange` listeners.
     */
    clear(): void;
    /**
     * A store kept in memory only.
     */
    constructor();
    /**
     * Calls `callback(token, record)` after every change (a sign-in, a sign-out, or
     * one made in another tab for a `LocalAuthStore`); with `fireImmediately`, also
     * now. Returns a function that unsubscribes (calling it again does nothing).
     *
     * @throws {TypeError} when `callback` is not a function.
     */
    onChange(callback: OnStoreChangeFunc, fireImmediately?: boolean | null): () => void;
    /**
     * Takes the session from cookie `key` (default `"pb_auth"`) of a `Cookie` header, as
     * `exportToCookie` wrote it (server-rendered pages); anything unreadable there
     * signs out.
     */
    loadFromCookie(cookie: string, key?: string): void;
    /**
     * The session as a `Set-Cookie` value named `key` (default `"pb_auth"`): `Secure`,
     * `HttpOnly`, `SameSite=Strict`, `Path=/` and expiring with the token unless
     * `options` says otherwise. Over 4096 bytes, the record is cut down to its `id`,
     * `email`, `collectionId`, `collectionName` and `verified`.
     *
     * @throws {TypeError} when a name, value or option cannot be in a cookie.
     */
    exportToCookie(options?: SerializeOptions, key?: string): string;
    /**
     * Stores a session (as the sign-in calls do) and tells the `onChange` listeners.
     *
     * @throws {TypeError} when `token` is not a string.
     */
    save(token: string, record?: AuthRecord): void;
    /**
     * Same as `isSuperuser` (older name).
     */
    readonly isAdmin: boolean;
    /**
     * True when the session is an auth record's that is not a superuser.
     */
    readonly isAuthRecord: boolean;
    /**
     * True when the session is a superuser's.
     */
    readonly isSuperuser: boolean;
    /**
     * True when there is a token and it has not expired.
     */
    readonly isValid: boolean;
    /**
     * Same as `record` (older name).
     */
    readonly model: AuthRecord;
    /**
     * The signed-in record, `null` when signed out.
     */
    readonly record: AuthRecord;
    /**
     * The token, `""` when signed out.
     */
    readonly token: string;
}

/**
 * A client of one BosBase or PocketBase server: the official JS SDK's `Client` for
 * everything backups need.
 *
 * @example
 * ```js
 * import PocketBase from "bosbase-backups";
 * const pb = new PocketBase("http://127.0.0.1:8090");
 * await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
 * const backups = await pb.backups.getFullList();
 * ```
 */
export class Client {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /**
     * Turns auto-cancellation of duplicate pending requests on or off (on by default).
     */
    autoCancellation(enable: boolean): Client;
    /**
     * The absolute URL of an API path.
     *
     * @throws {TypeError} when `path` is not a string.
     */
    buildURL(path: string): string;
    /**
     * Same as `buildURL` (older name).
     */
    buildUrl(path: string): string;
    /**
     * Cancels every pending request.
     */
    cancelAllRequests(): Client;
    /**
     * Cancels the pending request with this `requestKey`; it rejects with `isAbort`.
     */
    cancelRequest(requestKey: string): Client;
    /**
     * A client of the server at `baseURL` (relative URLs such as the default `"/"`
     * are resolved against the page's address). Without `authStore`, the session is
     * kept in `localStorage` (a `LocalAuthStore`); `lang` is sent as
     * `Accept-Language`.
     *
     * @throws {TypeError} when an argument has the wrong type.
     */
    constructor(baseURL?: string, authStore?: BaseAuthStore | null, lang?: string);
    /**
     * Called with `(response, data, options)` after every answer (errors too); what it
     * returns (or resolves to) replaces `data`.
     */
    afterSend: AfterSendHook | undefined;
    /**
     * The signed-in session.
     */
    authStore: BaseAuthStore;
    /**
     * The Backups API.
     */
    readonly backups: BackupService;
    /**
     * The server's base URL, as given.
     */
    baseURL: string;
    /**
     * Same as `baseURL` (older name).
     */
    baseUrl: string;
    /**
     * Called with `(url, options)` before every request; may return
     * `{url, options}` (or a promise of it) to change the URL or `options.headers`.
     */
    beforeSend: BeforeSendHook | undefined;
    /**
     * The cron jobs (the scheduled backup is `__pbAutoBackup__`).
     */
    readonly crons: CronService;
    /**
     * File tokens (`getToken`), needed for backup downloads.
     */
    readonly files: FileService;
    /**
     * The health check.
     */
    readonly health: HealthService;
    /**
     * The `Accept-Language` sent with every request (default `"en-US"`).
     */
    lang: string;
    /**
     * The server's settings (`getAll`, `update`, `testS3`).
     */
    readonly settings: SettingsService;
}

/**
 * The server's cron jobs (superusers only).
 */
export class CronService {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /** The client whose requests and session the service uses. */
    readonly client: Client;
    /** A service of `client` (as the client makes it). */
    constructor(client: Client);
    /**
     * Every cron job; the scheduled backup is `__pbAutoBackup__` while
     * `backups.cron` is set.
     */
    getFullList(options?: CommonOptions): Promise<Array<CronJob>>;
    /**
     * Runs a cron job now; resolves with `true`.
     *
     * @throws {ClientResponseError} 404 for an unknown job.
     */
    run(jobId: string, options?: CommonOptions): Promise<boolean>;
}

/**
 * File tokens.
 */
export class FileService {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /** The client whose requests and session the service uses. */
    readonly client: Client;
    /** A service of `client` (as the client makes it). */
    constructor(client: Client);
    /**
     * A short-lived (about 3 minutes) file token, e.g. for `backups.getDownloadURL`.
     *
     * @throws {ClientResponseError} 401 without a session.
     */
    getToken(options?: CommonOptions): Promise<string>;
}

/**
 * The health check.
 */
export class HealthService {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /** The client whose requests and session the service uses. */
    readonly client: Client;
    /** A service of `client` (as the client makes it). */
    constructor(client: Client);
    /**
     * `GET /api/health`; superusers also see `data.canBackup`.
     */
    check(options?: CommonOptions): Promise<HealthCheckResponse>;
}

/**
 * The session in `localStorage` under `storageKey` (default `"pocketbase_auth"`, the
 * official SDK's key and format, so an app that switches SDKs keeps its session),
 * following sign-ins and sign-outs of other tabs. In memory where there is no
 * `localStorage`.
 */
export class LocalAuthStore extends BaseAuthStore {
    /**
     * @throws {TypeError} when `storageKey` is not a string.
     */
    constructor(storageKey?: string);
}

/**
 * The server's settings (superusers only).
 */
export class SettingsService {
    /** Does nothing: the class holds no wasm memory (kept from the package's earlier
     * wasm-bindgen classes, which had to be freed). */
    free(): void;
    /** The same as `free()`, for `using`. */
    [Symbol.dispose](): void;
    /** The client whose requests and session the service uses. */
    readonly client: Client;
    /** A service of `client` (as the client makes it). */
    constructor(client: Client);
    /**
     * Every setting of the server.
     *
     * @example
     * ```js
     * const { backups } = await pb.settings.getAll();
     * ```
     * @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
     */
    getAll(options?: CommonOptions): Promise<SettingsObject>;
    /**
     * Tests the S3 connection of `filesystem` (`"storage"`, the default, or
     * `"backups"`); resolves with `true`.
     *
     * @throws {ClientResponseError} 400 with the S3 error in the message (for backups,
     * `pb.backups.testStorage()` makes it readable).
     */
    testS3(filesystem?: string, options?: CommonOptions): Promise<boolean>;
    /**
     * Changes the settings named in `bodyParams` (an object sent as JSON, or a
     * `FormData`) and resolves with all the settings.
     *
     * @example
     * ```js
     * await pb.settings.update({ backups: { cron: "0 3 * * *", cronMaxKeep: 7 } });
     * ```
     * @throws {ClientResponseError} 400 with `response.data.<group>.<field>.code` for a
     * value the server refuses.
     */
    update(bodyParams?: SettingsObject | FormData, options?: CommonOptions): Promise<SettingsObject>;
}

/**
 * True when `e` is an error thrown or rejected by this SDK: an instance of
 * `ClientResponseError`, or an error of the same shape from another copy of the
 * package (where `instanceof` cannot tell).
 *
 * @example
 * ```js
 * try { await pb.backups.delete("missing.zip"); }
 * catch (e) { if (isClientResponseError(e)) console.log(e.status, e.response.message); }
 * ```
 */
export function isClientResponseError(e: unknown): e is ClientResponseError;

/**
 * True when `e` is the error of a `backups.prune` that did not delete every key it
 * meant to: a `PruneError`, or an error of the same shape from another copy of the
 * package.
 *
 * @example
 * ```js
 * try { await pb.backups.prune({ olderThan: 30 * 24 * 3600e3 }); }
 * catch (e) { if (!isPruneError(e)) throw e; console.log(e.deleted, e.failed); }
 * ```
 */
export function isPruneError(e: unknown): e is PruneError;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
