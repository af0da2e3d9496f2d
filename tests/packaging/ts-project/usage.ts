// Type-checked (never run) by scripts/test-packaging.sh with `tsc --noEmit --strict`
// against the installed package, under moduleResolution bundler, node16 and nodenext:
// every public class, method, property and option of "bosbase-backups", called with the
// types its declarations document, and wrong types that must stay errors.
import PocketBase, {
  BackupService,
  BaseAuthStore,
  Client,
  ClientResponseError,
  CronService,
  FileService,
  HealthService,
  LocalAuthStore,
  RecordService,
  SettingsService,
  init,
  initSync,
  isClientResponseError,
  isPruneError,
  PruneError,
  type AfterSendHook,
  type AuthModel,
  type AuthRecord,
  type BackupFileInfo,
  type BackupSchedule,
  type BackupStorage,
  type BackupStorageInput,
  type BeforeSendHook,
  type BeforeSendResult,
  type CommonOptions,
  type CreateOptions,
  type CronJob,
  type DownloadOptions,
  type HealthCheckResponse,
  type InitInput,
  type InitOutput,
  type OnStoreChangeFunc,
  type PruneOptions,
  type QueryValue,
  type RecordAuthResponse,
  type RecordModel,
  type RecordOptions,
  type RestoreInProgressResponse,
  type RestoreOptions,
  type RestoreReport,
  type RestoreStatus,
  type S3StorageInfo,
  type S3StorageInput,
  type ScheduleInput,
  type SendOptions,
  type SettingsObject,
  type SyncInitInput,
  type TransferProgress,
  type UploadBody,
  type UploadOptions,
  type WatchRestoreOptions,
  type ZipEntryInfo,
  type ZipInspection,
  type VerifyOptions,
  type VerifyProblem,
  type VerifyProblemCode,
  type VerifyReport,
  type BackupComparison,
  type BackupExplorer,
  type CollectionComparison,
  type ExploredCollection,
  type ExploredRecords,
  type ExploreOptions,
  type RecoverOptions,
  type RecoveryReport,
} from "bosbase-backups";

// ---- The client: `new PocketBase(baseURL?, authStore?, lang?)`
export function clients(): PocketBase {
  const pb = new PocketBase("http://127.0.0.1:8090");
  const relative: Client = new PocketBase(); // "/", against the page's address
  const inMemory = new PocketBase("http://127.0.0.1:8090", new BaseAuthStore(), "de-DE");
  const defaultStore = new PocketBase("http://127.0.0.1:8090", null);
  const ownKey = new PocketBase("http://127.0.0.1:8090", new LocalAuthStore("my_app_auth"));
  new LocalAuthStore(); // the official key, "pocketbase_auth"

  const base: string = pb.baseURL;
  const legacyBase: string = pb.baseUrl;
  pb.baseURL = "http://127.0.0.1:8091";
  pb.baseUrl = "http://127.0.0.1:8090";
  const lang: string = inMemory.lang;
  pb.lang = "en-US";
  const health: string = pb.buildURL("/api/health");
  const legacy: string = pb.buildUrl("api/health");
  console.log(relative, defaultStore, ownKey, base, legacyBase, lang, health, legacy);
  return pb;
}

