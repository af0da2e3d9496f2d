// Backup Manager: a single page over the Backups API of a PocketBase/BosBase server,
// built on the bosbase-backups package. Sign in as a superuser, then list, create,
// upload (picker or drag-and-drop, verified first), download, delete, restore and
// prune backups. Served by the server itself (scripts/demo.sh), so the client's base
// URL is the page's own origin.
// The package is imported below, inside a try, so that a module that cannot load is
// reported on the page; until then no error is the SDK's.
let isClientResponseError = () => false;

const $ = (id) => document.getElementById(id);

// The server's rule for backup names (it answers 400 otherwise).
const NAME_RULE = /^[a-z0-9_-]+\.zip$/;
const NAME_MAX = 150;
// Larger backups are handed to the browser's own download (streamed to disk) instead
// of being collected in memory first.
const SAVE_ABOVE = 512 * 1024 * 1024;
const DAY_MS = 24 * 3600 * 1000;

let client;
let signedIn = null; // null until the first syncView()
let backups = []; // the listed backups, newest first
let known = new Set(); // their keys
let busy = ""; // the running change (create, delete, prune, restore), "" when none
let upload = null; // { file, controller } while an upload runs
let download = null; // { key, controller } while a download runs
let picked = null; // { file, report, ok } the file chosen for upload (report once inspected)

// ---- messages ---------------------------------------------------------------------

const statusLine = $("status");

function setStatus(text, kind = "info") {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

function serverName() {
  return location.host || "the server";
}

// A sentence for the user about any failure.
function explain(err) {
  if (!isClientResponseError(err)) return String(err?.message ?? err);
  const data = err.response?.data ?? {};
  const field = Object.values(data).find((e) => e && typeof e === "object");
  const message = err.response?.message || err.message || "";

  if (err.status === 0) {
    if (err.isAbort) return "Cancelled.";
    if (err.originalError) {
      return `Cannot reach ${serverName()}: no answer from the server. It may be down or restarting; ` +
        "try again once it is back.";
    }
    return err.message; // refused before sending, or a restore that did not come back
  }
  if (/try again later/i.test(message)) {
    return "The server is busy with another backup or restore. Try again later.";
  }
  if (err.status === 401) return "Your session has expired or was revoked. Please sign in again.";
  if (err.status === 403) return "Only superusers can manage backups.";
  if (field) {
    switch (field.code) {
      case "validation_match_invalid":
        return "Invalid name: use only lowercase letters, digits, _ and -, ending in .zip.";
      case "validation_length_out_of_range":
        return `Invalid name: it must be 1 to ${NAME_MAX} characters long.`;
      case "validation_backup_name_exists":
        return "A backup with this name already exists.";
      default:
        return field.message ? `${message ? `${message} ` : ""}${field.message}`.trim() : message;
    }
  }
  if (err.status === 404) return `Not found: ${message || "the backup no longer exists."}`;
  return `${message || "The request failed."} (HTTP ${err.status})`;
}

// ---- formatting -------------------------------------------------------------------

function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return "?";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function parseModified(modified) {
  // The server writes "2026-11-28 05:59:21.176Z"; with a "T" it is ISO 8601.
  return new Date(String(modified).replace(" ", "T"));
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function percent(loaded, total) {
  if (!total) return 100;
  return Math.min(100, Math.floor((loaded / total) * 100));
}

// Characters that show as nothing or reorder the text around them: controls,
// bidirectional overrides and isolates, zero-width and other format characters, line
// separators, unassigned and private-use code points, blank letters, and any space but
// the plain one. A key holding them can look like another key (U+202E turns
// "x\u202Epiz.exe" into "xexe.zip"), so confirmations show them escaped.
const HIDDEN_CHARS = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]|[^\S ]/gu;

// The key as confirmations show it: hidden characters as \u202E (\u{E0041} above
// U+FFFF), and a backslash as \\ so that the escapes cannot be faked.
function showKey(key) {
  return key.replace(/\\/g, "\\\\").replace(HIDDEN_CHARS, (c) => {
    const hex = c.codePointAt(0).toString(16).toUpperCase();
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
  });
}

// A sentence for a confirmation about a key whose hidden characters were escaped.
function hiddenNote(key) {
  return key.match(HIDDEN_CHARS)
    ? " Its name holds invisible or direction-changing characters, shown as \\u codes."
    : "";
}

// ---- session ----------------------------------------------------------------------

// The session lives in this tab's sessionStorage, gone when the tab closes; "Remember
// me" keeps it in localStorage instead, for every tab and after a restart of the
// browser. A sign-out in one tab signs out every tab of the page (BroadcastChannel).
const SESSION_KEY = "backup_manager_session";
let remember = false;
const tabs = "BroadcastChannel" in window ? new BroadcastChannel("backup-manager") : null;

function readSession(storage) {
  try {
    const saved = JSON.parse(storage.getItem(SESSION_KEY) ?? "null");
    return typeof saved?.token === "string" && saved.token ? saved : null;
  } catch {
    return null;
  }
}

// A BaseAuthStore (memory only) filled from, and saved to, the storage chosen above.
function pageAuthStore(BaseAuthStore) {
  const store = new BaseAuthStore();
  const mine = readSession(sessionStorage);
  const remembered = mine ? null : readSession(localStorage);
  remember = Boolean(remembered);
  const saved = mine ?? remembered;
  if (saved) store.save(saved.token, saved.record ?? null);
  store.onChange((token, record) => {
    const keep = remember ? localStorage : sessionStorage;
    (remember ? sessionStorage : localStorage).removeItem(SESSION_KEY);
    if (token) keep.setItem(SESSION_KEY, JSON.stringify({ token, record }));
    else keep.removeItem(SESSION_KEY);
  });
  if (saved && !store.isValid) store.clear(); // expired while away
  return store;
}

// Shows the sign-in form or the manager; called on start and after every session change.
function syncView() {
  const now = client.authStore.isValid && client.authStore.isSuperuser;
  if (now === signedIn) return;
  const first = signedIn === null;
  signedIn = now;
  $("login").hidden = now;
  $("manager").hidden = !now;
  $("session").hidden = !now;
  $("who").textContent = now ? client.authStore.record?.email ?? "superuser" : "";
  if (now) {
    refresh();
  } else {
    download?.controller.abort();
    upload?.controller.abort();
    backups = [];
    known = new Set();
    $("backups").tBodies[0].replaceChildren();
    $("restore-panel").hidden = true;
    closeDialogs();
    if (first) setStatus("Sign in to manage the backups.");
    ($("email").value ? $("password") : $("email")).focus();
  }
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const submit = $("sign-in");
  submit.disabled = true;
  setStatus("Signing in…");
  try {
    remember = $("remember").checked;
    await client.collection("_superusers").authWithPassword($("email").value.trim(), $("password").value);
    $("password").value = "";
    $("list-title").focus();
  } catch (err) {
    const wrong = err?.status === 400;
    setStatus(wrong ? "Sign-in failed: wrong email or password." : `Sign-in failed: ${explain(err)}`, "error");
    $("password").select();
  } finally {
    submit.disabled = false;
  }
});

