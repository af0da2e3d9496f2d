// The backup explorer (`pb.backups.explore`) in Node against a real PocketBase: a
// backup of the fixture (tests/support/explore-fixture.mjs) opened by key and as a
// Blob, its collections and records read, compared with the live server after changes,
// and deleted records recovered.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { ClientResponseError } from "../../src/npm/client-response-error.js";
import { BackupService } from "../../src/npm/backups.js";
import { buildExploreFixture, changeAfterBackup, makeBackup, superuserToken } from "../support/explore-fixture.mjs";
import { PB_URL, signedIn, unique } from "./support.mjs";

async function service() {
  const client = await signedIn();
  return { client, backups: new BackupService(client) };
}

/** data.db of a backup zip's bytes, as unzip reads it. */
function unzipDataDb(zipBytes) {
  const dir = mkdtempSync(join(tmpdir(), "explore-"));
  writeFileSync(join(dir, "b.zip"), zipBytes);
  execFileSync("python3", ["-c", "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extract('data.db', sys.argv[2])", join(dir, "b.zip"), dir]);
  return readFileSync(join(dir, "data.db"));
}

const token = await superuserToken(PB_URL);
const suffix = Math.random().toString(36).slice(2, 8);
const fixture = await buildExploreFixture(PB_URL, token, { suffix });
const backupKey = unique("explore");
await makeBackup(PB_URL, token, backupKey);

test("explore opens a backup by key and as a Blob: its database inflated whole, byte for byte", async () => {
  const { backups } = await service();
  const zip = await backups.download(backupKey);
  const expected = unzipDataDb(new Uint8Array(await zip.arrayBuffer()));
  for (const source of [backupKey, zip]) {
    const x = await backups.explore(source);
    const db = new Uint8Array(await x.database.arrayBuffer());
    assert.equal(db.length, expected.length);
    assert.ok(Buffer.from(db).equals(expected));
    x.close();
  }
});

test("explore refuses what is not a backup with its code, and a missing key with 404", async () => {
  const { backups } = await service();
  const junk = await backups.explore(new Blob(["not a zip"])).catch((e) => e);
  assert.ok(junk instanceof ClientResponseError);
  assert.equal(junk.status, 0);
  assert.equal(junk.response.code, "zip_not_zip");
  const missing = await backups.explore(unique("missing")).catch((e) => e);
  assert.ok(missing instanceof ClientResponseError);
  assert.equal(missing.status, 404);
});

test("collections: every collection of the backup with its record count; views have none", async () => {
  const { backups } = await service();
  const x = await backups.explore(backupKey);
  const byName = Object.fromEntries(x.collections.map((c) => [c.name, c]));
  const { names } = fixture;
  assert.equal(byName[names.bulk].records, fixture.ids[names.bulk].length);
  assert.equal(byName[names.all].records, fixture.ids[names.all].length);
  assert.equal(byName[names.all].type, "base");
  assert.equal(byName[names.users].type, "auth");
  assert.equal(byName[names.view].type, "view");
  assert.equal(byName[names.view].records, null);
  assert.equal(byName._superusers.system, true);
  assert.deepEqual(
    byName[names.all].fields.map((f) => f.name),
    fixture.collections[names.all].fields,
  );
  x.close();
});

test("records: pages of the backup's records equal the server's answers, field for field", async () => {
  const { backups, client } = await service();
  const x = await backups.explore(backupKey);
  const { names } = fixture;
  for (const name of [names.all, names.plain, names.users]) {
    const page = await x.records(name, { perPage: 1000 });
    assert.equal(page.totalItems, fixture.ids[name].length);
    const live = await client.send(`/api/collections/${name}/records`, { query: { perPage: 1000 } });
    const liveById = Object.fromEntries(live.items.map((r) => [r.id, r]));
    for (const item of page.items) assert.deepEqual(item, liveById[item.id], `${name} ${item.id}`);
  }
  const bulk = await x.records(names.bulk, { page: 7, perPage: 100 });
  assert.equal(bulk.items.length, 100);
  assert.equal(bulk.totalItems, fixture.ids[names.bulk].length);
  const some = fixture.ids[names.bulk].slice(4000, 4003);
  const picked = await x.records(names.bulk, { ids: some });
  assert.deepEqual(picked.items.map((r) => r.id).sort(), [...some].sort());
  const view = await x.records(names.view).catch((e) => e);
  assert.equal(view.response?.code, "explore_view_collection");
  const unknown = await x.records("no_such_collection").catch((e) => e);
  assert.equal(unknown.response?.code, "explore_unknown_collection");
  x.close();
});

