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

/** Runs python3 with `code` and its arguments. */
const python = (code, ...args) => execFileSync("python3", ["-c", code, ...args]);

test("a backup carrying a data.db-wal is read with the log's committed pages over the database's", async () => {
  const { backups } = await service();
  const dir = mkdtempSync(join(tmpdir(), "explore-wal-"));
  writeFileSync(join(dir, "b.zip"), new Uint8Array(await (await backups.download(backupKey)).arrayBuffer()));
  const { names } = fixture;
  const id = fixture.ids[names.plain][0];
  // The backup's database put in WAL mode, a record changed and one deleted in the log
  // only (no checkpoint), then data.db and data.db-wal copied while it is open.
  python(
    `import sqlite3, sys, zipfile, shutil, os
d = sys.argv[1]
zipfile.ZipFile(d + "/b.zip").extract("data.db", d + "/x")
c = sqlite3.connect(d + "/x/data.db", isolation_level=None)
c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE " + sys.argv[2] + " SET label='from the log' WHERE id=?", (sys.argv[3],))
c.execute("DELETE FROM " + sys.argv[4] + " WHERE rowid IN (SELECT rowid FROM " + sys.argv[4] + " LIMIT 10)")
shutil.copy(d + "/x/data.db", d + "/db"); shutil.copy(d + "/x/data.db-wal", d + "/wal")
z = zipfile.ZipFile(d + "/w.zip", "w", zipfile.ZIP_DEFLATED)
z.write(d + "/db", "data.db"); z.write(d + "/wal", "data.db-wal"); z.close()
c.close()`,
    dir, names.plain, id, names.bulk,
  );
  const x = await backups.explore(new Blob([readFileSync(join(dir, "w.zip"))]));
  assert.ok(x.wal && x.wal.pages > 0, JSON.stringify(x.wal));
  const byName = Object.fromEntries(x.collections.map((c) => [c.name, c]));
  assert.equal(byName[names.bulk].records, fixture.ids[names.bulk].length - 10);
  const [record] = (await x.records(names.plain, { ids: [id] })).items;
  assert.equal(record.label, "from the log");
  x.close();
  const plain = await backups.explore(backupKey);
  assert.equal(plain.wal, null);
  plain.close();
});

test("damaged or foreign databases are refused with their codes, never read as something else", async () => {
  const { backups } = await service();
  const zip = new Uint8Array(await (await backups.download(backupKey)).arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), "explore-bad-"));
  writeFileSync(join(dir, "b.zip"), zip);
  const refused = async (bytes) => {
    const e = await backups.explore(new Blob([bytes])).catch((e) => e);
    assert.ok(e instanceof ClientResponseError, String(e));
    assert.equal(e.status, 0);
    return e.response.code;
  };
  // A byte of data.db's compressed data changed: its CRC no longer matches.
  python(
    `import zipfile, sys
z = zipfile.ZipFile(sys.argv[1]); i = z.getinfo("data.db")
data = bytearray(open(sys.argv[1], "rb").read())
start = i.header_offset + 30 + len(i.filename.encode()) + len(i.extra)
data[start + i.compress_size // 2] ^= 0x55
open(sys.argv[2], "wb").write(bytes(data))`,
    join(dir, "b.zip"), join(dir, "bad.zip"),
  );
  assert.match(await refused(readFileSync(join(dir, "bad.zip"))), /^entry_(crc_mismatch|bad_deflate|size_mismatch)$/);
  // A zip whose data.db is not a database, and one whose database is not PocketBase's.
  python(
    `import zipfile, sqlite3, sys
d = sys.argv[1]
z = zipfile.ZipFile(d + "/text.zip", "w"); z.writestr("data.db", "just text, not a database " * 40); z.close()
c = sqlite3.connect(d + "/other.db"); c.execute("CREATE TABLE notes (a TEXT)"); c.execute("INSERT INTO notes VALUES ('x')"); c.commit(); c.close()
z = zipfile.ZipFile(d + "/other.zip", "w"); z.write(d + "/other.db", "data.db"); z.close()`,
    dir,
  );
  assert.equal(await refused(readFileSync(join(dir, "text.zip"))), "backup_not_pocketbase");
  assert.equal(await refused(readFileSync(join(dir, "other.zip"))), "backup_not_pocketbase");
});

test("a call aborted midway rejects as an abort and leaves the explorer usable; a closed one refuses", async () => {
  const { backups } = await service();
  const { names } = fixture;
  const x = await backups.explore(backupKey);
  const controller = new AbortController();
  const pending = x.records(names.bulk, { page: 60, perPage: 100, signal: controller.signal });
  controller.abort();
  const e = await pending.catch((e) => e);
  assert.ok(e instanceof ClientResponseError, String(e));
  assert.equal(e.isAbort, true);
  const page = await x.records(names.bulk, { page: 60, perPage: 100 });
  assert.equal(page.items.length, 100);
  assert.equal(page.page, 60);
  const bad = await x.records(names.bulk, { page: 0 }).catch((e) => e);
  assert.ok(bad instanceof TypeError);
  x.close();
  const closed = await x.records(names.bulk).catch((e) => e);
  assert.match(String(closed?.message), /closed/);
});

test("recover through the batch API when the server has it on; an auth record comes back with a new password to reset", async () => {
  const { backups, client } = await service();
  const { names } = fixture;
  const settings = await client.send("/api/settings");
  const plainIds = fixture.ids[names.plain].slice(0, 2);
  const userId = fixture.ids[names.users][0];
  const user = fixture.records[names.users][userId];
  for (const id of plainIds) await client.send(`/api/collections/${names.plain}/records/${id}`, { method: "DELETE" });
  await client.send(`/api/collections/${names.users}/records/${userId}`, { method: "DELETE" });
  await client.send("/api/settings", { method: "PATCH", body: { batch: { ...settings.batch, enabled: true } } });
  try {
    const x = await backups.explore(backupKey);
    const sent = [];
    client.beforeSend = (url, options) => {
      sent.push(`${options.method} ${new URL(url).pathname}`);
      return { url, options };
    };
    const plain = await x.recover(names.plain, plainIds);
    assert.deepEqual([...plain.created].sort(), [...plainIds].sort());
    // Both records in one batch request, none one by one.
    assert.deepEqual(sent.filter((s) => s.startsWith("POST")), ["POST /api/batch"]);
    client.beforeSend = undefined;
    for (const id of plainIds) {
      const live = await client.send(`/api/collections/${names.plain}/records/${id}`);
      assert.deepEqual([live.label, live.qty], [fixture.records[names.plain][id].label, fixture.records[names.plain][id].qty]);
    }
    const users = await x.recover(names.users, [userId]);
    assert.deepEqual(users.created, [userId]);
    assert.ok(users.notes.some((n) => /password/.test(n) && n.includes(userId)), JSON.stringify(users.notes));
    const live = await client.send(`/api/collections/${names.users}/records/${userId}`);
    assert.deepEqual([live.email, live.verified, live.nickname], [user.email, user.verified, user.nickname]);
    // The old password is gone with the hash: signing in with it fails.
    const old = await client
      .send(`/api/collections/${names.users}/auth-with-password`, { method: "POST", body: { identity: user.email, password: "fixture-password-123" } })
      .catch((e) => e);
    assert.equal(old.status, 400);
    x.close();
  } finally {
    await client.send("/api/settings", { method: "PATCH", body: { batch: settings.batch } });
  }
});