$("sign-out").addEventListener("click", () => {
  client.authStore.clear();
  tabs?.postMessage("signed-out");
  setStatus("Signed out.");
});

tabs?.addEventListener("message", ({ data }) => {
  if (data !== "signed-out" || !client || !client.authStore.token) return;
  client.authStore.clear();
  setStatus("Signed out in another tab.");
});

// Any call that finds the session gone sends the user back to the sign-in form.
function fail(err, prefix = "") {
  if (err?.isAbort) return;
  setStatus(prefix + explain(err), "error");
  if (err?.status === 401) client.authStore.clear();
}

// ---- list -------------------------------------------------------------------------

function button(text, label, onClick, className = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  if (className) b.className = className;
  b.addEventListener("click", onClick);
  return b;
}

function cell(content, label, className = "") {
  const td = document.createElement("td");
  td.dataset.label = label;
  if (className) td.className = className;
  td.append(content);
  return td;
}

function render(list, fresh = "") {
  backups = list
    .map((b) => ({ ...b, date: parseModified(b.modified) }))
    .sort((a, b) => (b.date - a.date) || a.key.localeCompare(b.key));
  known = new Set(backups.map((b) => b.key));
  const total = backups.reduce((sum, b) => sum + b.size, 0);
  $("count").textContent = backups.length ? `(${backups.length} · ${formatSize(total)})` : "(0)";

  const rows = backups.map((b) => {
    const time = document.createElement("time");
    const valid = !Number.isNaN(b.date.getTime());
    time.dateTime = valid ? b.date.toISOString() : b.modified;
    time.textContent = valid ? dateFormat.format(b.date) : b.modified;
    time.title = `${b.modified} (server time, UTC)`;

    const size = document.createElement("span");
    size.textContent = formatSize(b.size);
    size.title = `${b.size.toLocaleString()} bytes`;

    const key = document.createElement("span");
    key.textContent = b.key;

    const actions = document.createElement("div");
    actions.className = "row-actions";
    actions.append(
      button("Download", `Download ${b.key}`, () => startDownload(b)),
      button("Restore", `Restore ${b.key}`, () => restore(b)),
      button("Delete", `Delete ${b.key}`, () => remove(b), "danger-outline"),
    );
    const tr = document.createElement("tr");
    tr.dataset.key = b.key;
    if (b.key === fresh) tr.className = "fresh";
    tr.append(cell(key, "Name", "key"), cell(size, "Size", "num"), cell(time, "Created"), cell(actions, "Actions", "actions"));
    return tr;
  });
  if (rows.length === 0) {
    const td = cell("No backups yet. Create one above, or upload a backup file.", "", "empty");
    td.colSpan = 4;
    const tr = document.createElement("tr");
    tr.append(td);
    rows.push(tr);
  }
  $("backups").tBodies[0].replaceChildren(...rows);
  checkName();
  if (picked?.report && !upload) picked.ok = showVerdict(picked.file, picked.report);
  updateControls();
}

