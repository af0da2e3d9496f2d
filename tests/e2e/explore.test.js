// Exploring a backup through the page, on a PocketBase of its own (port 8108): the
// explorer's fixture (tests/support/explore-fixture.mjs) is built, backed up and changed
// afterwards; the page lists the backup's collections compared with the live server,
// pages through a collection's records, recovers records, and shows in the restore's
// confirmation what a restore would change.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  buildExploreFixture, changeAfterBackup, fileBytes, makeBackup, superuserToken,
} from "../support/explore-fixture.mjs";
import {
  NARROW, WIDE, launch, openPage, progressLog, recordProgress, row, screenshots, signInAndList, statusOf, waitForStatus,
} from "./lib/browser.js";
import { SHOTS, stagePublic } from "./lib/env.js";
import { startPocketBase } from "./lib/pocketbase.js";
import { damagedBackup } from "./lib/zip.js";

const T = { timeout: 240_000 };
const KEY = "explore_before.zip";

let browser;
let pb;
let api;
let token;
let fixture;
let changes; // what changeAfterBackup did and what compare() must report
const pages = [];

before(async () => {
  const publicDir = await stagePublic("explore");
  pb = await startPocketBase({ name: "explore", port: 8108, publicDir });
  api = pb.api;
  token = await superuserToken(pb.url);
  fixture = await buildExploreFixture(pb.url, token, { suffix: "pg", bulk: 300 });
  await makeBackup(pb.url, token, KEY);
  changes = await changeAfterBackup(pb.url, token, fixture);
  browser = await launch();
}, T);

after(async () => {
  // Stopped first, so that a failed check below cannot leave them running.
  await browser?.close();
  await pb?.stop();
  for (const p of pages) assert.deepEqual(p.problems, [], "no script errors or CSP violations on the page");
}, T);

async function signedInPage() {
  const p = await openPage(browser, `${pb.url}/`);
  pages.push(p);
  await signInAndList(p);
  return p;
}

// Opens the explorer on `key` and waits for the comparison.
async function explore(p, key = KEY) {
  await row(p, key).getByRole("button", { name: `Explore ${key}` }).click();
  await waitForStatus(p, new RegExp(`^Compared ${key.replace(".", "\\.")} with the live data: `), { kind: "ok", timeout: 120_000 });
}

const collectionRow = (p, name) => p.locator(`#collections tbody tr[data-collection="${name}"]`);

// The texts of a collection row's cells, by their label.
function cells(p, name) {
  return collectionRow(p, name).evaluate((tr) => Object.fromEntries([...tr.cells].map((td) => [td.dataset.label, td.textContent.trim()])));
}

const badgesOf = (locator) => locator.locator(".badge").allTextContents();

async function openCollection(p, name) {
  await collectionRow(p, name).getByRole("button", { name: `Open ${name}` }).click();
  await p.locator("#records tbody tr[data-id]").first().waitFor();
}

// Pictures of the explorer panel alone, at 1280 and 390 px wide:
// test-output/screenshots/NAME-WIDTH.png.
async function panelShots(p, name) {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of [WIDE, NARROW]) {
    await p.setViewportSize(size);
    await p.locator("#explore-panel").screenshot({ path: path.join(SHOTS, `${name}-${size.width}.png`) });
  }
  await p.setViewportSize(WIDE);
}

const recordIds = (p) => p.locator("#records tbody tr[data-id]").evaluateAll((rows) => rows.map((r) => r.dataset.id));

