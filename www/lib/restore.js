// Restoring a backup: a confirmation that says what is lost (and, compared while it is
// open, what would come back and what would be lost), then the server's restart
// followed step by step until it is back on the restored data.
import { describeRestore } from "./changes.js";
import { $, confirmDialog, setStatus } from "./dom.js";
import { explain, serverName } from "./errors.js";
import { closeExplorer } from "./explore.js";
import { capital, dateFormat, hiddenNote, keyNode, showKey, timeFormat } from "./format.js";
import { change, refresh } from "./list.js";
import { page } from "./state.js";

const PHASES = ["requested", "restarting", "back"];
const PHASE_TEXT = {
  requested: "waiting for the server to restart…",
  restarting: "the server is restarting on the restored data…",
  back: "the server is back; reloading the list…",
};

// Each phase marks the steps reached so far: requested [done, todo, todo], restarting
// [done, active, todo], back [done, done, done].
function showPhase(phase) {
  const panel = $("restore-panel");
  const at = PHASES.indexOf(phase);
  panel.dataset.phase = phase;
  for (const li of panel.querySelectorAll("li[data-step]")) {
    const i = PHASES.indexOf(li.dataset.step);
    const active = i === at && phase === "restarting";
    li.dataset.state = i > at ? "todo" : active ? "active" : "done";
    if (i === at) li.querySelector(".when").textContent = timeFormat.format(new Date());
  }
  if (PHASE_TEXT[phase]) {
    $("restore-state").textContent = capital(PHASE_TEXT[phase]);
    setStatus(`Restoring ${$("restore-key").textContent}: ${PHASE_TEXT[phase]}`);
  }
}

async function restore(b) {
  if (page.upload || page.download) {
    setStatus("Wait for the running upload or download to finish before restoring.", "error");
    return;
  }
  const shown = showKey(b.key);
  // What the restore would change, compared while the dialog is open; closing the
  // dialog either way stops the comparison.
  const details = document.createElement("div");
  details.id = "restore-changes";
  details.className = "preview";
  details.setAttribute("aria-live", "polite");
  const comparing = new AbortController();
  const answer = confirmDialog({
    title: `Restore ${shown}?`,
    text: `All data on ${serverName()} (collections, records, files, settings and superusers) is replaced ` +
      `by the contents of ${shown}, created ${dateFormat.format(b.date)}, and the server restarts. ` +
      `Anything changed since then is lost. The backup files themselves are kept.${hiddenNote(b.key)}`,
    confirm: `Restore ${shown}`,
    details,
  });
  describeRestore(b.key, details, comparing.signal);
  const ok = await answer;
  comparing.abort();
  if (!ok) return;
  closeExplorer();

  const panel = $("restore-panel");
  $("restore-key").replaceChildren(keyNode(b.key));
  $("restore-title").firstChild.textContent = "Restoring ";
  for (const li of panel.querySelectorAll("li[data-step]")) {
    li.dataset.state = "todo";
    li.querySelector(".when").textContent = "";
  }
  panel.dataset.phase = "";
  panel.dataset.result = "";
  $("restore-dismiss").hidden = true;
  $("restore-state").textContent = "Sending the restore request…";
  panel.hidden = false;
  $("restore-title").focus();

  change("restore", `Restoring ${shown}…`, async () => {
    let result;
    try {
      result = await page.client.backups.restore(b.key, {
        wait: true,
        timeoutMs: 120_000,
        requestKey: null,
        onStatus: (phase) => {
          if (phase !== "signed-out") showPhase(phase);
        },
      });
    } catch (err) {
      panel.dataset.result = "failed";
      $("restore-title").firstChild.textContent = "Restore failed: ";
      $("restore-state").textContent = explain(err);
      $("restore-dismiss").hidden = false;
      throw err;
    }
    panel.dataset.result = "done";
    $("restore-title").firstChild.textContent = "Restored ";
    $("restore-dismiss").hidden = false;
    if (result.authCleared) {
      // The session was cleared, so the sign-in form is showing already.
      setStatus(
        `Restored ${shown}. Your session does not exist in the restored data: ` +
          "sign in again, with an account from that backup.",
        "ok",
      );
      return;
    }
    $("restore-state").textContent = `Done at ${timeFormat.format(new Date())}: the server runs on the data of ${shown}.`;
    await refresh({ done: `Restored ${shown}; the server is back on the restored data.` });
  });
}

$("restore-dismiss").addEventListener("click", () => {
  $("restore-panel").hidden = true;
  $("list-title").focus();
});

export const restoreAction = {
  name: "Restore",
  run: restore,
  disabled: () => Boolean(page.busy || page.upload || page.download),
};
