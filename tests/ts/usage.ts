// Type-checked with `tsc --noEmit --strict` by scripts/check-package.sh: every public
// method and option of the package, called with its documented types. Never run.
import init, {
  Client,
  isClientResponseError,
  type AuthRecord,
  type AuthResponse,
  type BackupFileInfo,
  type ClientOptions,
  type ClientResponseError,
  type HealthCheckResponse,
  type SendOptions,
  type CreateOptions,
  type UploadOptions,
  type DownloadOptions,
  type RestoreOptions,
  type RestoreResult,
  type RestoreStatus,
  type PruneOptions,
  type TransferProgress,
} from "../../pkg/web/bosbase_backups.js";

export async function everyCall(file: File, form: FormData): Promise<void> {
  await init();
  const options: ClientOptions = { persistAuth: true, authStorageKey: "my_app_auth" };
  const client = new Client("http://127.0.0.1:8090", options);
  const relative = new Client();
  const url: string = relative.baseURL + client.buildURL("/api/health");

  const auth: AuthResponse = await client
    .collection("_superusers")
    .authWithPassword("admin@example.com", "password123", { requestKey: null });
  const record: AuthRecord | null = client.authStore.record;
  const valid: boolean = client.authStore.isValid && client.authStore.isSuperuser;
  const token: string = client.authStore.token;
  const unsubscribe: () => void = client.authStore.onChange((t: string, r: AuthRecord | null) => {
    console.log(t.length, r?.collectionName);
  }, true);
  unsubscribe();
  client.authStore.save(auth.token, auth.record);
  client.authStore.save(token);

  const health: HealthCheckResponse = await client.health.check();
  const canBackup: boolean | undefined = health.data.canBackup;

  const controller = new AbortController();
  const send: SendOptions = {
    query: { a: 1, b: [true, "x"], c: new Date(), d: null },
    headers: { "X-Trace": "1" },
    signal: controller.signal,
    requestKey: "list",
    fetch: (input: string, init: RequestInit) => fetch(input, init),
  };
  const list: BackupFileInfo[] = await client.backups.getFullList(send);
  const sizes: number[] = list.map((b) => b.size);
  const times: string[] = list.map((b) => b.modified + b.key);

  const named: string = await client.backups.create("before_upgrade.zip");
  const auto: string = await client.backups.create();
  const fromFile: string = await client.backups.upload(file, { $autoCancel: false });
  const fromObject: string = await client.backups.upload({ file });
  const fromForm: string = await client.backups.upload(form);
  const fromBlob: string = await client.backups.upload(new Blob([new Uint8Array(4)]));

  const create: CreateOptions = { retryIfBusy: { maxWaitMs: 30_000 }, requestKey: null };
  const waited: string = await client.backups.create(null, create);
  const retried: string = await client.backups.create("nightly.zip", { retryIfBusy: true });
  const upload: UploadOptions = {
    onProgress: (p: TransferProgress) => console.log(p.loaded / p.total),
    signal: controller.signal,
  };
  const withProgress: string = await client.backups.upload(file, upload);
  const downloadOptions: DownloadOptions = { onProgress: ({ loaded, total }) => console.log(loaded, total) };
  const blob: Blob = await client.backups.download(withProgress, downloadOptions);
  const saved: string = await client.backups.save(withProgress);
  const restore: RestoreOptions = {
    wait: true,
    timeoutMs: 120_000,
    onStatus: (s: RestoreStatus) => console.log(s),
  };
  const restored: RestoreResult = await client.backups.restore(retried, restore);
  const cleared: boolean = restored.authCleared && restored.waited;
  const prune: PruneOptions = { keep: 7, olderThan: new Date(), match: /^nightly_/, dryRun: true };
  const pruned: string[] = await client.backups.prune(prune);
  await client.backups.prune({ keep: 3, olderThan: 86_400_000, match: "nightly_" });
  console.log(waited, blob.size, saved, cleared, pruned);

  const fileToken: string = await client.files.getToken();
  const download: string = client.backups.getDownloadURL(fileToken, named, { download: true });
  const legacy: string = client.backups.getDownloadUrl(fileToken, named);
  await client.backups.delete(auto);
  const plain: RestoreResult = await client.backups.restore(named, { headers: {} });
  console.log(plain.waited);

  client.autoCancellation(false);
  client.cancelRequest("list");
  client.cancelAllRequests();
  client.authStore.clear();

  try {
    await client.backups.delete("missing.zip");
  } catch (e: unknown) {
    if (isClientResponseError(e)) {
      const err: ClientResponseError = e;
      const status: number = err.status;
      const code: string | undefined = err.response.data?.["name"]?.code;
      const abort: boolean = err.isAbort;
      console.log(status, code, abort, err.message, err.url, err.originalError);
    }
  }
  console.log(url, record, valid, canBackup, sizes, times, fromFile, fromObject, fromForm, fromBlob, download, legacy);
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
}
