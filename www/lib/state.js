// What the page's parts share: the client, the session and the operations running now.
export const page = {
  client: null,
  signedIn: null, // null until the first syncView()
  backups: [], // the listed backups, newest first
  known: new Set(), // their keys
  busy: "", // the running change (create, delete, prune, restore, recover, schedule, storage), "" when none
  upload: null, // { file, controller } while an upload runs
  download: null, // { key, controller } while a download runs
  verify: null, // { key, controller } while a verification runs
  explore: null, // the backup open in the explorer: { key, shown, controller while it opens, x once open, comparison }
  picked: null, // { file, report, ok } the file chosen for upload (report once inspected)
  isClientResponseError: () => false, // the package's, once it has loaded
};

// Each part registers how its controls follow the state; updateControls() runs them all
// after every change of state above.
const updaters = [];

export function onUpdate(update) {
  updaters.push(update);
}

export function updateControls() {
  for (const update of updaters) update();
  document.getElementById("manager").setAttribute("aria-busy", page.busy ? "true" : "false");
}
