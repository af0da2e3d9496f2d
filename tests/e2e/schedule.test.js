// The "Schedule & storage" panel and the Verify action of the Backup Manager page,
// against a real PocketBase of their own (port 8105) and, for S3 storage, a real
// S3-compatible server (moto's, tests/s3_server.py: S3 on 8106, its control on 8107).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { launch, openPage, row, screenshots, signInAndList, tableKeys, waitForStatus } from "./lib/browser.js";
import { OUT, ROOT, sleep, stagePublic, waitUntil } from "./lib/env.js";
import { startPocketBase } from "./lib/pocketbase.js";
import { damagedBackup } from "./lib/zip.js";

const T = { timeout: 180_000 };
const S3_URL = "http://127.0.0.1:8106";
const S3_CONTROL = "http://127.0.0.1:8107";
const BUCKET = "page-backups";
const SECRET = "page-s3-secret-value";
// How the page writes a date and time (the tests' browser: en-GB in India).
const local = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Kolkata" });

let browser;
let pb;
let api;
let s3;
const pages = [];

before(async () => {
  const publicDir = await stagePublic("schedule");
  pb = await startPocketBase({ name: "schedule", port: 8105, publicDir });
  api = pb.api;
  const log = openSync(path.join(OUT, "s3-server.log"), "a");
  s3 = spawn(path.join(ROOT, ".venv-pb", "bin", "python"), [path.join(ROOT, "tests", "s3_server.py"), "8106", "8107"], {
    stdio: ["ignore", log, log],
  });
  let exited = null;
  s3.on("exit", (code) => (exited = code));
  await waitUntil("the S3 server", async () => {
    if (exited !== null) throw new Error(`it exited with ${exited}; see test-output/e2e/s3-server.log`);
    return (await fetch(S3_CONTROL).then((r) => r.text()).catch(() => "")) === "running";
  });
  const made = await fetch(`${S3_URL}/${BUCKET}`, { method: "PUT" });
  assert.equal(made.status, 200, "the bucket is created");
  browser = await launch();
}, T);

after(async () => {
  await browser?.close();
  await pb?.stop();
  s3?.kill();
  for (const p of pages) assert.deepEqual(p.problems, [], "no script errors or CSP violations on the page");
}, T);

async function signedInPage() {
  const p = await openPage(browser, `${pb.url}/`);
  pages.push(p);
  await signInAndList(p);
  return p;
}

const backupsSettings = async () => (await api.ok("GET", "/api/settings")).backups;

// The next `n` midnights (UTC) after now.
function nextMidnights(n) {
  const now = new Date();
  const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Array.from({ length: n }, (_, i) => new Date(first + i * 24 * 3600 * 1000));
}

