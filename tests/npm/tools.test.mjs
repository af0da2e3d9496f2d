// The calls of the tools module in Node against a real PocketBase, through
// `pb.backups` (src/npm/backups.js): verify, inspect, prune, the schedule, the storage
// and the scheduled run.

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError, PruneError, isPruneError } from "../../src/npm/client-response-error.js";
import { BackupService } from "../../src/npm/backups.js";
import { sqliteFirstPage, storedEntry, writeZip } from "../support/zip-writer.mjs";
import { PB_URL, signedIn, unique } from "./support.mjs";

async function service() {
  const client = await signedIn();
  return { client, backups: new BackupService(client) };
}

test("verify: the server's own backup is sound by key and as a Blob; junk gets its code", async () => {
  const { backups } = await service();
  const key = await backups.create(unique("vfy"));
  const heard = [];
  const byKey = await backups.verify(key, { onProgress: (p) => heard.push(p) });
  assert.equal(byKey.ok, true, JSON.stringify(byKey));
  assert.equal(byKey.entries >= 2, true);
  const size = (await backups.getFullList()).find((b) => b.key === key).size;
  assert.equal(byKey.bytes, size);
  assert.deepEqual(heard[0], { loaded: 0, total: size });
  assert.deepEqual(heard.at(-1), { loaded: size, total: size });
  const blob = await backups.download(key);
  assert.deepEqual(await backups.verify(blob), byKey);
  const junk = await backups.verify(new Blob(["not a zip"]));
  assert.equal(junk.ok, false);
  assert.equal(junk.problems[0].code, "zip_not_zip");
  const missing = await backups.verify(unique("missing")).catch((e) => e);
  assert.ok(missing instanceof ClientResponseError);
  assert.equal(missing.status, 404);
});

test("inspect reads a local zip's directory; a file without data.db is not a backup", async () => {
  const { backups } = await service();
  const good = await backups.inspect(new Blob(writeZip([storedEntry("data.db", sqliteFirstPage(new Uint8Array(4096), 1))]).parts));
  assert.equal(good.isBackup, true, JSON.stringify(good));
  const other = await backups.inspect(new Blob(writeZip([storedEntry("notes.txt", new Uint8Array(3))]).parts));
  assert.equal(other.isBackup, false);
  const notBlob = await backups.inspect("x").catch((e) => e);
  assert.ok(notBlob instanceof TypeError);
});

test("prune: a dry run names what a policy selects among the matching keys, then deletes exactly that", async () => {
  const { backups } = await service();
  const prefix = `np${Date.now()}`;
  const keys = [];
  for (let i = 0; i < 3; i++) {
    keys.push(await backups.create(`${prefix}_${i}.zip`));
    await new Promise((r) => setTimeout(r, 1100));
  }
  const preview = await backups.prune({ match: new RegExp(`^${prefix}_`), keep: 1, dryRun: true });
  assert.deepEqual(preview, keys.slice(0, 2));
  assert.deepEqual(await backups.prune({ match: prefix, keep: 1, only: preview }), keys.slice(0, 2));
  const left = (await backups.getFullList()).filter((b) => b.key.startsWith(prefix)).map((b) => b.key);
  assert.deepEqual(left, [keys[2]]);
  const gone = await backups.prune({ match: prefix, keep: 0, only: [keys[0]] }).catch((e) => e);
  // The core's class, handed to the tools module's JS: one class whichever module threw.
  assert.ok(gone instanceof PruneError, String(gone));
  assert.ok(gone instanceof ClientResponseError);
  assert.equal(isPruneError(gone), true);
  assert.equal(gone.status, 0);
  assert.deepEqual(gone.deleted, []);
  assert.deepEqual(gone.failed.map((f) => [f.key, f.error.status, f.error.message]), [[keys[0], 0, "The backup is no longer on the server."]]);
  assert.ok(gone.failed[0].error instanceof ClientResponseError);
  assert.match(gone.message, new RegExp(keys[0]));
  const noPolicy = await backups.prune({}).catch((e) => e);
  assert.ok(noPolicy instanceof TypeError, String(noPolicy));
});

test("schedule and storage: set, read back with the next runs, refused before any request, run now", async () => {
  const { client, backups } = await service();
  const set = await backups.setSchedule({ cron: "0 3 * * *", maxKeep: 3 });
  assert.equal(set.cron, "0 3 * * *");
  assert.equal(set.maxKeep, 3);
  assert.equal(set.nextRuns.length, 3);
  assert.ok(set.nextRuns.every((d) => d instanceof Date && d.getUTCHours() === 3 && d > new Date()));
  assert.deepEqual(await backups.getSchedule(), set);
  let sent = 0;
  client.beforeSend = (url, options) => {
    sent++;
    return { url, options };
  };
  const refused = await backups.setSchedule({ cron: "61 * * * *" }).catch((e) => e);
  assert.ok(refused instanceof ClientResponseError);
  assert.deepEqual([refused.status, refused.url], [400, `${PB_URL}/api/settings`]);
  assert.equal(refused.message, "An error occurred while saving the new settings.");
  assert.equal(refused.response.data.backups.cron.code, "validation_invalid_cron");
  assert.equal(sent, 0);
  client.beforeSend = undefined;
  const key = await backups.runScheduledNow();
  assert.ok((await backups.getFullList()).some((b) => b.key === key), key);
  assert.deepEqual(await backups.getStorage(), { local: true });
  assert.deepEqual(await backups.setStorage({ local: true }), { local: true });
  const s3 = await backups.testStorage().catch((e) => e);
  assert.ok(s3 instanceof ClientResponseError);
  assert.equal(s3.status, 400);
  const off = await backups.setSchedule({ cron: "" });
  assert.deepEqual([off.cron, off.nextRuns], ["", []]);
});
