// Downloads as streams (`download(key, {stream: true})`, the tools module's JS) and
// uploads under a name of the caller's, in Node against a real PocketBase; the calls
// that need the Node entry's file system, refused without it.

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError } from "../../src/npm/client-response-error.js";
import { BackupService } from "../../src/npm/backups.js";
import { sqliteFirstPage, storedEntry, writeZip } from "../support/zip-writer.mjs";
import { signedIn, unique } from "./support.mjs";

const zip = () => new Blob(writeZip([storedEntry("data.db", sqliteFirstPage(new Uint8Array(4096), 1))]).parts);

/** Every byte of `stream`, in one array. */
async function drain(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/** A `fetch` that answers a backup's file with `body(bytes)` and the server's headers
 * (so its `Content-Length`); every other request as the server does. */
function fileAnswer(body) {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!String(url).includes("token=") || response.status !== 200) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return new Response(body(bytes), { status: 200, headers: response.headers });
  };
}

test("a download as a stream: the server's bytes, with progress from 0 to the size", async () => {
  const backups = new BackupService(await signedIn());
  const key = await backups.create(unique("stream"));
  try {
    const whole = new Uint8Array(await (await backups.download(key)).arrayBuffer());
    const heard = [];
    const stream = await backups.download(key, { stream: true, onProgress: (p) => heard.push(p) });
    assert.ok(stream instanceof ReadableStream);
    assert.deepEqual(heard, [{ loaded: 0, total: whole.length }], "nothing is read before the stream is");
    assert.deepEqual(await drain(stream), whole);
    assert.deepEqual(heard.at(-1), { loaded: whole.length, total: whole.length });
    assert.ok(heard.every((p, i) => i === 0 || p.loaded > heard[i - 1].loaded), "progress only moves forward");
  } finally {
    await backups.delete(key);
  }
});

test("a download as a stream of a missing backup rejects with the server's 404; a wrong option is a TypeError", async () => {
  const backups = new BackupService(await signedIn());
  const missing = await backups.download(unique("missing"), { stream: true }).catch((e) => e);
  assert.ok(missing instanceof ClientResponseError);
  assert.equal(missing.status, 404);
  const wrong = await backups.download("a.zip", { stream: "yes" }).catch((e) => e);
  assert.ok(wrong instanceof TypeError);
  assert.equal(wrong.message, "options.stream must be a boolean, got string.");
});

test("a stream's body that ends short of its Content-Length, stalls past the timeout, or is aborted errors the stream", { timeout: 30_000 }, async () => {
  const backups = new BackupService(await signedIn());
  const key = await backups.create(unique("streamfail"));
  try {
    const size = (await backups.getFullList()).find((b) => b.key === key).size;
    const short = await backups.download(key, { stream: true, fetch: fileAnswer((bytes) => bytes.slice(0, 100)) });
    const ended = await drain(short).catch((e) => e);
    assert.ok(ended instanceof ClientResponseError);
    assert.deepEqual([ended.status, ended.message], [0, `The download ended early: 100 of ${size} bytes arrived.`]);

    const stalling = (bytes) =>
      new ReadableStream({
        start: (c) => c.enqueue(bytes.slice(0, 10)),
        pull: () => new Promise(() => {}),
      });
    const stalled = await backups.download(key, { stream: true, timeout: 300, fetch: fileAnswer(stalling) });
    const timedOut = await drain(stalled).catch((e) => e);
    assert.ok(timedOut instanceof ClientResponseError);
    assert.deepEqual(
      [timedOut.status, timedOut.message],
      [0, "The request timed out after 300 ms (No byte of the answer arrived for 300 ms.)."],
    );

    const controller = new AbortController();
    const aborting = await backups.download(key, { stream: true, signal: controller.signal, fetch: fileAnswer(stalling) });
    const reader = aborting.getReader();
    assert.equal((await reader.read()).value.length, 10);
    const pending = reader.read();
    controller.abort();
    const aborted = await pending.catch((e) => e);
    assert.ok(aborted instanceof ClientResponseError);
    assert.equal(aborted.isAbort, true);
  } finally {
    await backups.delete(key);
  }
});

test("an upload stores a Blob, or a form's file, under the `name` given", async () => {
  const backups = new BackupService(await signedIn());
  const blobName = unique("named");
  assert.equal(await backups.upload(zip(), { name: blobName }), blobName);
  const formName = unique("namedform");
  const form = new FormData();
  form.append("file", new File([zip()], "ignored.zip"));
  assert.equal(await backups.upload(form, { name: formName }), formName);
  assert.equal(form.get("file").name, "ignored.zip", "the caller's form is left as it was");
  const listed = (await backups.getFullList()).map((b) => b.key);
  assert.ok(listed.includes(blobName) && listed.includes(formName) && !listed.includes("ignored.zip"));
  const wrong = await backups.upload(zip(), { name: 3 }).catch((e) => e);
  assert.ok(wrong instanceof TypeError);
  assert.equal(wrong.message, "options.name must be a string, got number.");
  await backups.delete(blobName);
  await backups.delete(formName);
});

test("outside Node's entry and a page: downloadToFile and save are TypeErrors that say what to use, before any request", async () => {
  const client = await signedIn();
  let sent = 0;
  client.beforeSend = (url, options) => {
    sent++;
    return { url, options };
  };
  const backups = new BackupService(client);
  const toFile = await backups.downloadToFile("a.zip", "/tmp/a.zip").catch((e) => e);
  assert.ok(toFile instanceof TypeError);
  assert.equal(toFile.message, "downloadToFile() needs a file system: the package's Node entry.");
  const save = await backups.save("a.zip").catch((e) => e);
  assert.ok(save instanceof TypeError);
  assert.equal(save.message, "save() needs a page (a document); elsewhere, use downloadToFile() (Node) or download().");
  assert.equal(sent, 0);
});