// Reloads the list; a newer refresh cancels an older pending one (auto-cancellation).
// Resolves with true once the list is shown.
async function refresh({ done = "", fresh = "" } = {}) {
  try {
    render(await client.backups.getFullList(), fresh);
    if (done) setStatus(done, "ok");
    else if (!busy) setStatus(`${plural(known.size, "backup")} on ${serverName()}.`);
    return true;
  } catch (err) {
    fail(err, "Could not load the backups: ");
    return false;
  }
}

$("refresh").addEventListener("click", () => {
  setStatus("Refreshing…");
  refresh();
});

// Enables what may run now: one change at a time, one upload, one download.
function updateControls() {
  const restoring = busy === "restore";
  $("create").disabled = Boolean(busy);
  $("prune-open").disabled = Boolean(busy);
  $("refresh").disabled = restoring;
  $("upload").disabled = restoring || Boolean(upload) || !picked?.ok;
  $("file").disabled = restoring || Boolean(upload);
  for (const tr of $("backups").tBodies[0].rows) {
    for (const b of tr.querySelectorAll("button")) {
      const what = b.textContent;
      b.disabled = what === "Download" ? restoring || Boolean(download)
        : Boolean(busy) || (what === "Restore" && Boolean(upload || download));
    }
  }
  $("manager").setAttribute("aria-busy", busy ? "true" : "false");
}

// Runs one change with a status line; on failure shows why and reloads the list.
async function change(kind, pending, work) {
  if (busy) {
    setStatus("Please wait for the current operation to finish.", "error");
    return;
  }
  busy = kind;
  updateControls();
  setStatus(pending);
  try {
    await work();
  } catch (err) {
    fail(err);
    if (signedIn) await refreshQuietly();
  } finally {
    busy = "";
    updateControls();
  }
}

// Reloads the list without replacing the status line (which shows an error).
async function refreshQuietly() {
  try {
    render(await client.backups.getFullList());
  } catch {
    // The error already shown says enough.
  }
}

// ---- dialogs ----------------------------------------------------------------------

// A modal confirmation; resolves true when the user confirms.
function confirmDialog({ title, text, confirm }) {
  const dialog = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-ok").textContent = confirm;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
    $("confirm-cancel").focus(); // the safe choice is the default one
  });
}

function closeDialogs() {
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
}

// ---- create -----------------------------------------------------------------------

// Checks the name as it is typed; returns whether it may be sent.
function checkName() {
  const input = $("name");
  const hint = $("name-hint");
  const name = input.value;
  let problem = "";
  if (name.length > NAME_MAX) problem = `Too long: ${name.length} characters, at most ${NAME_MAX}.`;
  else if (name && !NAME_RULE.test(name)) {
    problem = /\.zip$/.test(name)
      ? "Use only lowercase letters, digits, _ and - before .zip."
      : "The name must end in .zip, with only lowercase letters, digits, _ and - before it.";
  } else if (known.has(name)) problem = "A backup with this name already exists.";

  hint.textContent = problem || (name ? "Valid name." : "Leave empty for an automatic name.");
  hint.dataset.kind = problem ? "error" : name ? "ok" : "";
  input.setAttribute("aria-invalid", problem ? "true" : "false");
  return !problem;
}

