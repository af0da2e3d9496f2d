// The Backup Manager page (www/) against a real PocketBase on port 8101: every action
// through the page, checking what the user sees and then what the server holds.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, ftruncateSync, openSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  CSP, NARROW, WIDE, dropFile, launch, openPage, openTab, progressLog, recordProgress, row, screenshot, screenshots,
  signIn, signInAndList, statusOf, tableKeys, waitForStatus,
} from "./lib/browser.js";
import { sleep, stagePublic } from "./lib/env.js";
import { NAME_RULE, humanSize, kolkata } from "./lib/format.js";
import { startPocketBase } from "./lib/pocketbase.js";
import { makeZip } from "./lib/zip.js";

const T = { timeout: 180_000 };
const HOUR = 3600 * 1000;
const MIB = 1024 * 1024;
const sha = (buf) => createHash("sha256").update(buf).digest("hex");
const SESSION_KEY = "backup_manager_session";

// What the page keeps in its tab's sessionStorage and in localStorage (all keys).
function storage(p) {
  return p.evaluate(() => ({
    session: Object.fromEntries(Object.entries(sessionStorage)),
    local: Object.fromEntries(Object.entries(localStorage)),
  }));
}

let browser;
let pb;
let api;
let realBackup; // the bytes of a real backup of this server
const pages = [];

// A fresh signed-out page (its own context: nothing stored).
async function page(options) {
  const p = await openPage(browser, `${pb.url}/`, options);
  pages.push(p);
  return p;
}

async function signedInPage(options) {
  const p = await page(options);
  await signInAndList(p);
  return p;
}

before(async () => {
  const publicDir = await stagePublic("manager");
  pb = await startPocketBase({ name: "manager", port: 8101, publicDir });
  api = pb.api;
  await api.createBackup("seed.zip");
  realBackup = await api.download("seed.zip");
  browser = await launch();
}, T);

after(async () => {
  // Stopped first, so that a failed check below cannot leave them running.
  await browser?.close();
  await pb?.stop();
  for (const p of pages) {
    assert.deepEqual(p.problems, [], "no script errors or CSP violations on the page");
  }
}, T);

test("sign-in keeps the session across a reload; sign-out returns to the form", T, async () => {
  await api.createBackup("session_check.zip");
  const p = await page();
  assert.match((await statusOf(p)).text, /Sign in to manage the backups/);
  assert.ok(await p.locator("#login").isVisible());
  assert.ok(await p.locator("#manager").isHidden());

  await signIn(p);
  const shown = await waitForStatus(p, /\d+ backups? on 127\.0\.0\.1:8101/);
  assert.ok(await p.locator("#manager").isVisible());
  assert.ok(await p.locator("#login").isHidden());
  assert.equal(await p.locator("#who").textContent(), "admin@example.com");
  const server = await api.backups();
  assert.match(shown, new RegExp(`^${server.length} backups? on`));
  assert.deepEqual(await tableKeys(p), server.map((b) => b.key));

  // Without "Remember me" the session is this tab's only: sessionStorage, nothing in
  // localStorage, and another tab of the same browser starts signed out.
  let stored = await storage(p);
  assert.deepEqual(Object.keys(stored.session), [SESSION_KEY]);
  const saved = JSON.parse(stored.session[SESSION_KEY]);
  assert.equal(saved.record.email, "admin@example.com");
  const check = await fetch(`${pb.url}/api/backups`, { headers: { Authorization: saved.token } });
  assert.equal(check.status, 200, "sessionStorage holds the live session");
  assert.deepEqual(stored.local, {}, "nothing in localStorage");
  const other = await openTab(p.context(), `${pb.url}/`);
  pages.push(other);
  assert.match((await statusOf(other)).text, /Sign in to manage the backups/);
  assert.ok(await other.locator("#login").isVisible(), "a new tab is not signed in");
  await other.close();

  await p.reload();
  await waitForStatus(p, /backups? on/);
  assert.ok(await p.locator("#manager").isVisible(), "still signed in after a reload");
  assert.ok(await p.locator("#login").isHidden());

  await p.getByRole("button", { name: "Sign out" }).click();
  await waitForStatus(p, /^Signed out\.$/);
  assert.ok(await p.locator("#login").isVisible());
  assert.ok(await p.locator("#manager").isHidden());
  assert.equal(await p.locator("#backups tbody tr").count(), 0, "no backups left on screen");
  stored = await storage(p);
  assert.deepEqual(stored, { session: {}, local: {} }, "no session left in any storage");
  await p.reload();
  await waitForStatus(p, /Sign in to manage/);
  assert.ok(await p.locator("#login").isVisible(), "signed out for good");
  assert.ok(!(await p.getByLabel("Remember me on this device").isChecked()), "Remember me is off by default");
  await screenshots(p, "sign-in");
});

