// Backup Manager: a single page over the Backups API of a PocketBase/BosBase server,
// built on the bosbase-backups package. Sign in as a superuser, then list, create,
// upload (picker or drag-and-drop, verified first), download, verify, explore (and
// recover records from), delete, restore and prune backups, and set the backup schedule
// and storage. Served by the server itself (scripts/demo.sh), so the client's base URL
// is the page's own origin.
//
// Each part of the page is a module of lib/; this one starts them.
import "./lib/create.js";
import { deleteAction } from "./lib/delete.js";
import { downloadAction } from "./lib/download.js";
import { $, setStatus } from "./lib/dom.js";
import { explain } from "./lib/errors.js";
import { exploreAction } from "./lib/explore.js";
import { refreshQuietly, setRowActions } from "./lib/list.js";
import "./lib/prune.js";
import { restoreAction } from "./lib/restore.js";
import { pageAuthStore, syncView } from "./lib/session.js";
import { page } from "./lib/state.js";
import "./lib/schedule.js";
import "./lib/upload.js";
import { verifyAction } from "./lib/verify.js";

setRowActions([downloadAction, verifyAction, exploreAction, restoreAction, deleteAction]);

// Back on the tab: the list may have changed meanwhile (another admin, a cron job).
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && page.signedIn && !page.busy) refreshQuietly();
});

window.addEventListener("beforeunload", (event) => {
  if (page.upload || page.download || page.verify || page.explore?.controller || page.busy === "restore" ||
    page.busy === "recover") event.preventDefault();
});

$("server").textContent = location.host;
// The package is imported here, inside a try, so that a module that cannot load is
// reported on the page; until then no error is the SDK's.
try {
  const { default: PocketBase, BaseAuthStore, isClientResponseError } = await import("./pkg/index.js");
  page.isClientResponseError = isClientResponseError;
  page.client = new PocketBase("/", pageAuthStore(BaseAuthStore));
  page.client.authStore.onChange(syncView);
  syncView();
} catch (err) {
  setStatus(`Could not start: ${explain(err)}`, "error");
}