test("explore: the backup's collections with their record counts, compared with the live server", T, async () => {
  const { names } = fixture;
  const p = await signedInPage();
  await explore(p);
  assert.match(await p.locator("#explore-title").textContent(), new RegExp(`^Exploring ${KEY.replace(".", "\\.")}$`));
  assert.match(await p.locator("#explore-state").textContent(), /^Compared with the live data on 127\.0\.0\.1:8108: \d+ collections differ from the live data\.$/);

  // Each collection of the fixture with its count in the backup and the live one.
  for (const [role, name] of Object.entries(names)) {
    const expected = changes.expected[name];
    const shown = await cells(p, name);
    if (role === "view") {
      // A view stores no rows: no counts, only its fields are compared.
      assert.deepEqual([shown["In the backup"], shown.Live], ["—", "—"]);
      assert.equal(await collectionRow(p, name).getAttribute("data-status"), "same");
      continue;
    }
    assert.equal(shown["In the backup"], String(expected.records.backup), `${name} in the backup`);
    assert.equal(expected.records.backup, fixture.ids[name].length);
    assert.equal(shown.Live, String(expected.records.live), `${name} live`);
    assert.equal(await collectionRow(p, name).getAttribute("data-status"), expected.status, `${name}'s status`);
  }
  assert.equal((await cells(p, names.all)).Type, "base");
  assert.equal((await cells(p, names.users)).Type, "auth");
  assert.equal((await cells(p, names.view)).Type, "view");
  assert.deepEqual(await badgesOf(collectionRow(p, names.target)), ["same"]);
  assert.deepEqual(await badgesOf(collectionRow(p, names.all)), ["changed", "3 records only in backup", "1 record changed"]);
  assert.equal(await collectionRow(p, names.all).locator(".detail").textContent(), "field url only in backup");
  assert.deepEqual(await badgesOf(collectionRow(p, names.bulk)), ["changed", "1 record changed", "2 records only live"]);
  // The collection made after the backup: only live, nothing to open.
  const added = changes.added.collection.name;
  assert.deepEqual(await badgesOf(collectionRow(p, added)), ["only live"]);
  assert.deepEqual(await cells(p, added), {
    Collection: added, Type: "—", "In the backup": "0", Live: "2", "Compared with the live server": "only live", Actions: "",
  });
  // A view's rows are not stored: it cannot be opened.
  assert.equal(await collectionRow(p, names.view).getByRole("button").count(), 0);
  assert.equal(await collectionRow(p, names.all).getByRole("button", { name: `Open ${names.all}` }).count(), 1);

  // System collections are hidden until asked for.
  assert.equal(await collectionRow(p, "_superusers").count(), 0);
  assert.match(await p.locator("#collections-count").textContent(), /; 5 system hidden\)$/);
  await p.getByLabel("Show system collections").check();
  assert.deepEqual(await badgesOf(collectionRow(p, "_superusers")), ["system", "same"]);
  await p.getByLabel("Show system collections").uncheck();
  await panelShots(p, "explore-collections");

  await p.getByRole("button", { name: "Close explorer" }).click();
  assert.ok(await p.locator("#explore-panel").isHidden());
});

// What the page says a restore of the backup would bring back and lose, from what
// compare() must report: one line per collection and kind of change.
function restoreLines(expected) {
  const n = (count, one = "record") => `${count} ${one}${count === 1 ? "" : "s"}`;
  const fields = (list) => `${list.length === 1 ? "field" : "fields"} ${list.join(", ")}`;
  const back = [];
  const lost = [];
  for (const c of Object.values(expected)) {
    const r = c.records;
    if (c.status === "onlyInBackup") back.push(`${c.name}: the collection, with ${n(r.backup)}`);
    if (c.status === "onlyLive") lost.push(`${c.name}: the collection, with ${n(r.live)}`);
    if (c.status !== "changed") continue;
    if (r.onlyInBackup.length) back.push(`${c.name}: ${n(r.onlyInBackup.length)} deleted since the backup`);
    if (c.fields.removed.length) back.push(`${c.name}: ${fields(c.fields.removed)}, removed since the backup`);
    if (r.onlyLive.length) lost.push(`${c.name}: ${n(r.onlyLive.length)} created since the backup`);
    if (r.changed.length) lost.push(`${c.name}: the changes to ${n(r.changed.length)} made since the backup`);
    if (c.fields.added.length) lost.push(`${c.name}: ${fields(c.fields.added)}, added since the backup`);
  }
  return { back: back.sort(), lost: lost.sort() };
}