test("Remember me keeps the session for every tab; signing out in one tab signs out the others", T, async () => {
  const p = await page();
  await signInAndList(p, { remember: true });
  let stored = await storage(p);
  assert.deepEqual(Object.keys(stored.local), [SESSION_KEY], "remembered in localStorage");
  assert.deepEqual(stored.session, {}, "and nowhere else");

  // A second tab of the same browser is signed in from it, with the box ticked.
  const second = await openTab(p.context(), `${pb.url}/`);
  pages.push(second);
  await waitForStatus(second, /backups? on/);
  assert.ok(await second.locator("#manager").isVisible());
  assert.equal(await second.locator("#who").textContent(), "admin@example.com");

  await p.getByRole("button", { name: "Sign out" }).click();
  await waitForStatus(p, /^Signed out\.$/);
  assert.equal(await waitForStatus(second, /Signed out in another tab/), "Signed out in another tab.");
  assert.ok(await second.locator("#login").isVisible(), "the other tab shows the sign-in form");
  assert.ok(await second.locator("#manager").isHidden());
  assert.equal(await second.locator("#backups tbody tr").count(), 0, "and no backups");
  assert.ok(await second.getByLabel("Remember me on this device").isChecked(), "the choice stays ticked");
  for (const tab of [p, second]) assert.deepEqual(await storage(tab), { session: {}, local: {} });
  await screenshots(second, "signed-out-in-another-tab");

  // Without Remember me each tab signs in on its own; a sign-out still reaches both.
  await signInAndList(p);
  await signInAndList(second);
  assert.deepEqual((await storage(second)).local, {});
  await second.getByRole("button", { name: "Sign out" }).click();
  await waitForStatus(p, /^Signed out in another tab\.$/);
  assert.ok(await p.locator("#login").isVisible());
  for (const tab of [p, second]) assert.deepEqual(await storage(tab), { session: {}, local: {} });
  await p.reload();
  await waitForStatus(p, /Sign in to manage/);
});

test("the page runs under its Content-Security-Policy: sent as a header, nothing violates it, injected script and a form to another origin are refused", T, async () => {
  const p = await page();
  assert.equal(p.csp, CSP, "the header, as the server sends it with the page");
  const res = await fetch(`${pb.url}/`);
  assert.equal(res.headers.get("content-security-policy"), CSP);
  assert.equal(await p.locator("meta[http-equiv]").count(), 0, "no <meta> policy: the header is the policy");
  // Everything the page does at start and on sign-in (the wasm compiled, API calls)
  // runs without a violation (every page of these tests is checked for that).
  await signInAndList(p);
  assert.deepEqual(p.problems, []);

  // An inline script (as injected markup would bring) does not run, and is reported.
  const ran = await p.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return window.__injected === true;
  });
  assert.equal(ran, false, "the inline script did not run");
  await waitUntilProblem(p, /^csp: script-src-elem blocked inline/);
  // A form sent to another origin (as injected markup would send what the page holds)
  // is not sent, and the page stays (form-action 'self').
  const elsewhere = "http://127.0.0.1:8109/collect";
  const left = await p.evaluate(async (action) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = action;
    form.append(Object.assign(document.createElement("input"), { name: "stolen", value: "x" }));
    document.body.append(form);
    form.submit();
    await new Promise((resolve) => setTimeout(resolve, 500));
    form.remove();
    return location.href;
  }, elsewhere);
  assert.equal(left, `${pb.url}/`, "the page did not navigate");
  await waitUntilProblem(p, /^csp: form-action blocked http:\/\/127\.0\.0\.1:8109\/collect/);
  assert.ok(await p.locator("#manager").isVisible(), "still the signed-in page");
  // A framing page on another origin gets nothing (frame-ancestors 'none').
  const framer = await p.context().newPage();
  const refused = Promise.race([
    new Promise((resolve) => framer.on("console", (m) => /frame-ancestors/.test(m.text()) && resolve(m.text()))),
    new Promise((resolve) => setTimeout(() => resolve("no refusal reported within 15 s"), 15_000)),
  ]);
  await framer.setContent(`<iframe src="${pb.url}/"></iframe>`);
  assert.match(await refused, /frame-ancestors 'none'.*(refused|blocked)/i);
  assert.equal(framer.frames().length, 2);
  assert.equal(await framer.frames()[1].locator("#status").count(), 0, "the page did not load in the frame");
  await framer.close();
  // Only the violations caused here were reported.
  p.problems = p.problems.filter((m) => !/inline|__injected|form-action/.test(m));
  assert.deepEqual(p.problems, []);
});

