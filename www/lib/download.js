// Downloading a backup: with progress into memory, or handed to the browser's own
// download when it is too big to hold.
import { $, setStatus } from "./dom.js";
import { fail } from "./errors.js";
import { formatSize, percent } from "./format.js";
import { page, updateControls } from "./state.js";

// Larger backups are handed to the browser's own download (streamed to disk) instead
// of being collected in memory first.
const SAVE_ABOVE = 512 * 1024 * 1024;

function setDownloadProgress(key, loaded, total) {
  const bar = $("download-bar");
  bar.max = total || 1;
  bar.value = total ? Math.min(loaded, total) : 0;
  $("download-label").textContent = total
    ? `${key}: ${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`
    : `${key}: ${formatSize(loaded)}`;
}

async function startDownload(b) {
  if (page.download) {
    setStatus(`Wait for the download of ${page.download.key} to finish, or cancel it.`, "error");
    return;
  }
  const controller = new AbortController();
  page.download = { key: b.key, controller };
  updateControls();
  try {
    if (b.size > SAVE_ABOVE) {
      // Too big to hold in memory: the browser streams it to disk itself.
      setStatus(`Handing ${b.key} (${formatSize(b.size)}) to the browser's download…`);
      await page.client.backups.save(b.key, { signal: controller.signal, requestKey: null });
      setStatus(`Download of ${b.key} started; your browser shows its progress.`, "ok");
      return;
    }
    $("download-panel").hidden = false;
    setDownloadProgress(b.key, 0, b.size);
    setStatus(`Downloading ${b.key} (${formatSize(b.size)})…`);
    const blob = await page.client.backups.download(b.key, {
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
    page.download = null;
    $("download-panel").hidden = true;
    updateControls();
  }
}

$("download-cancel").addEventListener("click", () => page.download?.controller.abort());

export const downloadAction = {
  name: "Download",
  run: startDownload,
  disabled: () => page.busy === "restore" || Boolean(page.download),
};