/** An entry of `compare()` as the fixture states it: counts, and the ids behind them. */
function asCompared(e) {
  const r = e.records;
  return {
    name: e.name,
    status: e.status,
    fields: e.fields,
    records: { backup: r.backup, live: r.live, onlyInBackup: r.onlyInBackup.length, onlyLive: r.onlyLive.length, changed: r.changed.length },
    ids: { onlyInBackup: r.onlyInBackup, onlyLive: r.onlyLive, changed: r.changed },
  };
}

let changes;

test("compare: after changes on the live server, exactly what changed", async () => {
  changes = await changeAfterBackup(PB_URL, token, fixture);
  const { backups } = await service();
  const x = await backups.explore(backupKey);
  const result = await x.compare();
  const byName = Object.fromEntries(result.collections.map((c) => [c.name, c]));
  const { names } = fixture;
  for (const [name, want] of Object.entries(changes.expected)) {
    const got = byName[name];
    assert.ok(got, `${name} is compared`);
    if (name === names.view) {
      // A view stores no rows: only its fields are compared.
      assert.deepEqual([got.status, got.records], ["same", null]);
      continue;
    }
    const expected = asCompared(want);
    if (want.status === "onlyLive") delete expected.ids;
    const sorted = got.ids && { onlyInBackup: [...got.ids.onlyInBackup].sort(), onlyLive: [...got.ids.onlyLive].sort(), changed: [...got.ids.changed].sort() };
    assert.deepEqual({ ...got, ...(sorted && { ids: sorted }) }, expected, name);
  }
  x.close();
});

test("recover: the deleted records come back with their ids, values and file bytes; nothing else moves", async () => {
  const { backups, client } = await service();
  const x = await backups.explore(backupKey);
  const { names } = fixture;
  const ids = changes.deleted.map((d) => d.id);
  const before = await client.send(`/api/collections/${names.bulk}/records`, { query: { perPage: 1 } });
  let healthy = true;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const ok = await fetch(`${PB_URL}/api/health`).then((r) => r.ok, () => false);
      healthy &&= ok;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const heard = [];
  const result = await x.recover(names.all, ids, { onProgress: (p) => heard.push(p) });
  polling = false;
  await poll;
  assert.equal(healthy, true, "the server answered /api/health throughout");
  assert.deepEqual([...result.created].sort(), [...ids].sort());
  assert.deepEqual(result.failed, []);
  assert.deepEqual(heard.at(-1), { done: 3, total: 3 });
  for (const d of changes.deleted) {
    const live = await client.send(`/api/collections/${names.all}/records/${d.id}`);
    for (const [field, value] of Object.entries(d.record)) {
      if (["created", "updated", "url"].includes(field)) continue;
      const files = d.files[field];
      if (files) {
        const got = [live[field]].flat().filter(Boolean);
        assert.equal(got.length, files.length, `${d.id} ${field}`);
        for (const [i, f] of files.entries()) {
          const bytes = new Uint8Array(await (await fetch(`${PB_URL}/api/files/${names.all}/${d.id}/${got[i]}`)).arrayBuffer());
          assert.deepEqual(bytes, new Uint8Array(f.bytes), `${d.id} ${field} ${f.name}`);
        }
        continue;
      }
      assert.deepEqual(live[field], value, `${d.id} ${field}`);
    }
  }
  // Data written after the backup is still there.
  const after = await client.send(`/api/collections/${names.bulk}/records`, { query: { perPage: 1 } });
  assert.equal(after.totalItems, before.totalItems);
  for (const r of changes.added.bulk) assert.equal((await client.send(`/api/collections/${names.bulk}/records/${r.id}`)).id, r.id);
  // Once more: they exist now, so without overwrite each fails with the reason.
  const again = await x.recover(names.all, ids);
  assert.deepEqual(again.created, []);
  assert.equal(again.failed.length, 3);
  assert.ok(again.failed.every((f) => f.error instanceof Error && /overwrite/.test(f.error.message)));
  const over = await x.recover(names.all, ids, { overwrite: true, files: false });
  assert.deepEqual([...over.updated].sort(), [...ids].sort());
  // Bad input is refused before any request.
  const unknown = await x.recover(names.all, ["zzzzzzzzzzzzzzz"]).catch((e) => e);
  assert.equal(unknown.response?.code, "explore_unknown_records");
  assert.match(unknown.message, /zzzzzzzzzzzzzzz/);
  x.close();
});
