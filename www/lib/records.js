// One collection of the backup open in the explorer: its records page by page (a table
// of the collection's fields) and a selection of them kept across pages, for recovery
// (recover.js).
import { badge } from "./changes.js";
import { $, text } from "./dom.js";
import { explain, fail } from "./errors.js";
import { keyNode, plural, showKey } from "./format.js";
import { recoverRecords } from "./recover.js";
import { onUpdate, page } from "./state.js";
import { valueNode } from "./values.js";

const PER_PAGE = 50;

// The open collection: { s (the explorer's state), c (the collection), page, show
// ("all", "onlyInBackup" or "changed"), selected (ids), list (the page shown), loads }.
let view = null;
const recoveredHooks = [];

export function onRecovered(hook) {
  recoveredHooks.push(hook);
}

// The comparison of the open collection with the live server, once there is one.
const compared = () => view?.s.comparison?.find((c) => c.name === view.c.name) ?? null;

// The columns: the collection's fields but the id (the first column) and the secrets
// a records API never shows.
const columns = (c) => c.fields.filter((f) => f.name !== "id" && f.type !== "password" && f.name !== "tokenKey");

export function openRecords(s, c) {
  view = { s, c, page: 1, show: "all", selected: new Set(), list: null, loads: 0 };
  $("records-title").replaceChildren("Records of ", keyNode(c.name), " in the backup");
  $("recover-result").replaceChildren();
  $("recover-progress").hidden = true;
  $("records-view").hidden = false;
  $("records").tHead.replaceChildren();
  $("records").tBodies[0].replaceChildren();
  refreshRecords();
  load();
  $("records-title").focus();
}

// Closes the records view; returns the name of the collection it showed.
export function closeRecords() {
  const name = view?.c.name ?? "";
  view = null;
  $("records-view").hidden = true;
  $("records").tHead.replaceChildren();
  $("records").tBodies[0].replaceChildren();
  return name;
}

// Shows the comparison as it is now (after the explorer compared again).
export function refreshRecords() {
  if (!view) return;
  const cmp = compared();
  const r = cmp?.records;
  $("records-compare").textContent = r
    ? `Compared with the live data: ${plural(r.backup, "record")} in the backup, ${r.live.toLocaleString()} live; ` +
      `${r.onlyInBackup.toLocaleString()} only in the backup, ${r.changed.toLocaleString()} changed, ` +
      `${r.onlyLive.toLocaleString()} only live.`
    : view.s.comparing ? "Comparing with the live data…" : "Not compared with the live data.";
  fillShow(cmp);
  if (view.list) renderRows();
  updateSelection();
}

// The "Show" choices: every record, or those the comparison found (when there are any).
// While the explorer compares again, the choices stay as they were.
function fillShow(cmp) {
  if (!cmp && view.s.comparing && $("records-show").options.length) return;
  const choices = [["all", `All records (${(view.c.records ?? 0).toLocaleString()})`]];
  if (cmp?.ids.onlyInBackup.length) choices.push(["onlyInBackup", `Only in the backup (${cmp.ids.onlyInBackup.length})`]);
  if (cmp?.ids.changed.length) choices.push(["changed", `Changed since the backup (${cmp.ids.changed.length})`]);
  if (!choices.some(([value]) => value === view.show)) {
    view.show = "all";
    view.page = 1;
    if (view.list) load();
  }
  const select = $("records-show");
  select.replaceChildren(...choices.map(([value, label]) => {
    const o = text("option", label);
    o.value = value;
    return o;
  }));
  select.value = view.show;
}

async function load() {
  const v = view;
  const loads = ++v.loads;
  const ids = v.show === "all" ? undefined : compared()?.ids[v.show];
  $("records-page").textContent = "Loading…";
  try {
    const list = await v.s.x.records(v.c.name, { page: v.page, perPage: PER_PAGE, ...(ids ? { ids } : {}) });
    if (view !== v || loads !== v.loads) return;
    v.list = list;
    renderRows();
    $("records-scroll").scrollLeft = 0; // another page or choice starts at its first column
  } catch (err) {
    if (view !== v || loads !== v.loads) return;
    $("records-page").textContent = "";
    const td = text("td", `Could not read the records: ${explain(err)}`, "empty");
    const tr = document.createElement("tr");
    tr.append(td);
    $("records").tBodies[0].replaceChildren(tr);
    fail(err, `Could not read the records of ${showKey(v.c.name)}: `);
  }
  updateSelection();
}

