// Type-checked (never run) by scripts/test-packaging.sh with `tsc --noEmit --strict`
// against the installed package, under moduleResolution bundler, node16 and nodenext:
// every public method, property and option of the package (the default entry's types,
// which are the web glue's), called with its documented types.
import {
  init,
  initSync,
  AuthStore,
  BackupService,
  Client,
  FileService,
  HealthService,
  RecordService,
  ClientResponseError,
  isClientResponseError,
  type AuthChangeListener,
  type AuthRecord,
  type AuthResponse,
  type BackupFileInfo,
  type ClientOptions,
  type CreateOptions,
  type DownloadOptions,
  type ErrorResponse,
  type FieldError,
  type HealthCheckResponse,
  type InitInput,
  type InitOutput,
  type PruneOptions,
  type QueryValue,
  type RestoreOptions,
  type RestoreResult,
  type RestoreStatus,
  type SendOptions,
  type SyncInitInput,
  type TransferProgress,
  type UploadBody,
  type UploadOptions,
  type ZipEntryInfo,
  type ZipInspection,
} from "bosbase-backups";

export async function initialise(bytes: Uint8Array, module: WebAssembly.Module): Promise<void> {
  const fetched: InitOutput = await init();
  const fromUrl: InitOutput = await init({ module_or_path: new URL("https://example.com/x.wasm") });
  const input: InitInput = bytes;
  await init({ module_or_path: input });
  await init({ module_or_path: Promise.resolve(input) });
  const sync: SyncInitInput = module;
  const again: InitOutput = initSync({ module: sync });
  console.log(fetched.memory.buffer.byteLength, fromUrl.memory, again.memory);
}