// Waits until one of the page's collected problems matches `re`.
async function waitUntilProblem(p, re) {
  for (let i = 0; i < 50 && !p.problems.some((m) => re.test(m)); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(p.problems.some((m) => re.test(m)), `a problem matching ${re} (got ${JSON.stringify(p.problems)})`);
}

test("a wrong password shows a readable error and keeps the sign-in form", T, async () => {
  const p = await page();
  await signIn(p, { password: "not-the-password" });
  const text = await waitForStatus(p, /Sign-in failed/, { kind: "error" });
  assert.equal(text, "Sign-in failed: wrong email or password.");
  assert.ok(await p.locator("#login").isVisible());
  assert.ok(await p.locator("#manager").isHidden());
  assert.equal(await p.evaluate(() => document.activeElement.id), "password", "the password is ready to retype");
  await screenshots(p, "sign-in-error");
});

test("the table shows the server's backups newest first, with readable sizes and local times", T, async () => {
  // A larger backup-shaped zip straight into the backups folder, for a MiB size.
  await api.createBackup("list_old.zip");
  await api.createBackup("list_mid.zip");
  const big = makeZip([{ name: "data.db", data: randomBytes(4096) }, { name: "storage/blob.bin", data: randomBytes(3 * 1024 * 1024 + 123) }]);
  await api.upload("list_big.zip", big);

  const now = Date.now();
  pb.touchBackup("list_old.zip", now - 30 * 24 * HOUR);
  pb.touchBackup("list_mid.zip", now - 26 * HOUR);
  pb.touchBackup("list_big.zip", now - 2 * HOUR);

  const p = await signedInPage();
  const server = await api.backups();
  assert.deepEqual(await tableKeys(p), server.map((b) => b.key), "same backups, newest first");
  const order = server.map((b) => b.key);
  assert.ok(order.indexOf("list_big.zip") < order.indexOf("list_mid.zip"));
  assert.ok(order.indexOf("list_mid.zip") < order.indexOf("list_old.zip"));

  for (const b of server) {
    const r = row(p, b.key);
    assert.equal(await r.locator("td.key").textContent(), b.key);
    assert.equal(await r.locator("td.num").textContent(), humanSize(b.size), `size of ${b.key}`);
    const local = kolkata(b.modified);
    const time = await r.locator("time").textContent();
    assert.ok(time.includes(local.day) && time.includes(local.time), `${b.key}: "${time}" shows ${local.day} ${local.time}`);
    assert.equal(await r.locator("time").getAttribute("datetime"), local.iso);
  }
  assert.equal(await row(p, "list_big.zip").locator("td.num").textContent(), "3.0 MiB");
  const total = server.reduce((s, b) => s + b.size, 0);
  assert.equal(await p.locator("#count").textContent(), `(${server.length} · ${humanSize(total)})`);
  await screenshots(p, "list");
});

test("the name is checked as you type, and an invalid name creates nothing", T, async () => {
  const p = await signedInPage();
  const before = await api.keys();
  const name = p.getByLabel("Name (optional)");
  const hint = p.locator("#name-hint");

  await name.pressSequentially("Bad Name");
  assert.match(await hint.textContent(), /must end in \.zip/);
  assert.equal(await hint.getAttribute("data-kind"), "error");
  assert.equal(await name.getAttribute("aria-invalid"), "true");

  await name.fill("");
  await name.pressSequentially("Upper.zip");
  assert.equal(await hint.textContent(), "Use only lowercase letters, digits, _ and - before .zip.");

  await name.fill(`${"a".repeat(147)}.zip`); // 151 characters
  await name.dispatchEvent("input");
  assert.equal(await hint.textContent(), "Too long: 151 characters, at most 150.");

  await name.fill("");
  await name.pressSequentially("good_name-1.zip");
  assert.equal(await hint.textContent(), "Valid name.");
  assert.equal(await name.getAttribute("aria-invalid"), "false");

  await name.fill("");
  assert.equal(await hint.textContent(), "Leave empty for an automatic name.");
  await name.pressSequentially(before[0]);
  assert.equal(await hint.textContent(), "A backup with this name already exists.");

  await name.fill("");
  await name.pressSequentially("My Backup.zip");
  await screenshots(p, "invalid-name");
  await name.press("Enter");
  const text = await waitForStatus(p, /Not created/, { kind: "error" });
  assert.match(text, /lowercase letters/);
  assert.equal(await p.evaluate(() => document.activeElement.id), "name");
  assert.deepEqual(await api.keys(), before, "nothing was created");
});

test("create a backup with a name, and one with an automatic name", T, async () => {
  const p = await signedInPage();
  await p.getByLabel("Name (optional)").fill("named_backup.zip");
  await p.getByRole("button", { name: "Create backup" }).click();
  const made = await waitForStatus(p, /Created named_backup\.zip \(/, { kind: "ok" });
  const server = await api.backups();
  const named = server.find((b) => b.key === "named_backup.zip");
  assert.ok(named, "the server holds named_backup.zip");
  assert.equal(made, `Created named_backup.zip (${humanSize(named.size)}).`);
  assert.equal(await p.getByLabel("Name (optional)").inputValue(), "", "the field is emptied");
  assert.ok(await row(p, "named_backup.zip").isVisible());

  const keysBefore = await api.keys();
  await p.getByRole("button", { name: "Create backup" }).click();
  const auto = (await waitForStatus(p, /Created \S+\.zip/, { kind: "ok" })).match(/Created (\S+\.zip)/)[1];
  assert.match(auto, NAME_RULE);
  assert.ok(!keysBefore.includes(auto));
  assert.deepEqual(await api.keys(), [...keysBefore, auto].sort(), "exactly one new backup on the server");
  assert.equal((await tableKeys(p))[0], auto, "the newest backup is listed first");
});

test("upload with the file picker: verdict, progress to 100 %, stored byte for byte", T, async () => {
  const bytes = realBackup;
  const p = await signedInPage();
  const requests = [];
  p.on("request", (r) => r.url().includes("/api/backups/upload") && requests.push(r.method()));

  await p.getByLabel(/choose one/).setInputFiles({ name: "uploaded_copy.zip", mimeType: "application/zip", buffer: bytes });
  const verdict = p.locator("#verdict");
  await p.locator("#verdict[data-kind=ok]").waitFor();
  assert.match(await verdict.textContent(), /^uploaded_copy\.zip: backup with data\.db, \d+ files?, \d+(\.\d)? KiB \(.+ unpacked\)\.$/);
  assert.equal(requests.length, 0, "nothing is sent before the user confirms");
  assert.ok(await p.getByRole("button", { name: "Upload", exact: true }).isEnabled());

  await recordProgress(p, "#upload-bar", "upload");
  await p.getByRole("button", { name: "Upload", exact: true }).click();
  await waitForStatus(p, /^Uploaded uploaded_copy\.zip \(/, { kind: "ok" });
  assert.deepEqual(requests, ["POST"]);

  const log = await progressLog(p, "upload");
  assert.ok(log.length >= 2, `progress was reported (${JSON.stringify(log)})`);
  for (let i = 1; i < log.length; i++) {
    assert.ok(log[i].value / log[i].max >= log[i - 1].value / log[i - 1].max, "progress never goes back");
  }
  const last = log.at(-1);
  assert.equal(last.value, last.max, "the bar ends full");
  assert.equal(last.max, bytes.length);
  assert.ok(await p.locator("#upload-progress").isVisible());
  assert.match(await p.locator("#upload-progress-label").textContent(), /^100% · uploaded/);

  const stored = (await api.backups()).find((b) => b.key === "uploaded_copy.zip");
  assert.ok(stored, "the server holds uploaded_copy.zip");
  assert.equal(stored.size, bytes.length);
  assert.equal(sha(await api.download("uploaded_copy.zip")), sha(bytes), "same bytes");
  assert.ok(await row(p, "uploaded_copy.zip").isVisible());
  await screenshots(p, "uploaded");
});

test("upload by drag-and-drop, confirmed with the keyboard", T, async () => {
  const bytes = realBackup;
  const p = await signedInPage();
  const { highlighted } = await dropFile(p, "#dropzone", { name: "dropped.zip", bytes });
  assert.ok(highlighted, "the drop zone lights up while a file is dragged over it");
  await p.locator("#verdict[data-kind=ok]").waitFor();
  assert.match(await p.locator("#verdict").textContent(), /^dropped\.zip: backup with data\.db/);
  assert.equal(await p.evaluate(() => document.activeElement.id), "upload", "Upload has the focus");
  assert.ok(!(await p.locator("#dropzone").evaluate((el) => el.classList.contains("dragging"))));

  await p.keyboard.press("Enter");
  await waitForStatus(p, /^Uploaded dropped\.zip/, { kind: "ok" });
  const stored = (await api.backups()).find((b) => b.key === "dropped.zip");
  assert.equal(stored?.size, bytes.length);
  assert.equal(sha(await api.download("dropped.zip")), sha(bytes), "the server holds the same bytes");
  assert.ok(await row(p, "dropped.zip").isVisible());
});

test("files that are not backups are refused with the verdict, and nothing is sent", T, async () => {
  const p = await signedInPage();
  const before = await api.keys();
  const sent = [];
  p.on("request", (r) => r.url().includes("/api/backups/upload") && sent.push(r.url()));
  const upload = p.getByRole("button", { name: "Upload", exact: true });
  const verdict = p.locator("#verdict");

  await p.locator("#file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello, not a zip\n") });
  await p.locator("#verdict[data-kind=error]").waitFor();
  assert.match(await verdict.textContent(), /^notes\.txt is not a backup: .+/);
  assert.ok(await upload.isDisabled());

  const photos = makeZip([{ name: "photo1.jpg", data: randomBytes(2000) }, { name: "photo2.jpg", data: randomBytes(3000) }]);
  await p.locator("#file").setInputFiles({ name: "photos.zip", mimeType: "application/zip", buffer: photos });
  await p.waitForFunction(() => document.getElementById("verdict").textContent.startsWith("photos.zip"));
  assert.equal(await verdict.textContent(), "photos.zip is a zip, but not a backup: there is no data.db at its root (2 files).");
  assert.equal(await verdict.getAttribute("data-kind"), "error");
  assert.ok(await upload.isDisabled());
  await screenshots(p, "upload-refused");

  // A real backup whose name is taken is refused too, before sending.
  await p.locator("#file").setInputFiles({ name: "seed.zip", mimeType: "application/zip", buffer: realBackup });
  await p.waitForFunction(() => /already exists/.test(document.getElementById("verdict").textContent));
  assert.equal(await verdict.getAttribute("data-kind"), "error");
  assert.ok(await upload.isDisabled());

  // Submitting anyway (Enter in the form) explains instead of sending.
  await p.locator("#file").setInputFiles({ name: "photos.zip", mimeType: "application/zip", buffer: photos });
  await p.waitForFunction(() => document.getElementById("verdict").textContent.startsWith("photos.zip"));
  await p.locator("#upload-form").evaluate((form) => form.requestSubmit());
  await waitForStatus(p, /^Not uploaded: photos\.zip is a zip, but not a backup/, { kind: "error" });

  assert.deepEqual(sent, [], "no upload request");
  assert.deepEqual(await api.keys(), before, "the server holds nothing new");
});

test("an upload in progress can be cancelled, and the server keeps nothing", T, async () => {
  const p = await signedInPage();
  const cdp = await p.context().newCDPSession(p);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024,
  });
  const file = makeZip([{ name: "data.db", data: randomBytes(4096) }, { name: "storage/big.bin", data: randomBytes(8 * 1024 * 1024) }]);
  await p.locator("#file").setInputFiles({ name: "slow_upload.zip", mimeType: "application/zip", buffer: file });
  await p.locator("#verdict[data-kind=ok]").waitFor();
  await p.getByRole("button", { name: "Upload", exact: true }).click();

  // Mid-body: at least 1 MiB of the body has gone out (the bar counts bytes sent),
  // and not all of it.
  const folder = path.join(pb.dataDir, "backups");
  const filesBefore = readdirSync(folder).sort();
  const sent = await p.waitForFunction((n) => {
    const bar = document.getElementById("upload-bar");
    return bar.max > 1 && bar.value >= n && bar.value < bar.max && bar.value;
  }, MIB, { timeout: 60_000 });
  const atCancel = await sent.jsonValue();
  assert.match(await p.locator("#upload-progress-label").textContent(), /^\d+% · .+ of 8\.0 MiB$/);
  await screenshots(p, "upload-progress");
  await p.getByRole("button", { name: "Cancel upload" }).click();
  await waitForStatus(p, /^Upload of slow_upload\.zip cancelled; nothing was stored\.$/);
  assert.ok(await p.getByRole("button", { name: "Cancel upload" }).isHidden());
  assert.ok(atCancel >= MIB && atCancel < file.length, `cancelled after ${atCancel} of ${file.length} bytes`);

  // The server holds nothing, checked twice: still throttled, 1 s after the cancel
  // (the page's abort has reached the browser's network stack by then), and again once
  // the throttle is lifted, when an upload that went on would finish at once (the
  // page's abort and the lifted throttle reach the browser's network stack each on its
  // own way: lifted at once, right after the page's status, the server once kept it).
  const serverHoldsNothing = async (when) => {
    assert.ok(!(await api.keys()).includes("slow_upload.zip"), `the server does not hold it (${when})`);
    // Nor any part of it: the backups folder holds what it held before the upload.
    assert.deepEqual(readdirSync(folder).sort(), filesBefore, `no file, whole or partial, in the backups folder (${when})`);
  };
  await sleep(1000);
  await serverHoldsNothing("throttled");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await sleep(1000);
  await serverHoldsNothing("unthrottled");
  await p.getByRole("button", { name: "Refresh" }).click();
  await waitForStatus(p, /backups? on/);
  assert.ok(!(await tableKeys(p)).includes("slow_upload.zip"));

  // The same file then uploads in full under the same name, byte for byte.
  await p.getByRole("button", { name: "Upload", exact: true }).click();
  await waitForStatus(p, /^Uploaded slow_upload\.zip \(/, { kind: "ok" });
  assert.equal(sha(await api.download("slow_upload.zip")), sha(file), "the server holds the same bytes");
});

