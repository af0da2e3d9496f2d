// Recovering chosen records of the backup open in the explorer into the live server:
// the options (files, overwrite, confirmed), progress, and what happened to each record
// (created, updated, failed with the reason, new file names, the notes).
import { $, confirmDialog, setStatus, text } from "./dom.js";
import { explain, serverName } from "./errors.js";
import { keyNode, plural, showKey } from "./format.js";
import { change } from "./list.js";

function setRecoverProgress(done, total) {
  const bar = $("recover-bar");
  bar.max = total || 1;
  bar.value = Math.min(done, total);
  $("recover-label").textContent = `${done.toLocaleString()} of ${plural(total, "record")}`;
}

function section(id, title, lines) {
  const box = document.createElement("div");
  box.className = "result-part";
  const ul = document.createElement("ul");
  ul.id = id;
  ul.append(...lines);
  box.append(text("h5", `${title} (${lines.length})`), ul);
  return box;
}

function idItem(id, reason = "") {
  const li = document.createElement("li");
  li.dataset.id = id;
  li.append(keyNode(id));
  if (reason) li.append(`: ${reason}`);
  return li;
}

function showResult(name, result) {
  const box = $("recover-result");
  const { created, updated, failed, notes } = result;
  const parts = [text("p", `Recovered into ${name}: ${created.length} created, ${updated.length} updated, ` +
    `${failed.length} failed.`, "summary")];
  if (created.length) parts.push(section("recover-created", "Created", created.map((id) => idItem(id))));
  if (updated.length) parts.push(section("recover-updated", "Updated", updated.map((id) => idItem(id))));
  if (failed.length) parts.push(section("recover-failed", "Failed", failed.map((f) => idItem(f.id, explain(f.error)))));
  // Each recovered file's name in the backup → the name the server gave it.
  const renamed = Object.entries(result.files ?? {}).filter(([, names]) => Object.keys(names).length);
  if (renamed.length) {
    parts.push(section("recover-files-renamed", "New file names", renamed.map(([id, names]) => idItem(id,
      Object.entries(names).map(([from, to]) => `${from} → ${to}`).join(", ")))));
  }
  if (notes.length) parts.push(section("recover-notes", "Notes", notes.map((note) => text("li", note))));
  box.replaceChildren(...parts);
  box.dataset.kind = failed.length ? "error" : "ok";
}

// Recovers the records `ids` of `collection` from the explorer `x` with the options
// chosen on the page, after a confirmation when they overwrite. Resolves with undefined
// when the user declined, else with { result } (no result when it failed or was
// cancelled: the status line says which).
export async function recoverRecords(x, collection, ids) {
  const name = showKey(collection);
  const files = $("recover-files").checked;
  const overwrite = $("recover-overwrite").checked;
  if (overwrite) {
    const ok = await confirmDialog({
      title: `Overwrite records in ${name}?`,
      text: `Of the ${plural(ids.length, "selected record")}, those that exist on ${serverName()} are replaced by ` +
        "the backup's version; the changes made to them since the backup are lost.",
      confirm: `Recover ${plural(ids.length, "record")}`,
    });
    if (!ok) return undefined;
  }
  const controller = new AbortController();
  $("recover-result").replaceChildren();
  setRecoverProgress(0, ids.length);
  $("recover-progress").hidden = false;
  $("recover-cancel").onclick = () => controller.abort();
  let result = null;
  await change("recover", `Recovering ${plural(ids.length, "record")} into ${name}…`, async () => {
    try {
      result = await x.recover(collection, ids, {
        files,
        overwrite,
        signal: controller.signal,
        onProgress: ({ done, total }) => setRecoverProgress(done, total),
      });
    } catch (err) {
      if (!controller.signal.aborted) throw err;
      setStatus(`Recovery into ${name} cancelled; records recovered before that are kept.`);
      return;
    } finally {
      $("recover-progress").hidden = true;
    }
    showResult(name, result);
    const done = result.created.length + result.updated.length;
    const failed = result.failed.length ? `; ${result.failed.length} failed` : "";
    setStatus(`Recovered ${plural(done, "record")} into ${name}${failed}.`, result.failed.length ? "error" : "ok");
  });
  return { result };
}
