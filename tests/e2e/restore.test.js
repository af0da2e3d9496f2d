// Restoring through the page, on a PocketBase of its own (port 8102): a restore swaps
// all of the server's data and restarts it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, openPage, row, screenshot, screenshots, signInAndList, statusOf, tableKeys, waitForStatus } from "./lib/browser.js";
import { PASSWORD, stagePublic } from "./lib/env.js";
import { startPocketBase } from "./lib/pocketbase.js";

const T = { timeout: 240_000 };

let browser;
let pb;
let api;
const pages = [];

before(async () => {
  const publicDir = await stagePublic("restore");
  pb = await startPocketBase({ name: "restore", port: 8102, publicDir });
  api = pb.api;
  browser = await launch();
}, T);

after(async () => {
  // Stopped first, so that a failed check below cannot leave them running.
  await browser?.close();
  await pb?.stop();
  for (const p of pages) assert.deepEqual(p.problems, [], "no script errors or CSP violations on the page");
}, T);

async function signedInPage(credentials) {
  const p = await openPage(browser, `${pb.url}/`);
  pages.push(p);
  await signInAndList(p, credentials);
  return p;
}

// Logs, in the page, each restore phase shown and each re-render of the table, with
// the time, in window.__restoreLog.
async function watchRestore(p) {
  await p.evaluate(() => {
    const log = (window.__restoreLog = []);
    const panel = document.getElementById("restore-panel");
    // Every value set is logged, also when two are set in one task (the SDK reports
    // "restarting" and "back" together when one check shows both): a record's new
    // value is the next record's old one, the last record's is the current one.
    new MutationObserver((records) => {
      records.forEach((r, i) => {
        const phase = i + 1 < records.length ? records[i + 1].oldValue : panel.dataset.phase;
        log.push({ phase, t: Date.now() });
      });
    }).observe(panel, { attributes: true, attributeFilter: ["data-phase"], attributeOldValue: true });
    new MutationObserver(() => log.push({ table: true, t: Date.now() }))
      .observe(document.querySelector("#backups tbody"), { childList: true });
  });
}

test("restore: the confirmation names the backup, the page follows the restart, and later data is gone", T, async () => {
  await api.createBackup("before_notes.zip");
  // Data created after the backup: a collection with a record.
  await api.ok("POST", "/api/collections", { name: "notes", type: "base", fields: [{ name: "title", type: "text" }] });
  await api.ok("POST", "/api/collections/notes/records", { title: "written after the backup" });
  await api.createBackup("after_notes.zip");
  assert.equal((await api.send("GET", "/api/collections/notes")).status, 200);

  const p = await signedInPage();
  await watchRestore(p);
  const listed = [];
  p.on("response", (r) => {
    if (r.request().method() === "GET" && new URL(r.url()).pathname === "/api/backups") listed.push({ status: r.status(), t: Date.now() });
  });

  await row(p, "before_notes.zip").getByRole("button", { name: "Restore before_notes.zip" }).click();
  const dialog = p.locator("#confirm-dialog");
  await dialog.waitFor();
  assert.equal(await p.locator("#confirm-title").textContent(), "Restore before_notes.zip?");
  assert.match(await p.locator("#confirm-text").textContent(), /replaced by the contents of before_notes\.zip, created .+ Anything changed since then is lost/);
  assert.equal(await p.evaluate(() => document.activeElement.id), "confirm-cancel", "Cancel is the default");
  await screenshots(p, "restore-confirm", { fullPage: false });
  await dialog.getByRole("button", { name: "Restore before_notes.zip" }).click();

  // The server restarts about a second after accepting: a picture of the page while
  // it waits (only at one width, to be quick); the log below proves each phase was shown.
  await p.locator("#restore-panel[data-phase]:not([data-phase=''])").waitFor({ timeout: 150_000 });
  await screenshot(p, "restore-waiting", { fullPage: false });
  await waitForStatus(p, /^Restored before_notes\.zip; the server is back on the restored data\.$/, { kind: "ok", timeout: 150_000 });

  const log = await p.evaluate(() => window.__restoreLog);
  const phases = log.filter((e) => e.phase).map((e) => e.phase);
  assert.deepEqual(phases, ["requested", "restarting", "back"], "each phase was shown, in order");
  const backAt = log.find((e) => e.phase === "back").t;
  assert.ok(log.some((e) => e.table && e.t >= backAt), "the table was rendered again after the server came back");
  assert.ok(listed.some((l) => l.status === 200 && l.t >= backAt), "the list was fetched again after the server came back");

  assert.equal(await p.locator("#restore-panel").getAttribute("data-result"), "done");
  assert.deepEqual(await p.locator("#restore-panel li").evaluateAll((lis) => lis.map((li) => li.dataset.state)), ["done", "done", "done"]);
  assert.match(await p.locator("#restore-title").textContent(), /^Restored before_notes\.zip$/);
  assert.match(await p.locator("#restore-state").textContent(), /^Done at .+: the server runs on the data of before_notes\.zip\.$/);
  for (const li of await p.locator("#restore-panel li .when").allTextContents()) assert.match(li, /^\d\d:\d\d:\d\d$/);
  assert.ok(await p.locator("#manager").isVisible(), "still signed in: the session exists in the restored data");
  await screenshots(p, "restore-done");

  // What the server holds now: the collection made after the backup is gone; the
  // backup files (kept outside the data) are all still there, as listed.
  assert.equal((await api.send("GET", "/api/collections/notes")).status, 404, "the later collection is gone");
  const keys = await api.keys();
  assert.deepEqual(keys, ["after_notes.zip", "before_notes.zip"]);
  assert.deepEqual([...(await tableKeys(p))].sort(), keys);

  await p.getByRole("button", { name: "Dismiss" }).click();
  assert.ok(await p.locator("#restore-panel").isHidden());
});

test("a restore whose data does not know the session returns to the sign-in form with a message", T, async () => {
  await api.createBackup("old_password.zip");
  // After the backup, the superuser's password changes: the backup knows only the old
  // one, so a session made with the new one is refused after the restore.
  const { record } = await api.signIn();
  const fresh = "a-new-password-456";
  await api.ok("PATCH", `/api/collections/_superusers/records/${record.id}`, { password: fresh, passwordConfirm: fresh });

  const p = await signedInPage({ password: fresh });
  await watchRestore(p);
  await row(p, "old_password.zip").getByRole("button", { name: "Restore old_password.zip" }).click();
  await p.locator("#confirm-dialog").getByRole("button", { name: "Restore old_password.zip" }).click();
  const text = await waitForStatus(p, /^Restored old_password\.zip\. Your session does not exist/, { kind: "ok", timeout: 150_000 });
  assert.match(text, /sign in again/);
  assert.ok(await p.locator("#login").isVisible(), "back at the sign-in form");
  assert.ok(await p.locator("#manager").isHidden());
  const phases = (await p.evaluate(() => window.__restoreLog)).filter((e) => e.phase).map((e) => e.phase);
  assert.deepEqual(phases, ["requested", "restarting", "back"]);
  await screenshots(p, "restore-signed-out");

  // The server runs on the backup's data: the old password works again, the new one not.
  assert.equal((await api.send("GET", "/api/health")).status, 200);
  await assert.rejects(api.signIn(fresh), /HTTP 400/);
  await api.signIn(PASSWORD);
  await signInAndList(p);
  assert.ok((await tableKeys(p)).includes("old_password.zip"));
  assert.match((await statusOf(p)).text, /backups on/);
});