test("download with progress: the browser saves the server's bytes", T, async () => {
  const key = "download_me.zip";
  await api.upload(key, makeZip([{ name: "data.db", data: randomBytes(4096) }, { name: "storage/f.bin", data: randomBytes(3 * 1024 * 1024) }]));
  const p = await signedInPage();
  const server = (await api.backups()).find((b) => b.key === key);
  const cdp = await p.context().newCDPSession(p);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 0, downloadThroughput: 1024 * 1024, uploadThroughput: -1,
  });
  await recordProgress(p, "#download-bar", "download");
  const [download] = await Promise.all([
    p.waitForEvent("download", { timeout: 120_000 }),
    (async () => {
      await row(p, key).getByRole("button", { name: `Download ${key}` }).click();
      await p.waitForFunction(() => {
        const bar = document.getElementById("download-bar");
        return bar.value > 0 && bar.value < bar.max;
      });
      assert.ok(await p.locator("#download-panel").isVisible());
      assert.match(await p.locator("#download-label").textContent(), /^download_me\.zip: \d+% · .+ of 3\.0 MiB$/);
      await screenshots(p, "download-progress");
    })(),
  ]);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await waitForStatus(p, new RegExp(`^Downloaded ${key.replace(".", "\\.")} \\(3\\.0 MiB\\)\\.$`), { kind: "ok" });
  assert.equal(download.suggestedFilename(), key);
  const file = await download.path();
  assert.equal(statSync(file).size, server.size, "the saved file has the server's size");
  assert.equal(sha(readFileSync(file)), sha(await api.download(key)), "and the server's bytes");

  const log = await progressLog(p, "download");
  const last = log.at(-1);
  assert.ok(log.some((e) => e.value > 0 && e.value < e.max), "the bar showed partial progress");
  assert.equal(last.value, last.max);
  assert.equal(last.max, server.size);
  assert.ok(await p.locator("#download-panel").isHidden(), "the progress panel goes away");
});

