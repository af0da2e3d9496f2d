// Example page of bosbase-backups: sign in as a superuser, then list, create, upload,
// download and delete the server's backups. Served by the server itself
// (scripts/demo.sh), so the client's base URL is the page's own origin.
import init, { Client, isClientResponseError } from "./pkg/web/bosbase_backups.js";

const $ = (id) => document.getElementById(id);
const statusLine = $("status");

// The server's rule for backup names (it answers 400 otherwise).
const NAME_RULE = /^[a-z0-9_-]+\.zip$/;
const NAME_MAX = 150;

let client;
let known = new Set(); // keys of the listed backups, for the name hint
let busy = false; // one change at a time; listing may always run
let signedIn = null; // null until the first syncView()

function setStatus(text, kind = "info") {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

// A readable line for any failure: the server's message, its field errors, the status.
function describe(err) {
  if (!isClientResponseError(err)) return String(err?.message ?? err);
  const fields = Object.entries(err.response?.data ?? {})
    .map(([field, e]) => `${field}: ${e?.message ?? e?.code ?? "invalid"}`);
  const detail = fields.length ? ` (${fields.join("; ")})` : "";
  const status = err.status ? `HTTP ${err.status}` : "no answer from the server";
  return `${err.message}${detail} [${status}]`;
}

// Runs one change (create, upload, delete, download) with a status line; on failure
// shows the error and reloads the list. A 401 means the session is gone, so the
// sign-in form comes back.
async function act(pending, work) {
  if (busy) {
    setStatus("Please wait for the current operation to finish.", "error");
    return;
  }
  busy = true;
  $("manager").setAttribute("aria-busy", "true");
  setStatus(pending);
  try {
    const done = await work();
    if (done) setStatus(done, "ok");
  } catch (err) {
    fail(err);
    if (signedIn) await refresh(); // the list may be stale (e.g. deleted elsewhere)
  } finally {
    busy = false;
    $("manager").removeAttribute("aria-busy");
  }
}

function fail(err) {
  if (err?.isAbort) return; // superseded by a newer identical request
  setStatus(describe(err), "error");
  if (err?.status === 401) client.authStore.clear(); // shows the sign-in form
}

// ---- session ----------------------------------------------------------------------

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
    $("backups").tBodies[0].replaceChildren();
    known = new Set();
    if (first) setStatus("Sign in to manage the backups.");
    $("email").focus();
  }
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const submit = form.querySelector("button");
  submit.disabled = true;
  setStatus("Signing in…");
  try {
    await client.collection("_superusers").authWithPassword($("email").value, $("password").value);
    $("password").value = "";
    $("name").focus();
  } catch (err) {
    setStatus(`Sign-in failed: ${describe(err)}`, "error");
    $("password").select();
  } finally {
    submit.disabled = false;
  }
});

$("sign-out").addEventListener("click", () => {
  client.authStore.clear();
  setStatus("Signed out.");
});

// ---- list -------------------------------------------------------------------------

function parseModified(modified) {
  // The server writes "2026-11-28 05:59:21.176Z"; with a "T" it is ISO 8601.
  return new Date(modified.replace(" ", "T"));
}

function formatSize(bytes) {
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

function cell(text, label, className) {
  const td = document.createElement("td");
  td.dataset.label = label;
  if (className) td.className = className;
  if (text instanceof Node) td.append(text);
  else td.textContent = text;
  return td;
}

function button(text, label, onClick, className) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  if (className) b.className = className;
  b.addEventListener("click", onClick);
  return b;
}

function render(backups) {
  const sorted = backups
    .map((b) => ({ ...b, date: parseModified(b.modified) }))
    .sort((a, b) => (b.date - a.date) || a.key.localeCompare(b.key));
  known = new Set(sorted.map((b) => b.key));
  $("count").textContent = `(${sorted.length})`;

  const rows = sorted.map((b) => {
    const time = document.createElement("time");
    const valid = !Number.isNaN(b.date.getTime());
    time.dateTime = valid ? b.date.toISOString() : b.modified;
    time.textContent = valid ? b.date.toLocaleString() : b.modified;
    time.title = b.modified;

    const actions = cell("", "Actions", "actions");
    actions.append(
      button("Download", `Download ${b.key}`, () => download(b.key)),
      button("Delete", `Delete ${b.key}`, () => remove(b.key), "danger"),
    );
    const tr = document.createElement("tr");
    tr.append(
      cell(b.key, "Name", "key"),
      cell(formatSize(b.size), "Size", "num"),
      cell(time, "Modified"),
      actions,
    );
    return tr;
  });
  if (rows.length === 0) {
    const td = cell("No backups yet.", "", "empty");
    td.colSpan = 4;
    const tr = document.createElement("tr");
    tr.append(td);
    rows.push(tr);
  }
  $("backups").tBodies[0].replaceChildren(...rows);
  checkName();
}

// Reloads the list; a newer refresh cancels an older pending one (auto-cancellation).
async function refresh(done) {
  try {
    render(await client.backups.getFullList());
    if (done) setStatus(done, "ok");
    else if (!busy) setStatus(`${known.size} backup${known.size === 1 ? "" : "s"} on the server.`);
  } catch (err) {
    fail(err);
  }
}

$("refresh").addEventListener("click", () => {
  setStatus("Refreshing…");
  refresh();
});

// ---- create and upload ------------------------------------------------------------

// The hint under the name field, and whether the name may be sent.
function checkName() {
  const input = $("name");
  const hint = $("name-hint");
  const name = input.value;
  let problem = "";
  if (name.length > NAME_MAX) problem = `Too long: ${name.length} of at most ${NAME_MAX} characters.`;
  else if (name && !NAME_RULE.test(name)) {
    problem = /\.zip$/.test(name)
      ? "Use only lowercase letters, digits, _ and - before .zip."
      : "The name must end in .zip (lowercase letters, digits, _ and - before it).";
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
  act(`Creating ${name || "a backup"}… (the server archives its data; this can take a while)`, async () => {
    const key = await client.backups.create(name || null);
    $("name").value = "";
    await refresh(`Created ${key}.`);
  });
});

$("upload-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const file = $("file").files[0];
  if (!file) {
    setStatus("Choose a .zip file to upload first.", "error");
    $("file").focus();
    return;
  }
  act(`Uploading ${file.name} (${formatSize(file.size)})…`, async () => {
    const key = await client.backups.upload(file);
    $("upload-form").reset();
    await refresh(`Uploaded ${key}.`);
  });
});

// ---- download and delete ----------------------------------------------------------

function download(key) {
  act(`Preparing the download of ${key}…`, async () => {
    // Backup downloads need a short-lived file token, carried in the URL.
    const token = await client.files.getToken();
    const link = document.createElement("a");
    link.href = client.backups.getDownloadURL(token, key);
    link.download = key;
    document.body.append(link);
    link.click();
    link.remove();
    return `Download of ${key} started (the browser saves it).`;
  });
}

function remove(key) {
  if (!confirm(`Delete the backup ${key}? This cannot be undone.`)) return;
  act(`Deleting ${key}…`, async () => {
    await client.backups.delete(key);
    $("list-title").focus(); // its row (and the focused button) is gone
    await refresh(`Deleted ${key}.`);
  });
}

// ---- start ------------------------------------------------------------------------

try {
  await init();
  client = new Client("/");
  client.authStore.onChange(syncView);
  syncView();
} catch (err) {
  setStatus(`Could not start: ${describe(err)}`, "error");
}
