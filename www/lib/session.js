// The superuser's session: where it is kept, signing in and out, and which view shows.
//
// The session lives in this tab's sessionStorage, gone when the tab closes; "Remember
// me" keeps it in localStorage instead, for every tab and after a restart of the
// browser. A sign-out in one tab signs out every tab of the page (BroadcastChannel).
import { $, closeDialogs, setStatus } from "./dom.js";
import { explain } from "./errors.js";
import { clearList, refresh } from "./list.js";
import { page } from "./state.js";

const SESSION_KEY = "backup_manager_session";
let remember = false;
const tabs = "BroadcastChannel" in window ? new BroadcastChannel("backup-manager") : null;
// Run when the manager shows (signed in) or hides (signed out): { shown, hidden }.
const viewHooks = [];

export function onView(hook) {
  viewHooks.push(hook);
}

function readSession(storage) {
  try {
    const saved = JSON.parse(storage.getItem(SESSION_KEY) ?? "null");
    return typeof saved?.token === "string" && saved.token ? saved : null;
  } catch {
    return null;
  }
}

// A BaseAuthStore (memory only) filled from, and saved to, the storage chosen above.
export function pageAuthStore(BaseAuthStore) {
  const store = new BaseAuthStore();
  const mine = readSession(sessionStorage);
  const remembered = mine ? null : readSession(localStorage);
  remember = Boolean(remembered);
  $("remember").checked = remember;
  const saved = mine ?? remembered;
  if (saved) store.save(saved.token, saved.record ?? null);
  store.onChange((token, record) => {
    const keep = remember ? localStorage : sessionStorage;
    (remember ? sessionStorage : localStorage).removeItem(SESSION_KEY);
    if (token) keep.setItem(SESSION_KEY, JSON.stringify({ token, record }));
    else keep.removeItem(SESSION_KEY);
  });
  if (saved && !store.isValid) store.clear(); // expired while away
  return store;
}

// Shows the sign-in form or the manager; called on start and after every session change.
export function syncView() {
  const { client } = page;
  const now = client.authStore.isValid && client.authStore.isSuperuser;
  if (now === page.signedIn) return;
  const first = page.signedIn === null;
  page.signedIn = now;
  $("login").hidden = now;
  $("manager").hidden = !now;
  $("session").hidden = !now;
  $("who").textContent = now ? client.authStore.record?.email ?? "superuser" : "";
  if (now) {
    refresh();
  } else {
    page.download?.controller.abort();
    page.upload?.controller.abort();
    page.verify?.controller.abort();
    clearList();
    $("restore-panel").hidden = true;
    closeDialogs();
    if (first) setStatus("Sign in to manage the backups.");
    ($("email").value ? $("password") : $("email")).focus();
  }
  for (const hook of viewHooks) hook(now);
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const submit = $("sign-in");
  submit.disabled = true;
  setStatus("Signing in…");
  try {
    remember = $("remember").checked;
    await page.client.collection("_superusers").authWithPassword($("email").value.trim(), $("password").value);
    $("password").value = "";
    $("list-title").focus();
  } catch (err) {
    const wrong = err?.status === 400;
    setStatus(wrong ? "Sign-in failed: wrong email or password." : `Sign-in failed: ${explain(err)}`, "error");
    $("password").select();
  } finally {
    submit.disabled = false;
  }
});

$("sign-out").addEventListener("click", () => {
  page.client.authStore.clear();
  tabs?.postMessage("signed-out");
  setStatus("Signed out.");
});

tabs?.addEventListener("message", ({ data }) => {
  if (data !== "signed-out" || !page.client?.authStore.token) return;
  page.client.authStore.clear();
  setStatus("Signed out in another tab.");
});