// ---- The session: BaseAuthStore (memory) and LocalAuthStore (localStorage)
export async function session(pb: PocketBase): Promise<void> {
  const records: RecordService = pb.collection("_superusers");
  const options: RecordOptions = { expand: "", fields: "*", requestKey: null, mfaId: "x" };
  const auth: RecordAuthResponse = await records.authWithPassword("admin@example.com", "password123", options);
  await records.authWithPassword("admin@example.com", "password123");
  const signedIn: RecordModel = auth.record;
  const meta: { [key: string]: unknown } | undefined = auth.meta;
  const typed: RecordAuthResponse<{ id: string; email: string }> = { record: { id: "x", email: "a@b.c" }, token: "t" };

  const store: BaseAuthStore = pb.authStore;
  const token: string = store.token;
  const record: AuthRecord = store.record;
  const model: AuthModel = store.model;
  const email: string | undefined = record?.email; // any field of the record
  const collection: string | undefined = record?.collectionName;
  const flags: boolean[] = [store.isValid, store.isSuperuser, store.isAdmin, store.isAuthRecord];

  const listener: OnStoreChangeFunc = (t: string, r: AuthRecord) => console.log(t.length, r?.id);
  const unsubscribe: () => void = store.onChange(listener, true);
  store.onChange(listener, null)();
  store.onChange(listener)();
  unsubscribe();
  store.save(auth.token, auth.record);
  store.save(token, null);
  store.save(token);
  store.clear();

  // The store can be swapped, e.g. for one in memory only.
  const memory = new BaseAuthStore();
  memory.save(token, signedIn);
  pb.authStore = memory;
  pb.authStore = new LocalAuthStore("panel_auth");
  const local: BaseAuthStore = new LocalAuthStore(); // a LocalAuthStore is a BaseAuthStore
  console.log(meta, typed, model, email, collection, flags, local);
}

// ---- Hooks: beforeSend may change the URL and headers; afterSend's result replaces the data
export function hooks(pb: PocketBase): void {
  const before: BeforeSendHook = (url: string, options: SendOptions): BeforeSendResult => ({
    url,
    options: { ...options, headers: { ...options.headers, "X-Trace": "1" } },
  });
  pb.beforeSend = before;
  pb.beforeSend = async (url) => ({ url: url.replace("http://", "https://") });
  const after: AfterSendHook = (response: Response, data: unknown, options: SendOptions) => {
    console.log(response.status, options.method);
    return data;
  };
  pb.afterSend = after;
  pb.afterSend = async (_response, data) => data;
  const current: [BeforeSendHook | undefined, AfterSendHook | undefined] = [pb.beforeSend, pb.afterSend];
  pb.beforeSend = undefined;
  pb.afterSend = undefined;
  console.log(current);
}

// ---- SendOptions, accepted by every call; pb.send for any other route
export async function sendOptions(pb: PocketBase, signal: AbortSignal): Promise<void> {
  const query: Record<string, QueryValue> = { a: 1, b: [true, "x", 2, new Date()], c: new Date(), d: null, e: undefined };
  const options: SendOptions = {
    method: "GET",
    query,
    params: { legacy: 1 },
    headers: { "X-Trace": "1" },
    body: { any: "json" },
    signal,
    requestKey: "list",
    $cancelKey: "list",
    $autoCancel: true,
    timeout: 30_000,
    cache: "no-store",
    credentials: "omit",
    fetch: (url: RequestInfo | URL, config?: RequestInit) => fetch(url, config),
    unknownKeysBecomeQuery: "yes",
  };
  const settings: { meta: { appName: string } } = await pb.send("/api/settings", options);
  await pb.send("/api/settings", { method: "PATCH", body: { meta: { appName: "x" } } });
  await pb.send("/api/health");
  const common: CommonOptions = { fields: "key,size", requestKey: null };
  console.log(settings.meta.appName, common);
}