test("restore confirmation: 'comparing…' while it runs, then what the restore would bring back and lose", T, async () => {
  const p = await signedInPage();
  // Every state the summary takes, in order.
  await p.evaluate(() => {
    const log = (window.__summary = []);
    new MutationObserver(() => {
      const kind = document.getElementById("restore-changes")?.dataset.kind;
      if (kind !== undefined && log.at(-1) !== kind) log.push(kind);
    }).observe(document.getElementById("confirm-details"), { subtree: true, childList: true, attributes: true });
  });
  await row(p, KEY).getByRole("button", { name: `Restore ${KEY}` }).click();
  await p.locator("#confirm-dialog").waitFor();
  assert.equal(await p.evaluate(() => document.activeElement.id), "confirm-cancel", "Cancel is still the default");
  await p.locator("#restore-changes[data-kind='warn']").waitFor({ timeout: 120_000 });
  assert.deepEqual(await p.evaluate(() => window.__summary), ["pending", "warn"], "'comparing…' first, then the summary");

  const shown = {
    back: (await p.locator("#restore-back li").allTextContents()).sort(),
    lost: (await p.locator("#restore-lost li").allTextContents()).sort(),
  };
  // A view stores no rows: the comparison finds its fields the same.
  const { [fixture.names.view]: view, ...stored } = changes.expected;
  const expected = restoreLines(stored);
  assert.deepEqual(shown, expected);
  // Spelled out, for a reader of this test:
  const { names } = fixture;
  assert.ok(shown.back.includes(`${names.all}: 3 records deleted since the backup`));
  assert.ok(shown.lost.includes(`${changes.added.collection.name}: the collection, with 2 records`));
  assert.ok(shown.lost.includes(`${names.bulk}: 2 records created since the backup`));
  assert.ok(await p.locator("#confirm-ok").isEnabled());
  await screenshots(p, "restore-confirm-changes", { fullPage: false });

  await p.locator("#confirm-dialog").getByRole("button", { name: "Cancel" }).click();
  assert.ok(!(await p.locator("#confirm-dialog").isVisible()));
  assert.ok((await api.keys()).includes(KEY), "nothing was restored");
});

test("restore confirmation: a comparison that fails says so, and the restore can still be confirmed", T, async () => {
  await api.upload("damaged_explore.zip", damagedBackup());
  const p = await signedInPage();
  await row(p, "damaged_explore.zip").getByRole("button", { name: "Restore damaged_explore.zip" }).click();
  await p.locator("#restore-changes[data-kind='error']").waitFor({ timeout: 60_000 });
  const text = await p.locator("#restore-changes").textContent();
  assert.match(text, /^Could not compare the backup with the live data; you can still restore\./);
  assert.ok(await p.locator("#confirm-ok").isEnabled(), "the restore can be confirmed");
  assert.equal(await p.locator("#confirm-ok").textContent(), "Restore damaged_explore.zip");
  await p.locator("#confirm-dialog").getByRole("button", { name: "Cancel" }).click();

  // Explore on it says why it cannot be read.
  await row(p, "damaged_explore.zip").getByRole("button", { name: "Explore damaged_explore.zip" }).click();
  await waitForStatus(p, /^Could not open damaged_explore\.zip: /, { kind: "error" });
  assert.equal(await p.locator("#explore-verb").textContent(), "Could not open");
  assert.notEqual(await p.locator("#explore-state").getAttribute("data-code"), "", "the reason's code");
  assert.ok(await p.locator("#collections-view").isHidden());
  await api.ok("DELETE", "/api/backups/damaged_explore.zip");
});

