// Verifying a backup: the whole file is read and every entry checked (its data
// inflates to its CRC, the databases have a plausible SQLite header), with progress and
// a report of each problem found. Nothing is restored.
import { $, setStatus, text } from "./dom.js";
import { fail } from "./errors.js";
import { formatSize, percent, plural, showKey } from "./format.js";
import { page, updateControls } from "./state.js";

function setProgress(key, loaded, total) {
  const bar = $("verify-bar");
  bar.max = total || 1;
  bar.value = total ? Math.min(loaded, total) : 0;
  $("verify-label").textContent = total
    ? `${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`
    : formatSize(loaded);
}

// What a sound report means, no more: the verifier (core::verify) inflates every entry
// and reads only the header of each database, never its tables.
const SOUND = "Every entry is intact: the data of each one matches its recorded CRC-32 and size, and the zip's " +
  "directory lists exactly these entries. The databases were checked by their SQLite header only: data.db " +
  "(and auxiliary.db, when present) starts with the SQLite magic, has a page size that is a power of two from " +
  "512 to 65536 bytes, and is a whole number of pages (as many as its header counts, when that count is " +
  "valid); their tables were not read.";

function showReport(key, report) {
  const box = $("verify-report");
  const summary = `${plural(report.entries, "entry", "entries")}, ${formatSize(report.bytes)} read.`;
  if (report.ok) {
    box.replaceChildren(text("p", `${SOUND} ${summary}`));
    box.dataset.kind = "ok";
    return;
  }
  const list = document.createElement("ul");
  list.id = "verify-problems";
  for (const p of report.problems) {
    const li = text("li", `${p.entry ? `${p.entry}: ` : ""}${p.message}`);
    li.dataset.code = p.code;
    list.append(li);
  }
  box.replaceChildren(text("p", `${plural(report.problems.length, "problem")} found (${summary}) Do not rely on this backup:`), list);
  box.dataset.kind = "error";
}

async function verify(b) {
  const controller = new AbortController();
  const shown = showKey(b.key);
  page.verify = { key: b.key, controller };
  updateControls();
  const panel = $("verify-panel");
  $("verify-title").textContent = `Checking ${shown}`;
  $("verify-report").replaceChildren();
  delete $("verify-report").dataset.kind;
  $("verify-progress").hidden = false;
  $("verify-cancel").hidden = false;
  $("verify-dismiss").hidden = true;
  panel.hidden = false;
  setProgress(b.key, 0, b.size);
  setStatus(`Checking ${shown} (${formatSize(b.size)}): reading every entry…`);
  try {
    const report = await page.client.backups.verify(b.key, {
      signal: controller.signal,
      requestKey: null,
      onProgress: ({ loaded, total }) => setProgress(b.key, loaded, total || b.size),
    });
    $("verify-title").textContent = `${report.ok ? "Verified" : "Problems in"} ${shown}`;
    showReport(b.key, report);
    setStatus(report.ok ? `${shown} is intact.` : `${shown} has ${plural(report.problems.length, "problem")}.`, report.ok ? "ok" : "error");
  } catch (err) {
    if (controller.signal.aborted) {
      setStatus(`Check of ${shown} cancelled.`);
      panel.hidden = true;
    } else {
      $("verify-title").textContent = `Could not check ${shown}`;
      fail(err, `Check of ${shown} failed: `);
    }
  } finally {
    page.verify = null;
    $("verify-progress").hidden = true;
    $("verify-cancel").hidden = true;
    $("verify-dismiss").hidden = false;
    updateControls();
  }
}

$("verify-cancel").addEventListener("click", () => page.verify?.controller.abort());
$("verify-dismiss").addEventListener("click", () => {
  $("verify-panel").hidden = true;
  $("list-title").focus();
});

export const verifyAction = {
  name: "Verify",
  run: verify,
  disabled: () => page.busy === "restore" || Boolean(page.verify),
};
