// The table of backups: loading, rendering with each row's actions, and running one
// change at a time.
import { $, button, cell, setStatus } from "./dom.js";
import { fail, serverName } from "./errors.js";
import { dateFormat, formatSize, keyNode, parseModified, plural, showKey } from "./format.js";
import { onUpdate, page, updateControls } from "./state.js";

// Each row's buttons, in order: { name, run(backup), className?, disabled() } — set by
// app.js from the parts that act on one backup.
let rowActions = [];
// Run after every render, e.g. to check a typed name against the new list.
const afterRender = [];

export function setRowActions(actions) {
  rowActions = actions;
}

export function onRender(hook) {
  afterRender.push(hook);
}

function render(list, fresh = "") {
  page.backups = list
    .map((b) => ({ ...b, date: parseModified(b.modified) }))
    .sort((a, b) => (b.date - a.date) || a.key.localeCompare(b.key));
  page.known = new Set(page.backups.map((b) => b.key));
  const total = page.backups.reduce((sum, b) => sum + b.size, 0);
  $("count").textContent = page.backups.length ? `(${page.backups.length} · ${formatSize(total)})` : "(0)";

  const rows = page.backups.map((b) => {
    const time = document.createElement("time");
    const valid = !Number.isNaN(b.date.getTime());
    time.dateTime = valid ? b.date.toISOString() : b.modified;
    time.textContent = valid ? dateFormat.format(b.date) : b.modified;
    time.title = `${b.modified} (server time, UTC)`;

    const size = document.createElement("span");
    size.textContent = formatSize(b.size);
    size.title = `${b.size.toLocaleString()} bytes`;

    const key = keyNode(b.key);

    const actions = document.createElement("div");
    actions.className = "row-actions";
    actions.append(...rowActions.map((a) => button(a.name, `${a.name} ${showKey(b.key)}`, () => a.run(b), a.className)));
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
  for (const hook of afterRender) hook();
  updateControls();
}

export function clearList() {
  page.backups = [];
  page.known = new Set();
  $("backups").tBodies[0].replaceChildren();
}

// Reloads the list; a newer refresh cancels an older pending one (auto-cancellation).
// Resolves with true once the list is shown.
export async function refresh({ done = "", fresh = "" } = {}) {
  try {
    render(await page.client.backups.getFullList(), fresh);
    if (done) setStatus(done, "ok");
    else if (!page.busy) setStatus(`${plural(page.known.size, "backup")} on ${serverName()}.`);
    return true;
  } catch (err) {
    fail(err, "Could not load the backups: ");
    return false;
  }
}

// Reloads the list without replacing the status line (which shows an error).
export async function refreshQuietly() {
  try {
    render(await page.client.backups.getFullList());
  } catch {
    // The error already shown says enough.
  }
}

// Runs one change with a status line; on failure shows why and reloads the list.
export async function change(kind, pending, work) {
  if (page.busy) {
    setStatus("Please wait for the current operation to finish.", "error");
    return;
  }
  page.busy = kind;
  updateControls();
  setStatus(pending);
  try {
    await work();
  } catch (err) {
    fail(err);
    if (page.signedIn) await refreshQuietly();
  } finally {
    page.busy = "";
    updateControls();
  }
}

$("refresh").addEventListener("click", () => {
  setStatus("Refreshing…");
  refresh();
});

onUpdate(() => {
  $("refresh").disabled = page.busy === "restore";
  const byName = new Map(rowActions.map((a) => [a.name, a]));
  for (const b of $("backups").tBodies[0].querySelectorAll("button")) {
    b.disabled = byName.get(b.textContent)?.disabled() ?? true;
  }
});
