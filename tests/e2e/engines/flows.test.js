// The Backup Manager page's main flows in one engine through WebDriver (E2E_ENGINE:
// chromium, firefox or webkit), against a real PocketBase of its own on port 8104:
// sign in, list, other tabs, the Content-Security-Policy, create, upload with progress,
// download, delete, prune, explore and recover a record, restore (it swaps the server's
// data), then the server down.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { Key } from "selenium-webdriver";
import { CSP } from "../lib/browser.js";
import { OUT, stagePublic, waitUntil } from "../lib/env.js";
import { humanSize } from "../lib/format.js";
import { startPocketBase } from "../lib/pocketbase.js";
import { ENGINES, NARROW, WIDE, firstTab, newTab, startBrowser } from "../lib/webdriver.js";
import { damagedBackup } from "../lib/zip.js";
import { buildExploreFixture, changeAfterBackup, makeBackup, superuserToken } from "../../support/explore-fixture.mjs";

const ENGINE = process.env.E2E_ENGINE ?? "";
if (!ENGINES.includes(ENGINE)) throw new Error(`E2E_ENGINE must be one of ${ENGINES.join(", ")} (got "${ENGINE}")`);
const T = { timeout: 240_000 };
const HOUR = 3600 * 1000;
const sha = (buf) => createHash("sha256").update(buf).digest("hex");
const SESSION_KEY = "backup_manager_session";
const work = path.join(OUT, `engine-${ENGINE}`);
const downloads = path.join(work, "downloads");

let browser;
let pb;
let api;
let realBackup;
const tabs = [];

before(async () => {
  rmSync(work, { recursive: true, force: true });
  const publicDir = await stagePublic(`engine-${ENGINE}`);
  pb = await startPocketBase({ name: `engine-${ENGINE}`, port: 8104, publicDir });
  api = pb.api;
  await api.createBackup("seed.zip");
  realBackup = await api.download("seed.zip");
  browser = await startBrowser(ENGINE, { downloads, log: path.join(work, "driver.log") });
  console.log(`# engine ${ENGINE}: ${browser.version}`);
}, T);

after(async () => {
  // Problems are read before the browser stops; both stop before any check can fail.
  const problems = [];
  for (const t of tabs) problems.push(...(await t.problems().catch((e) => [`tab gone: ${e.message}`])));
  await browser?.stop();
  await pb?.stop();
  assert.deepEqual(problems, [], "no script errors or CSP violations on any page");
}, T);

// A fresh signed-out tab: the tabs of the flow before are checked for problems and
// closed, but the first, which is reused with its storage cleared.
async function signedOutTab() {
  while (tabs.length) {
    const t = tabs.pop();
    const left = await t.problems();
    assert.deepEqual(left, [], "no script errors or CSP violations on the page");
    if ((await browser.driver.getAllWindowHandles()).length > 1) {
      await t.focus();
      await browser.driver.close();
    }
  }
  const [handle] = await browser.driver.getAllWindowHandles();
  await browser.driver.switchTo().window(handle);
  await browser.driver.get(`${pb.url}/`);
  await browser.driver.executeScript("localStorage.clear(); sessionStorage.clear();");
  const t = await firstTab(browser, `${pb.url}/`);
  tabs.push(t);
  await t.waitForStatus(/Sign in to manage/);
  return t;
}

async function signIn(t, { remember = false } = {}) {
  await t.fill("Email", "admin@example.com");
  await t.fill("Password", "password123");
  const box = await t.field("Remember me on this device");
  if ((await box.isSelected()) !== remember) await box.click();
  await t.click("Sign in");
  await t.waitForStatus(/backups? on /);
}

async function signedInTab() {
  const t = await signedOutTab();
  await signIn(t);
  return t;
}

function storage(t) {
  return t.js(() => ({
    session: Object.fromEntries(Object.entries(sessionStorage)),
    local: Object.fromEntries(Object.entries(localStorage)),
  }));
}