export async function everyCall(file: File, form: FormData): Promise<void> {
  const options: ClientOptions = { persistAuth: true, authStorageKey: "my_app_auth" };
  const client = new Client("http://127.0.0.1:8090", options);
  const relative = new Client();
  const nulls = new Client(null, null);
  const url: string = relative.baseURL + client.buildURL("/api/health") + nulls.baseURL;

  const records: RecordService = client.collection("_superusers");
  const auth: AuthResponse = await records.authWithPassword("admin@example.com", "password123", { requestKey: null });
  const store: AuthStore = client.authStore;
  const record: AuthRecord | null = store.record;
  const email: string | undefined = record?.email;
  const extra: unknown = record?.["anyField"];
  const valid: boolean = store.isValid && store.isSuperuser;
  const token: string = store.token;
  const listener: AuthChangeListener = (t: string, r: AuthRecord | null) => console.log(t.length, r?.collectionName);
  const unsubscribe: () => void = store.onChange(listener, true);
  store.onChange(listener, null)();
  store.onChange(listener)();
  unsubscribe();
  store.save(auth.token, auth.record);
  store.save(token, null);
  store.save(token);

  const health: HealthService = client.health;
  const checked: HealthCheckResponse = await health.check();
  const canBackup: boolean | undefined = checked.data.canBackup;
  const requireS3: boolean | undefined = checked.data.requireS3;
  console.log(checked.code, checked.message, checked.data.realIP, checked.data.possibleProxyHeader);

  const controller = new AbortController();
  const query: Record<string, QueryValue> = { a: 1, b: [true, "x", 2, new Date()], c: new Date(), d: null, e: undefined };
  const send: SendOptions = {
    query,
    headers: { "X-Trace": "1" },
    signal: controller.signal,
    requestKey: "list",
    $autoCancel: true,
    fetch: (input: string, init: RequestInit) => fetch(input, init),
  };
  const backups: BackupService = client.backups;
  const list: BackupFileInfo[] = await backups.getFullList(send);
  await backups.getFullList(null);
  const sizes: number[] = list.map((b) => b.size);
  const times: string[] = list.map((b) => b.modified + b.key);

  const named: string = await backups.create("before_upgrade.zip");
  const auto: string = await backups.create();
  const create: CreateOptions = { retryIfBusy: { maxWaitMs: 30_000 }, requestKey: null };
  const waited: string = await backups.create(null, create);
  const retried: string = await backups.create("nightly.zip", { retryIfBusy: true });
  await backups.create(undefined, { retryIfBusy: {} });

  const fromFile: string = await backups.upload(file, { $autoCancel: false });
  const fromObject: string = await backups.upload({ file });
  const fromForm: string = await backups.upload(form, null);
  const fromBlob: string = await backups.upload(new Blob([new Uint8Array(4)]));
  const body: UploadBody = { file: new Blob([]) };
  const upload: UploadOptions = {
    onProgress: (p: TransferProgress) => console.log(p.loaded / p.total),
    signal: controller.signal,
    verify: false,
  };
  const withProgress: string = await backups.upload(body, upload);

  const inspection: ZipInspection = await backups.inspect(file);
  const entries: ZipEntryInfo[] = inspection.entries;
  const firstEntry: string | undefined = entries[0]?.name;
  const isDir: boolean | undefined = entries[0]?.isDir;
  const sizesOk: boolean = entries.every((e) => e.size >= 0 && e.compressedSize >= 0 && e.method >= 0);
  const zipError: string | undefined = inspection.error?.code ?? inspection.error?.message;
  console.log(inspection.valid, inspection.isBackup, inspection.zip64, inspection.size, inspection.totalUncompressed);

  const downloadOptions: DownloadOptions = { onProgress: ({ loaded, total }) => console.log(loaded, total) };
  const blob: Blob = await backups.download(withProgress, downloadOptions);
  await backups.download(withProgress);
  const saved: string = await backups.save(withProgress, send);
  await backups.save(withProgress);

  const restore: RestoreOptions = {
    wait: true,
    timeoutMs: 120_000,
    onStatus: (s: RestoreStatus) => console.log(s),
  };
  const restored: RestoreResult = await backups.restore(retried, restore);
  const cleared: boolean = restored.authCleared && restored.waited;
  const plain: RestoreResult = await backups.restore(named, { headers: {} });
  await backups.restore(named);

  const prune: PruneOptions = { keep: 7, olderThan: new Date(), match: /^nightly_/, dryRun: true };
  const pruned: string[] = await backups.prune(prune);
  await backups.prune({ keep: 3, olderThan: 86_400_000, match: "nightly_", signal: controller.signal });
  await backups.prune();

  const files: FileService = client.files;
  const fileToken: string = await files.getToken();
  await files.getToken({ requestKey: null });
  const download: string = backups.getDownloadURL(fileToken, named, { download: true });
  const legacy: string = backups.getDownloadUrl(fileToken, named);
  backups.getDownloadURL(fileToken, named, null);
  await backups.delete(auto);
  await backups.delete(auto, { requestKey: null });

  client.autoCancellation(false);
  client.cancelRequest("list");
  client.cancelAllRequests();
  store.clear();

  try {
    await backups.delete("missing.zip");
  } catch (e: unknown) {
    if (isClientResponseError(e)) {
      const err: ClientResponseError = e;
      const asError: Error = err;
      const name: "ClientResponseError" = err.name;
      const status: number = err.status;
      const response: ErrorResponse = err.response;
      const field: FieldError | undefined = response.data?.["name"];
      const code: string | undefined = field?.code;
      const params: Record<string, unknown> | undefined = field?.params;
      const abort: boolean = err.isAbort;
      console.log(asError, name, status, response.status, response.message, code, params, abort, err.message, err.url, err.originalError);
    }
    if (e instanceof ClientResponseError) {
      const narrowed: number = e.status;
      console.log(narrowed);
    }
    const made = new ClientResponseError({ status: 404, message: "Not found.", response: { status: 404 } });
    const plain = new ClientResponseError();
    console.log(made.status, plain.isAbort);
  }

  // Every class frees its wasm memory explicitly or through `using`.
  {
    using scoped = new Client("http://127.0.0.1:8090", { persistAuth: false });
    console.log(scoped.baseURL);
  }
  relative.free();
  nulls[Symbol.dispose]();

  console.log(url, email, extra, valid, canBackup, requireS3, sizes, times, waited, fromFile, fromObject, fromForm, fromBlob);
  console.log(firstEntry, isDir, sizesOk, zipError, blob.size, saved, cleared, plain.waited, pruned, download, legacy);
}

// Wrong types are compile errors.
export function wrongTypes(client: Client): void {
  // @ts-expect-error a key is a string
  void client.backups.delete(42);
  // @ts-expect-error requestKey is a string or null
  void client.backups.getFullList({ requestKey: 1 });
  // @ts-expect-error no such option
  void client.health.check({ nope: true });
  // @ts-expect-error onStatus takes a RestoreStatus
  void client.backups.restore("k", { onStatus: (s: number) => s });
  // @ts-expect-error match is a string or a RegExp
  void client.backups.prune({ keep: 1, match: 5 });
  // @ts-expect-error retryIfBusy is a boolean or {maxWaitMs}
  void client.backups.create(null, { retryIfBusy: 5 });
  // @ts-expect-error verify is a boolean
  void client.backups.upload(new Blob([]), { verify: "no" });
  // @ts-expect-error persistAuth is a boolean
  void new Client("/", { persistAuth: "yes" });
  // @ts-expect-error the services have no public constructor
  void new BackupService();
  // @ts-expect-error the token is read-only
  client.authStore.token = "x";
  // @ts-expect-error a list item has no such field
  void client.backups.getFullList().then((l) => l[0]?.name);
}
