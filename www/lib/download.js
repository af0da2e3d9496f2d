// Downloading a backup: with progress into memory, or handed to the browser's own
// download when it is too big to hold.
import { $, setStatus } from "./dom.js";
import { fail } from "./errors.js";
import { formatSize, percent, showKey } from "./format.js";
import { page, updateControls } from "./state.js";

// Larger backups are handed to the browser's own download (streamed to disk) instead
// of being collected in memory first.
const SAVE_ABOVE = 512 * 1024 * 1024;

function setDownloadProgress(shown, loaded, total) {
  const bar = $("download-bar");
  bar.max = total || 1;
  bar.value = total ? Math.min(loaded, total) : 0;
  $("download-label").textContent = total
    ? `${shown}: ${percent(loaded, total)}% · ${formatSize(loaded)} of ${formatSize(total)}`
    : `${shown}: ${formatSize(loaded)}`;
}

async function startDownload(b) {
  if (page.download) {
    setStatus(`Wait for the download of ${showKey(page.download.key)} to finish, or cancel it.`, "error");
    return;
  }
  const controller = new AbortController();
  const shown = showKey(b.key);
  page.download = { key: b.key, controller };
  updateControls();
  try {
    if (b.size > SAVE_ABOVE) {
      // Too big to hold in memory: the browser streams it to disk itself.
      setStatus(`Handing ${shown} (${formatSize(b.size)}) to the browser's download…`);
      await page.client.backups.save(b.key, { signal: controller.signal, requestKey: null });
      setStatus(`Download of ${shown} started; your browser shows its progress.`, "ok");
      return;
    }
    $("download-panel").hidden = false;
    setDownloadProgress(shown, 0, b.size);
    setStatus(`Downloading ${shown} (${formatSize(b.size)})…`);
    const blob = await page.client.backups.download(b.key, {
      signal: controller.signal,
      requestKey: null,
      onProgress: ({ loaded, total }) => setDownloadProgress(shown, loaded, total || b.size),
    });
    setDownloadProgress(shown, blob.size, blob.size);
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
    setStatus(`Downloaded ${shown} (${formatSize(blob.size)}).`, "ok");
  } catch (err) {
    if (controller.signal.aborted) setStatus(`Download of ${shown} cancelled.`);
    else fail(err, `Download of ${shown} failed: `);
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