test(`${ENGINE}: sign in lists the server's backups; the session stays in this tab; sign out clears it`, T, async () => {
  const t = await signedOutTab();
  assert.ok(await t.visible("#login"));
  assert.ok(!(await t.visible("#manager")));
  await signIn(t);
  const server = await api.backups();
  const shown = (await t.status()).text;
  assert.equal(shown, `${server.length} backup${server.length === 1 ? "" : "s"} on 127.0.0.1:8104.`);
  assert.deepEqual(await t.tableKeys(), server.map((b) => b.key));
  assert.equal(await t.text("#who"), "admin@example.com");
  for (const b of server) {
    assert.equal(await t.js((k) => document.querySelector(`tr[data-key="${k}"] td.num`).textContent, b.key), humanSize(b.size));
  }

  const stored = await storage(t);
  assert.deepEqual(Object.keys(stored.session), [SESSION_KEY]);
  assert.deepEqual(stored.local, {});
  const { token } = JSON.parse(stored.session[SESSION_KEY]);
  assert.equal((await fetch(`${pb.url}/api/backups`, { headers: { Authorization: token } })).status, 200);

  await t.reload();
  await t.waitForStatus(/backups? on/);
  assert.ok(await t.visible("#manager"), "still signed in after a reload");
  await t.screenshots("list");

  await t.click("Sign out");
  await t.waitForStatus(/^Signed out\.$/);
  assert.ok(await t.visible("#login"));
  assert.equal(await t.js(() => document.querySelectorAll("#backups tbody tr").length), 0);
  assert.deepEqual(await storage(t), { session: {}, local: {} });
});

test(`${ENGINE}: Remember me signs in a second tab; signing out in one tab signs out the other (storage event)`, T, async () => {
  const t = await signedOutTab();
  await signIn(t, { remember: true });
  assert.deepEqual(Object.keys((await storage(t)).local), [SESSION_KEY]);
  const second = await newTab(browser, `${pb.url}/`);
  tabs.push(second);
  await second.waitForStatus(/backups? on/);
  assert.equal(await second.text("#who"), "admin@example.com");

  await t.click("Sign out");
  await t.waitForStatus(/^Signed out\.$/);
  assert.equal(await second.waitForStatus(/Signed out in another tab/), "Signed out in another tab.");
  assert.ok(await second.visible("#login"));
  assert.equal(await second.js(() => document.querySelectorAll("#backups tbody tr").length), 0);
  for (const tab of [t, second]) assert.deepEqual(await storage(tab), { session: {}, local: {} });
});

test(`${ENGINE}: the page runs under its CSP header; an injected inline script does not run`, T, async () => {
  const res = await fetch(`${pb.url}/`);
  assert.equal(res.headers.get("content-security-policy"), CSP);
  const t = await signedInTab();
  assert.deepEqual(await t.problems(), [], "signing in and listing violate nothing");
  const ran = await t.js(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return window.__injected === true;
  });
  assert.equal(ran, false, "the inline script did not run");
  const reported = await t.waitFor("the violation event", () => {
    const csp = window.__problems.filter((p) => p.startsWith("csp:"));
    return csp.length > 0 && csp;
  });
  assert.equal(reported.length, 1, JSON.stringify(reported));
  assert.match(reported[0], /^csp: script-src(-elem)? blocked inline/);
  await t.js(() => { window.__problems = window.__problems.filter((p) => !p.startsWith("csp:")); });
});