test("schedule: a preset is saved with the kept count, the next runs show in local time, a bad expression is refused, off again", T, async () => {
  const p = await signedInPage();
  await p.waitForFunction(() => document.getElementById("cron-hint").textContent !== "");
  assert.equal(await p.getByLabel("Schedule", { exact: true }).inputValue(), "");
  assert.equal(await p.locator("#cron-hint").textContent(), "Automatic backups are off.");
  assert.equal(await p.getByRole("button", { name: "Run now" }).isDisabled(), true, "nothing to run while off");

  await p.getByLabel("Schedule", { exact: true }).selectOption({ label: "Every day at midnight (UTC)" });
  assert.equal(await p.locator("#cron").inputValue(), "0 0 * * *");
  await p.getByRole("button", { name: "Refresh" }).click(); // the controls updated, the schedule not saved
  await waitForStatus(p, /backups? on/);
  assert.equal(await p.getByRole("button", { name: "Run now" }).isDisabled(), true, "nothing to run until saved");
  await p.getByLabel("Automatic backups kept").fill("2");
  await p.getByRole("button", { name: "Save schedule" }).click();
  await waitForStatus(p, /^Schedule saved: automatic backups run at “0 0 \* \* \*” \(UTC\)\.$/, { kind: "ok" });
  let server = await backupsSettings();
  assert.equal(server.cron, "0 0 * * *");
  assert.equal(server.cronMaxKeep, 2);
  const runs = await p.locator("#next-runs-list li").allTextContents();
  assert.deepEqual(runs, nextMidnights(3).map((d) => local.format(d)), "the next three runs, in the browser's time zone");
  assert.equal(await p.getByRole("button", { name: "Run now" }).isEnabled(), true);
  await screenshots(p, "schedule");

  // The page shows what the server holds after a reload.
  await p.reload();
  await waitForStatus(p, /backups? on/);
  await p.waitForFunction(() => document.getElementById("cron").value === "0 0 * * *");
  assert.equal(await p.locator("#max-keep").inputValue(), "2");

  // An expression the server would refuse: refused before sending, the server's code and message.
  await p.getByLabel("Schedule", { exact: true }).selectOption({ label: "Custom cron expression…" });
  await p.locator("#cron").fill("61 * * * *");
  await p.getByRole("button", { name: "Save schedule" }).click();
  await waitForStatus(p, /Invalid segment value - must be between the min and max of the segment\./, { kind: "error" });
  assert.equal(await p.locator("#cron").getAttribute("aria-invalid"), "true");
  assert.equal(await p.locator("#cron-hint").getAttribute("data-kind"), "error");
  assert.match(await p.locator("#cron-hint").textContent(), /Invalid segment value - must be between the min and max of the segment\.$/);
  server = await backupsSettings();
  assert.equal(server.cron, "0 0 * * *", "the server still has the schedule before");
  await screenshots(p, "schedule-invalid");

  await p.getByLabel("Schedule", { exact: true }).selectOption({ label: "Off" });
  await p.getByRole("button", { name: "Save schedule" }).click();
  await waitForStatus(p, /^Automatic backups are off\.$/, { kind: "ok" });
  assert.equal((await backupsSettings()).cron, "");
  assert.equal(await p.locator("#next-runs-list").count(), 0);
});

test("run now: the scheduled backup is listed under its automatic name; beyond the kept count the oldest automatic one goes, never a manual one", T, async () => {
  await api.ok("PATCH", "/api/settings", { backups: { cron: "0 0 * * *", cronMaxKeep: 1 } });
  await api.createBackup("manual_keep.zip");
  const p = await signedInPage();
  await p.waitForFunction(() => document.getElementById("cron").value === "0 0 * * *");

  await p.getByRole("button", { name: "Run now" }).click();
  const first = (await waitForStatus(p, /^The scheduled backup ran: @auto_pb_backup_\S+\.zip\.$/, { kind: "ok" }))
    .match(/ran: (\S+)\.$/)[1];
  assert.ok((await tableKeys(p)).includes(first), "listed at once");
  await sleep(1100); // the automatic names have a resolution of one second

  await p.getByRole("button", { name: "Run now" }).click();
  await waitForStatus(p, new RegExp(`^The scheduled backup ran: (?!${first.replace(/[.@]/g, "\\$&")})@auto_pb_backup_\\S+\\.zip\\.$`), { kind: "ok" });
  const keys = await api.keys();
  const autos = keys.filter((k) => k.startsWith("@auto_pb_backup_"));
  assert.equal(autos.length, 1, "one automatic backup kept");
  assert.ok(!autos.includes(first), "the older one was deleted by the server");
  assert.ok(keys.includes("manual_keep.zip"), "the manual backup stays");
  assert.deepEqual((await tableKeys(p)).sort(), keys, "the table shows what the server holds");

  // An automatic key works in the page's calls: verify it.
  await row(p, autos[0]).getByRole("button", { name: `Verify ${autos[0]}` }).click();
  await waitForStatus(p, new RegExp(`^${autos[0].replace(/[.@]/g, "\\$&")} is intact\\.$`), { kind: "ok" });
  await api.ok("PATCH", "/api/settings", { backups: { cron: "" } });
});