test("explore: a collection's records page by page, as text; long values cut short, the whole value a click away", T, async () => {
  const { names } = fixture;
  const p = await signedInPage();
  await explore(p);
  await openCollection(p, names.all);
  assert.equal(await p.locator("#records-title").textContent(), `Records of ${names.all} in the backup`);
  assert.deepEqual(await recordIds(p), fixture.ids[names.all], "every record of the backup, deleted ones too");
  const headers = await p.locator("#records thead th").allTextContents();
  assert.deepEqual(headers.slice(1), ["id", ...fixture.collections[names.all].fields.filter((f) => f !== "id")]);
  assert.equal(await p.getByLabel("Select all records on this page").count(), 1);

  const value = (id, field) => p.locator(`#records tr[data-id="${id}"] td`).nth(headers.indexOf(field)).textContent();
  const [first, , edge, del1, del2, del3, changed] = fixture.ids[names.all];
  // JSON compact, lists joined, files by their stored names; HTML as text.
  assert.equal(await value(first, "meta"), '{"a":1,"b":[true,null,"x"]}');
  assert.equal(await value(first, "tags"), "red, blue");
  assert.equal(await value(first, "docs"), fixture.files[names.all][first].docs.map((f) => f.name).join(", "));
  assert.equal(await value(first, "body"), "<p>Hello <strong>world</strong></p>");
  assert.equal(await p.locator("#records strong").count(), 0, "a value is never HTML");
  // A long value: its start and a button for all of it, in a dialog.
  const long = fixture.records[names.all][edge].long;
  const cut = await value(edge, "long");
  assert.ok(cut.startsWith(Array.from(long).slice(0, 60).join("")), cut);
  assert.match(cut, /… more$/);
  await p.getByRole("button", { name: `Show all of long of ${edge}` }).click();
  await p.locator("#value-dialog").waitFor();
  assert.equal(await p.locator("#value-title").textContent(), `long of ${edge}`);
  assert.equal(await p.locator("#value-full").textContent(), long);
  await screenshots(p, "explore-value", { fullPage: false });
  await p.locator("#value-dialog").getByRole("button", { name: "Close" }).click();
  await p.getByRole("button", { name: `Show all of meta of ${edge}` }).click();
  assert.deepEqual(JSON.parse(await p.locator("#value-full").textContent()), fixture.records[names.all][edge].meta);
  await p.keyboard.press("Escape");

  // The comparison on each record.
  for (const id of [del1, del2, del3]) assert.deepEqual(await badgesOf(p.locator(`#records tr[data-id="${id}"]`)), ["only in backup"]);
  assert.deepEqual(await badgesOf(p.locator(`#records tr[data-id="${changed}"]`)), ["changed"]);
  assert.deepEqual(await badgesOf(p.locator(`#records tr[data-id="${first}"]`)), []);
  // Only those the comparison found.
  await p.getByLabel("Show", { exact: true }).selectOption({ label: "Only in the backup (3)" });
  await p.waitForFunction(() => document.querySelectorAll("#records tbody tr[data-id]").length === 3);
  assert.deepEqual(await recordIds(p), [del1, del2, del3]);
  await panelShots(p, "explore-records");

  // A collection of 300 records, 50 a page.
  await p.getByRole("button", { name: "Back to collections" }).click();
  await openCollection(p, names.bulk);
  assert.equal(await p.locator("#records-page").textContent(), "Page 1 of 6 · 300 records");
  assert.deepEqual(await recordIds(p), fixture.ids[names.bulk].slice(0, 50));
  assert.ok(await p.getByRole("button", { name: "Previous page" }).isDisabled());
  await p.getByRole("button", { name: "Next page" }).click();
  await p.waitForFunction(() => document.getElementById("records-page").textContent.startsWith("Page 2 of 6"));
  assert.deepEqual(await recordIds(p), fixture.ids[names.bulk].slice(50, 100));
  // The selection is kept across pages.
  await p.getByLabel("Select all records on this page").check();
  assert.equal(await p.locator("#records-selected").textContent(), "50 records selected");
  await p.getByRole("button", { name: "Previous page" }).click();
  await p.waitForFunction(() => document.getElementById("records-page").textContent.startsWith("Page 1 of 6"));
  await p.getByLabel(`Select record ${fixture.ids[names.bulk][0]}`).check();
  assert.equal(await p.locator("#records-selected").textContent(), "51 records selected");
  await p.getByRole("button", { name: "Clear selection" }).click();
  assert.equal(await p.locator("#records-selected").textContent(), "0 records selected");
  assert.ok(await p.getByRole("button", { name: "Recover selected" }).isDisabled());
});

