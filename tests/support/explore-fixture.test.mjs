// The explorer's fixture checked against a real server (PB_URL, a superuser
// admin@example.com / password123): what the backup holds, read with python3's sqlite3
// from the downloaded zip, is what buildExploreFixture() describes, and the live server
// shows what changeAfterBackup() says it did.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

import {
  SYSTEM_COLLECTIONS, api, buildExploreFixture, changeAfterBackup, downloadBackup, fileBytes, listAll, makeBackup,
  largeDatabase, superuserToken,
} from "./explore-fixture.mjs";

const PB_URL = process.env.PB_URL;
if (!PB_URL) throw new Error("PB_URL: the address of a PocketBase with the superuser admin@example.com");

// Reads the zip at argv[1]: its entry names, and from its data.db each table's row count,
// the columns of `_collections`, chosen rows with typeof() of each column, the page size.
const READ_BACKUP = String.raw`
import json, sqlite3, sys, zipfile, tempfile, os, base64
zpath, wanted = sys.argv[1], json.loads(sys.argv[2])
out = {}
with zipfile.ZipFile(zpath) as z:
    out["entries"] = {i.filename: {"size": i.file_size, "method": i.compress_type} for i in z.infolist()}
    out["storage"] = {n: base64.b64encode(z.read(n)).decode() for n in z.namelist() if n.startswith("storage/")}
    d = tempfile.mkdtemp()
    z.extract("data.db", d)
db = sqlite3.connect(os.path.join(d, "data.db"))
db.row_factory = sqlite3.Row
out["pageSize"] = db.execute("PRAGMA page_size").fetchone()[0]
out["journalMode"] = db.execute("PRAGMA journal_mode").fetchone()[0]
out["collections"] = {r["name"]: dict(r) for r in db.execute("SELECT * FROM _collections")}
out["counts"] = {}
for name in out["collections"]:
    out["counts"][name] = db.execute('SELECT count(*) FROM "%s"' % name).fetchone()[0]
out["rows"] = {}
for name, ids in wanted.items():
    if name == "__all__":
        continue
    rows = {}
    for rid in ids:
        r = db.execute('SELECT * FROM "%s" WHERE id = ?' % name, (rid,)).fetchone()
        if r is None:
            rows[rid] = None
            continue
        types = db.execute('SELECT %s FROM "%s" WHERE id = ?' % (", ".join('typeof("%s")' % k for k in r.keys()), name), (rid,)).fetchone()
        rows[rid] = {k: {"value": r[k] if not isinstance(r[k], bytes) else base64.b64encode(r[k]).decode(), "type": types[i]} for i, k in enumerate(r.keys())}
    out["rows"][name] = rows
out["tables"] = {}
for name in wanted.get("__all__", []):
    if name not in out["collections"]:
        continue
    out["tables"][name] = [{k: (r[k] if not isinstance(r[k], bytes) else base64.b64encode(r[k]).decode()) for k in r.keys()}
                           for r in db.execute('SELECT * FROM "%s"' % name)]
print(json.dumps(out))
`;