test("verify: a backup of the server is reported intact; a damaged one lists its problem with the entry", T, async () => {
  await api.createBackup("verify_me.zip");
  await api.upload("damaged.zip", damagedBackup());
  const p = await signedInPage();

  await row(p, "verify_me.zip").getByRole("button", { name: "Verify verify_me.zip" }).click();
  await waitForStatus(p, /^verify_me\.zip is intact\.$/, { kind: "ok" });
  assert.equal(await p.locator("#verify-title").textContent(), "Verified verify_me.zip");
  assert.equal(await p.locator("#verify-report").getAttribute("data-kind"), "ok");
  // It says what was checked: the databases by their header only, not their tables.
  const report = await p.locator("#verify-report").textContent();
  const checked = "Every entry is intact: the data of each one matches its recorded CRC-32 and size, and the zip's "
    + "directory lists exactly these entries. The databases were checked by their SQLite header only: data.db "
    + "(and auxiliary.db, when present) starts with the SQLite magic, has a page size that is a power of two from "
    + "512 to 65536 bytes, and is a whole number of pages (as many as its header counts, when that count is "
    + "valid); their tables were not read.";
  assert.equal(report.slice(0, checked.length), checked);
  assert.match(report.slice(checked.length), /^ 3 entries, [\d.]+ (B|KiB|MiB) read\.$/);
  assert.ok(await p.locator("#verify-progress").isHidden());

  await row(p, "damaged.zip").getByRole("button", { name: "Verify damaged.zip" }).click();
  await waitForStatus(p, /^damaged\.zip has 1 problem\.$/, { kind: "error" });
  assert.equal(await p.locator("#verify-title").textContent(), "Problems in damaged.zip");
  const problems = p.locator("#verify-problems li");
  assert.equal(await problems.count(), 1);
  assert.equal(await problems.first().getAttribute("data-code"), "entry_crc_mismatch");
  assert.match(await problems.first().textContent(), /^data\.db: /);
  await screenshots(p, "verify-report");

  await p.getByRole("button", { name: "Dismiss" }).click();
  assert.ok(await p.locator("#verify-panel").isHidden());
});

test("settings that load late do not overwrite what the user has started to edit", T, async () => {
  const p = await openPage(browser, `${pb.url}/`);
  pages.push(p);
  // The schedule waits for the tools module: each of its files held back 2 s, the
  // settings loaded at sign-in answer after the user has begun to fill the storage form.
  await p.route("**/pkg/tools/**", async (route) => {
    await sleep(2_000);
    await route.continue();
  });
  const toolsLoaded = p.waitForResponse((r) => /\/pkg\/tools\/.*\.wasm$/.test(r.url()), { timeout: 60_000 });
  await signInAndList(p);
  await p.getByLabel("In an S3-compatible bucket").check();
  await p.getByLabel("Bucket", { exact: true }).fill("typed-before-the-load");
  await toolsLoaded;
  // The schedule and the storage have answered by now.
  await sleep(1_000);
  assert.ok(await p.locator("#s3-fields").isVisible(), "the S3 fields stay shown");
  assert.equal(await p.getByLabel("Bucket", { exact: true }).inputValue(), "typed-before-the-load");
  assert.ok(await p.locator("#storage-s3").isChecked());
});

