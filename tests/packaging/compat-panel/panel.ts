// A backup panel as a user of the official SDK (`pocketbase` 0.28.1) writes it, against
// that SDK's types. scripts/test-packaging.sh type-checks and runs it twice: as it is,
// and with only the import line below changed to `from "bosbase-backups"`. Every step
// reports what a user would see — statuses, error codes, counts, keys, booleans — for
// compare.mjs to hold the two runs side by side.
import PocketBase, { BaseAuthStore, ClientResponseError, LocalAuthStore, type AuthRecord, type BeforeSendResult, type HealthCheckResponse, type RecordAuthResponse, type SendOptions } from "pocketbase";

/** One step of the panel and what it showed. */
export interface PanelStep {
  step: string;
  [result: string]: unknown;
}

export const SUPERUSER = { email: "admin@example.com", password: "password123" };
/** Where the session is kept (the panel's own `localStorage` key). */
export const AUTH_KEY = "panel_auth";
/** A header every request carries (set by `beforeSend`); the health check reports it. */
const PROXY_HEADER = "X-Forwarded-For";

/** What a failed call shows: the fields of a `ClientResponseError`. */
function describe(e: unknown): Record<string, unknown> {
  if (!(e instanceof ClientResponseError)) {
    return { clientResponseError: false, error: String(e) };
  }
  const fields: Record<string, string> = {};
  for (const [field, detail] of Object.entries(e.response.data ?? {})) {
    fields[field] = (detail as { code?: string }).code ?? "";
  }
  return {
    clientResponseError: true,
    isError: e instanceof Error,
    name: e.name,
    status: e.status,
    isAbort: e.isAbort,
    message: e.message,
    url: e.url,
    responseStatus: e.response.status ?? null,
    responseMessage: e.response.message ?? null,
    codes: fields,
    sameData: e.data === e.response,
    originalError: e.originalError == null ? null : String(e.originalError.name ?? typeof e.originalError),
    json: Object.keys(e.toJSON()).sort(),
  };
}

/** Runs `call`, expecting it to fail; what the failure showed. */
async function failure(call: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    const value = await call();
    return { failed: false, value };
  } catch (e) {
    return { failed: true, ...describe(e) };
  }
}

/** What `create` and `upload` resolved to: the official SDK's `true`, or a key. */
function outcome(result: unknown): Record<string, unknown> {
  return { type: typeof result, truthy: Boolean(result), value: result };
}

/** A backup name from the time, as `pb_data/backups` expects: `[a-z0-9_-]+.zip`. */
function stamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "").replace(/-|:/g, "").replace("T", "_");
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client of the server with the session in `localStorage` under AUTH_KEY. */
export function createClient(baseURL: string): PocketBase {
  return new PocketBase(baseURL, new LocalAuthStore(AUTH_KEY));
}

/**
 * The panel: signs in, looks at the server, makes, copies, downloads, restores and
 * deletes backups, and reports each step to `log`.
 */
