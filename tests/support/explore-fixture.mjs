// The backup explorer's fixture: collections of every kind on a live PocketBase (0.40.6),
// the changes made after a backup, and what `compare()` must then report. Plain `fetch`,
// no dependencies; every call is a superuser's (`token`).
//
//   const token = await superuserToken(url);
//   const fixture = await buildExploreFixture(url, token, { suffix });
//   await makeBackup(url, token, "before.zip");
//   const { expected, deleted } = await changeAfterBackup(url, token, fixture);
//   const zip = await downloadBackup(url, token, "before.zip");

export const EMAIL = "admin@example.com";
export const PASSWORD = "password123";
/** The password of the fixture's auth records. */
export const USER_PASSWORD = "fixture-password-123";

/** The system collections of 0.40.6, as data.db names them. */
export const SYSTEM_COLLECTIONS = ["_mfas", "_otps", "_externalAuths", "_authOrigins", "_superusers"];

/** A request to the server as `token`'s superuser: the parsed JSON answer (null for 204).
 * `body`: an object (sent as JSON) or a FormData. */
export async function api(baseUrl, token, method, path, body) {
  const headers = token ? { Authorization: token } : {};
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 2000)}`);
  return text ? JSON.parse(text) : null;
}

/** A superuser auth token (admin@example.com / password123). */
export async function superuserToken(baseUrl) {
  const body = await api(baseUrl, "", "POST", "/api/collections/_superusers/auth-with-password", {
    identity: EMAIL,
    password: PASSWORD,
  });
  return body.token;
}

/** Creates the backup `name` and waits until the list shows it: its `{key, size, modified}`. */
export async function makeBackup(baseUrl, token, name) {
  await api(baseUrl, token, "POST", "/api/backups", { name });
  for (let i = 0; i < 600; i++) {
    const list = await api(baseUrl, token, "GET", "/api/backups");
    const item = list.find((b) => b.key === name);
    if (item) return item;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`backup ${name} not listed after 60 s`);
}

/** The bytes of the backup `key`, through a file token. */
export async function downloadBackup(baseUrl, token, key) {
  const { token: fileToken } = await api(baseUrl, token, "POST", "/api/files/token");
  const res = await fetch(`${baseUrl}/api/backups/${encodeURIComponent(key)}?token=${encodeURIComponent(fileToken)}`);
  if (!res.ok) throw new Error(`download ${key}: HTTP ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Every record of collection `name` through the records API (sorted by id). */
export async function listAll(baseUrl, token, name) {
  const out = [];
  for (let page = 1; ; page++) {
    const body = await api(baseUrl, token, "GET", `/api/collections/${encodeURIComponent(name)}/records?page=${page}&perPage=1000&sort=id&skipTotal=1`);
    out.push(...body.items);
    if (body.items.length < 1000) return out;
  }
}

