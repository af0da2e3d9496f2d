// `pb.backups` (src/npm/backups.js) in Node against a real PocketBase:
// the official calls with their option rules, and downloads and restores that wait.

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError } from "../../src/npm/client-response-error.js";
import { BackupService } from "../../src/npm/backups.js";
import { sqliteFirstPage, storedEntry, writeZip } from "../support/zip-writer.mjs";
import { PB_URL, core, signedIn, unique } from "./support.mjs";

async function service() {
  const client = await signedIn();
  return { client, backups: new BackupService(client) };
}

const zip = () => new Blob(writeZip([storedEntry("data.db", sqliteFirstPage(new Uint8Array(4096), 1))]).parts);

test("create, getFullList and delete, as the official calls (create resolves with the key)", async () => {
  const { backups } = await service();
  const key = unique("svc");
  assert.equal(await backups.create(key), key);
  const auto = await backups.create();
  assert.match(auto, /^[a-z0-9_-]+\.zip$/);
  const list = await backups.getFullList();
  assert.ok(list.some((b) => b.key === key) && list.some((b) => b.key === auto));
  assert.equal(await backups.delete(key), true);
  assert.equal(await backups.delete(auto), true);
  assert.ok(!(await backups.getFullList()).some((b) => b.key === key));
});

test("unknown options become query parameters; a wrong kind of argument is a TypeError that names it", async () => {
  const { client, backups } = await service();
  const seen = [];
  client.beforeSend = (url, options) => {
    seen.push(url);
    return { url, options };
  };
  const sent = [];
  const spy = (url, init) => {
    sent.push(url);
    return fetch(url, init);
  };
  await backups.getFullList({ fields: "key", query: { a: 1 }, params: { a: 2, b: [3, 4] }, fetch: spy });
  assert.deepEqual(sent, [`${PB_URL}/api/backups?a=1&b=3&b=4&fields=key`]);
  const refusals = [
    [() => backups.getFullList("x"), "options must be an object, got string."],
    [() => backups.getFullList({ timeout: 0 }), "options.timeout must be a number of milliseconds from 1 to 86400000 (24 h)."],
    [() => backups.getFullList({ headers: { A: 1 } }), 'options.headers["A"] must be a string, got number.'],
    [() => backups.getFullList({ signal: {} }), "options.signal must be an AbortSignal, got object."],
    [() => backups.create(42), "basename must be a string, got number."],
    [() => backups.delete(undefined), "key must be a string, got undefined."],
    [() => backups.delete(".."), 'The backup key "." or ".." cannot be addressed in a URL.'],
    [() => backups.restore("a.zip", { wait: true, timeoutMs: 0 }), "options.timeoutMs must be a number of milliseconds from 1 to 86400000 (24 h)."],
    [() => backups.upload("not a file"), 'upload needs {file: File | Blob}, a File or Blob, a FormData with a "file" field, or (in Node) a path.'],
    [() => backups.create("", { retryIfBusy: { maxWaitMs: -1 } }), "options.retryIfBusy.maxWaitMs must be a number of milliseconds."],
  ];
  seen.length = 0;
  for (const [call, message] of refusals) {
    const error = await call().catch((e) => e);
    assert.ok(error instanceof TypeError, `${message}: ${error}`);
    assert.equal(error.message, message);
  }
  assert.deepEqual(seen, [], "nothing was sent");
});

test("an upload is checked by the tools module first, then stored under its file's name", async () => {
  const { backups } = await service();
  const name = unique("svcup");
  const file = new File([zip()], name);
  const heard = [];
  assert.equal(await backups.upload({ file }, { onProgress: (p) => heard.push(p) }), name);
  assert.deepEqual(heard, [{ loaded: 0, total: file.size }, { loaded: file.size, total: file.size }]);
  const listed = (await backups.getFullList()).find((b) => b.key === name);
  assert.equal(listed?.size, file.size);
  const notZip = await backups.upload(new File(["hello"], unique("bad"))).catch((e) => e);
  assert.ok(notZip instanceof ClientResponseError);
  assert.equal(notZip.response.data.file.code, "zip_not_zip");
  // Unchecked, the server itself refuses it.
  const unchecked = await backups.upload(new File(["hello"], unique("raw")), { verify: false }).catch((e) => e);
  assert.ok(unchecked instanceof ClientResponseError);
  assert.equal(unchecked.status, 400);
});