test("explore: recover the records only in the backup, with their files: progress, the result list, the server holds them", T, async () => {
  const { names } = fixture;
  const p = await signedInPage();
  await explore(p);
  await openCollection(p, names.all);
  await p.getByRole("button", { name: "Select everything only in the backup" }).click();
  assert.equal(await p.locator("#records-selected").textContent(), "3 records selected");
  const deleted = changes.deleted.map((d) => d.id);
  for (const id of deleted) assert.ok(await p.getByLabel(`Select record ${id}`).isChecked());
  await recordProgress(p, "#recover-bar", "recover");
  await p.getByRole("button", { name: "Recover selected" }).click();
  await waitForStatus(p, new RegExp(`^Recovered 3 records into ${names.all}\\.$`), { kind: "ok", timeout: 120_000 });
  assert.equal(await p.locator("#recover-result .summary").textContent(), `Recovered into ${names.all}: 3 created, 0 updated, 0 failed.`);
  assert.deepEqual((await p.locator("#recover-created li").allTextContents()).sort(), [...deleted].sort());
  const log = await progressLog(p, "recover");
  assert.deepEqual(log.at(-1), { value: 3, max: 3 }, "the bar ends full");
  const notes = await p.locator("#recover-notes li").allTextContents();
  assert.ok(notes.some((n) => /new names/.test(n)), `a note says the files got new names: ${JSON.stringify(notes)}`);
  // Each renamed file, old name → new name, per record.
  const renamed = await p.locator("#recover-files-renamed li").evaluateAll((lis) => lis.map((li) => [li.dataset.id, li.textContent]));
  assert.deepEqual(renamed.map(([id]) => id).sort(), changes.deleted.filter((d) => Object.keys(d.files).length).map((d) => d.id).sort());
  assert.equal(await p.locator("#records-selected").textContent(), "0 records selected", "recovered records leave the selection");

  // The server holds them again, values and files.
  for (const d of changes.deleted) {
    const live = await api.ok("GET", `/api/collections/${names.all}/records/${d.id}`);
    for (const field of ["title", "n", "flag", "meta", "pick", "tags", "owner", "refs", "email"]) {
      assert.deepEqual(live[field], d.record[field], `${d.id}.${field}`);
    }
    for (const [field, files] of Object.entries(d.files)) {
      const names_ = [live[field]].flat().filter(Boolean);
      assert.equal(names_.length, files.length, `${d.id}.${field}: as many files`);
      const line = renamed.find(([id]) => id === d.id)[1];
      for (const [i, f] of files.entries()) {
        assert.ok(line.includes(`${f.name} → ${names_[i]}`), `${line} names ${f.name} → ${names_[i]}`);
        const bytes = await fileBytes(pb.url, token, names.all, d.id, names_[i]);
        assert.deepEqual(Buffer.from(bytes), Buffer.from(f.bytes), `${d.id}.${field}[${i}] (${f.original})`);
      }
    }
  }
  // Compared again: nothing is only in the backup any more; the status line keeps the
  // result. A record recovered with files differs from the backup's by their names (the
  // server names an uploaded file anew), so it shows as changed.
  await p.waitForFunction(() => /0 only in the backup/.test(document.getElementById("records-compare").textContent));
  const withFiles = changes.deleted.filter((d) => Object.keys(d.files).length > 0).map((d) => d.id);
  assert.equal(withFiles.length, 2);
  for (const id of deleted) {
    assert.deepEqual(await badgesOf(p.locator(`#records tr[data-id="${id}"]`)), withFiles.includes(id) ? ["changed"] : [], id);
  }
  assert.match((await statusOf(p)).text, /^Recovered 3 records into /);
  await panelShots(p, "explore-recovered");
  await p.getByRole("button", { name: "Back to collections" }).click();
  assert.deepEqual(await badgesOf(collectionRow(p, names.all)), ["changed", "3 records changed"]);
});

