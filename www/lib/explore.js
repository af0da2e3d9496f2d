// Exploring a backup: it is downloaded and its database read in this browser (nothing
// on the server changes), its collections listed with their record counts and compared
// with the live server; a collection opens in the records view (records.js), where
// records can be recovered.
import { badge, comparisonNodes, withIds } from "./changes.js";
import { $, button, cell, setStatus, text } from "./dom.js";
import { explain, fail, serverName } from "./errors.js";
import { formatSize, keyNode, percent, plural, showKey } from "./format.js";
import { closeRecords, onRecovered, openRecords, refreshRecords } from "./records.js";
import { onView } from "./session.js";
import { onUpdate, page, updateControls } from "./state.js";

// What onProgress reports, in turn: the download, then the inflating of its database.
const PHASES = ["Downloading", "Reading its database"];

function setProgress(phase, loaded, total) {
  const bar = $("explore-bar");
  bar.max = total || 1;
  bar.value = total ? Math.min(loaded, total) : 0;
  $("explore-label").textContent = `${PHASES[phase]}: ` + (total
    ? `${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`
    : formatSize(loaded));
}

function setState(message, kind = "") {
  $("explore-state").textContent = message;
  $("explore-state").dataset.kind = kind;
}

async function explore(b) {
  closeExplorer();
  const shown = showKey(b.key);
  const controller = new AbortController();
  const s = { key: b.key, shown, controller, x: null, comparison: null, comparing: null, compareError: null };
  page.explore = s;
  $("explore-verb").textContent = "Opening";
  $("explore-key").replaceChildren(keyNode(b.key));
  $("collections-view").hidden = true;
  $("explore-progress").hidden = false;
  setProgress(0, 0, b.size);
  setState(`Reading ${shown} in this browser to list what it holds; nothing on the server changes.`);
  $("explore-panel").hidden = false;
  $("explore-title").focus();
  setStatus(`Opening ${shown} (${formatSize(b.size)}) to explore it…`);
  updateControls();

  let phase = 0;
  let last = { loaded: 0, total: 0 };
  let x;
  try {
    x = await page.client.backups.explore(b.key, {
      signal: controller.signal,
      requestKey: null,
      onProgress: ({ loaded, total }) => {
        // A count that starts again is the next phase.
        if (loaded < last.loaded || (last.total && total !== last.total)) phase = Math.min(phase + 1, PHASES.length - 1);
        last = { loaded, total };
        setProgress(phase, loaded, total);
      },
    });
  } catch (err) {
    if (page.explore !== s) return; // closed meanwhile
    s.controller = null;
    $("explore-progress").hidden = true;
    if (controller.signal.aborted) {
      setStatus(`Exploring ${shown} cancelled.`);
      closeExplorer();
      $("list-title").focus();
    } else {
      $("explore-verb").textContent = "Could not open";
      setState(explain(err), "error");
      $("explore-state").dataset.code = err?.response?.code ?? "";
      fail(err, `Could not open ${shown}: `);
      updateControls();
    }
    return;
  }
  if (page.explore !== s) {
    x.close();
    return;
  }
  s.controller = null;
  s.x = x;
  $("explore-progress").hidden = true;
  $("explore-verb").textContent = "Exploring";
  $("collections-view").hidden = false;
  setStatus(`Opened ${shown}: ${plural(x.collections.length, "collection")}; comparing with the live data…`);
  compare(s);
}

// Compares the open backup with the live server and shows each collection's badges;
// `announce`: say so on the status line too (not after a recovery, whose result stays).
async function compare(s, { announce = true } = {}) {
  s.comparing?.abort();
  const controller = new AbortController();
  s.comparing = controller;
  s.comparison = null;
  s.compareError = null;
  renderCollections();
  refreshRecords();
  updateControls();
  setState(`Comparing with the live data on ${serverName()}…`);
  try {
    const { collections } = await s.x.compare({ signal: controller.signal });
    if (page.explore !== s || s.comparing !== controller) return;
    s.comparison = collections.map(withIds);
    const differ = collections.filter((c) => c.status !== "same").length;
    const sentence = differ
      ? `${plural(differ, "collection differs", "collections differ")} from the live data.`
      : "Every collection is the same as in the live data.";
    setState(`Compared with the live data on ${serverName()}: ${sentence}`);
    if (announce) setStatus(`Compared ${s.shown} with the live data: ${sentence}`, "ok");
  } catch (err) {
    if (page.explore !== s || s.comparing !== controller) return;
    s.compareError = err;
    setState(`Could not compare with the live data: ${explain(err)}`, "error");
    fail(err, `Could not compare ${s.shown} with the live data: `);
  } finally {
    if (s.comparing === controller) s.comparing = null;
    if (page.explore === s) {
      renderCollections();
      refreshRecords();
      updateControls();
    }
  }
}