$("name").addEventListener("input", checkName);

$("create-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!checkName()) {
    setStatus(`Not created: ${$("name-hint").textContent}`, "error");
    $("name").focus();
    return;
  }
  const name = $("name").value;
  change("create", `Creating ${name || "a backup"}… The server archives all its data; this can take a while.`, async () => {
    const key = await client.backups.create(name || null);
    $("name").value = "";
    checkName();
    await refresh({ fresh: key });
    const made = backups.find((b) => b.key === key);
    setStatus(`Created ${key}${made ? ` (${formatSize(made.size)})` : ""}.`, "ok");
  });
});

// ---- upload -----------------------------------------------------------------------

function describeReport(file, report) {
  const files = report.entries.filter((e) => !e.isDir).length;
  if (report.isBackup) {
    return `${file.name}: backup with data.db, ${plural(files, "file")}, ${formatSize(report.size)}` +
      ` (${formatSize(report.totalUncompressed)} unpacked).`;
  }
  if (report.valid) {
    return `${file.name} is a zip, but not a backup: there is no data.db at its root (${plural(files, "file")}).`;
  }
  return `${file.name} is not a backup: ${report.error?.message ?? "it is not a readable zip."}`;
}

// Shows the inspection's verdict; returns whether the file may be uploaded.
function showVerdict(file, report) {
  const verdict = $("verdict");
  let text = describeReport(file, report);
  let ok = report.isBackup;
  if (ok && known.has(file.name) && !upload) {
    text += ` A backup named ${file.name} already exists; rename the file to upload it.`;
    ok = false;
  }
  verdict.textContent = text;
  verdict.dataset.kind = ok ? "ok" : "error";
  return ok;
}

// A file was chosen or dropped: inspect it (only its zip directory is read).
async function pick(file, { focusUpload = false } = {}) {
  const token = { file, report: null, ok: false };
  picked = token;
  const verdict = $("verdict");
  $("upload-progress").hidden = true;
  updateControls();
  if (!file) {
    picked = null;
    verdict.textContent = "";
    delete verdict.dataset.kind;
    return;
  }
  verdict.textContent = `Checking ${file.name}…`;
  verdict.dataset.kind = "";
  try {
    token.report = await client.backups.inspect(file);
  } catch (err) {
    if (picked !== token) return;
    verdict.textContent = `Could not read ${file.name}: ${explain(err)}`;
    verdict.dataset.kind = "error";
    return;
  }
  if (picked !== token) return; // another file was chosen meanwhile
  token.ok = showVerdict(file, token.report);
  updateControls();
  if (focusUpload && token.ok) $("upload").focus();
}

$("file").addEventListener("change", () => pick($("file").files[0] ?? null));

function setUploadProgress(loaded, total, text) {
  const bar = $("upload-bar");
  bar.max = total || 1;
  bar.value = total ? loaded : 1;
  $("upload-progress-label").textContent = text ?? `${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`;
}

$("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (upload || busy === "restore") return;
  if (!picked?.file) {
    setStatus("Choose or drop a backup .zip to upload first.", "error");
    $("file").focus();
    return;
  }
  if (!picked.ok) {
    setStatus(`Not uploaded: ${$("verdict").textContent}`, "error");
    return;
  }
  const { file } = picked;
  const controller = new AbortController();
  upload = { file, controller };
  $("upload-progress").hidden = false;
  $("upload-cancel").hidden = false;
  setUploadProgress(0, file.size);
  updateControls();
  setStatus(`Uploading ${file.name} (${formatSize(file.size)})…`);
  try {
    const key = await client.backups.upload(file, {
      signal: controller.signal,
      requestKey: null,
      onProgress: ({ loaded, total }) => setUploadProgress(loaded, total),
    });
    setUploadProgress(file.size, file.size, `100% · uploaded ${formatSize(file.size)}`);
    picked = null;
    $("file").value = "";
    $("verdict").textContent = key === file.name ? `${file.name} was uploaded.` : `${file.name} was uploaded as ${key}.`;
    $("verdict").dataset.kind = "ok";
    upload = null;
    await refresh({ fresh: key });
    setStatus(`Uploaded ${key} (${formatSize(file.size)}).`, "ok");
  } catch (err) {
    $("upload-progress").hidden = true;
    if (controller.signal.aborted) setStatus(`Upload of ${file.name} cancelled; nothing was stored.`, "info");
    else fail(err, `Upload of ${file.name} failed: `);
  } finally {
    upload = null;
    $("upload-cancel").hidden = true;
    updateControls();
  }
});