// ---- Backups
export async function backups(pb: PocketBase, file: File, form: FormData, signal: AbortSignal): Promise<void> {
  const service: BackupService = pb.backups;

  const list: BackupFileInfo[] = await service.getFullList();
  await service.getFullList({ fields: "key", requestKey: "list" });
  const described: string[] = list.map((b: BackupFileInfo) => `${b.key} ${b.size} ${b.modified}`);

  // create and upload resolve with the stored key (the official SDK: true).
  const named: string = await service.create("before_upgrade.zip");
  const generated: string = await service.create(); // a unique name is made up
  await service.create("");
  const create: CreateOptions = { retryIfBusy: { maxWaitMs: 30_000 }, requestKey: null };
  await service.create("nightly.zip", create);
  await service.create(undefined, { retryIfBusy: true });
  await service.create("x.zip", { retryIfBusy: {} });

  const fromObject: string = await service.upload({ file });
  const fromForm: string = await service.upload(form);
  const fromFile: string = await service.upload(file, { $autoCancel: false });
  const body: UploadBody = new Blob([new Uint8Array(4)]);
  const upload: UploadOptions = {
    onProgress: (p: TransferProgress) => console.log(p.loaded / p.total),
    verify: false,
    signal,
  };
  const uploaded: string = await service.upload(body, upload);
  // A name of the caller's; a path (in Node).
  const storedAs: string = await service.upload(body, { name: "nightly_copy.zip" });
  const fromPath: string = await service.upload("/var/backups/pb/nightly.zip", { onProgress: (p) => console.log(p.loaded) });
  void [storedAs, fromPath];

  const inspection: ZipInspection = await service.inspect(file);
  const entries: ZipEntryInfo[] = inspection.entries;
  const entry: [string, number, number, number, boolean] | undefined = entries[0] && [
    entries[0].name, entries[0].size, entries[0].compressedSize, entries[0].method, entries[0].isDir,
  ];
  const verdict: [number, boolean, boolean, boolean, number] = [
    inspection.size, inspection.valid, inspection.isBackup, inspection.zip64, inspection.totalUncompressed,
  ];
  const why: string | undefined = inspection.error?.code ?? inspection.error?.message;

  // The explorer: a backup's collections and records, compared, and records recovered.
  const exploreOptions: ExploreOptions = { onProgress: (p: TransferProgress) => p.total, signal };
  const x: BackupExplorer = await service.explore(named, exploreOptions);
  const local2: BackupExplorer = await service.explore(file);
  const listed: ExploredCollection[] = x.collections;
  const kind: "base" | "auth" | "view" = listed[0].type;
  const stored: number | null = listed[0].records;
  const db: Blob = local2.database;
  const walPages: number | undefined = local2.wal?.pages;
  const page: ExploredRecords = await x.records("posts", { page: 2, perPage: 50, ids: ["a"], signal });
  const recordId: string = page.items[0].id;
  const value: unknown = page.items[0]["title"];
  const compared: BackupComparison = await x.compare({ signal });
  const one: CollectionComparison = compared.collections[0];
  const gone: string[] = one.ids?.onlyInBackup ?? [];
  const counted: number | undefined = one.records?.changed;
  const recoverOptions: RecoverOptions = { files: true, overwrite: false, onProgress: ({ done, total }) => done / total };
  const recovered: RecoveryReport = await x.recover("posts", gone, recoverOptions);
  const why2: Error | undefined = recovered.failed[0]?.error;
  const renamed: string | undefined = recovered.files["a"]?.["x.txt"];
  void [listed, kind, stored, db, walPages, recordId, value, counted, why2, renamed];
  x.close();
  // @ts-expect-error ids are strings
  await x.recover("posts", [1]);

  // A test restore without restoring: by key, or a local File/Blob.
  const verifyOptions: VerifyOptions = { onProgress: (p: TransferProgress) => p.loaded, signal };
  const verified: VerifyReport = await service.verify(named, verifyOptions);
  const local: VerifyReport = await service.verify(file);
  const counts: [boolean, number, number, number, number] = [
    verified.ok, verified.entries, verified.bytes, verified.inflatedBytes, verified.storageFiles,
  ];
  const problem: VerifyProblem | undefined = local.problems[0];
  const code: VerifyProblemCode | undefined = problem?.code;
  const crc: VerifyProblemCode = "entry_crc_mismatch";
  void [counts, problem?.entry, problem?.message, code, crc];

  // Downloads: a URL for a file token, a Blob, or the browser's own download.
  const files: FileService = pb.files;
  const token: string = await files.getToken();
  await files.getToken({ requestKey: null });
  const url: string = service.getDownloadURL(token, named);
  const attachment: string = service.getDownloadURL(token, named, { download: true });
  const legacyUrl: string = service.getDownloadUrl(token, named);
  const download: DownloadOptions = { onProgress: ({ loaded, total }) => console.log(loaded, total), signal };
  const blob: Blob = await service.download(named, download);
  await service.download(named);
  // A stream of the bytes, or (in Node) a file written whole or not at all.
  const stream: ReadableStream<Uint8Array> = await service.download(named, { ...download, stream: true });
  const notStreamed: Blob = await service.download(named, { stream: false });
  const written: { path: string; size: number } = await service.downloadToFile(named, "/var/backups/pb/x.zip", download);
  void [stream, notStreamed, written.path, written.size];
  const saved: string = await service.save(named, { signal });
  await service.save(named);

  // Restore: `true` as soon as the server accepts, or a report once it is back.
  const accepted: boolean | RestoreReport = await service.restore(named);
  const restore: RestoreOptions = {
    wait: true,
    timeoutMs: 120_000,
    onStatus: (s: RestoreStatus) => console.log(s),
    requestKey: null,
  };
  // (declared as `boolean | RestoreReport` whatever the options)
  const report = (await service.restore(named, restore)) as RestoreReport;
  const waited: true = report.waited;
  const authCleared: boolean = report.authCleared;
  // Not seen in time: the restore may still be in progress; keep watching.
  try {
    await service.restore(named, { wait: true, timeoutMs: 1_000 });
  } catch (e) {
    if (isClientResponseError(e) && e.response.code === "restore_in_progress") {
      const pending = e.response as RestoreInProgressResponse;
      console.log(pending.code, pending.message);
      const watch: WatchRestoreOptions = { timeoutMs: 30 * 60_000, onStatus: (s: RestoreStatus) => s, signal };
      const resumed: RestoreReport = await service.watchRestore(watch);
      const again: RestoreReport = await service.watchRestore();
      console.log(resumed.authCleared, again.waited);
    }
  }

  // Prune by a retention policy; delete one.
  const policy: PruneOptions = { keep: 7, olderThan: new Date(), match: /^nightly_/, dryRun: true };
  const pruned: string[] = await service.prune(policy);
  await service.prune({ keep: 3, olderThan: 86_400_000, match: "nightly_", signal });
  await service.prune();
  const exactly: string[] = await service.prune({ keep: 7, only: pruned });
  try {
    await service.prune({ olderThan: 86_400_000, keep: 0, only: exactly });
  } catch (e) {
    if (e instanceof PruneError) {
      const notDeleted: string[] = e.failed.map((f) => `${f.key}: ${f.error.status} ${f.error.message}`);
      const first: ClientResponseError = e;
      console.log(e.deleted.length, notDeleted, first.status);
    }
    if (isPruneError(e)) {
      const deletedKeys: string[] = e.deleted;
      console.log(deletedKeys, e.failed[0]?.error.url);
    }
    // @ts-expect-error an unknown error has no `failed` until it is told apart
    console.log(e.failed);
  }
  const deleted: boolean = await service.delete(generated);
  await service.delete(generated, { requestKey: null });

  console.log(described, fromObject, fromForm, fromFile, uploaded, entry, verdict, why, url, attachment, legacyUrl);
  console.log(blob.size, saved, accepted, waited, authCleared, pruned, deleted);
}