const byName = (a, b) => a.name.localeCompare(b.name);

// The table of collections: those in the backup, then (once compared) those only live.
function renderCollections() {
  const s = page.explore;
  if (!s?.x) return;
  const showSystem = $("explore-system").checked;
  const compared = new Map((s.comparison ?? []).map((c) => [c.name, c]));
  const inBackup = [...s.x.collections].sort(byName);
  const names = new Set(inBackup.map((c) => c.name));
  // Only the system collections' names start with "_" (the server refuses others).
  const liveOnly = (s.comparison ?? []).filter((c) => !names.has(c.name)).sort(byName)
    .map((c) => ({ name: c.name, type: "", system: c.name.startsWith("_"), records: null, liveOnly: true }));
  const rows = [];
  let hidden = 0;
  for (const c of [...inBackup, ...liveOnly]) {
    if (c.system && !showSystem) {
      hidden += 1;
      continue;
    }
    rows.push(collectionRow(s, c, compared.get(c.name)));
  }
  $("collections-count").textContent = `(${plural(inBackup.length, "collection")} in the backup` +
    `${liveOnly.length ? `, ${liveOnly.length} only live` : ""}${hidden ? `; ${hidden} system hidden` : ""})`;
  $("collections").tBodies[0].replaceChildren(...rows);
}

function collectionRow(s, c, compared) {
  const name = document.createElement("span");
  name.append(keyNode(c.name));
  if (c.system) name.append(" ", badge("system", "system"));

  const number = (n) => (typeof n === "number" ? n.toLocaleString() : "—");
  const count = text("span", number(c.liveOnly ? 0 : c.records));
  const live = text("span", number(compared?.records?.live));
  if (c.type === "view") {
    count.title = live.title = "A view stores no rows: they come from other collections. Only its fields are compared.";
  }

  const comparison = document.createElement("span");
  comparison.className = "badges";
  if (compared) comparison.append(...comparisonNodes(compared));
  else if (s.comparing) comparison.append(text("span", "comparing…", "muted"));
  else if (s.compareError) comparison.append(text("span", "not compared", "muted"));

  const actions = document.createElement("div");
  actions.className = "row-actions";
  if (!c.liveOnly && c.type !== "view") {
    actions.append(button("Open", `Open ${showKey(c.name)}`, () => openCollection(s, c)));
  }

  const tr = document.createElement("tr");
  tr.dataset.collection = c.name;
  tr.dataset.status = compared?.status ?? "";
  tr.append(
    cell(name, "Collection", "key"),
    cell(c.type || "—", "Type"),
    cell(count, "In the backup", "num"),
    cell(live, "Live", "num"),
    cell(comparison, "Compared with the live server", "compare"),
    cell(actions, "Actions", "actions"),
  );
  return tr;
}

function openCollection(s, c) {
  $("collections-view").hidden = true;
  openRecords(s, c);
}

// Closes the explorer and frees the backup it holds; nothing is left running.
export function closeExplorer() {
  const s = page.explore;
  if (!s) return;
  page.explore = null;
  s.controller?.abort();
  s.comparing?.abort();
  s.x?.close();
  closeRecords();
  $("explore-panel").hidden = true;
  updateControls();
}

$("explore-cancel").addEventListener("click", () => page.explore?.controller?.abort());
$("explore-close").addEventListener("click", () => {
  closeExplorer();
  $("list-title").focus();
});
$("explore-compare").addEventListener("click", () => page.explore?.x && compare(page.explore));
$("explore-system").addEventListener("change", renderCollections);
$("records-back").addEventListener("click", () => {
  const name = closeRecords();
  $("collections-view").hidden = false;
  const open = [...$("collections").tBodies[0].rows].find((r) => r.dataset.collection === name)?.querySelector("button");
  (open ?? $("collections-title")).focus();
});

// After a recovery the live data has changed: compare again.
onRecovered(() => page.explore?.x && compare(page.explore, { announce: false }));
onView((signedIn) => {
  if (!signedIn) closeExplorer();
});

onUpdate(() => {
  const s = page.explore;
  const recovering = page.busy === "recover";
  $("explore-close").disabled = recovering;
  $("explore-compare").disabled = !s?.x || Boolean(s.comparing) || recovering || page.busy === "restore";
  $("records-back").disabled = recovering;
});

export const exploreAction = {
  name: "Explore",
  run: explore,
  disabled: () => page.busy === "restore" || page.busy === "recover" || Boolean(page.explore?.controller),
};