$("upload-cancel").addEventListener("click", () => upload?.controller.abort());

// Drag-and-drop anywhere on the page while signed in.
const dropzone = $("dropzone");
let dragDepth = 0;
const carriesFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes("Files");

window.addEventListener("dragenter", (event) => {
  if (!signedIn || !carriesFiles(event)) return;
  event.preventDefault();
  dragDepth += 1;
  dropzone.classList.add("dragging");
});
window.addEventListener("dragover", (event) => {
  if (!signedIn || !carriesFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = upload || busy === "restore" ? "none" : "copy";
});
window.addEventListener("dragleave", (event) => {
  if (!signedIn || !carriesFiles(event)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropzone.classList.remove("dragging");
});
window.addEventListener("drop", (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault(); // never let the browser open the file instead
  dragDepth = 0;
  dropzone.classList.remove("dragging");
  if (!signedIn) return;
  if (upload || busy === "restore") {
    setStatus("Wait for the current upload or restore to finish before dropping another file.", "error");
    return;
  }
  const files = event.dataTransfer.files;
  if (!files.length) return;
  try {
    $("file").files = files; // keeps the picker showing the dropped file
  } catch {
    // Some browsers refuse; the dropped file is used all the same.
  }
  if (files.length > 1) setStatus(`Only one file at a time: using ${files[0].name}.`, "info");
  pick(files[0], { focusUpload: true });
});

// ---- download ---------------------------------------------------------------------

function setDownloadProgress(key, loaded, total) {
  const bar = $("download-bar");
  bar.max = total || 1;
  bar.value = total ? Math.min(loaded, total) : 0;
  $("download-label").textContent = total
    ? `${key}: ${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`
    : `${key}: ${formatSize(loaded)}`;
}

async function startDownload(b) {
  if (download) {
    setStatus(`Wait for the download of ${download.key} to finish, or cancel it.`, "error");
    return;
  }
  const controller = new AbortController();
  download = { key: b.key, controller };
  updateControls();
  try {
    if (b.size > SAVE_ABOVE) {
      // Too big to hold in memory: the browser streams it to disk itself.
      setStatus(`Handing ${b.key} (${formatSize(b.size)}) to the browser's download…`);
      await client.backups.save(b.key, { signal: controller.signal, requestKey: null });
      setStatus(`Download of ${b.key} started; your browser shows its progress.`, "ok");
      return;
    }
    $("download-panel").hidden = false;
    setDownloadProgress(b.key, 0, b.size);
    setStatus(`Downloading ${b.key} (${formatSize(b.size)})…`);
    const blob = await client.backups.download(b.key, {
      signal: controller.signal,
      requestKey: null,
      onProgress: ({ loaded, total }) => setDownloadProgress(b.key, loaded, total || b.size),
    });
    setDownloadProgress(b.key, blob.size, blob.size);
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = b.key;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // The browser has taken the file by then; the memory is freed.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setStatus(`Downloaded ${b.key} (${formatSize(blob.size)}).`, "ok");
  } catch (err) {
    if (controller.signal.aborted) setStatus(`Download of ${b.key} cancelled.`);
    else fail(err, `Download of ${b.key} failed: `);
  } finally {
    download = null;
    $("download-panel").hidden = true;
    updateControls();
  }
}

$("download-cancel").addEventListener("click", () => download?.controller.abort());

// ---- delete -----------------------------------------------------------------------

async function remove(b) {
  const ok = await confirmDialog({
    title: `Delete ${showKey(b.key)}?`,
    text: `The backup file (${formatSize(b.size)}) is removed from the server. This cannot be undone.${hiddenNote(b.key)}`,
    confirm: "Delete",
  });
  if (!ok) return;
  change("delete", `Deleting ${b.key}…`, async () => {
    await client.backups.delete(b.key);
    $("list-title").focus(); // its row (and the focused button) is gone
    await refresh({ done: `Deleted ${b.key}.` });
  });
}

// ---- restore ----------------------------------------------------------------------

const PHASES = ["requested", "restarting", "back"];
const PHASE_TEXT = {
  requested: "waiting for the server to restart…",
  restarting: "the server is restarting on the restored data…",
  back: "the server is back; reloading the list…",
};
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// Each phase marks the steps reached so far: requested [done, todo, todo], restarting
// [done, active, todo], back [done, done, done].
function showPhase(phase) {
  const panel = $("restore-panel");
  const at = PHASES.indexOf(phase);
  panel.dataset.phase = phase;
  for (const li of panel.querySelectorAll("li[data-step]")) {
    const i = PHASES.indexOf(li.dataset.step);
    const active = i === at && phase === "restarting";
    li.dataset.state = i > at ? "todo" : active ? "active" : "done";
    if (i === at) li.querySelector(".when").textContent = timeFormat.format(new Date());
  }
  if (PHASE_TEXT[phase]) {
    $("restore-state").textContent = capital(PHASE_TEXT[phase]);
    setStatus(`Restoring ${$("restore-key").textContent}: ${PHASE_TEXT[phase]}`);
  }
}

async function restore(b) {
  if (upload || download) {
    setStatus("Wait for the running upload or download to finish before restoring.", "error");
    return;
  }
  const shown = showKey(b.key);
  const ok = await confirmDialog({
    title: `Restore ${shown}?`,
    text: `All data on ${serverName()} (collections, records, files, settings and superusers) is replaced ` +
      `by the contents of ${shown}, created ${dateFormat.format(b.date)}, and the server restarts. ` +
      `Anything changed since then is lost. The backup files themselves are kept.${hiddenNote(b.key)}`,
    confirm: `Restore ${shown}`,
  });
  if (!ok) return;

  const panel = $("restore-panel");
  $("restore-key").textContent = b.key;
  $("restore-title").firstChild.textContent = "Restoring ";
  for (const li of panel.querySelectorAll("li[data-step]")) {
    li.dataset.state = "todo";
    li.querySelector(".when").textContent = "";
  }
  panel.dataset.phase = "";
  panel.dataset.result = "";
  $("restore-dismiss").hidden = true;
  $("restore-state").textContent = "Sending the restore request…";
  panel.hidden = false;
  $("restore-title").focus();

  change("restore", `Restoring ${b.key}…`, async () => {
    let result;
    try {
      result = await client.backups.restore(b.key, {
        wait: true,
        timeoutMs: 120_000,
        requestKey: null,
        onStatus: (phase) => {
          if (phase !== "signed-out") showPhase(phase);
        },
      });
    } catch (err) {
      panel.dataset.result = "failed";
      $("restore-title").firstChild.textContent = "Restore failed: ";
      $("restore-state").textContent = explain(err);
      $("restore-dismiss").hidden = false;
      throw err;
    }
    panel.dataset.result = "done";
    $("restore-title").firstChild.textContent = "Restored ";
    $("restore-dismiss").hidden = false;
    if (result.authCleared) {
      // The session was cleared, so the sign-in form is showing already.
      setStatus(
        `Restored ${b.key}. Your session does not exist in the restored data: ` +
          "sign in again, with an account from that backup.",
        "ok",
      );
      return;
    }
    $("restore-state").textContent = `Done at ${timeFormat.format(new Date())}: the server runs on the data of ${b.key}.`;
    await refresh({ done: `Restored ${b.key}; the server is back on the restored data.` });
  });
}

$("restore-dismiss").addEventListener("click", () => {
  $("restore-panel").hidden = true;
  $("list-title").focus();
});

// ---- prune ------------------------------------------------------------------------

let preview = null; // { policy, keys } of the last dry run, while the form is unchanged

function prunePolicy() {
  const keepText = $("prune-keep").value.trim();
  const daysText = $("prune-days").value.trim();
  const prefix = $("prune-prefix").value.trim();
  const policy = {};
  if (keepText !== "") {
    const keep = Number(keepText);
    if (!Number.isInteger(keep) || keep < 0) throw new Error("“Keep the newest” must be a whole number, 0 or more.");
    policy.keep = keep;
  }
  if (daysText !== "") {
    const days = Number(daysText);
    if (!Number.isFinite(days) || days < 0) throw new Error("“Older than” must be a number of days, 0 or more.");
    policy.olderThan = days * DAY_MS;
  }
  if (policy.keep === undefined && policy.olderThan === undefined) {
    throw new Error("Give a number of backups to keep, an age in days, or both.");
  }
  if (prefix) policy.match = prefix;
  return policy;
}

function setPreview(nodes, kind = "") {
  const box = $("prune-preview");
  box.replaceChildren(...nodes);
  box.dataset.kind = kind;
}

function invalidatePreview() {
  preview = null;
  $("prune-run").disabled = true;
  $("prune-run").textContent = "Delete";
  setPreview([text("p", "Preview the policy to see which backups it would delete.")]);
}

function text(tag, content, className = "") {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

$("prune-open").addEventListener("click", () => {
  invalidatePreview();
  $("prune-dialog").showModal();
  $("prune-keep").focus();
});

$("prune-close").addEventListener("click", () => $("prune-dialog").close());
$("prune-form").addEventListener("input", invalidatePreview);

$("prune-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  let policy;
  try {
    policy = prunePolicy();
  } catch (err) {
    setPreview([text("p", err.message)], "error");
    return;
  }
  setPreview([text("p", "Checking…")]);
  try {
    const keys = await client.backups.prune({ ...policy, dryRun: true, requestKey: null });
    preview = { policy, keys };
    if (keys.length === 0) {
      setPreview([text("p", "Nothing to delete: every backup is kept by this policy.")], "ok");
      return;
    }
    const sizes = new Map(backups.map((b) => [b.key, b]));
    const list = document.createElement("ul");
    list.id = "prune-list";
    for (const key of keys) {
      const b = sizes.get(key);
      list.append(text("li", b ? `${key} · ${formatSize(b.size)} · ${dateFormat.format(b.date)}` : key));
    }
    const kept = Math.max(0, backups.length - keys.length);
    setPreview([
      text("p", `${plural(keys.length, "backup")} would be deleted (oldest first); ${kept} would remain:`),
      list,
    ], "warn");
    $("prune-run").textContent = `Delete ${plural(keys.length, "backup")}`;
    $("prune-run").disabled = false;
  } catch (err) {
    setPreview([text("p", explain(err))], "error");
    if (err?.status === 401) fail(err);
  }
});

// Why a previewed backup was not deleted, in a sentence.
function pruneFailure(err) {
  if (err?.status === 400 && /already deleted/i.test(err.response?.message ?? "")) {
    return "someone else deleted it meanwhile";
  }
  return explain(err).replace(/\.$/, "");
}

$("prune-run").addEventListener("click", () => {
  if (!preview || preview.keys.length === 0) return;
  const { policy, keys } = preview;
  preview = null;
  $("prune-dialog").close();
  change("prune", `Deleting ${plural(keys.length, "backup")}…`, async () => {
    let deleted;
    let failed = [];
    try {
      // `only`: exactly the backups the preview listed, whatever arrived (a scheduled
      // backup) or aged since; the policy still applies to each.
      deleted = await client.backups.prune({ ...policy, only: keys, requestKey: null });
    } catch (err) {
      if (!Array.isArray(err?.failed)) throw err;
      ({ deleted, failed } = err);
    }
    $("list-title").focus();
    const done = `Pruned: deleted ${plural(deleted.length, "backup")}: ${deleted.join(", ") || "none"}.`;
    if (failed.length === 0) {
      await refresh({ done });
      return;
    }
    await refreshQuietly();
    const missed = failed.map((f) => `${f.key} (${pruneFailure(f.error)})`).join(", ");
    setStatus(`${done} Not deleted: ${missed}.`, "error");
  });
});

// ---- start ------------------------------------------------------------------------

// Back on the tab: the list may have changed meanwhile (another admin, a cron job).
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && signedIn && !busy) refreshQuietly();
});

window.addEventListener("beforeunload", (event) => {
  if (upload || download || busy === "restore") event.preventDefault();
});

$("server").textContent = location.host;
try {
  let PocketBase;
  let BaseAuthStore;
  ({ default: PocketBase, BaseAuthStore, isClientResponseError } = await import("./pkg/index.js"));
  client = new PocketBase("/", pageAuthStore(BaseAuthStore));
  $("remember").checked = remember;
  client.authStore.onChange(syncView);
  syncView();
} catch (err) {
  setStatus(`Could not start: ${explain(err)}`, "error");
}