// ---- Health and crons
export async function server(pb: PocketBase): Promise<void> {
  const healthService: HealthService = pb.health;
  const health: HealthCheckResponse = await healthService.check();
  await healthService.check({ requestKey: null });
  const canBackup: boolean | undefined = health.data.canBackup;
  const details: (string | boolean | undefined)[] = [
    health.data.realIP, health.data.possibleProxyHeader, health.data.requireS3,
  ];
  console.log(health.code, health.message, canBackup, details);

  const crons: CronService = pb.crons;
  const jobs: CronJob[] = await crons.getFullList();
  await crons.getFullList({ fields: "id" });
  const ran: boolean = await crons.run("__pbAutoBackup__");
  await crons.run(jobs[0]?.id ?? "", { requestKey: null });
  console.log(jobs.map((j: CronJob) => `${j.id} ${j.expression}`), ran);
}

// ---- Settings (the official SettingsService) and the backup schedule and storage
export async function settings(pb: PocketBase): Promise<void> {
  const service: SettingsService = pb.settings;
  const all: { [key: string]: any } = await service.getAll(); // as in the official SDK
  const typed: SettingsObject = await service.getAll({ fields: "backups" });
  const updated: SettingsObject = await service.update({ backups: { cronMaxKeep: 3 } });
  await service.update(new FormData(), { requestKey: null });
  await service.update();
  const s3ok: boolean = await service.testS3();
  await service.testS3("backups", { requestKey: null });
  console.log(all, typed, updated, s3ok);

  const schedule: BackupSchedule = await pb.backups.getSchedule();
  const next: Date | undefined = schedule.nextRuns[0];
  const cron: string = schedule.cron;
  const keep: number = schedule.maxKeep;
  const input: ScheduleInput = { cron: "0 3 * * *", maxKeep: 7 };
  const set: BackupSchedule = await pb.backups.setSchedule(input);
  await pb.backups.setSchedule({ cron: "" }, { requestKey: null });
  console.log(next?.toISOString(), cron, keep, set);

  const storage: BackupStorage = await pb.backups.getStorage();
  if (!storage.local) {
    const info: S3StorageInfo = storage.s3;
    console.log(info.bucket, info.region, info.endpoint, info.accessKey, info.forcePathStyle);
  }
  const s3: S3StorageInput = {
    bucket: "backups", region: "us-east-1", endpoint: "https://s3.example.com", accessKey: "AKIA", secret: "s",
    forcePathStyle: true,
  };
  const onS3: BackupStorage = await pb.backups.setStorage({ s3 });
  const local: BackupStorageInput = { local: true };
  await pb.backups.setStorage(local);
  await pb.backups.setStorage({ s3: { bucket: "b", region: "r", endpoint: "https://e", accessKey: "k" } });
  const tested: boolean = await pb.backups.testStorage();
  const key: string = await pb.backups.runScheduledNow({ signal: new AbortController().signal });
  console.log(onS3, tested, key);

  // @ts-expect-error the secret is never read back
  void pb.backups.getStorage().then((s) => (s.local ? "" : s.s3.secret));
  // @ts-expect-error maxKeep is a number
  void pb.backups.setSchedule({ cron: "@daily", maxKeep: "7" });
  // @ts-expect-error cron is required
  void pb.backups.setSchedule({ maxKeep: 7 });
  // @ts-expect-error s3 and local: one or the other
  void pb.backups.setStorage({ local: true, s3 });
  // @ts-expect-error nextRuns are Dates
  const wrong: string[] = schedule.nextRuns;
  void wrong;
}

