// Uploads through the Node entry's sender (src/npm/node/upload.js: the form written to a
// node:http request as the socket takes it) against a real PocketBase, and the faults it
// must end cleanly on (tests/fault_server.py): an abort mid-body, a connection dropped
// mid-body, a redirect within the origin; and a `fetch` the application replaced,
// which sends the form itself.

import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { startFaultServer } from "../support/fault-server.mjs";
import { sqliteFirstPage, storedEntry, writeZip } from "../support/zip-writer.mjs";
import { ClientResponseError, PocketBase, signedIn, tempDir, unique } from "./support.mjs";

const dir = await tempDir();
let fault;
before(async () => (fault = await startFaultServer()));
after(() => fault?.stop());

/** A backup zip of about `mib` MiB (its data.db stored, so the bytes are sent as they are). */
function backupZip(mib) {
  return new Blob(writeZip([storedEntry("data.db", sqliteFirstPage(new Uint8Array(mib << 20), mib << 8))]).parts);
}

test("an upload from a path reports its bytes as they leave and stores the file's bytes under its name", async () => {
  const pb = await signedIn();
  const name = unique("nodeup");
  const path = join(dir, name);
  const blob = backupZip(16);
  await writeFile(path, new Uint8Array(await blob.arrayBuffer()));
  const heard = [];
  assert.equal(await pb.backups.upload(path, { onProgress: (p) => heard.push(p) }), name);
  assert.deepEqual(heard[0], { loaded: 0, total: blob.size });
  assert.deepEqual(heard.at(-1), { loaded: blob.size, total: blob.size });
  // 16 MiB taken by the socket piece by piece: many reports between the first and last.
  assert.ok(heard.length > 16, `${heard.length} reports`);
  assert.ok(heard.every((p, i) => i === 0 || p.loaded > heard[i - 1].loaded), "progress only moves forward");
  const listed = (await pb.backups.getFullList()).find((b) => b.key === name);
  assert.equal(listed?.size, blob.size);
  const back = await pb.backups.download(name);
  assert.deepEqual(new Uint8Array(await back.arrayBuffer()), new Uint8Array(await blob.arrayBuffer()));
  await pb.backups.delete(name);
});

test("a path that names no file rejects with the file system's error, a folder with a TypeError, before any request", async () => {
  const pb = await signedIn();
  let sent = 0;
  pb.beforeSend = (url, options) => {
    sent++;
    return { url, options };
  };
  const e = await pb.backups.upload(join(dir, "missing.zip")).catch((e) => e);
  assert.equal(e.code, "ENOENT");
  assert.match(e.message, /missing\.zip/);
  const folder = await pb.backups.upload(dir).catch((e) => e);
  assert.ok(folder instanceof TypeError);
  assert.equal(folder.message, `upload needs a file: ${dir} is not one.`);
  assert.equal(sent, 0);
});

test("an upload aborted mid-body rejects with isAbort and leaves no backup", async () => {
  const pb = await signedIn();
  const name = unique("nodeabort");
  const controller = new AbortController();
  const e = await pb.backups
    .upload(backupZip(64), {
      name,
      signal: controller.signal,
      onProgress: ({ loaded }) => loaded > 4 << 20 && controller.abort(),
    })
    .catch((e) => e);
  assert.ok(e instanceof ClientResponseError, String(e));
  assert.equal(e.isAbort, true);
  assert.ok(!(await pb.backups.getFullList()).some((b) => b.key === name));
});

test("a connection dropped mid-upload rejects with status 0, and the client goes on", async () => {
  const pb = new PocketBase(`${fault.base}/drop`);
  for (const onProgress of [undefined, () => {}]) {
    const e = await pb.backups.upload(backupZip(4), { name: "dropped.zip", verify: false, onProgress }).catch((e) => e);
    assert.ok(e instanceof ClientResponseError, String(e));
    assert.equal(e.status, 0);
    assert.equal(e.isAbort, false);
    assert.match(e.message, /^The connection to the server failed/);
    assert.equal(e.url, `${fault.base}/drop/api/backups/upload`);
    assert.equal((await pb.health.check()).code, 200);
  }
});

test("a redirect within the origin is followed with the session and the body sent again", async () => {
  const pb = new PocketBase(`${fault.base}/moved`);
  pb.authStore.save("node-token", null);
  const run = `node-entry-${Date.now()}`;
  const key = await pb.backups.upload(backupZip(1), { name: "moved.zip", verify: false, query: { run }, onProgress: () => {} });
  assert.equal(key, "moved.zip");
  assert.deepEqual(await (await fetch(`${fault.base}/seen/${run}`)).json(), { posts: 1, auth: ["node-token"] });
});

test("a fetch the application put in Node's place sends the form itself", async () => {
  const pb = await signedIn();
  const name = unique("nodemock");
  const own = globalThis.fetch;
  const forms = [];
  globalThis.fetch = (url, init) => {
    if (init?.body instanceof FormData) forms.push(init.body.get("file").name);
    return own(url, init);
  };
  try {
    assert.equal(await pb.backups.upload(backupZip(1), { name, onProgress: () => {} }), name);
  } finally {
    globalThis.fetch = own;
  }
  assert.deepEqual(forms, [name]);
  await pb.backups.delete(name);
});