test(`${ENGINE}: create a backup with a name; the server holds it`, T, async () => {
  const t = await signedInTab();
  await t.fill("Name (optional)", "named_backup.zip");
  await t.click("Create backup");
  const made = await t.waitForStatus(/^Created named_backup\.zip \(/, { kind: "ok" });
  const named = (await api.backups()).find((b) => b.key === "named_backup.zip");
  assert.ok(named, "the server holds named_backup.zip");
  assert.equal(made, `Created named_backup.zip (${humanSize(named.size)}).`);
  assert.equal(await t.js(() => document.getElementById("name").value), "", "the field is emptied");
  assert.ok((await t.tableKeys()).includes("named_backup.zip"));
});

test(`${ENGINE}: upload with the file picker: verdict, progress to 100 %, stored byte for byte`, T, async () => {
  const t = await signedInTab();
  const file = path.join(work, "uploaded_copy.zip");
  writeFileSync(file, realBackup);
  await (await t.el("#file")).sendKeys(file);
  await t.waitFor("the verdict", () => document.getElementById("verdict").dataset.kind === "ok");
  assert.match(await t.text("#verdict"), /^uploaded_copy\.zip: backup with data\.db, \d+ files?, \d+(\.\d)? KiB \(.+ unpacked\)\.$/);
  assert.ok(!(await api.keys()).includes("uploaded_copy.zip"), "nothing is sent before the user confirms");

  await t.recordProgress("#upload-bar", "upload");
  await t.click("Upload");
  await t.waitForStatus(/^Uploaded uploaded_copy\.zip \(/, { kind: "ok" });
  const log = await t.progressLog("upload");
  assert.ok(log.length >= 2, `progress was reported (${JSON.stringify(log)})`);
  for (let i = 1; i < log.length; i++) {
    assert.ok(log[i].value / log[i].max >= log[i - 1].value / log[i - 1].max, "progress never goes back");
  }
  assert.deepEqual(log.at(-1), { value: realBackup.length, max: realBackup.length }, "the bar ends full, at the file's size");
  assert.match(await t.text("#upload-progress-label"), /^100% · uploaded/);
  const stored = (await api.backups()).find((b) => b.key === "uploaded_copy.zip");
  assert.equal(stored?.size, realBackup.length);
  assert.equal(sha(await api.download("uploaded_copy.zip")), sha(realBackup), "same bytes");
  await t.screenshots("uploaded");
});

test(`${ENGINE}: download with progress: the browser saves the server's bytes`, T, async () => {
  const key = "download_me.zip";
  await api.upload(key, realBackup);
  const t = await signedInTab();
  const size = (await api.backups()).find((b) => b.key === key).size;
  await t.recordProgress("#download-bar", "download");
  // What the page hands to the browser's download: the blob behind the link's URL.
  await t.js(() => {
    const create = URL.createObjectURL;
    window.__blobs = [];
    URL.createObjectURL = (blob) => {
      window.__blobs.push(blob);
      return create.call(URL, blob);
    };
  });
  await t.click(`Download ${key}`);
  await t.waitForStatus(new RegExp(`^Downloaded ${key.replace(".", "\\.")} \\(${humanSize(size).replace(".", "\\.")}\\)\\.$`), { kind: "ok" });
  const handed = await t.js(async () => {
    const blob = window.__blobs.at(-1);
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return { size: blob.size, sha: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("") };
  });
  assert.deepEqual(handed, { size, sha: sha(realBackup) }, "the blob is the server's file");
  const log = await t.progressLog("download");
  assert.deepEqual(log.at(-1), { value: size, max: size }, "the bar ends full, at the file's size");
  assert.ok(!(await t.visible("#download-panel")), "the progress panel goes away");
  // And the browser saved it, whole, under the backup's name.
  const saved = path.join(downloads, key);
  await waitUntil(`${saved}`, () => existsSync(saved) && readFileSync(saved).length === size, { timeout: 30_000 });
  assert.equal(sha(readFileSync(saved)), sha(realBackup), "the saved file has the server's bytes");
  assert.deepEqual(readdirSync(downloads), [key]);
});

test(`${ENGINE}: delete asks first: Cancel and Escape keep the backup, Delete removes it`, T, async () => {
  await api.createBackup("to_delete.zip");
  const t = await signedInTab();
  await t.click("Delete to_delete.zip");
  await t.waitFor("the dialog", () => document.getElementById("confirm-dialog").open);
  assert.equal(await t.text("#confirm-title"), "Delete to_delete.zip?");
  assert.equal(await t.js(() => document.activeElement.id), "confirm-cancel", "Cancel is the default");
  await t.screenshot("delete-confirm");
  await t.click("Cancel", "#confirm-dialog");
  await t.waitFor("the dialog to close", () => !document.getElementById("confirm-dialog").open);
  assert.ok((await api.keys()).includes("to_delete.zip"), "cancel deletes nothing");

  await t.click("Delete to_delete.zip");
  await t.waitFor("the dialog", () => document.getElementById("confirm-dialog").open);
  await browser.driver.actions().sendKeys(Key.ESCAPE).perform();
  await t.waitFor("the dialog to close", () => !document.getElementById("confirm-dialog").open);
  assert.ok((await api.keys()).includes("to_delete.zip"), "Escape deletes nothing");

  await t.click("Delete to_delete.zip");
  await t.waitFor("the dialog", () => document.getElementById("confirm-dialog").open);
  await t.click("Delete", "#confirm-dialog");
  await t.waitForStatus(/^Deleted to_delete\.zip\.$/, { kind: "ok" });
  assert.ok(!(await api.keys()).includes("to_delete.zip"), "the server no longer holds it");
  assert.ok(!(await t.tableKeys()).includes("to_delete.zip"));
});

test(`${ENGINE}: verify: a backup of the server is intact; a damaged one names its entry and code`, T, async () => {
  await api.createBackup("verify_engine.zip");
  await api.upload("damaged_engine.zip", damagedBackup());
  const t = await signedInTab();
  await t.click("Verify verify_engine.zip");
  await t.waitForStatus(/^verify_engine\.zip is intact\.$/, { kind: "ok" });
  assert.equal(await t.text("#verify-title"), "Verified verify_engine.zip");
  await t.click("Verify damaged_engine.zip");
  await t.waitForStatus(/^damaged_engine\.zip has 1 problem\.$/, { kind: "error" });
  const problems = await t.js(() => [...document.querySelectorAll("#verify-problems li")]
    .map((li) => [li.dataset.code, li.textContent.split(":")[0]]));
  assert.deepEqual(problems, [["entry_crc_mismatch", "data.db"]]);
  await t.screenshot("verify-report");
  for (const key of ["verify_engine.zip", "damaged_engine.zip"]) await api.ok("DELETE", `/api/backups/${key}`);
});

test(`${ENGINE}: schedule: a preset is saved with the kept count and its next runs shown in local time; off again`, T, async () => {
  const t = await signedInTab();
  await t.waitFor("the schedule", () => document.getElementById("cron-hint").textContent !== "");
  await (await t.el('#cron-preset option[value="0 0 * * *"]')).click();
  assert.equal(await t.js(() => document.getElementById("cron").value), "0 0 * * *");
  await t.fill("Automatic backups kept", "2");
  await t.click("Save schedule");
  await t.waitForStatus(/^Schedule saved: automatic backups run at “0 0 \* \* \*” \(UTC\)\.$/, { kind: "ok" });
  const saved = (await api.ok("GET", "/api/settings")).backups;
  assert.equal(saved.cron, "0 0 * * *");
  assert.equal(saved.cronMaxKeep, 2);
  // The next three midnights (UTC), as this browser writes local times.
  const now = new Date();
  const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const expected = await t.js((ms) => ms.map((m) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" })
    .format(new Date(m))), [0, 1, 2].map((i) => first + i * 24 * HOUR));
  assert.deepEqual(await t.js(() => [...document.querySelectorAll("#next-runs-list li")].map((li) => li.textContent)), expected);
  await t.screenshot("schedule");

  await (await t.el('#cron-preset option[value=""]')).click();
  await t.click("Save schedule");
  await t.waitForStatus(/^Automatic backups are off\.$/, { kind: "ok" });
  assert.equal((await api.ok("GET", "/api/settings")).backups.cron, "");
});

test(`${ENGINE}: prune previews with a dry run, then deletes exactly what it listed`, T, async () => {
  const now = Date.now();
  const ages = { "prune_1.zip": 96, "prune_2.zip": 72, "prune_3.zip": 49, "prune_4.zip": 1 }; // hours
  for (const key of Object.keys(ages)) await api.createBackup(key);
  for (const [key, hours] of Object.entries(ages)) pb.touchBackup(key, now - hours * HOUR);
  const others = (await api.keys()).filter((k) => !k.startsWith("prune_"));

  const t = await signedInTab();
  await t.click("Prune…");
  await t.waitFor("the dialog", () => document.getElementById("prune-dialog").open);
  await t.fill("Keep the newest", "2");
  await t.fill("Only names starting with", "prune_");
  await t.click("Preview");
  const listed = await t.waitFor("the preview list", () => {
    const items = document.querySelectorAll("#prune-list li");
    return items.length && [...items].map((li) => li.textContent.split(" ")[0]);
  });
  assert.deepEqual(listed, ["prune_1.zip", "prune_2.zip"], "the two oldest, oldest first");
  assert.match(await t.text("#prune-preview"), /^2 backups would be deleted \(oldest first\); \d+ would remain:/);
  assert.equal((await api.keys()).filter((k) => k.startsWith("prune_")).length, 4, "the dry run deleted nothing");
  await t.screenshot("prune-preview");

  await t.click("Delete 2 backups");
  await t.waitForStatus(/^Pruned: deleted 2 backups: prune_1\.zip, prune_2\.zip\.$/, { kind: "ok" });
  const keys = await api.keys();
  assert.deepEqual(keys.filter((k) => k.startsWith("prune_")), ["prune_3.zip", "prune_4.zip"]);
  assert.deepEqual(keys.filter((k) => !k.startsWith("prune_")), others, "other backups untouched");
});

// Screenshots at both widths with the element `css` scrolled to the top of the viewport
// (after each resize, which moves it).
async function panelShots(t, name, css) {
  for (const size of [NARROW, WIDE]) {
    await t.setViewport(size);
    await t.js((sel) => document.querySelector(sel).scrollIntoView(), css);
    await t.screenshot(name, size);
  }
}

test(`${ENGINE}: explore a backup: its collections compared with the live server; recover a record deleted since`, T, async () => {
  const token = await superuserToken(pb.url);
  const fixture = await buildExploreFixture(pb.url, token, { suffix: "eng", bulk: 30 });
  await makeBackup(pb.url, token, "explore_engine.zip");
  const changes = await changeAfterBackup(pb.url, token, fixture);
  const { names } = fixture;
  const t = await signedInTab();
  await t.click("Explore explore_engine.zip");
  await t.waitForStatus(/^Compared explore_engine\.zip with the live data: /, { kind: "ok", timeout: 120_000 });
  const badges = (name) => t.js((n) => [...document.querySelectorAll(`#collections tr[data-collection="${n}"] .badge`)]
    .map((b) => b.textContent), name);
  assert.deepEqual(await badges(names.all), ["changed", "3 records only in backup", "1 record changed"]);
  assert.deepEqual(await badges(changes.added.collection.name), ["only live"]);
  assert.deepEqual(await badges(names.target), ["same"]);
  const inBackup = await t.js((n) => document.querySelector(`#collections tr[data-collection="${n}"] td[data-label="In the backup"]`).textContent, names.all);
  assert.equal(inBackup, String(fixture.ids[names.all].length));
  await panelShots(t, "explore", "#explore-panel");

  await t.click(`Open ${names.all}`);
  await t.waitFor("the records", () => document.querySelectorAll("#records tbody tr[data-id]").length > 0);
  const [gone] = changes.deleted;
  await (await t.field(`Select record ${gone.id}`)).click();
  assert.equal(await t.text("#records-selected"), "1 record selected");
  await t.click("Recover selected");
  await t.waitForStatus(new RegExp(`^Recovered 1 record into ${names.all}\\.$`), { kind: "ok", timeout: 120_000 });
  assert.deepEqual(await t.js(() => [...document.querySelectorAll("#recover-created li")].map((li) => li.textContent)), [gone.id]);
  const live = await api.ok("GET", `/api/collections/${names.all}/records/${gone.id}`);
  assert.equal(live.title, gone.record.title);
  assert.deepEqual(live.meta, gone.record.meta);
  await panelShots(t, "explore-recovered", "#records-view");
});

test(`${ENGINE}: restore: the page follows the restart, and data made after the backup is gone`, T, async () => {
  await api.createBackup("before_notes.zip");
  await api.ok("POST", "/api/collections", { name: "notes", type: "base", fields: [{ name: "title", type: "text" }] });
  assert.equal((await api.send("GET", "/api/collections/notes")).status, 200);
  const t = await signedInTab();
  await t.js(() => {
    const log = (window.__phases = []);
    const panel = document.getElementById("restore-panel");
    // Every value set, also two in one task (see tests/e2e/restore.test.js).
    new MutationObserver((records) => records.forEach((r, i) => {
      log.push(i + 1 < records.length ? records[i + 1].oldValue : panel.dataset.phase);
    })).observe(panel, { attributes: true, attributeFilter: ["data-phase"], attributeOldValue: true });
  });
  await t.click("Restore before_notes.zip");
  await t.waitFor("the dialog", () => document.getElementById("confirm-dialog").open);
  assert.equal(await t.text("#confirm-title"), "Restore before_notes.zip?");
  await t.click("Restore before_notes.zip", "#confirm-dialog");
  await t.waitForStatus(/^Restored before_notes\.zip; the server is back on the restored data\.$/, { kind: "ok", timeout: 150_000 });
  assert.deepEqual((await t.js(() => window.__phases)).filter(Boolean), ["requested", "restarting", "back"], "each phase was shown, in order");
  assert.equal(await t.js(() => document.getElementById("restore-panel").dataset.result), "done");
  assert.ok(await t.visible("#manager"), "still signed in");
  await t.screenshots("restore-done");
  assert.equal((await api.send("GET", "/api/collections/notes")).status, 404, "the later collection is gone");
});

test(`${ENGINE}: with the server down, each action says it cannot be reached, and the session is kept`, T, async () => {
  const t = await signedInTab();
  await pb.stop();
  assert.equal(pb.running, false);
  const down = "Cannot reach 127.0.0.1:8104: no answer from the server. It may be down or restarting; try again once it is back.";
  await t.click("Refresh");
  assert.equal(await t.waitForStatus(/Cannot reach/, { kind: "error" }), `Could not load the backups: ${down}`);
  assert.ok(await t.visible("#manager"), "the session is kept: the server is only away");
  await t.fill("Name (optional)", "");
  await t.click("Create backup");
  assert.equal(await t.waitForStatus(/^Cannot reach/, { kind: "error" }), down);
  await t.click("Download seed.zip");
  assert.equal(await t.waitForStatus(/^Download of seed\.zip failed/, { kind: "error" }), `Download of seed.zip failed: ${down}`);
  await t.screenshot("server-down");
});