test("a very large backup is handed to the browser's own download instead", T, async () => {
  // 600 MiB, sparse: nothing is written to the disk.
  const key = "huge_backup.zip";
  const file = path.join(pb.dataDir, "backups", key);
  const fd = openSync(file, "w");
  ftruncateSync(fd, 600 * 1024 * 1024);
  closeSync(fd);
  try {
    const p = await signedInPage();
    assert.equal(await row(p, key).locator("td.num").textContent(), "600 MiB");
    const [download] = await Promise.all([
      p.waitForEvent("download", { timeout: 120_000 }),
      row(p, key).getByRole("button", { name: `Download ${key}` }).click(),
    ]);
    assert.equal(download.suggestedFilename(), key);
    await download.cancel();
    await waitForStatus(p, /^Download of huge_backup\.zip started; your browser shows its progress\.$/, { kind: "ok" });
    assert.ok(await p.locator("#download-panel").isHidden(), "no in-page progress: the file never enters the page");
  } finally {
    rmSync(file, { force: true });
  }
});

test("delete asks first: cancel keeps the backup, confirm removes it", T, async () => {
  await api.createBackup("to_delete.zip");
  const p = await signedInPage();
  const dialog = p.locator("#confirm-dialog");
  await row(p, "to_delete.zip").getByRole("button", { name: "Delete to_delete.zip" }).click();
  await dialog.waitFor();
  assert.equal(await p.locator("#confirm-title").textContent(), "Delete to_delete.zip?");
  assert.match(await p.locator("#confirm-text").textContent(), /cannot be undone/);
  assert.equal(await p.evaluate(() => document.activeElement.id), "confirm-cancel", "Cancel is the default");
  await screenshots(p, "delete-confirm", { fullPage: false });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });
  assert.ok((await api.keys()).includes("to_delete.zip"), "cancel deletes nothing");

  // Escape cancels too.
  await row(p, "to_delete.zip").getByRole("button", { name: "Delete to_delete.zip" }).click();
  await dialog.waitFor();
  await p.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.ok((await api.keys()).includes("to_delete.zip"));

  await row(p, "to_delete.zip").getByRole("button", { name: "Delete to_delete.zip" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await waitForStatus(p, /^Deleted to_delete\.zip\.$/, { kind: "ok" });
  assert.ok(!(await api.keys()).includes("to_delete.zip"), "the server no longer holds it");
  assert.ok(!(await tableKeys(p)).includes("to_delete.zip"));
});