test("explore: a record changed since is not overwritten unless asked; with overwrite it is, after a confirmation", T, async () => {
  const { names } = fixture;
  const [{ id, before }] = changes.changed;
  const p = await signedInPage();
  await explore(p);
  await openCollection(p, names.all);
  await p.getByLabel(`Select record ${id}`).check();
  await p.getByRole("button", { name: "Recover selected" }).click();
  await waitForStatus(p, new RegExp(`^Recovered 0 records into ${names.all}; 1 failed\\.$`), { kind: "error", timeout: 120_000 });
  const failed = await p.locator("#recover-failed li").allTextContents();
  assert.equal(failed.length, 1);
  assert.ok(failed[0].startsWith(`${id}: `), failed[0]);
  assert.equal((await api.ok("GET", `/api/collections/${names.all}/records/${id}`)).title, "changed after the backup");
  assert.ok(await p.getByLabel(`Select record ${id}`).isChecked(), "a failed record stays selected");

  await p.getByLabel("Overwrite records that exist on the server").check();
  await p.getByRole("button", { name: "Recover selected" }).click();
  await p.locator("#confirm-dialog").waitFor();
  assert.equal(await p.locator("#confirm-title").textContent(), `Overwrite records in ${names.all}?`);
  await p.locator("#confirm-dialog").getByRole("button", { name: "Recover 1 record" }).click();
  await waitForStatus(p, new RegExp(`^Recovered 1 record into ${names.all}\\.$`), { kind: "ok", timeout: 120_000 });
  assert.deepEqual(await p.locator("#recover-updated li").allTextContents(), [id]);
  const live = await api.ok("GET", `/api/collections/${names.all}/records/${id}`);
  assert.equal(live.title, before.title);
  assert.deepEqual(live.meta, before.meta);
});

test("explore: an auth record deleted since comes back, with a note about its password", T, async () => {
  const { names } = fixture;
  const [userId] = fixture.ids[names.users];
  await api.ok("DELETE", `/api/collections/${names.users}/records/${userId}`);
  const p = await signedInPage();
  await explore(p);
  assert.deepEqual(await badgesOf(collectionRow(p, names.users)), ["changed", "1 record only in backup"]);
  await openCollection(p, names.users);
  await p.getByLabel(`Select record ${userId}`).check();
  await p.getByRole("button", { name: "Recover selected" }).click();
  await waitForStatus(p, new RegExp(`^Recovered 1 record into ${names.users}\\.$`), { kind: "ok", timeout: 120_000 });
  assert.deepEqual(await p.locator("#recover-created li").allTextContents(), [userId]);
  const notes = await p.locator("#recover-notes li").allTextContents();
  assert.ok(notes.length >= 1, "a note says what to do about the password");
  console.log(`# notes: ${JSON.stringify(notes)}`);
  const live = await api.ok("GET", `/api/collections/${names.users}/records/${userId}`);
  assert.equal(live.email, fixture.records[names.users][userId].email);

  // At 390 px the panel still works: the table scrolls sideways within its region.
  await p.setViewportSize(NARROW);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page itself does not scroll sideways (${overflow} px)`);
  await p.setViewportSize(WIDE);
  assert.equal((await statusOf(p)).kind, "ok");
});