function checkbox(id, label, checked, onChange) {
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = id;
  box.checked = checked;
  box.addEventListener("change", () => onChange(box.checked));
  const name = text("label", label, "sr-only");
  name.htmlFor = id;
  return [box, name];
}

function renderRows() {
  const { list, c } = view;
  const cmp = compared();
  const onlyInBackup = new Set(cmp?.ids.onlyInBackup ?? []);
  const changed = new Set(cmp?.ids.changed ?? []);
  const fields = columns(c);

  const all = document.createElement("th");
  all.scope = "col";
  all.className = "pick";
  all.append(...checkbox("records-all", "Select all records on this page", false, (on) => {
    for (const item of view.list.items) on ? view.selected.add(String(item.id)) : view.selected.delete(String(item.id));
    renderRows();
    updateSelection();
  }));
  const head = document.createElement("tr");
  head.append(all, text("th", "id"), ...fields.map((f) => {
    const th = text("th", f.name);
    th.title = f.type;
    return th;
  }));
  for (const th of head.cells) th.scope = "col";
  $("records").tHead.replaceChildren(head);

  const rows = list.items.map((item, i) => {
    const id = String(item.id);
    const shown = showKey(id);
    const pick = document.createElement("td");
    pick.className = "pick";
    pick.append(...checkbox(`record-pick-${i}`, `Select record ${shown}`, view.selected.has(id), (on) => {
      on ? view.selected.add(id) : view.selected.delete(id);
      updateSelection();
    }));
    const idCell = document.createElement("td");
    idCell.className = "key";
    idCell.append(keyNode(id));
    if (onlyInBackup.has(id)) idCell.append(" ", badge("only in backup", "onlyInBackup"));
    if (changed.has(id)) idCell.append(" ", badge("changed", "changed"));
    const tr = document.createElement("tr");
    tr.dataset.id = id;
    tr.append(pick, idCell, ...fields.map((f) => {
      const td = document.createElement("td");
      td.append(valueNode(item[f.name], f.type, `${f.name} of ${shown}`));
      return td;
    }));
    return tr;
  });
  if (rows.length === 0) {
    const td = text("td", "No records.", "empty");
    td.colSpan = fields.length + 2;
    const tr = document.createElement("tr");
    tr.append(td);
    rows.push(tr);
  }
  $("records").tBodies[0].replaceChildren(...rows);
  const pages = Math.max(1, list.totalPages);
  $("records-page").textContent = `Page ${list.page} of ${pages} · ${plural(list.totalItems, "record")}`;
}

// The selection's count, the page's "all" box and the buttons that follow them.
function updateSelection() {
  if (!view) return;
  const n = view.selected.size;
  $("records-selected").textContent = `${plural(n, "record")} selected`;
  const items = view.list?.items ?? [];
  const all = $("records-all");
  if (all) {
    const picked = items.filter((item) => view.selected.has(String(item.id))).length;
    all.checked = items.length > 0 && picked === items.length;
    all.indeterminate = picked > 0 && picked < items.length;
  }
  const recovering = page.busy === "recover";
  const list = view.list;
  $("records-prev").disabled = !list || list.page <= 1;
  $("records-next").disabled = !list || list.page >= list.totalPages;
  $("recover-run").disabled = n === 0 || Boolean(page.busy);
  $("select-none").disabled = n === 0 || recovering;
  $("select-only-backup").disabled = !compared()?.ids.onlyInBackup.length || recovering;
}

onUpdate(updateSelection);

function turn(by) {
  view.page += by;
  load();
}

$("records-prev").addEventListener("click", () => turn(-1));
$("records-next").addEventListener("click", () => turn(1));
$("records-show").addEventListener("change", () => {
  view.show = $("records-show").value;
  view.page = 1;
  load();
});
$("select-only-backup").addEventListener("click", () => {
  for (const id of compared()?.ids.onlyInBackup ?? []) view.selected.add(id);
  if (view.list) renderRows();
  updateSelection();
});
$("select-none").addEventListener("click", () => {
  view.selected.clear();
  if (view.list) renderRows();
  updateSelection();
});

$("recover-run").addEventListener("click", async () => {
  const v = view;
  const ran = await recoverRecords(v.s.x, v.c.name, [...v.selected]);
  if (!ran) return;
  if (ran.result && view === v) {
    for (const id of [...ran.result.created, ...ran.result.updated]) v.selected.delete(id);
    if (v.list) renderRows();
    updateSelection();
  }
  // The live data may have changed, even by a recovery that failed or was cancelled.
  if (page.explore === v.s) for (const hook of recoveredHooks) hook();
});