test("confirmations show invisible and bidirectional characters of a key escaped", T, async () => {
  // Shown raw, "invoice\u202Epiz.exe" reads "invoiceexe.zip"; the zero-width space
  // makes a twin of "zero_width.zip".
  const bidi = "invoice\u202Epiz.exe";
  const zw = "zero\u200B_width.zip";
  for (const key of [bidi, zw]) await api.upload(key, realBackup);
  assert.ok((await api.keys()).includes(bidi) && (await api.keys()).includes(zw), "the server holds both keys as sent");
  const p = await signedInPage();
  const dialog = p.locator("#confirm-dialog");
  const note = "Its name holds invisible or direction-changing characters, shown as \\u codes.";

  await row(p, bidi).getByRole("button", { name: "Delete invoice\\u202Epiz.exe" }).click();
  await dialog.waitFor();
  assert.equal(await p.locator("#confirm-title").textContent(), "Delete invoice\\u202Epiz.exe?");
  assert.ok((await p.locator("#confirm-text").textContent()).endsWith(note));
  await screenshots(p, "confirm-escaped-key", { fullPage: false });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });

  await row(p, zw).getByRole("button", { name: "Restore zero\\u200B_width.zip" }).click();
  await dialog.waitFor();
  assert.equal(await p.locator("#confirm-title").textContent(), "Restore zero\\u200B_width.zip?");
  assert.match(await p.locator("#confirm-text").textContent(), /by the contents of zero\\u200B_width\.zip, created /);
  assert.equal(await p.locator("#confirm-ok").textContent(), "Restore zero\\u200B_width.zip");
  const shown = await dialog.evaluate((d) => d.textContent);
  assert.ok(!/[\u200B\u202E]/.test(shown), "no hidden character is left in the dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });

  // What is confirmed is the real key: deleting through the dialog removes exactly it.
  await row(p, zw).getByRole("button", { name: "Delete zero\\u200B_width.zip" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  assert.equal(await waitForStatus(p, /^Deleted zero/, { kind: "ok" }), "Deleted zero\\u200B_width.zip.");
  const keys = await api.keys();
  assert.ok(!keys.includes(zw) && keys.includes(bidi));

  // A plain key is shown as it is, with no note.
  await row(p, "seed.zip").getByRole("button", { name: "Delete seed.zip" }).click();
  await dialog.waitFor();
  assert.equal(await p.locator("#confirm-title").textContent(), "Delete seed.zip?");
  assert.ok(!(await p.locator("#confirm-text").textContent()).includes("\\u"));
  await p.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
});

// Invisible and direction-changing characters the page writes as \u codes.
const HIDDEN = [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067,
  0x2068, 0x2069, 0xFEFF];
const HIDDEN_RE = new RegExp(`[${HIDDEN.map((c) => String.fromCodePoint(c)).join("")}]`, "u");

test("keys with invisible or bidirectional characters are shown escaped in the list, the prune preview and the statuses", T, async () => {
  // The server takes such names from uploads (only the names it creates itself follow
  // its rule), so a backup can be listed as the twin of another.
  const ages = { // hours; key -> how the page writes it
    "twin_b.zip": [40, "twin_b.zip"],
    "twin_\u200Bb.zip": [30, "twin_\\u200Bb.zip"],
    "twin_\u202Epiz.exe": [20, "twin_\\u202Epiz.exe"],
    "twin_\u2066c\u2069\uFEFF.zip": [10, "twin_\\u2066c\\u2069\\uFEFF.zip"],
  };
  const now = Date.now();
  for (const key of Object.keys(ages)) await api.upload(key, realBackup);
  for (const [key, [hours]] of Object.entries(ages)) pb.touchBackup(key, now - hours * HOUR);
  const p = await signedInPage();

  // The page's one helper, over each character it must make visible.
  const escaped = await p.evaluate(async (codes) => {
    const { showKey } = await import("/lib/format.js");
    return codes.map((c) => showKey(`a${String.fromCodePoint(c)}b.zip`));
  }, HIDDEN);
  assert.deepEqual(escaped, HIDDEN.map((c) => `a\\u${c.toString(16).toUpperCase().padStart(4, "0")}b.zip`));

  // The list: each name escaped, each escape marked as one, the row's buttons named so.
  for (const [key, [, shown]] of Object.entries(ages)) {
    const r = row(p, key);
    assert.equal(await r.locator("td.key").textContent(), shown);
    assert.equal(await r.locator("td.key .escape").count(), (shown.match(/\\u/g) ?? []).length);
    assert.equal(await r.getByRole("button", { name: "Delete" }).getAttribute("aria-label"), `Delete ${shown}`);
  }
  await screenshots(p, "list-escaped-keys");

  // The prune preview, oldest first.
  await p.getByRole("button", { name: "Prune…" }).click();
  await p.locator("#prune-dialog").waitFor();
  await p.getByLabel("Keep the newest").fill("0");
  await p.getByLabel(/older than/).fill("");
  await p.getByLabel("Only names starting with").fill("twin_");
  await p.getByRole("button", { name: "Preview" }).click();
  await p.locator("#prune-list").waitFor();
  const listed = await p.locator("#prune-list li").allTextContents();
  assert.deepEqual(listed.map((t) => t.split(" · ")[0]), Object.values(ages).map(([, shown]) => shown));
  assert.equal(await p.locator("#prune-list .escape").count(), 5);
  const preview = await p.locator("#prune-preview").textContent();
  assert.ok(!HIDDEN_RE.test(preview), "no hidden character in the preview");
  assert.ok(preview.endsWith("Marked \\u codes stand for invisible or direction-changing characters in those names."));
  await screenshots(p, "prune-preview-escaped-keys", { fullPage: false });

  // The status after the prune names them the same way; exactly these keys are gone.
  await p.getByRole("button", { name: "Delete 4 backups" }).click();
  const done = await waitForStatus(p, /^Pruned: /, { kind: "ok" });
  assert.equal(done, `Pruned: deleted 4 backups: ${Object.values(ages).map(([, shown]) => shown).join(", ")}.`);
  assert.deepEqual((await api.keys()).filter((k) => k.startsWith("twin_")), []);
});

test("prune previews with a dry run, then deletes exactly what it listed", T, async () => {
  const now = Date.now();
  const ages = { "prune_1.zip": 96, "prune_2.zip": 72, "prune_3.zip": 49, "prune_4.zip": 1 }; // hours
  for (const key of Object.keys(ages)) await api.createBackup(key);
  for (const [key, hours] of Object.entries(ages)) pb.touchBackup(key, now - hours * HOUR);
  const others = (await api.keys()).filter((k) => !k.startsWith("prune_"));

  const p = await signedInPage();
  const dialog = p.locator("#prune-dialog");
  await p.getByRole("button", { name: "Prune…" }).click();
  await dialog.waitFor();
  await p.getByLabel("Keep the newest").fill("2");
  await p.getByLabel("Only names starting with").fill("prune_");
  await p.getByRole("button", { name: "Preview" }).click();
  await p.locator("#prune-list").waitFor();
  assert.deepEqual(await p.locator("#prune-list li").allTextContents().then((t) => t.map((s) => s.split(" ")[0])),
    ["prune_1.zip", "prune_2.zip"], "the two oldest, oldest first");
  assert.match(await p.locator("#prune-preview").textContent(), /^2 backups would be deleted \(oldest first\); \d+ would remain:/);
  assert.ok(!(await p.locator("#prune-preview").textContent()).includes("\\u"), "plain names, no note on escapes");
  assert.equal((await api.keys()).filter((k) => k.startsWith("prune_")).length, 4, "the dry run deleted nothing");
  await screenshots(p, "prune-preview", { fullPage: false });

  // Changing the policy asks for a new preview first.
  await p.getByLabel("Keep the newest").fill("1");
  assert.ok(await p.locator("#prune-run").isDisabled());
  await p.getByLabel("Keep the newest").fill("2");
  await p.getByLabel("Keep the newest").press("Enter"); // Enter previews
  await p.locator("#prune-list").waitFor();
  await p.getByRole("button", { name: "Delete 2 backups" }).click();
  await waitForStatus(p, /^Pruned: deleted 2 backups: prune_1\.zip, prune_2\.zip\.$/, { kind: "ok" });
  await dialog.waitFor({ state: "hidden" });
  let keys = await api.keys();
  assert.deepEqual(keys.filter((k) => k.startsWith("prune_")), ["prune_3.zip", "prune_4.zip"]);
  assert.deepEqual(keys.filter((k) => !k.startsWith("prune_")), others, "other backups untouched");
  assert.deepEqual((await tableKeys(p)).filter((k) => k.startsWith("prune_")), ["prune_4.zip", "prune_3.zip"]);

  // By age: older than 2 days, no count to keep.
  await p.getByRole("button", { name: "Prune…" }).click();
  await p.getByLabel("Keep the newest").fill("");
  await p.getByLabel(/older than/).fill("2");
  await p.getByLabel("Only names starting with").fill("prune_");
  await p.getByRole("button", { name: "Preview" }).click();
  await p.locator("#prune-list").waitFor();
  assert.deepEqual(await p.locator("#prune-list li").allTextContents().then((t) => t.map((s) => s.split(" ")[0])), ["prune_3.zip"]);
  await p.getByRole("button", { name: "Delete 1 backup" }).click();
  await waitForStatus(p, /^Pruned: deleted 1 backup: prune_3\.zip\.$/, { kind: "ok" });
  keys = await api.keys();
  assert.deepEqual(keys.filter((k) => k.startsWith("prune_")), ["prune_4.zip"]);

  // A policy with neither a count nor an age is explained, not sent.
  await p.getByRole("button", { name: "Prune…" }).click();
  await p.getByLabel("Keep the newest").fill("");
  await p.getByLabel(/older than/).fill("");
  await p.getByRole("button", { name: "Preview" }).click();
  await p.locator("#prune-preview[data-kind=error]").waitFor();
  assert.match(await p.locator("#prune-preview").textContent(), /Give a number of backups to keep/);
  await p.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "hidden" });
});

