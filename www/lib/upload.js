// Uploading a backup file, by picker or drag-and-drop; the file's zip directory is
// inspected first and only a backup may be sent.
import { $, setStatus } from "./dom.js";
import { explain, fail } from "./errors.js";
import { formatSize, percent, plural, showKey } from "./format.js";
import { onRender, refresh } from "./list.js";
import { onUpdate, page, updateControls } from "./state.js";

function describeReport(file, report) {
  const files = report.entries.filter((e) => !e.isDir).length;
  if (report.isBackup) {
    return `${showKey(file.name)}: backup with data.db, ${plural(files, "file")}, ${formatSize(report.size)}` +
      ` (${formatSize(report.totalUncompressed)} unpacked).`;
  }
  if (report.valid) {
    return `${showKey(file.name)} is a zip, but not a backup: there is no data.db at its root (${plural(files, "file")}).`;
  }
  return `${showKey(file.name)} is not a backup: ${report.error?.message ?? "it is not a readable zip."}`;
}

// Shows the inspection's verdict; returns whether the file may be uploaded.
function showVerdict(file, report) {
  const verdict = $("verdict");
  let message = describeReport(file, report);
  let ok = report.isBackup;
  if (ok && page.known.has(file.name) && !page.upload) {
    message += ` A backup named ${showKey(file.name)} already exists; rename the file to upload it.`;
    ok = false;
  }
  verdict.textContent = message;
  verdict.dataset.kind = ok ? "ok" : "error";
  return ok;
}

// The list changed: a name the picked file had may now be taken, or free.
onRender(() => {
  const { picked } = page;
  if (picked?.report && !page.upload) picked.ok = showVerdict(picked.file, picked.report);
});

onUpdate(() => {
  const restoring = page.busy === "restore";
  $("upload").disabled = restoring || Boolean(page.upload) || !page.picked?.ok;
  $("file").disabled = restoring || Boolean(page.upload);
});

// A file was chosen or dropped: inspect it (only its zip directory is read).
async function pick(file, { focusUpload = false } = {}) {
  const token = { file, report: null, ok: false };
  page.picked = token;
  const verdict = $("verdict");
  $("upload-progress").hidden = true;
  updateControls();
  if (!file) {
    page.picked = null;
    verdict.textContent = "";
    delete verdict.dataset.kind;
    return;
  }
  verdict.textContent = `Checking ${showKey(file.name)}…`;
  verdict.dataset.kind = "";
  try {
    token.report = await page.client.backups.inspect(file);
  } catch (err) {
    if (page.picked !== token) return;
    verdict.textContent = `Could not read ${showKey(file.name)}: ${explain(err)}`;
    verdict.dataset.kind = "error";
    return;
  }
  if (page.picked !== token) return; // another file was chosen meanwhile
  token.ok = showVerdict(file, token.report);
  updateControls();
  if (focusUpload && token.ok) $("upload").focus();
}

$("file").addEventListener("change", () => pick($("file").files[0] ?? null));

function setUploadProgress(loaded, total, label) {
  const bar = $("upload-bar");
  bar.max = total || 1;
  bar.value = total ? loaded : 1;
  $("upload-progress-label").textContent = label ?? `${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`;
}

$("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (page.upload || page.busy === "restore") return;
  const { picked } = page;
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
  page.upload = { file, controller };
  $("upload-progress").hidden = false;
  $("upload-cancel").hidden = false;
  setUploadProgress(0, file.size);
  updateControls();
  setStatus(`Uploading ${showKey(file.name)} (${formatSize(file.size)})…`);
  try {
    const key = await page.client.backups.upload(file, {
      signal: controller.signal,
      requestKey: null,
      onProgress: ({ loaded, total }) => setUploadProgress(loaded, total),
    });
    setUploadProgress(file.size, file.size, `100% · uploaded ${formatSize(file.size)}`);
    page.picked = null;
    $("file").value = "";
    const named = showKey(file.name);
    $("verdict").textContent = key === file.name ? `${named} was uploaded.` : `${named} was uploaded as ${showKey(key)}.`;
    $("verdict").dataset.kind = "ok";
    page.upload = null;
    await refresh({ fresh: key });
    setStatus(`Uploaded ${showKey(key)} (${formatSize(file.size)}).`, "ok");
  } catch (err) {
    $("upload-progress").hidden = true;
    if (controller.signal.aborted) setStatus(`Upload of ${showKey(file.name)} cancelled; nothing was stored.`, "info");
    else fail(err, `Upload of ${showKey(file.name)} failed: `);
  } finally {
    page.upload = null;
    $("upload-cancel").hidden = true;
    updateControls();
  }
});

$("upload-cancel").addEventListener("click", () => page.upload?.controller.abort());

// Drag-and-drop anywhere on the page while signed in.
const dropzone = $("dropzone");
let dragDepth = 0;
const carriesFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes("Files");
const blocked = () => page.upload || page.busy === "restore";

window.addEventListener("dragenter", (event) => {
  if (!page.signedIn || !carriesFiles(event)) return;
  event.preventDefault();
  dragDepth += 1;
  dropzone.classList.add("dragging");
});
window.addEventListener("dragover", (event) => {
  if (!page.signedIn || !carriesFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = blocked() ? "none" : "copy";
});
window.addEventListener("dragleave", (event) => {
  if (!page.signedIn || !carriesFiles(event)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropzone.classList.remove("dragging");
});
window.addEventListener("drop", (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault(); // never let the browser open the file instead
  dragDepth = 0;
  dropzone.classList.remove("dragging");
  if (!page.signedIn) return;
  if (blocked()) {
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
  if (files.length > 1) setStatus(`Only one file at a time: using ${showKey(files[0].name)}.`, "info");
  pick(files[0], { focusUpload: true });
});
