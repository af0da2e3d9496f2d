// What a comparison of a backup with the live server (explorer.compare()) found, in
// words: each collection's badges in the explorer, and what a restore would bring back
// and lose, for its confirmation.
import { text } from "./dom.js";
import { explain } from "./errors.js";
import { plural, showKey } from "./format.js";
import { page } from "./state.js";

const STATUS = { same: "same", changed: "changed", onlyInBackup: "only in backup", onlyLive: "only live" };

export function badge(label, kind) {
  const b = text("span", label, "badge");
  b.dataset.kind = kind;
  return b;
}

const NO_IDS = Object.freeze({ onlyInBackup: [], onlyLive: [], changed: [] });

// A comparison's entry with its id lists always there (a collection on one side only
// comes without them). Its `records` stays null for a view, whose rows are not stored:
// only its fields are compared.
export function withIds(c) {
  return { ...c, ids: { ...NO_IDS, ...c.ids } };
}

const fieldList = (names) => `${names.length === 1 ? "field" : "fields"} ${names.map(showKey).join(", ")}`;

// A collection's comparison: its status as a badge, then the records and fields that
// differ (for a collection on one side only, its status says it all).
export function comparisonNodes(c) {
  const nodes = [badge(STATUS[c.status] ?? c.status, c.status)];
  if (c.status !== "changed") return nodes;
  const r = c.records ?? { onlyInBackup: 0, changed: 0, onlyLive: 0 };
  if (r.onlyInBackup) nodes.push(badge(`${plural(r.onlyInBackup, "record")} only in backup`, "onlyInBackup"));
  if (r.changed) nodes.push(badge(`${plural(r.changed, "record")} changed`, "changed"));
  if (r.onlyLive) nodes.push(badge(`${plural(r.onlyLive, "record")} only live`, "onlyLive"));
  const f = c.fields;
  const notes = [];
  if (f.removed.length) notes.push(`${fieldList(f.removed)} only in backup`);
  if (f.added.length) notes.push(`${fieldList(f.added)} only live`);
  if (f.changed.length) notes.push(`${fieldList(f.changed)} changed`);
  if (notes.length) nodes.push(text("span", notes.join("; "), "detail"));
  return nodes;
}

// What a restore of the compared backup would bring back and what it would lose, one
// line per collection and kind of change.
export function restoreChanges(collections) {
  const back = [];
  const lost = [];
  for (const c of collections) {
    // Names from a backup are shown with their hidden characters escaped, as keys are.
    const name = showKey(c.name);
    const f = c.fields;
    // A view's rows are not stored: its records are null, only its fields compared.
    const r = c.records ?? { onlyInBackup: 0, onlyLive: 0, changed: 0 };
    const count = (n) => (c.records ? `, with ${plural(n, "record")}` : "");
    if (c.status === "onlyInBackup") back.push(`${name}: the collection${count(r.backup)}`);
    if (c.status === "onlyLive") lost.push(`${name}: the collection${count(r.live)}`);
    if (c.status !== "changed") continue;
    if (r.onlyInBackup) back.push(`${name}: ${plural(r.onlyInBackup, "record")} deleted since the backup`);
    if (f.removed.length) back.push(`${name}: ${fieldList(f.removed)}, removed since the backup`);
    if (r.onlyLive) lost.push(`${name}: ${plural(r.onlyLive, "record")} created since the backup`);
    if (r.changed) lost.push(`${name}: the changes to ${plural(r.changed, "record")} made since the backup`);
    if (f.added.length) lost.push(`${name}: ${fieldList(f.added)}, added since the backup`);
    if (f.changed.length) lost.push(`${name}: the changes to ${fieldList(f.changed)}`);
  }
  return { back, lost };
}

function list(id, lines) {
  const ul = document.createElement("ul");
  ul.id = id;
  ul.append(...lines.map((line) => text("li", line)));
  return ul;
}

// Fills `box` (in the restore's confirmation) with what restoring `key` would change:
// "comparing…" while the backup is read and compared, then the summary, or why there is
// none. Stops when `signal` aborts (the dialog closed).
export async function describeRestore(key, box, signal) {
  const show = (kind, ...nodes) => {
    if (signal.aborted) return;
    box.dataset.kind = kind;
    box.replaceChildren(...nodes);
  };
  show("pending", text("p", "Comparing the backup with the live data, to show what the restore would change…"));
  let x = null;
  try {
    x = await page.client.backups.explore(key, { signal, requestKey: null });
    const { collections } = await x.compare({ signal });
    const { back, lost } = restoreChanges(collections);
    if (!back.length && !lost.length) {
      show("ok", text("p", "The live data is the same as the backup's: the restore would bring back nothing and lose nothing."));
      return;
    }
    const nodes = [];
    if (back.length) nodes.push(text("p", "Would come back:", "lead"), list("restore-back", back));
    if (lost.length) nodes.push(text("p", "Would be lost (written since the backup):", "lead"), list("restore-lost", lost));
    show(lost.length ? "warn" : "", ...nodes);
  } catch (err) {
    show("error", text("p", "Could not compare the backup with the live data; you can still restore."), text("p", explain(err)));
  } finally {
    x?.close();
  }
}