test("prune deletes exactly the preview: a backup made before confirming, a key deleted meanwhile", T, async () => {
  const now = Date.now();
  const ages = { "between_1.zip": 96, "between_2.zip": 72, "between_3.zip": 49, "between_4.zip": 2 }; // hours
  for (const key of Object.keys(ages)) await api.createBackup(key);
  for (const [key, hours] of Object.entries(ages)) pb.touchBackup(key, now - hours * HOUR);
  const ours = async () => (await api.keys()).filter((k) => k.startsWith("between_"));

  const p = await signedInPage();
  const dialog = p.locator("#prune-dialog");
  const preview = async (keep) => {
    await p.getByRole("button", { name: "Prune…" }).click();
    await dialog.waitFor();
    await p.getByLabel("Keep the newest").fill(keep);
    await p.getByLabel(/older than/).fill("");
    await p.getByLabel("Only names starting with").fill("between_");
    await p.getByRole("button", { name: "Preview" }).click();
    await p.locator("#prune-list").waitFor();
    return p.locator("#prune-list li").allTextContents().then((t) => t.map((s) => s.split(" ")[0]));
  };
  assert.deepEqual(await preview("2"), ["between_1.zip", "between_2.zip"]);
  // A scheduled backup lands while the user reads the preview: keeping 2 would now
  // select between_3.zip too, which the user never saw.
  await api.createBackup("between_5.zip");
  await p.getByRole("button", { name: "Delete 2 backups" }).click();
  await waitForStatus(p, /^Pruned: deleted 2 backups: between_1\.zip, between_2\.zip\.$/, { kind: "ok" });
  assert.deepEqual(await ours(), ["between_3.zip", "between_4.zip", "between_5.zip"]);

  // Another admin deletes a previewed backup before the user confirms: the rest goes,
  // and the page says which one did not and why.
  assert.deepEqual(await preview("1"), ["between_3.zip", "between_4.zip"]);
  await api.ok("DELETE", "/api/backups/between_3.zip");
  await p.getByRole("button", { name: "Delete 2 backups" }).click();
  await waitForStatus(p,
    /^Pruned: deleted 1 backup: between_4\.zip\. Not deleted: between_3\.zip \(The backup is no longer on the server\)\.$/,
    { kind: "error" });
  assert.deepEqual(await ours(), ["between_5.zip"]);
  assert.deepEqual((await tableKeys(p)).filter((k) => k.startsWith("between_")), ["between_5.zip"]);
  await api.ok("DELETE", "/api/backups/between_5.zip");
});

