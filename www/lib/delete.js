// Deleting one backup, after a confirmation that names it.
import { $, confirmDialog } from "./dom.js";
import { formatSize, hiddenNote, showKey } from "./format.js";
import { change, refresh } from "./list.js";
import { page } from "./state.js";

async function remove(b) {
  const ok = await confirmDialog({
    title: `Delete ${showKey(b.key)}?`,
    text: `The backup file (${formatSize(b.size)}) is removed from the server. This cannot be undone.${hiddenNote(b.key)}`,
    confirm: "Delete",
  });
  if (!ok) return;
  change("delete", `Deleting ${showKey(b.key)}…`, async () => {
    await page.client.backups.delete(b.key);
    $("list-title").focus(); // its row (and the focused button) is gone
    await refresh({ done: `Deleted ${showKey(b.key)}.` });
  });
}

export const deleteAction = {
  name: "Delete",
  run: remove,
  className: "danger-outline",
  disabled: () => Boolean(page.busy),
};