test("what is refused before any request says why and names the URL the request would have gone to", async () => {
  const { client, backups } = await service();
  let sent = 0;
  client.beforeSend = (url, options) => {
    sent++;
    return { url, options };
  };
  const VALIDATING = "An error occurred while validating the submitted data.";
  const name = await backups.create("@test").catch((e) => e);
  assert.ok(name instanceof ClientResponseError, String(name));
  assert.deepEqual([name.status, name.url, name.isAbort], [400, `${PB_URL}/api/backups`, false]);
  assert.equal(
    name.message,
    'The backup name is refused: a name has only lowercase letters (a-z), digits, "_" and "-", and ends in ".zip".',
  );
  // `response` is the server's own answer to that name.
  assert.deepEqual(name.response, {
    status: 400,
    message: VALIDATING,
    data: { name: { code: "validation_match_invalid", message: "Must be in a valid format." } },
  });
  const tooLong = `${"a".repeat(147)}.zip`;
  const long = await backups.create(tooLong).catch((e) => e);
  assert.deepEqual([long.status, long.url], [400, `${PB_URL}/api/backups`]);
  assert.equal(long.message, `The backup name is refused: a name has 1 to 150 characters.`);
  assert.equal(long.response.data.name.code, "validation_length_out_of_range");

  const files = [
    [new File(["hello"], unique("text")), "zip_not_zip", "This file is not a zip archive: it has no end-of-central-directory record at its end."],
    [new File([], unique("empty")), "zip_empty", "The file is empty."],
    [
      new File(writeZip([storedEntry("notes.txt", new Uint8Array(3))]).parts, unique("nodb")),
      "backup_missing_data_db",
      "The zip has no data.db, so it is not a backup of this server: restoring it would do nothing.",
    ],
  ];
  for (const [file, code, message] of files) {
    const e = await backups.upload({ file }).catch((e) => e);
    assert.ok(e instanceof ClientResponseError, `${code}: ${e}`);
    assert.deepEqual([e.status, e.url, e.message], [400, `${PB_URL}/api/backups/upload`, message], code);
    assert.deepEqual(e.response, { status: 400, message: VALIDATING, data: { file: { code, message } } }, code);
  }
  assert.equal(sent, 0, "nothing was sent");
});

test("a create the server could not store because its S3 storage failed says why; a name that exists stays so", async () => {
  const { backups } = await service();
  // The server's answers with its S3 storage out of reach, from a custom fetch: the
  // create "exists", the list the storage's raw error.
  const exists = {
    status: 400,
    message: "An error occurred while validating the submitted data.",
    data: { name: { code: "validation_backup_name_exists", message: "exists" } },
  };
  const raw =
    "Failed to retrieve backup items. Raw error: \noperation error S3: ListObjectsV2, https response error StatusCode: 0, " +
    'request send failed, Get "http://127.0.0.1:8098/backups?list-type=2": dial tcp 127.0.0.1:8098: connect: connection refused';
  const answering = (list) => {
    const asked = [];
    const fetch = async (url, init) => {
      asked.push(`${init.method} ${new URL(url).pathname}`);
      const [status, body] = init.method === "POST" ? [400, exists] : list;
      return { status, url, json: async () => body };
    };
    return { asked, fetch };
  };
  const down = answering([400, { status: 400, message: raw, data: {} }]);
  const e = await backups.create("s3_down.zip", { fetch: down.fetch }).catch((e) => e);
  assert.deepEqual(down.asked, ["POST /api/backups", "GET /api/backups"]);
  assert.ok(e instanceof ClientResponseError, String(e));
  const why = "The S3 endpoint refused the connection (127.0.0.1:8098): is the S3 server running and the endpoint right?";
  assert.deepEqual([e.status, e.url, e.message], [400, `${PB_URL}/api/backups`, `The server could not store the backup: ${why}`]);
  assert.deepEqual(e.response.data.s3, { code: "s3_connection_refused", message: raw });
  // The same with retryIfBusy: "exists" is not waited out.
  const retried = answering([400, { status: 400, message: raw, data: {} }]);
  const again = await backups.create("s3_down.zip", { fetch: retried.fetch, retryIfBusy: true }).catch((e) => e);
  assert.deepEqual([retried.asked.length, again.message], [2, e.message]);
  // The list answers: the name does exist, and the server's error is the call's.
  const taken = answering([200, []]);
  const dup = await backups.create("taken.zip", { fetch: taken.fetch }).catch((e) => e);
  assert.deepEqual(taken.asked, ["POST /api/backups", "GET /api/backups"]);
  assert.deepEqual([dup.status, dup.message, dup.response.data.name.code], [400, exists.message, "validation_backup_name_exists"]);
});