// ---- Cancellation
export function cancellation(pb: PocketBase): Client {
  const same: Client = pb.autoCancellation(false).cancelRequest("list").cancelAllRequests();
  return same.autoCancellation(true);
}

// ---- Errors: every failed call rejects with a ClientResponseError
export async function errors(pb: PocketBase): Promise<void> {
  try {
    await pb.backups.delete("missing.zip");
  } catch (e: unknown) {
    if (e instanceof ClientResponseError) {
      const asError: Error = e;
      const name: string = e.name; // "ClientResponseError 400"
      const status: number = e.status; // 0 without an answer
      const code: string | undefined = e.response.data?.name?.code;
      const message: string = e.response.message ?? e.message;
      const data: { [key: string]: unknown } = e.data;
      const plain: ClientResponseError = e.toJSON();
      console.log(asError, name, status, code, message, data, plain, e.url, e.isAbort, e.originalError, e.cause);
    }
    if (isClientResponseError(e)) {
      const narrowed: number = e.status;
      console.log(narrowed);
    }
  }
  const made = new ClientResponseError({ status: 404, message: "Not found.", response: { status: 404 } });
  const wrapped = new ClientResponseError(new Error("offline"));
  const empty = new ClientResponseError();
  console.log(made.status, wrapped.originalError, empty.isAbort);
}