export async function runPanel(baseURL: string, log: (step: PanelStep) => void): Promise<void> {
  const pb = createClient(baseURL);
  log({
    step: "client",
    baseURL: pb.baseURL,
    baseUrl: pb.baseUrl,
    lang: pb.lang,
    buildURL: pb.buildURL("/api/backups"),
    buildUrl: pb.buildUrl("api/backups"),
    localAuthStore: pb.authStore instanceof LocalAuthStore,
    baseAuthStore: pb.authStore instanceof BaseAuthStore,
  });

  // The session: every change is noted, the first one at once.
  const changes: Array<{ token: boolean; collection: string | null }> = [];
  const unsubscribe = pb.authStore.onChange((token: string, record: AuthRecord) => {
    changes.push({ token: token !== "", collection: record?.collectionName ?? null });
  }, true);

  // The hooks: each request and answer, as method + path and status + path.
  let requests: string[] = [];
  const path = (url: string) => {
    const u = new URL(url);
    return u.pathname + u.search;
  };
  pb.beforeSend = (url: string, options: SendOptions): BeforeSendResult => {
    requests.push(`${options.method ?? "GET"} ${path(url)}`);
    return { url, options: { ...options, headers: { ...options.headers, [PROXY_HEADER]: "203.0.113.7" } } };
  };
  pb.afterSend = (response: Response, data: unknown) => {
    requests.push(`${response.status} ${path(response.url)}`);
    // The health answer gets a mark: what afterSend returns is what the caller sees.
    if (new URL(response.url).pathname === "/api/health") return { ...(data as object), seenByPanel: true };
    return data;
  };
  const requestsOf = (step: PanelStep): PanelStep => {
    const made = requests;
    requests = [];
    return { ...step, requests: made };
  };

  const anonymous: HealthCheckResponse = await pb.health.check();
  log(requestsOf({
    step: "health, signed out",
    code: anonymous.code,
    message: anonymous.message,
    dataKeys: Object.keys(anonymous.data).sort(),
  }));
  log(requestsOf({ step: "list, signed out", ...(await failure(() => pb.backups.getFullList())) }));
  log(requestsOf({
    step: "sign in, wrong password",
    ...(await failure(() => pb.collection("_superusers").authWithPassword(SUPERUSER.email, "wrong password"))),
    isValid: pb.authStore.isValid,
  }));

  const auth: RecordAuthResponse = await pb.collection("_superusers").authWithPassword(SUPERUSER.email, SUPERUSER.password);
  const stored = JSON.parse(localStorage.getItem(AUTH_KEY) ?? "null");
  log(requestsOf({
    step: "sign in",
    token: auth.token !== "" && auth.token === pb.authStore.token,
    record: auth.record.collectionName,
    email: auth.record.email,
    recordInStore: pb.authStore.record?.id === auth.record.id,
    modelInStore: pb.authStore.model?.id === auth.record.id,
    isValid: pb.authStore.isValid,
    isSuperuser: pb.authStore.isSuperuser,
    isAdmin: pb.authStore.isAdmin,
    isAuthRecord: pb.authStore.isAuthRecord,
    storedKeys: Object.keys(stored ?? {}).sort(),
    storedToken: stored?.token === auth.token,
    storedRecord: stored?.record?.email ?? null,
    changes: changes.splice(0),
  }));

  const health: HealthCheckResponse = await pb.health.check();
  log(requestsOf({
    step: "health, superuser",
    code: health.code,
    message: health.message,
    dataKeys: Object.keys(health.data).sort(),
    canBackup: health.data.canBackup,
    // The server saw the header beforeSend added.
    possibleProxyHeader: health.data.possibleProxyHeader ?? null,
    // afterSend's result replaced the answer.
    seenByPanel: (health as HealthCheckResponse & { seenByPanel?: boolean }).seenByPanel ?? false,
  }));

  const crons = await pb.crons.getFullList();
  log(requestsOf({ step: "crons", ids: crons.map((c) => c.id).sort(), expressions: crons.every((c) => c.expression !== "") }));

  const initial = await pb.backups.getFullList();
  log(requestsOf({ step: "list", count: initial.length, keys: initial.map((b) => b.key) }));

  // Create: the name is the panel's, from the time.
  const name = `panel_${stamp(new Date())}.zip`;
  log(requestsOf({ step: "create", ...outcome(await pb.backups.create(name)) }));
  log(requestsOf({ step: "create, invalid name", ...(await failure(() => pb.backups.create("Not Valid.zip"))) }));
  log(requestsOf({ step: "create, existing name", ...(await failure(() => pb.backups.create(name))) }));
  const afterCreate = await pb.backups.getFullList();
  const made = afterCreate.find((b) => b.key === name);
  log(requestsOf({
    step: "list after create",
    count: afterCreate.length,
    keys: afterCreate.map((b) => b.key),
    size: (made?.size ?? 0) > 0,
    modified: !Number.isNaN(Date.parse(made?.modified ?? "")),
  }));

  // Download through a file token, as an <a href> would.
  const token = await pb.files.getToken();
  const url = pb.backups.getDownloadURL(token, name);
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  log(requestsOf({
    step: "download",
    token: typeof token === "string" && token !== "" && token !== pb.authStore.token,
    url: url.replace(token, "<file token>"),
    legacyUrl: pb.backups.getDownloadUrl(token, name) === url,
    status: response.status,
    contentType: response.headers.get("Content-Type"),
    zip: bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4,
    listedSize: bytes.length === made?.size,
  }));
  const forged = await fetch(pb.backups.getDownloadURL("not-a-token", name));
  await forged.arrayBuffer();
  log(requestsOf({ step: "download, bad token", status: forged.status }));

  // Upload the downloaded bytes under another name, then a file that is not a zip.
  const copy = name.replace(".zip", "_copy.zip");
  const file = new File([bytes], copy, { type: "application/zip" });
  log(requestsOf({ step: "upload", ...outcome(await pb.backups.upload({ file })) }));
  const notZip = new File(["just text"], "notes.txt", { type: "text/plain" });
  log(requestsOf({ step: "upload, not a zip", ...(await failure(() => pb.backups.upload({ file: notZip }))) }));
  const afterUpload = await pb.backups.getFullList();
  log(requestsOf({
    step: "list after upload",
    keys: afterUpload.map((b) => b.key),
    sameSize: afterUpload.find((b) => b.key === copy)?.size === made?.size,
  }));

  // Cancellation: by requestKey, and a duplicate request cancelling the first.
  const pending = pb.backups.getFullList({ requestKey: "panel-list" });
  pb.cancelRequest("panel-list");
  log(requestsOf({ step: "cancelled by requestKey", ...(await failure(() => pending)) }));
  const first = failure(() => pb.backups.getFullList());
  const second = pb.backups.getFullList();
  log(requestsOf({ step: "auto-cancelled duplicate", first: await first, second: (await second).length }));
  const all = failure(() => pb.health.check({ requestKey: "panel-health" }));
  pb.cancelAllRequests();
  log(requestsOf({ step: "cancelAllRequests", ...(await all) }));

  // Anything else through pb.send: the app name, changed after the backup was made.
  const settings: { meta: { appName: string } } = await pb.send("/api/settings", { method: "GET" });
  const originalName = settings.meta.appName;
  const renamed: { meta: { appName: string } } = await pb.send("/api/settings", {
    method: "PATCH",
    body: { meta: { appName: "Renamed by the panel" } },
  });
  log(requestsOf({ step: "send", appName: originalName, renamed: renamed.meta.appName }));
  log(requestsOf({
    step: "send, unknown route",
    ...(await failure(() => pb.send("/api/panel/nothing-here", { method: "GET", query: { a: 1 } }))),
  }));

  // Restore the backup made before the rename; the server restarts. Wait until it
  // answers again with the old name.
  log(requestsOf({ step: "restore, unknown key", ...(await failure(() => pb.backups.restore("missing.zip"))) }));
  const restore = await pb.backups.restore(name);
  log(requestsOf({ step: "restore", type: typeof restore, value: restore }));
  const names: string[] = [];
  for (const deadline = Date.now() + 90_000; Date.now() < deadline && names.at(-1) !== originalName; await sleep(200)) {
    try {
      const now: { meta: { appName: string } } = await pb.send("/api/settings", { method: "GET", requestKey: null });
      if (names.at(-1) !== now.meta.appName) names.push(now.meta.appName);
    } catch (e) {
      // Restarting: no answer (status 0), or an error while it swaps its data. Whether a
      // poll falls in that gap is timing, so these are not reported.
      if (!(e instanceof ClientResponseError) || e.isAbort) throw e;
    }
  }
  // How many polls it took varies: the requests are reported once each.
  const polled = [...new Set(requests)];
  requests = [];
  const back: HealthCheckResponse = await pb.health.check();
  log(requestsOf({
    step: "restore, server back",
    appNames: names,
    health: back.code,
    canBackup: back.data.canBackup,
    signedIn: pb.authStore.isValid,
    polled,
  }));

  // The backups folder survives a restore.
  const afterRestore = await pb.backups.getFullList();
  log(requestsOf({ step: "list after restore", keys: afterRestore.map((b) => b.key) }));

  // Another client, its session in memory only, given the same session.
  const memory = new BaseAuthStore();
  memory.save(pb.authStore.token, pb.authStore.record);
  const reader = new PocketBase(baseURL, memory, "de-DE");
  log({
    step: "memory session",
    isValid: reader.authStore.isValid,
    isSuperuser: reader.authStore.isSuperuser,
    lang: reader.lang,
    count: (await reader.backups.getFullList()).length,
  });

  // Delete: the copy, and a key that does not exist.
  log(requestsOf({ step: "delete", value: await pb.backups.delete(copy) }));
  log(requestsOf({ step: "delete, unknown key", ...(await failure(() => pb.backups.delete("missing.zip"))) }));
  const afterDelete = await pb.backups.getFullList();
  log(requestsOf({ step: "list after delete", keys: afterDelete.map((b) => b.key) }));

  // Sign out.
  pb.authStore.clear();
  log(requestsOf({
    step: "sign out",
    isValid: pb.authStore.isValid,
    token: pb.authStore.token,
    record: pb.authStore.record,
    stored: localStorage.getItem(AUTH_KEY),
    changes: changes.splice(0),
  }));
  unsubscribe();
  pb.authStore.save("", null);
  log(requestsOf({
    step: "after unsubscribe",
    changes: changes.length,
    ...(await failure(() => pb.backups.getFullList())),
  }));
}