test("download: the server's bytes with progress; getDownloadURL carries only the file token", async () => {
  const { client, backups } = await service();
  const key = await backups.create(unique("svcdl"));
  const heard = [];
  const blob = await backups.download(key, { onProgress: (p) => heard.push(p) });
  const size = (await backups.getFullList()).find((b) => b.key === key).size;
  assert.equal(blob.size, size);
  assert.deepEqual(heard.at(-1), { loaded: size, total: size });
  const token = await client.send("/api/files/token", { method: "POST" }).then((r) => r.token);
  const url = backups.getDownloadURL(token, key, { download: 1 });
  assert.equal(url, `${PB_URL}/api/backups/${key}?token=${token}&download=1`);
  assert.equal((await fetch(url)).status, 200);
  const missing = await backups.download(unique("missing")).catch((e) => e);
  assert.equal(missing.status, 404);
});

// Last: a restore replaces the server's data and restarts it.
test("restore: at once with true, or waited with its report", async () => {
  const { backups } = await service();
  const key = await backups.create(unique("svcrs"));
  const statuses = [];
  const report = await backups.restore(key, { wait: true, timeoutMs: 60_000, onStatus: (s) => statuses.push(s) });
  assert.deepEqual(report, { waited: true, authCleared: false });
  assert.equal(statuses.at(-1), "back");
  // With no restore under way, watching sees no restart and says so when its time is up.
  const started = Date.now();
  const none = await backups.watchRestore({ timeoutMs: 1_000 }).catch((e) => e);
  assert.ok(none instanceof ClientResponseError);
  assert.equal(none.status, 0);
  assert.equal(none.response.code, "restore_in_progress");
  assert.ok(Date.now() - started < 5_000);
  // Not waited: true once the server accepted it. The test then waits for the restart
  // itself (the realtime stream it opened first drops), so that the next test meets the
  // restored server, not one about to restart.
  const realtime = await fetch(`${PB_URL}/api/realtime`);
  const reader = realtime.body.getReader();
  await reader.read(); // PB_CONNECT
  const dropped = (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // A reset connection is a drop too.
    }
  })();
  assert.equal(await backups.restore(key), true);
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error("no restart within 30 s")), 30_000).unref());
  await Promise.race([dropped, late]);
  for (let i = 0; i < 100 && !(await fetch(`${PB_URL}/api/health`).then((r) => r.ok, () => false)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
});

test("the core module's memory stays flat over thousands of calls (answers, errors, refusals)", async () => {
  const { backups } = await service();
  const key = unique("flat");
  await backups.create(key);
  const round = async () => {
    await backups.getFullList();
    await assert.rejects(backups.delete(unique("missing")), (e) => e instanceof ClientResponseError && e.status === 400);
    await assert.rejects(backups.create("not a valid name"), (e) => e instanceof ClientResponseError && e.status === 400);
    assert.equal(backups.getDownloadURL("token", key).includes(encodeURIComponent(key)), true);
  };
  for (let i = 0; i < 200; i++) await round();
  const before = core.memory.buffer.byteLength;
  for (let i = 0; i < 2000; i++) await round();
  assert.equal(core.memory.buffer.byteLength, before, "the core module's memory grew");
  await backups.delete(key);
});

test("a custom fetch that answers plain objects: a download and a verify by key say that reading the file needs a Response", async () => {
  const { backups } = await service();
  const key = unique("plain");
  await backups.create(key);
  const asked = [];
  // Every request answered `{status, json()}`, as unit tests mock fetch: the token's
  // answer is enough, the file's has no body.
  const fetch = async (url) => {
    asked.push(new URL(url).pathname);
    return { status: 200, url, json: async () => ({ token: "t0" }) };
  };
  const download = await backups.download(key, { fetch }).catch((e) => e);
  assert.ok(download instanceof ClientResponseError);
  assert.equal(download.status, 0);
  assert.equal(
    download.message,
    "The answer to the file's request has no body to read: reading a backup's file needs a custom fetch that answers with a Response.",
  );
  assert.deepEqual(asked, ["/api/files/token", `/api/backups/${key}`]);
  const verify = await backups.verify(key, { fetch }).catch((e) => e);
  assert.ok(verify instanceof ClientResponseError);
  assert.equal(verify.status, 0);
  assert.equal(verify.message, download.message);
  await backups.delete(key);
});