/** The bytes of a record's stored file. */
export async function fileBytes(baseUrl, token, collection, recordId, fileName) {
  const { token: fileToken } = await api(baseUrl, token, "POST", "/api/files/token");
  const res = await fetch(`${baseUrl}/api/files/${collection}/${recordId}/${encodeURIComponent(fileName)}?token=${fileToken}`);
  if (!res.ok) throw new Error(`file ${collection}/${recordId}/${fileName}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** A record id of the default pattern (15 × [a-z0-9]), `prefix` first. */
function recordId(prefix, n) {
  const tail = String(n).padStart(15 - prefix.length, "0");
  return `${prefix}${tail}`.slice(0, 15);
}

/** Turns the batch API on for the length of `work`, then puts `settings.batch` back as it was. */
async function withBatch(baseUrl, token, work) {
  const before = (await api(baseUrl, token, "GET", "/api/settings")).batch;
  await api(baseUrl, token, "PATCH", "/api/settings", {
    batch: { enabled: true, maxRequests: 1000, timeout: 120, maxBodySize: 512 * 2 ** 20 },
  });
  try {
    return await work();
  } finally {
    await api(baseUrl, token, "PATCH", "/api/settings", { batch: before });
  }
}

/** Creates the records `bodies` (each with its `id`) in `collection` through /api/batch,
 * `per` a request, `parallel` requests at a time: the created records, in order. */
async function batchCreate(baseUrl, token, collection, bodies, { per = 1000, parallel = 2 } = {}) {
  const chunks = [];
  for (let i = 0; i < bodies.length; i += per) chunks.push(bodies.slice(i, i + per));
  const results = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const i = next++;
      const requests = chunks[i].map((body) => ({ method: "POST", url: `/api/collections/${collection}/records`, body }));
      const answer = await api(baseUrl, token, "POST", "/api/batch", { requests });
      results[i] = answer.map((a) => {
        if (a.status !== 200) throw new Error(`batch create in ${collection}: ${JSON.stringify(a)}`);
        return a.body;
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results.flat();
}

// The files of the fixture's records: small, some text, some binary.
const PNG_1PX = Uint8Array.from(Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
));
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const enc = (s) => new TextEncoder().encode(s);

/** A text of `n` characters, mixed ASCII and multi-byte, the same every time. */
function longText(n) {
  const unit = "Lorem ipsum dolor sit amet, ünïcødé — 漢字 — 🙂 ";
  let s = "";
  while (s.length < n) s += unit;
  return s.slice(0, n);
}

/**
 * Builds the fixture on a live server. Names end in `_${suffix}`.
 *
 * Returns
 * ```
 * {
 *   suffix,
 *   names: { all, target, users, view, plain, bulk },     // the fixture's roles → collection names
 *   collections: { [name]: { id, name, type, fields: [fieldName…] } },
 *   ids: { [name]: [recordId…] },                         // in creation order
 *   records: { [name]: { [recordId]: record } },          // as the records API answered the create
 *   files: { [name]: { [recordId]: { [field]: [{ name, original, bytes }] } } },  // name as stored
 *   timings: { totalMs, bulkMs },
 * }
 * ```
 * The view's records are its rows as the API lists them; the auth records' password is
 * USER_PASSWORD.
 */
export async function buildExploreFixture(baseUrl, token, { suffix, bulk = 10000 } = {}) {
  if (!suffix) throw new Error("buildExploreFixture: a suffix");
  const t0 = performance.now();
  const names = {
    target: `fx_target_${suffix}`,
    all: `fx_all_${suffix}`,
    users: `fx_users_${suffix}`,
    view: `fx_view_${suffix}`,
    plain: `fx_plain_${suffix}`,
    bulk: `fx_bulk_${suffix}`,
  };
  const fixture = { suffix, names, collections: {}, ids: {}, records: {}, files: {}, timings: {} };
  const create = async (body) => {
    const c = await api(baseUrl, token, "POST", "/api/collections", body);
    fixture.collections[c.name] = { id: c.id, name: c.name, type: c.type, fields: c.fields.map((f) => f.name) };
    fixture.ids[c.name] = [];
    fixture.records[c.name] = {};
    return c;
  };
  const keep = (name, record) => {
    fixture.ids[name].push(record.id);
    fixture.records[name][record.id] = record;
  };
  const autodates = [
    { name: "created", type: "autodate", onCreate: true, onUpdate: false },
    { name: "updated", type: "autodate", onCreate: true, onUpdate: true },
  ];

  // The relation target.
  const target = await create({ name: names.target, type: "base", fields: [{ name: "label", type: "text" }, ...autodates] });
  for (let i = 1; i <= 3; i++) {
    keep(names.target, await api(baseUrl, token, "POST", `/api/collections/${names.target}/records`, { id: recordId("tgt", i), label: `target ${i}` }));
  }
  const [t1, t2, t3] = fixture.ids[names.target];

  // A base collection with a field of every common type.
  await create({
    name: names.all,
    type: "base",
    fields: [
      { name: "title", type: "text" },
      { name: "long", type: "text", max: 100000 },
      { name: "body", type: "editor" },
      { name: "email", type: "email" },
      { name: "url", type: "url" },
      { name: "n", type: "number" },
      { name: "flag", type: "bool" },
      { name: "meta", type: "json" },
      { name: "when", type: "date" },
      { name: "pick", type: "select", values: ["alpha", "beta", "gamma"], maxSelect: 1 },
      { name: "tags", type: "select", values: ["red", "green", "blue", "ünï"], maxSelect: 4 },
      { name: "owner", type: "relation", collectionId: target.id, maxSelect: 1 },
      { name: "refs", type: "relation", collectionId: target.id, maxSelect: 3 },
      { name: "doc", type: "file", maxSelect: 1, maxSize: 10 * 2 ** 20 },
      { name: "docs", type: "file", maxSelect: 5, maxSize: 10 * 2 ** 20 },
      ...autodates,
    ],
  });
  const allRecords = [
    {
      // every field set, everyday values
      values: {
        title: "First record", long: "short", body: "<p>Hello <strong>world</strong></p>", email: "first@example.com",
        url: "https://example.com/a?b=c", n: 42, flag: true, meta: { a: 1, b: [true, null, "x"] },
        when: "2024-02-29 12:34:56.789Z", pick: "alpha", tags: ["red", "blue"], owner: t1, refs: [t1, t2],
      },
      files: { doc: [["hello.txt", enc("hello, world\n")]], docs: [["pixel.png", PNG_1PX], ["bytes.bin", ALL_BYTES]] },
    },
    {
      // every field empty
      values: { title: "", long: "", body: "", email: "", url: "", n: 0, flag: false, meta: null, when: "", pick: "", tags: [], owner: "", refs: [] },
      files: {},
    },
    {
      // edge values: negative and fractional, nested JSON, unicode, a text > 8 KiB (overflows a 4 KiB page)
      values: {
        title: "Ünïcødé — 漢字 — 🙂 — \"quotes\" 'and' \\ back\nnewline\ttab",
        long: longText(20000), body: `<p>${longText(9000)}</p>`, email: "edge+tag@sub.example.org",
        url: "http://127.0.0.1:8090/path/ü?x=1#frag", n: -12345.678, flag: false,
        meta: { nested: { deeper: { list: [1, 2.5, -3, { k: "v" }], empty: {}, none: null } }, "ü": "漢字" },
        when: "1999-12-31 23:59:59.999Z", pick: "gamma", tags: ["ünï", "green", "red", "blue"], owner: t3, refs: [t3],
      },
      files: { docs: [["notes.md", enc("# Notes\n\n- ünïcødé\n")]] },
    },
    {
      // fractional and JSON scalars; will be deleted after the backup (with files)
      values: { title: "to delete, with files", n: 0.5, flag: true, meta: [1, "two", { three: 3 }], pick: "beta", refs: [t2, t3], owner: t2, email: "del@example.com" },
      files: { doc: [["report.txt", enc("report body\n".repeat(50))]], docs: [["a.txt", enc("a\n")], ["b.bin", Uint8Array.of(0, 255, 0, 255, 7)]] },
    },
    {
      // will be deleted after the backup (no files)
      values: { title: "to delete, no files", n: 1e15, meta: "just a string", when: "2030-01-01 00:00:00.000Z" },
      files: {},
    },
    {
      // will be deleted after the backup
      values: { title: "to delete, third", n: -1, meta: 123.25, tags: ["green"] },
      files: { doc: [["third.txt", enc("third\n")]] },
    },
    {
      // will be changed after the backup
      values: { title: "to change", n: 7, flag: false, meta: { v: 1 }, pick: "alpha", url: "https://example.net/" },
      files: {},
    },
    {
      // a plain one, left alone
      values: { title: "untouched", n: 2.25, flag: true, meta: true, body: "<p>ok</p>" },
      files: { docs: [["one.txt", enc("1")], ["two.txt", enc("22")], ["three.txt", enc("333")]] },
    },
  ];
  fixture.files[names.all] = {};
  for (const [i, spec] of allRecords.entries()) {
    const id = recordId("all", i + 1);
    const form = new FormData();
    form.append("@jsonPayload", JSON.stringify({ id, ...spec.values }));
    for (const [field, list] of Object.entries(spec.files)) {
      for (const [fileName, bytes] of list) form.append(field, new Blob([bytes]), fileName);
    }
    const record = await api(baseUrl, token, "POST", `/api/collections/${names.all}/records`, form);
    keep(names.all, record);
    const files = {};
    for (const [field, list] of Object.entries(spec.files)) {
      const stored = [record[field]].flat();
      if (stored.length !== list.length) throw new Error(`${id}.${field}: ${stored.length} files stored, ${list.length} sent`);
      files[field] = list.map(([original, bytes], k) => ({ name: stored[k], original, bytes }));
    }
    fixture.files[names.all][id] = files;
  }

  // An auth collection with a custom text field.
  await create({ name: names.users, type: "auth", fields: [{ name: "nickname", type: "text" }, ...autodates] });
  const users = [
    { email: "ann@example.com", verified: true, emailVisibility: true, nickname: "Ann" },
    { email: "bob@example.com", verified: false, emailVisibility: false, nickname: "" },
    { email: "ce@example.com", verified: true, emailVisibility: false, nickname: "Cé — 漢字" },
  ];
  // Ids of the server's choosing: an auth record's id must be unique among all auth
  // collections (validation_invalid_auth_id), so fixed ids would collide between suffixes.
  for (const u of users) {
    keep(names.users, await api(baseUrl, token, "POST", `/api/collections/${names.users}/records`, {
      ...u, password: USER_PASSWORD, passwordConfirm: USER_PASSWORD,
    }));
  }

  // A view over the base collection.
  await create({ name: names.view, type: "view", viewQuery: `SELECT id, title FROM ${names.all}` });
  for (const row of await listAll(baseUrl, token, names.view)) keep(names.view, row);

  // A collection without autodate fields.
  await create({ name: names.plain, type: "base", fields: [{ name: "label", type: "text" }, { name: "qty", type: "number" }] });
  for (const [i, [label, qty]] of [["one", 1], ["two", 2.5], ["", 0]].entries()) {
    keep(names.plain, await api(baseUrl, token, "POST", `/api/collections/${names.plain}/records`, { id: recordId("pln", i + 1), label, qty }));
  }

  // `bulk` records, through the batch API.
  await create({ name: names.bulk, type: "base", fields: [{ name: "seq", type: "number" }, { name: "label", type: "text" }, ...autodates] });
  const tb = performance.now();
  const bodies = Array.from({ length: bulk }, (_, i) => ({ id: recordId("blk", i + 1), seq: i + 1, label: `bulk record ${i + 1}` }));
  const created = await withBatch(baseUrl, token, () => batchCreate(baseUrl, token, names.bulk, bodies));
  for (const r of created) keep(names.bulk, r);
  fixture.timings.bulkMs = Math.round(performance.now() - tb);

  fixture.timings.totalMs = Math.round(performance.now() - t0);
  return fixture;
}

/** What compare() reports for a collection that did not change. */
function same(name, count) {
  return {
    name, status: "same", fields: { added: [], removed: [], changed: [] },
    records: { backup: count, live: count, onlyInBackup: [], onlyLive: [], changed: [] },
  };
}

/**
 * Changes the live server after a backup of `fixture` was made: deletes 3 records of the
 * base collection (2 with files), changes one record there (title, n, meta) and one in the
 * bulk collection (label), adds a collection with 2 records, removes the base
 * collection's `url` field, and writes 2 new records into the bulk collection.
 *
 * Returns
 * ```
 * {
 *   expected: { [collectionName]: { name, status, fields: { added, removed, changed },
 *                                   records: { backup, live, onlyInBackup, onlyLive, changed } } },
 *   deleted: [{ collection, id, record, files: { [field]: [{ name, original, bytes }] } }],
 *   changed: [{ collection, id, before, after }],
 *   added: { collection: { id, name }, bulk: [record…] },
 * }
 * ```
 * In `expected`, `backup`/`live` are counts and `onlyInBackup`/`onlyLive`/`changed` are
 * sorted id lists (a test of counts takes `.length`); field lists are sorted names.
 * It covers every fixture collection, the new one, the system collections and a new
 * server's default `users` collection (when there is one). A record
 * counts as changed when a value of a field both sides have differs, autodate fields
 * aside; a removed field is a field change, not a record change.
 */
export async function changeAfterBackup(baseUrl, token, fixture) {
  const { names } = fixture;
  const all = fixture.ids[names.all];
  const deletedIds = [all[3], all[4], all[5]];
  const changedId = all[6];
  const bulkChangedId = fixture.ids[names.bulk][0];

  const deleted = [];
  for (const id of deletedIds) {
    await api(baseUrl, token, "DELETE", `/api/collections/${names.all}/records/${id}`);
    deleted.push({ collection: names.all, id, record: fixture.records[names.all][id], files: fixture.files[names.all][id] ?? {} });
  }

  const changed = [];
  const before = fixture.records[names.all][changedId];
  const after = await api(baseUrl, token, "PATCH", `/api/collections/${names.all}/records/${changedId}`, {
    title: "changed after the backup", n: 8, meta: { v: 2 },
  });
  changed.push({ collection: names.all, id: changedId, before, after });
  const bulkBefore = fixture.records[names.bulk][bulkChangedId];
  const bulkAfter = await api(baseUrl, token, "PATCH", `/api/collections/${names.bulk}/records/${bulkChangedId}`, { label: "changed after the backup" });
  changed.push({ collection: names.bulk, id: bulkChangedId, before: bulkBefore, after: bulkAfter });

  const newName = `fx_new_${fixture.suffix}`;
  const newCollection = await api(baseUrl, token, "POST", "/api/collections", { name: newName, type: "base", fields: [{ name: "note", type: "text" }] });
  const newIds = [];
  for (const note of ["new one", "new two"]) newIds.push((await api(baseUrl, token, "POST", `/api/collections/${newName}/records`, { note })).id);

  const allCollection = await api(baseUrl, token, "GET", `/api/collections/${names.all}`);
  await api(baseUrl, token, "PATCH", `/api/collections/${names.all}`, { fields: allCollection.fields.filter((f) => f.name !== "url") });

  const bulkNew = [];
  const nBulk = fixture.ids[names.bulk].length;
  for (let i = 1; i <= 2; i++) {
    bulkNew.push(await api(baseUrl, token, "POST", `/api/collections/${names.bulk}/records`, { id: recordId("blknew", i), seq: nBulk + i, label: `written after the backup ${i}` }));
  }

  const sorted = (xs) => [...xs].sort();
  const count = (name) => fixture.ids[name].length;
  const expected = {};
  for (const name of [names.target, names.users, names.plain]) expected[name] = same(name, count(name));
  expected[names.all] = {
    name: names.all, status: "changed", fields: { added: [], removed: ["url"], changed: [] },
    records: { backup: count(names.all), live: count(names.all) - 3, onlyInBackup: sorted(deletedIds), onlyLive: [], changed: [changedId] },
  };
  // The view's rows follow the base collection: 3 gone, one title changed.
  expected[names.view] = {
    name: names.view, status: "changed", fields: { added: [], removed: [], changed: [] },
    records: { backup: count(names.view), live: count(names.view) - 3, onlyInBackup: sorted(deletedIds), onlyLive: [], changed: [changedId] },
  };
  expected[names.bulk] = {
    name: names.bulk, status: "changed", fields: { added: [], removed: [], changed: [] },
    records: { backup: count(names.bulk), live: count(names.bulk) + 2, onlyInBackup: [], onlyLive: sorted(bulkNew.map((r) => r.id)), changed: [bulkChangedId] },
  };
  expected[newName] = {
    name: newName, status: "onlyLive", fields: { added: sorted(newCollection.fields.map((f) => f.name)), removed: [], changed: [] },
    records: { backup: 0, live: 2, onlyInBackup: [], onlyLive: sorted(newIds), changed: [] },
  };
  // The system collections: nothing the fixture does after the backup touches them (a
  // superuser sign-in from a known origin only moves the `updated` autodate of its
  // _authOrigins record). Their counts are the live ones now.
  for (const name of SYSTEM_COLLECTIONS) {
    expected[name] = same(name, (await listAll(baseUrl, token, name)).length);
  }
  // The `users` auth collection a new server has (not a system one); the fixture leaves it alone.
  const users = await api(baseUrl, token, "GET", "/api/collections?filter=" + encodeURIComponent("name='users'"));
  if (users.items.length) expected.users = same("users", (await listAll(baseUrl, token, "users")).length);
  return { expected, deleted, changed, added: { collection: { id: newCollection.id, name: newName }, bulk: bulkNew } };
}

/** Random text of `n` bytes in base64's alphabet: deflate gains little (~25 %). */
function randomText(n) {
  const bytes = new Uint8Array(Math.ceil((n * 3) / 4));
  for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return Buffer.from(bytes).toString("base64").slice(0, n);
}

/**
 * Grows the server's data.db by at least `bytes`: a collection `fx_large_${suffix}` of
 * records whose text field holds `valueBytes` each. `compressible`: the values repeat a
 * short text (the backup's zip stays small and fast) or are random base64.
 * Returns `{ name, id, records, valueBytes, ms }`.
 */
export async function largeDatabase(baseUrl, token, { bytes = 256 * 2 ** 20, suffix, valueBytes = 2 ** 20, compressible = true, parallel = 1 } = {}) {
  if (!suffix) throw new Error("largeDatabase: a suffix");
  const t0 = performance.now();
  const name = `fx_large_${suffix}`;
  const c = await api(baseUrl, token, "POST", "/api/collections", {
    name, type: "base", fields: [{ name: "seq", type: "number" }, { name: "blob", type: "text", max: valueBytes + 16 }],
  });
  const records = Math.ceil(bytes / valueBytes);
  const unit = compressible ? longText(4096).replace(/[^\x20-\x7e]/g, "x") : null;
  const value = (i) => {
    if (!compressible) return randomText(valueBytes);
    const head = `record ${i} `;
    return (head + unit.repeat(Math.ceil(valueBytes / unit.length))).slice(0, valueBytes);
  };
  // ~24 MiB a request, under the records API's 32 MiB body limit.
  const per = Math.max(1, Math.floor((24 * 2 ** 20) / valueBytes));
  // `parallel` requests in flight: one is parsed while another is written. Each request's
  // values are made when it is sent, so that no more than `parallel` of them are in memory.
  let next = 0;
  const worker = async () => {
    while (next < records) {
      const i = next;
      next += per;
      const bodies = [];
      for (let k = i; k < Math.min(records, i + per); k++) bodies.push({ id: recordId("lrg", k + 1), seq: k + 1, blob: value(k + 1) });
      await batchCreate(baseUrl, token, name, bodies, { per, parallel: 1 });
    }
  };
  await withBatch(baseUrl, token, () => Promise.all(Array.from({ length: parallel }, worker)));
  return { name, id: c.id, records, valueBytes, ms: Math.round(performance.now() - t0) };
}