test("storage: a missing bucket fails the test with the server's reason; the right one passes and takes the backups; the secret never shows; back to the disk", T, async () => {
  const p = await signedInPage();
  await p.waitForFunction(() => document.getElementById("storage-local").checked);
  assert.ok(await p.locator("#s3-fields").isHidden());

  await p.getByLabel("In an S3-compatible bucket").check();
  assert.ok(await p.locator("#s3-fields").isVisible());
  await p.getByLabel("Endpoint", { exact: true }).fill(S3_URL);
  await p.getByLabel("Bucket", { exact: true }).fill("no-such-bucket");
  await p.getByLabel("Region", { exact: true }).fill("us-east-1");
  await p.getByLabel("Access key", { exact: true }).fill("page-access-key");
  await p.getByLabel("Secret", { exact: true }).fill(SECRET);
  await p.getByLabel(/Path-style addressing/).check();
  await p.getByRole("button", { name: "Save storage" }).click();
  await p.waitForFunction(() => /^Saved: /.test(document.getElementById("storage-verdict").textContent));
  assert.equal(await p.locator("#storage-verdict").textContent(), "Saved: new backups are stored in the bucket no-such-bucket.");
  let server = await backupsSettings();
  assert.equal(server.s3.enabled, true);
  assert.equal(server.s3.bucket, "no-such-bucket");

  await p.getByRole("button", { name: "Test connection" }).click();
  await p.waitForFunction(() => /^The test failed: /.test(document.getElementById("storage-verdict").textContent));
  assert.match(await p.locator("#storage-verdict").textContent(), /NoSuchBucket|does not exist/);
  assert.equal(await p.locator("#storage-verdict").getAttribute("data-kind"), "error");
  await screenshots(p, "storage-test-failed");

  // The right bucket; the secret left empty keeps the saved one.
  assert.equal(await p.getByLabel("Secret", { exact: true }).inputValue(), "", "the secret is not shown back");
  assert.equal(await p.getByLabel("Secret", { exact: true }).getAttribute("placeholder"), "•••••••• (saved)");
  await p.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  await p.getByRole("button", { name: "Save storage" }).click();
  await p.waitForFunction((b) => document.getElementById("storage-verdict").textContent === `Saved: new backups are stored in the bucket ${b}.`, BUCKET);
  await p.getByRole("button", { name: "Test connection" }).click();
  await p.waitForFunction(() => document.getElementById("storage-verdict").dataset.kind === "ok"
    && /reached the bucket/.test(document.getElementById("storage-verdict").textContent));
  await waitForStatus(p, /^S3 connection test passed\.$/, { kind: "ok" });
  await screenshots(p, "storage-s3");

  // A backup made now lands in the bucket, and is listed from it.
  await p.locator("#name").fill("on_s3.zip");
  await p.getByRole("button", { name: "Create backup" }).click();
  await waitForStatus(p, /^Created on_s3\.zip/, { kind: "ok" });
  const listing = await (await fetch(`${S3_URL}/${BUCKET}?list-type=2`)).text();
  assert.match(listing, /<Key>[^<]*on_s3\.zip<\/Key>/, "the object is in the bucket");
  assert.deepEqual(await tableKeys(p), ["on_s3.zip"], "the list is the bucket's");

  // The secret is nowhere in the page or its storage.
  const anywhere = await p.evaluate(() => document.documentElement.outerHTML
    + JSON.stringify(Object.entries(sessionStorage)) + JSON.stringify(Object.entries(localStorage))
    + [...document.querySelectorAll("input")].map((i) => i.value).join("\n"));
  assert.ok(!anywhere.includes(SECRET), "the S3 secret is not in the page");
  server = await backupsSettings();
  assert.ok(!JSON.stringify(server).includes(SECRET), "nor does the server send it back");

  await p.getByLabel("On the server's disk").check();
  await p.getByRole("button", { name: "Save storage" }).click();
  await p.waitForFunction(() => document.getElementById("storage-verdict").textContent === "Saved: new backups are stored on the server's disk.");
  assert.equal((await backupsSettings()).s3.enabled, false);
  // The list is loaded again after the verdict; its status says when.
  await waitForStatus(p, /^Storage saved: backups are stored on the server's disk\.$/, { kind: "ok" });
  assert.ok(!(await tableKeys(p)).includes("on_s3.zip"), "the disk's list again");
});

test("storage: Test connection tests the saved settings, so with unsaved changes it says so and sends nothing; once saved, the test is the form's", T, async () => {
  const s3 = { enabled: true, endpoint: S3_URL, bucket: BUCKET, region: "us-east-1", accessKey: "page-access-key", secret: SECRET, forcePathStyle: true };
  await api.ok("PATCH", "/api/settings", { backups: { s3 } });
  const p = await signedInPage();
  const tests = [];
  p.on("request", (r) => r.url().endsWith("/api/settings/test/s3") && tests.push(r.method()));
  await p.waitForFunction((b) => document.getElementById("s3-bucket").value === b, BUCKET);
  const verdict = p.locator("#storage-verdict");
  const unsaved = (fields) => ({
    text: `Not tested: the form has changes that are not saved (${fields}). The server tests only the saved settings: `
      + "save the storage first, then test the connection.",
    kind: "error",
  });
  // Every text the verdict shows, so that a click is seen to answer even with the text
  // it showed before.
  await p.evaluate(() => {
    const el = document.getElementById("storage-verdict");
    window.__verdicts = [];
    new MutationObserver(() => window.__verdicts.push(el.textContent)).observe(el, { childList: true });
  });
  const testedWith = async () => {
    await p.evaluate(() => window.__verdicts.splice(0));
    await p.getByRole("button", { name: "Test connection" }).click();
    await p.waitForFunction(() => window.__verdicts.length && window.__verdicts.at(-1) !== "Testing the connection…");
    return { text: await verdict.textContent(), kind: await verdict.getAttribute("data-kind") };
  };

  // A typo in the bucket, not saved: the server would test the saved bucket, which works.
  await p.getByLabel("Bucket", { exact: true }).fill("page-backupz");
  assert.deepEqual(await testedWith(), unsaved("bucket"));
  assert.deepEqual(tests, [], "no test was sent to the server");
  await screenshots(p, "storage-test-unsaved");
  // Two changes at once, one of them the secret, are both named.
  await p.getByLabel("Secret", { exact: true }).fill("another-secret");
  assert.deepEqual(await testedWith(), unsaved("bucket, secret"));
  // Back on the server's disk in the form, while S3 is what is saved.
  await p.getByLabel("On the server's disk").check();
  assert.deepEqual(await testedWith(), unsaved("where backups are stored"));
  await p.getByLabel("In an S3-compatible bucket").check();
  await p.getByLabel("Secret", { exact: true }).fill("");
  // Typed back to what is saved: nothing differs, and the test runs.
  await p.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  assert.deepEqual(await testedWith(), {
    text: `The saved settings work: the server reached the bucket ${BUCKET}; backups can be stored there.`,
    kind: "ok",
  });
  assert.deepEqual(tests, ["POST"]);

  // Saved, the typo is what the server tests: it fails, naming the typed bucket.
  await p.getByLabel("Bucket", { exact: true }).fill("page-backupz");
  await p.getByRole("button", { name: "Save storage" }).click();
  await p.waitForFunction(() => document.getElementById("storage-verdict").textContent === "Saved: new backups are stored in the bucket page-backupz.");
  const failed = await testedWith();
  assert.match(failed.text, /^The test failed: The S3 bucket "page-backupz" does not exist \(NoSuchBucket\)\./);
  assert.equal(failed.kind, "error");
  assert.deepEqual(tests, ["POST", "POST"]);

  await p.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  await p.getByRole("button", { name: "Save storage" }).click();
  await p.waitForFunction((b) => document.getElementById("storage-verdict").textContent === `Saved: new backups are stored in the bucket ${b}.`, BUCKET);
  assert.deepEqual(await testedWith(), {
    text: `The saved settings work: the server reached the bucket ${BUCKET}; backups can be stored there.`,
    kind: "ok",
  });
  // Changed while the test runs (its answer held back 1 s): the result says the form
  // is no longer what was tested.
  await p.route("**/api/settings/test/s3", async (route) => {
    await sleep(1_000);
    await route.continue();
  });
  await p.evaluate(() => window.__verdicts.splice(0));
  await p.getByRole("button", { name: "Test connection" }).click();
  await p.getByLabel("Region", { exact: true }).fill("eu-west-1");
  await p.waitForFunction(() => window.__verdicts.length && window.__verdicts.at(-1) !== "Testing the connection…");
  assert.equal(await verdict.textContent(), `The saved settings work: the server reached the bucket ${BUCKET}; backups can `
    + "be stored there. The form has changed since: save it, then test again.");
  await p.unroute("**/api/settings/test/s3");
  await api.ok("PATCH", "/api/settings", { backups: { s3: { enabled: false } } });
});
