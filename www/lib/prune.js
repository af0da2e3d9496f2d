// Pruning: a policy (keep the newest N, older than D days, a name prefix), previewed
// with a dry run, then exactly the previewed backups deleted.
import { $, setStatus, text } from "./dom.js";
import { explain, fail } from "./errors.js";
import { dateFormat, formatSize, hasHidden, keyNode, plural, showKey } from "./format.js";
import { change, refresh, refreshQuietly } from "./list.js";
import { onUpdate, page } from "./state.js";

const DAY_MS = 24 * 3600 * 1000;

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

onUpdate(() => {
  $("prune-open").disabled = Boolean(page.busy);
});

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
    const keys = await page.client.backups.prune({ ...policy, dryRun: true, requestKey: null });
    preview = { policy, keys };
    if (keys.length === 0) {
      setPreview([text("p", "Nothing to delete: every backup is kept by this policy.")], "ok");
      return;
    }
    const byKey = new Map(page.backups.map((b) => [b.key, b]));
    const list = document.createElement("ul");
    list.id = "prune-list";
    for (const key of keys) {
      const b = byKey.get(key);
      const li = document.createElement("li");
      li.append(keyNode(key));
      if (b) li.append(` · ${formatSize(b.size)} · ${dateFormat.format(b.date)}`);
      list.append(li);
    }
    const kept = Math.max(0, page.backups.length - keys.length);
    setPreview([
      text("p", `${plural(keys.length, "backup")} would be deleted (oldest first); ${kept} would remain:`),
      list,
      ...(keys.some(hasHidden)
        ? [text("p", "Marked \\u codes stand for invisible or direction-changing characters in those names.")]
        : []),
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
      deleted = await page.client.backups.prune({ ...policy, only: keys, requestKey: null });
    } catch (err) {
      if (!Array.isArray(err?.failed)) throw err;
      ({ deleted, failed } = err);
    }
    $("list-title").focus();
    const done = `Pruned: deleted ${plural(deleted.length, "backup")}: ${deleted.map(showKey).join(", ") || "none"}.`;
    if (failed.length === 0) {
      await refresh({ done });
      return;
    }
    await refreshQuietly();
    const missed = failed.map((f) => `${showKey(f.key)} (${pruneFailure(f.error)})`).join(", ");
    setStatus(`${done} Not deleted: ${missed}.`, "error");
  });
});