function readBackup(zipBytes, wanted) {
  const dir = mkdtempSync(path.join(tmpdir(), "explore-fixture-"));
  try {
    const file = path.join(dir, "backup.zip");
    writeFileSync(file, zipBytes);
    const run = spawnSync("python3", ["-c", READ_BACKUP, file, JSON.stringify(wanted)], { encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
    if (run.status !== 0) throw new Error(`python3: ${run.stderr}`);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A data.db value in the records API's terms, by its field's definition. */
function cellToApi(value, field) {
  const multiple = ["select", "relation", "file"].includes(field.type) && field.maxSelect > 1;
  if (field.type === "bool") return value === 1;
  if (field.type === "json") return typeof value === "string" ? JSON.parse(value) : value;
  if (multiple) return JSON.parse(value);
  return value;
}

/** An independent compare of one collection: the backup's table and _collections row
 * against the live API, in the shape `expected` uses. */
async function compareOne(token, name, backup) {
  const inBackup = backup.collections[name];
  let live = null;
  try {
    live = await api(PB_URL, token, "GET", `/api/collections/${encodeURIComponent(name)}`);
  } catch (e) {
    if (!/HTTP 404/.test(e.message)) throw e;
  }
  const backupFields = inBackup ? JSON.parse(inBackup.fields) : [];
  const liveFields = live ? live.fields : [];
  const byName = (fs) => new Map(fs.map((f) => [f.name, f]));
  const bf = byName(backupFields);
  const lf = byName(liveFields);
  const added = [...lf.keys()].filter((n) => !bf.has(n)).sort();
  const removed = [...bf.keys()].filter((n) => !lf.has(n)).sort();
  const canon = (f) => JSON.stringify(Object.keys(f).sort().map((k) => [k, f[k]]));
  const changedFields = [...bf.keys()].filter((n) => lf.has(n) && canon(bf.get(n)) !== canon(lf.get(n))).sort();
  const compared = [...bf.values()].filter((f) => lf.has(f.name) && f.type !== "autodate" && !f.hidden && f.name !== "id");
  const backupRows = new Map((backup.tables[name] ?? []).map((r) => [r.id, r]));
  const liveRows = new Map(live ? (await listAll(PB_URL, token, name)).map((r) => [r.id, r]) : []);
  const onlyInBackup = [...backupRows.keys()].filter((id) => !liveRows.has(id)).sort();
  const onlyLive = [...liveRows.keys()].filter((id) => !backupRows.has(id)).sort();
  const changed = [...backupRows.keys()].filter((id) => liveRows.has(id) && compared.some((f) => {
    try {
      assert.deepStrictEqual(cellToApi(backupRows.get(id)[f.name], f), liveRows.get(id)[f.name]);
      return false;
    } catch {
      return true;
    }
  })).sort();
  const fields = { added, removed, changed: changedFields };
  const records = { backup: backupRows.size, live: liveRows.size, onlyInBackup, onlyLive, changed };
  const status = !inBackup ? "onlyLive" : !live ? "onlyInBackup"
    : added.length + removed.length + changedFields.length + onlyInBackup.length + onlyLive.length + changed.length ? "changed" : "same";
  return { name, status, fields, records };
}

/** A record's fields as the API gives them, without the API's own and the autodates. */
function storedFields(record, fields) {
  return Object.fromEntries(fields.filter((f) => !["created", "updated"].includes(f)).map((f) => [f, record[f]]));
}

/** A row's value from data.db in the API's terms: JSON columns parsed, bools as booleans. */
function asApi(cell, field) {
  if (["meta", "tags", "refs", "docs"].includes(field)) return JSON.parse(cell.value);
  if (field === "flag") return cell.value === 1;
  return cell.value;
}

test("the fixture, a backup of it, the changes after it", { timeout: 300_000 }, async (t) => {
  const suffix = `t${Date.now().toString(36)}`;
  const token = await superuserToken(PB_URL);
  const batchBefore = (await api(PB_URL, token, "GET", "/api/settings")).batch;
  const originsBefore = await listAll(PB_URL, token, "_authOrigins");

  const fixture = await buildExploreFixture(PB_URL, token, { suffix });
  t.diagnostic(`fixture built in ${fixture.timings.totalMs} ms, ${fixture.ids[fixture.names.bulk].length} bulk records in ${fixture.timings.bulkMs} ms`);
  assert.deepEqual((await api(PB_URL, token, "GET", "/api/settings")).batch, batchBefore, "the batch settings are put back");
  assert.equal(fixture.ids[fixture.names.bulk].length, 10000);

  const key = `explore_${suffix}.zip`;
  const tb = performance.now();
  const item = await makeBackup(PB_URL, token, key);
  t.diagnostic(`backup ${key}: ${item.size} bytes in ${Math.round(performance.now() - tb)} ms`);

  // A sign-in after the backup, from the same origin: no new _authOrigins record.
  const token2 = await superuserToken(PB_URL);
  const originsAfter = await listAll(PB_URL, token2, "_authOrigins");
  assert.deepEqual(originsAfter.map((o) => o.id), originsBefore.map((o) => o.id));

  const { expected, deleted, changed, added } = await changeAfterBackup(PB_URL, token2, fixture);
  const { names } = fixture;
  const zip = await downloadBackup(PB_URL, token2, key);
  assert.equal(zip.length, item.size);

  const all = fixture.ids[names.all];
  const backup = readBackup(zip, {
    [names.all]: all,
    [names.users]: fixture.ids[names.users],
    [names.plain]: fixture.ids[names.plain],
    [names.bulk]: [fixture.ids[names.bulk][0], fixture.ids[names.bulk][9999]],
    [names.view]: all,
    __all__: Object.keys(expected),
  });

  // What the backup holds: the fixture as built.
  assert.equal(backup.pageSize, 4096);
  for (const name of [...Object.keys(fixture.collections), ...SYSTEM_COLLECTIONS]) {
    assert.ok(backup.collections[name], `${name} in the backup's _collections`);
  }
  assert.equal(backup.collections[added.collection.name], undefined);
  for (const [name, ids] of Object.entries(fixture.ids)) assert.equal(backup.counts[name], ids.length, `${name}: rows in the backup`);
  for (const [name, e] of Object.entries(expected)) {
    if (e.status !== "onlyLive") assert.equal(backup.counts[name], e.records.backup, `${name}: expected backup count`);
  }
  assert.ok(JSON.parse(backup.collections[names.all].fields).some((f) => f.name === "url"), "the backup still has the url field");
  assert.match(JSON.parse(backup.collections[names.view].options).viewQuery, new RegExp(`FROM ${names.all}`));

  const fields = fixture.collections[names.all].fields;
  for (const id of all) {
    const row = backup.rows[names.all][id];
    assert.ok(row, `${id} in the backup`);
    const fromDb = Object.fromEntries(Object.keys(storedFields({}, fields)).map((f) => [f, asApi(row[f], f)]));
    assert.deepEqual(fromDb, storedFields(fixture.records[names.all][id], fields), `${id}: the backup's values`);
  }
  const long = backup.rows[names.all][all[2]].long;
  assert.equal(long.type, "text");
  assert.equal(long.value.length, 20000);
  assert.ok(Buffer.byteLength(long.value) > 8192);
  assert.equal(backup.rows[names.all][changed[0].id].title.value, "to change");
  assert.equal(backup.rows[names.bulk][fixture.ids[names.bulk][0]].label.value, "bulk record 1");
  assert.equal(backup.rows[names.bulk][fixture.ids[names.bulk][9999]].seq.value, 10000);
  assert.equal(backup.rows[names.users][fixture.ids[names.users][0]].email.value, "ann@example.com");
  assert.equal(backup.rows[names.users][fixture.ids[names.users][2]].nickname.value, "Cé — 漢字");
  assert.equal(backup.rows[names.plain][fixture.ids[names.plain][1]].qty.value, 2.5);
  assert.equal(backup.rows[names.view][all[2]].title.value, fixture.records[names.all][all[2]].title);

  // Every fixture file, byte for byte, with its .attrs beside it.
  const collectionId = fixture.collections[names.all].id;
  let nFiles = 0;
  for (const [id, byField] of Object.entries(fixture.files[names.all])) {
    for (const list of Object.values(byField)) {
      for (const f of list) {
        const entry = `storage/${collectionId}/${id}/${f.name}`;
        assert.ok(backup.storage[entry] !== undefined, `${entry} in the zip`);
        assert.deepEqual(Buffer.from(backup.storage[entry], "base64"), Buffer.from(f.bytes));
        assert.ok(backup.storage[`${entry}.attrs`] !== undefined, `${entry}.attrs in the zip`);
        nFiles++;
      }
    }
  }
  assert.equal(nFiles, 11);

  // What the live server shows: the changes.
  for (const [name, e] of Object.entries(expected)) {
    const live = await listAll(PB_URL, token2, name);
    const ids = new Set(live.map((r) => r.id));
    assert.equal(live.length, e.records.live, `${name}: live count`);
    for (const id of e.records.onlyInBackup) assert.ok(!ids.has(id), `${name}: ${id} gone`);
    for (const id of e.records.onlyLive) assert.ok(ids.has(id), `${name}: ${id} new`);
  }
  const liveAll = await api(PB_URL, token2, "GET", `/api/collections/${names.all}`);
  assert.ok(!liveAll.fields.some((f) => f.name === "url"));
  const changedLive = await api(PB_URL, token2, "GET", `/api/collections/${names.all}/records/${changed[0].id}`);
  assert.deepEqual([changedLive.title, changedLive.n, changedLive.meta], ["changed after the backup", 8, { v: 2 }]);
  const bulkLive = await api(PB_URL, token2, "GET", `/api/collections/${names.bulk}/records/${changed[1].id}`);
  assert.equal(bulkLive.label, "changed after the backup");
  assert.equal(deleted.length, 3);
  assert.ok(deleted.some((d) => Object.keys(d.files).length > 0), "a deleted record had files");
  const withFiles = deleted.find((d) => d.files.doc);
  await assert.rejects(fileBytes(PB_URL, token2, names.all, withFiles.id, withFiles.files.doc[0].name), /HTTP 404/);
  assert.equal(expected[added.collection.name].status, "onlyLive");
  assert.deepEqual(Object.keys(expected).sort(), [...Object.keys(fixture.collections), added.collection.name, ...SYSTEM_COLLECTIONS, "users"].sort());

  // `expected` agrees with a compare of the backup's tables against the live API.
  for (const [name, e] of Object.entries(expected)) {
    assert.deepEqual(await compareOne(token2, name, backup), e, `${name}: compare`);
  }

  await api(PB_URL, token2, "DELETE", `/api/backups/${key}`);
});

// 8 MiB by default; EXPLORE_LARGE_MIB=256 for the size the explorer's tests use.
test("largeDatabase grows data.db by records of big text values, the batch settings put back", { timeout: 600_000 }, async (t) => {
  const mib = Number(process.env.EXPLORE_LARGE_MIB ?? 8);
  const suffix = `t${Date.now().toString(36)}`;
  const token = await superuserToken(PB_URL);
  const batchBefore = (await api(PB_URL, token, "GET", "/api/settings")).batch;
  const large = await largeDatabase(PB_URL, token, { bytes: mib * 2 ** 20, suffix });
  t.diagnostic(`${mib} MiB in ${large.ms} ms (${large.records} records of ${large.valueBytes} bytes)`);
  assert.equal(large.records, mib);
  assert.deepEqual((await api(PB_URL, token, "GET", "/api/settings")).batch, batchBefore);
  const list = await api(PB_URL, token, "GET", `/api/collections/${large.name}/records?perPage=1&fields=id,seq`);
  assert.equal(list.totalItems, large.records);
  const one = await api(PB_URL, token, "GET", `/api/collections/${large.name}/records/${list.items[0].id}`);
  assert.equal(one.blob.length, large.valueBytes);
  await api(PB_URL, token, "DELETE", `/api/collections/${large.name}`);
});