// ---- The wasm module: loaded by the import; init/initSync are there for glue-style code
export async function wasm(bytes: Uint8Array, module: WebAssembly.Module, pb: PocketBase): Promise<void> {
  const loaded: InitOutput = await init();
  const input: InitInput = bytes;
  await init({ module_or_path: input });
  await init({ module_or_path: Promise.resolve(new URL("https://example.com/x.wasm")) });
  const sync: SyncInitInput = module;
  const again: InitOutput = initSync({ module: sync });
  console.log(loaded.memory.buffer.byteLength, again.memory);

  // Every class frees its wasm memory explicitly or through `using`.
  {
    using scoped = new PocketBase("http://127.0.0.1:8090");
    console.log(scoped.baseURL);
  }
  const store = new BaseAuthStore();
  store.free();
  new LocalAuthStore()[Symbol.dispose]();
  pb.backups.free();
  pb.free();
}

// ---- Wrong types are compile errors
export function wrongTypes(pb: PocketBase, file: File): void {
  // @ts-expect-error a key is a string
  void pb.backups.delete(42);
  // @ts-expect-error create resolves with the key, a string (the official SDK: true)
  void pb.backups.create("x.zip").then((ok: boolean) => ok);
  // @ts-expect-error upload resolves with the key, a string (the official SDK: true)
  void pb.backups.upload({ file }).then((ok: boolean) => ok);
  // @ts-expect-error a name is a string
  void pb.backups.create(null);
  // @ts-expect-error requestKey is a string or null
  void pb.backups.getFullList({ requestKey: 1 });
  // @ts-expect-error headers are strings
  void pb.health.check({ headers: { "X-Count": 1 } });
  // @ts-expect-error onStatus takes a RestoreStatus
  void pb.backups.restore("k", { onStatus: (s: number) => s });
  // @ts-expect-error watchRestore's onStatus takes a RestoreStatus
  void pb.backups.watchRestore({ onStatus: (s: number) => s });
  // @ts-expect-error timeoutMs is a number
  void pb.backups.watchRestore({ timeoutMs: "5000" });
  // @ts-expect-error match is a string or a RegExp
  void pb.backups.prune({ keep: 1, match: 5 });
  // @ts-expect-error retryIfBusy is a boolean or {maxWaitMs}
  void pb.backups.create("x.zip", { retryIfBusy: 5 });
  // @ts-expect-error verify is a boolean
  void pb.backups.upload(file, { verify: "no" });
  // @ts-expect-error a streamed download is not a Blob
  void pb.backups.download("x.zip", { stream: true }).then((b: Blob) => b.size);
  // @ts-expect-error downloadToFile needs the file's path
  void pb.backups.downloadToFile("x.zip");
  // @ts-expect-error inspect reads a Blob
  void pb.backups.inspect("x.zip");
  // @ts-expect-error verify reads a key or a Blob
  void pb.backups.verify(42);
  // @ts-expect-error a problem's code is one of VerifyProblemCode
  const unknownCode: VerifyProblemCode = "entry_unknown";
  void unknownCode;
  // @ts-expect-error the second argument is an auth store
  void new PocketBase("/", { persistAuth: true });
  // @ts-expect-error a storage key is a string
  void new LocalAuthStore(1);
  // @ts-expect-error an onChange callback takes (token, record)
  pb.authStore.onChange((token: number) => token);
  // @ts-expect-error the services have no public constructor
  void new BackupService();
  // @ts-expect-error the token is read-only
  pb.authStore.token = "x";
  // @ts-expect-error the services are read-only
  pb.backups = pb.backups;
  // @ts-expect-error beforeSend is a function
  pb.beforeSend = "x";
  // @ts-expect-error a list item has no such field
  void pb.backups.getFullList().then((l) => l[0]?.name);
}