test("prune by age trusts the server's clock: a client 30 days ahead deletes nothing recent", T, async () => {
  const now = Date.now();
  const ages = { "clock_1.zip": 30, "clock_2.zip": 20, "clock_3.zip": 10 }; // hours
  for (const key of Object.keys(ages)) await api.createBackup(key);
  for (const [key, hours] of Object.entries(ages)) pb.touchBackup(key, now - hours * HOUR);

  const p = await signedInPage();
  await p.evaluate(() => {
    const real = Date.now;
    Date.now = () => real() + 30 * 24 * 3600 * 1000;
  });
  await p.getByRole("button", { name: "Prune…" }).click();
  await p.locator("#prune-dialog").waitFor();
  await p.getByLabel("Keep the newest").fill("");
  await p.getByLabel(/older than/).fill("7");
  await p.getByLabel("Only names starting with").fill("clock_");
  await p.getByRole("button", { name: "Preview" }).click();
  await p.locator("#prune-preview[data-kind=ok]").waitFor();
  assert.match(await p.locator("#prune-preview").textContent(), /^Nothing to delete/);
  assert.ok(await p.locator("#prune-run").isDisabled());
  // Still by the server's clock: older than 15 hours is the two oldest.
  await p.getByLabel(/older than/).fill(String(15 / 24));
  await p.getByRole("button", { name: "Preview" }).click();
  await p.locator("#prune-list").waitFor();
  assert.deepEqual(await p.locator("#prune-list li").allTextContents().then((t) => t.map((s) => s.split(" ")[0])),
    ["clock_1.zip", "clock_2.zip"]);
  await p.getByRole("button", { name: "Delete 2 backups" }).click();
  await waitForStatus(p, /^Pruned: deleted 2 backups: clock_1\.zip, clock_2\.zip\.$/, { kind: "ok" });
  assert.deepEqual((await api.keys()).filter((k) => k.startsWith("clock_")), ["clock_3.zip"]);
  await api.ok("DELETE", "/api/backups/clock_3.zip");
});

test("keyboard only: row actions and the confirmation dialog", T, async () => {
  await api.createBackup("keyboard_victim.zip");
  const p = await page();
  // The page starts with the focus in the email field.
  assert.equal(await p.evaluate(() => document.activeElement.id), "email");
  await p.keyboard.type("admin@example.com");
  await p.keyboard.press("Tab");
  await p.keyboard.type("password123");
  await p.keyboard.press("Enter");
  await waitForStatus(p, /backups? on/);
  assert.equal(await p.evaluate(() => document.activeElement.id), "list-title");

  // Tab to the victim's Delete button.
  const target = "Delete keyboard_victim.zip";
  for (let i = 0; i < 200; i++) {
    await p.keyboard.press("Tab");
    if ((await p.evaluate(() => document.activeElement.getAttribute("aria-label"))) === target) break;
  }
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute("aria-label")), target);
  await p.keyboard.press("Enter");
  await p.locator("#confirm-dialog").waitFor();
  await p.keyboard.press("Tab"); // from Cancel to Delete
  assert.equal(await p.evaluate(() => document.activeElement.id), "confirm-ok");
  await p.keyboard.press("Enter");
  await waitForStatus(p, /^Deleted keyboard_victim\.zip\.$/, { kind: "ok" });
  assert.ok(!(await api.keys()).includes("keyboard_victim.zip"));
  assert.equal(await p.evaluate(() => document.activeElement.id), "list-title", "focus lands on the list");
});

test("every control is labelled, and the page fits 1280 and 390 px without sideways scrolling", T, async () => {
  const p = await signedInPage();
  const unlabelled = await p.evaluate(() => {
    const missing = [];
    for (const el of document.querySelectorAll("input, button, progress, select, textarea")) {
      const named = el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")
        || (el.tagName === "BUTTON" && el.textContent.trim());
      if (!named) missing.push(el.outerHTML.slice(0, 80));
    }
    return missing;
  });
  assert.deepEqual(unlabelled, []);
  assert.equal(await p.locator("#status").getAttribute("aria-live"), "polite");

  for (const size of [WIDE, NARROW]) {
    await p.setViewportSize(size);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${size.width} px (overflow ${overflow})`);
    // Every row's buttons are inside the viewport.
    const outside = await p.locator("#backups button").evaluateAll((buttons, width) =>
      buttons.filter((b) => b.getBoundingClientRect().right > width).length, size.width);
    assert.equal(outside, 0, `all row buttons visible at ${size.width} px`);
    await screenshot(p, "manager");
  }
});
