// The core module's plans (crates/core), performed by src/npm/perform.js, in Node
// against a real PocketBase: PB_URL names a fresh server with the tests' superuser;
// scripts/test.sh (tier "npm") builds the package and starts the server. The files run
// one at a time (a restore restarts the server).
//
//   PB_URL=http://127.0.0.1:8101 node --test --test-concurrency=1 tests/npm/

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError } from "../../src/npm/client-response-error.js";
import { Client } from "../../src/npm/client.js";
import { perform } from "../../src/npm/perform.js";
import { sqliteFirstPage, storedEntry, writeZip } from "../support/zip-writer.mjs";
import { Call, EMAIL, PASSWORD, PB_URL, ToolCall, signedIn, unique } from "./support.mjs";

test("a sign-in keeps the session and resolves with the server's answer", async () => {
  const client = new Client(PB_URL);
  const changes = [];
  client.authStore.onChange((token) => changes.push(token));
  const body = JSON.stringify({ identity: EMAIL, password: PASSWORD });
  const { value } = await perform(client, Call.signIn("_superusers", "auth-with-password", body), {}, { raw: true });
  assert.equal(value.record.email, EMAIL);
  assert.equal(client.authStore.token, value.token);
  assert.equal(client.authStore.isSuperuser, true);
  assert.equal(client.authStore.isValid, true);
  assert.deepEqual(changes, [value.token]);
});

test("a wrong password is the server's 400, and no session is kept", async () => {
  const client = new Client(PB_URL);
  const body = JSON.stringify({ identity: EMAIL, password: "wrong" });
  const error = await perform(client, Call.signIn("_superusers", "auth-with-password", body), {}, { raw: true }).catch((e) => e);
  assert.ok(error instanceof ClientResponseError);
  assert.equal(error.status, 400);
  assert.equal(error.url, `${PB_URL}/api/collections/_superusers/auth-with-password`);
  assert.equal(client.authStore.token, "");
});

test("create, list and delete: the key comes back, the list is the server's, a missing key is a 400", async () => {
  const client = await signedIn();
  const key = unique("perform");
  const created = await perform(client, Call.create(key, Date.now(), Math.random()));
  assert.equal(created.value, key);
  const { value: list } = await perform(client, Call.list(), {}, { raw: true });
  const listed = list.find((b) => b.key === key);
  assert.ok(listed && listed.size > 0, `${key} listed`);
  assert.deepEqual(Object.keys(listed).sort(), ["key", "modified", "size"]);
  assert.equal((await perform(client, Call.delete(key))).value, true);
  const again = await perform(client, Call.delete(key)).catch((e) => e);
  assert.ok(again instanceof ClientResponseError);
  assert.equal(again.status, 400);
  assert.equal(again.url, `${PB_URL}/api/backups/${key}`);
});

test("a name the server would refuse is refused before any request, with its status and code", async () => {
  const client = await signedIn();
  let sent = 0;
  client.beforeSend = (url, options) => {
    sent++;
    return { url, options };
  };
  const error = await perform(client, Call.create("Not Valid.zip", Date.now(), Math.random())).catch((e) => e);
  assert.ok(error instanceof ClientResponseError);
  assert.equal(error.status, 400);
  assert.equal(error.response.data.name.code, "validation_match_invalid");
  assert.equal(sent, 0);
  const key = await perform(client, Call.delete("..")).catch((e) => e);
  assert.ok(key instanceof TypeError, String(key));
});

test("a prune (the tools module's) applies the caller's filter to the listed keys, and deletes the oldest it keeps beyond `keep`", async () => {
  const client = await signedIn();
  const prefix = `pr${Date.now()}`;
  const keys = [];
  for (let i = 0; i < 3; i++) {
    keys.push((await perform(client, Call.create(`${prefix}_${i}.zip`, Date.now(), Math.random()))).value);
    await new Promise((r) => setTimeout(r, 1100)); // distinct modification times
  }
  const asked = [];
  const filter = (k) => {
    asked.push(k);
    return k.startsWith(prefix);
  };
  const call = ToolCall.prune(1, undefined, undefined, undefined, false, true, client.buildURL(""));
  const { value } = await perform(client, call, {}, { filter });
  assert.ok(keys.every((k) => asked.includes(k)));
  assert.deepEqual(value.selected, keys.slice(0, 2));
  assert.deepEqual(value.deleted, keys.slice(0, 2));
  assert.deepEqual(value.failed, []);
  assert.equal(value.serverClock, true);
  const { value: list } = await perform(client, Call.list(), {}, { raw: true });
  assert.deepEqual(list.filter((b) => b.key.startsWith(prefix)).map((b) => b.key), [keys[2]]);
});

test("afterSend's value is the call's result, unchanged, and a hook's throw ends the call as thrown", async () => {
  const client = await signedIn();
  const marker = new Date(0);
  client.afterSend = (response, data) => ({ data, marker });
  const { value } = await perform(client, Call.health(), {}, { raw: true });
  assert.equal(value.marker, marker);
  assert.equal(value.data.code, 200);
  client.afterSend = () => {
    throw new ClientResponseError({ status: 418, response: { message: "teapot" } });
  };
  const error = await perform(client, Call.health(), {}, { raw: true }).catch((e) => e);
  assert.ok(error instanceof ClientResponseError);
  assert.equal(error.message, "teapot");
  assert.equal(error.status, 418);
});

test("a custom fetch's plain answer is enough, and it gets plain headers as written", async () => {
  const client = await signedIn();
  let seen;
  const fetch = async (url, init) => {
    seen = { url, init };
    return { status: 200, url, json: async () => [{ key: "a.zip", size: 1, modified: "2026-11-01 00:00:00.000Z" }] };
  };
  const { value } = await perform(client, Call.list(), { fetch }, { raw: true });
  assert.deepEqual(value.map((b) => b.key), ["a.zip"]);
  assert.equal(seen.url, `${PB_URL}/api/backups`);
  assert.equal(seen.init.headers.Authorization, client.authStore.token);
  assert.equal(seen.init.headers["Accept-Language"], "en-US");
});

test("a timeout and an abort end the call without an answer", async () => {
  const client = await signedIn();
  const stalled = (url, init) =>
    new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
  const late = await perform(client, Call.list(), { fetch: stalled, timeout: 200 }, { raw: true }).catch((e) => e);
  assert.ok(late instanceof ClientResponseError);
  assert.equal(late.message, "The request timed out after 200 ms.");
  assert.equal(late.status, 0);
  assert.equal(late.isAbort, false);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const cancelled = await perform(client, Call.list(), { fetch: stalled, signal: controller.signal }, { raw: true }).catch(
    (e) => e,
  );
  assert.ok(cancelled instanceof ClientResponseError);
  assert.equal(cancelled.isAbort, true);
  assert.equal(cancelled.status, 0);
});

test("an upload is checked by the tools module's call, then sent by the core's; a file that is not a backup never leaves", async () => {
  const client = await signedIn();
  const name = unique("up");
  const file = new Blob(writeZip([storedEntry("data.db", sqliteFirstPage(new Uint8Array(4096), 1))]).parts);
  const checked = await perform(client, ToolCall.checkUpload(file.size), {}, { file });
  assert.equal(checked.value, true);
  const form = new FormData();
  form.append("file", file, name);
  const { value: key } = await perform(client, Call.upload(name), {}, { form });
  assert.equal(key, name);
  const { value: list } = await perform(client, Call.list(), {}, { raw: true });
  assert.equal(list.find((b) => b.key === key)?.size, file.size);

  let sent = 0;
  client.beforeSend = (url, options) => {
    sent++;
    return { url, options };
  };
  const text = new Blob(["not a zip at all"]);
  const error = await perform(client, ToolCall.checkUpload(text.size), {}, { file: text }).catch((e) => e);
  assert.ok(error instanceof ClientResponseError);
  assert.equal(error.status, 400);
  assert.equal(error.response.data.file.code, "zip_not_zip");
  assert.equal(sent, 0);
});

test("a download through a file token reads the server's bytes into a Blob, with progress from 0 to the size", async () => {
  const client = await signedIn();
  const key = (await perform(client, Call.create(unique("dl"), Date.now(), Math.random()))).value;
  const { value: list } = await perform(client, Call.list(), {}, { raw: true });
  const size = list.find((b) => b.key === key).size;
  const heard = [];
  const { value: token, blob } = await perform(client, Call.byToken(key, "download"), {}, {
    onProgress: (loaded, total) => heard.push([loaded, total]),
  });
  assert.equal(typeof token, "string");
  assert.equal(blob.size, size);
  const direct = await fetch(`${PB_URL}/api/backups/${key}?token=${token}`);
  assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), new Uint8Array(await direct.arrayBuffer()));
  assert.deepEqual(heard[0], [0, size]);
  assert.deepEqual(heard.at(-1), [size, size]);
  assert.ok(heard.every(([l], i) => i === 0 || l >= heard[i - 1][0]), "never backwards");
  const missing = await perform(client, Call.byToken("missing.zip", "download")).catch((e) => e);
  assert.ok(missing instanceof ClientResponseError);
  assert.equal(missing.status, 404);
});

test("a body that ends before its announced length is an error that says so, whatever the stream", async () => {
  const client = await signedIn();
  const key = (await perform(client, Call.create(unique("cut"), Date.now(), Math.random()))).value;
  // The file's answer replaced by its first 1000 bytes, as a stream of chunks of its own
  // (not a byte stream), still announcing the whole length.
  const fetchCut = async (url, init) => {
    const answer = await fetch(url, init);
    if (!url.includes("token=")) return answer;
    const bytes = new Uint8Array(await answer.arrayBuffer());
    const body = new ReadableStream({
      start(c) {
        c.enqueue(bytes.slice(0, 500));
        c.enqueue(bytes.slice(500, 1000));
        c.close();
      },
    });
    return new Response(body, { status: 200, headers: { "content-length": String(bytes.length) } });
  };
  const heard = [];
  const error = await perform(client, Call.byToken(key, "download"), { fetch: fetchCut }, {
    onProgress: (loaded) => heard.push(loaded),
  }).catch((e) => e);
  assert.ok(error instanceof ClientResponseError);
  assert.match(error.message, /^The download ended early: 1000 of \d+ bytes arrived\.$/);
  assert.deepEqual(heard, [0, 500, 1000]);
});

test("a drop of the realtime stream ends the wait under way: a restart whose gap is shorter than a wait is still seen", async () => {
  // A server that drops the stream 10 ms after the third health check's answer, then
  // refuses connections for 60 ms only (its new process is listening after that). The
  // checks of a watch come every 100 ms: without the drop ending the wait, the next
  // check comes after the gap, finds the server answering, and the watch (which has no
  // time of acceptance to vouch for the drop) takes it for a drop of no restart.
  const enc = new TextEncoder();
  const idle = JSON.stringify({ code: 200, message: "API is healthy.", data: { canBackup: true } });
  let stream;
  let droppedAt;
  let checks = 0;
  const refused = [];
  const fakeFetch = async (url) => {
    const path = new URL(url).pathname;
    if (path === "/api/realtime") {
      const body = new ReadableStream({ start: (c) => (stream = c) });
      stream.enqueue(enc.encode('id:c1\nevent:PB_CONNECT\ndata:{"clientId":"c1"}\n\n'));
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    }
    assert.equal(path, "/api/health");
    const now = performance.now();
    if (droppedAt !== undefined && now >= droppedAt && now < droppedAt + 60) {
      refused.push(Math.round(now - droppedAt));
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    }
    if (++checks === 3) {
      setTimeout(() => {
        droppedAt = performance.now();
        stream.close();
      }, 10);
    }
    return new Response(idle, { status: 200, headers: { "content-type": "application/json" } });
  };
  const client = new Client("http://127.0.0.1:9");
  const statuses = [];
  const call = Call.watchRestore(client.buildURL("/api/health"), 3_000, performance.now());
  const { value } = await perform(client, call, { fetch: fakeFetch }, { onStatus: (s) => statuses.push(s) });
  assert.deepEqual(value, { waited: true, authCleared: false });
  assert.deepEqual(statuses, ["requested", "restarting", "back"]);
  assert.equal(refused.length >= 1, true, "a check was sent while the server was away");
});

// Last: a restore replaces the server's data (with a backup made here, of the same
// superuser) and restarts it.
test("a waited restore sees the server restart and come back, each time, without an EventSource", async () => {
  assert.equal(typeof globalThis.EventSource, "undefined", "Node 20/22: the realtime stream is read over fetch");
  const client = await signedIn();
  const key = (await perform(client, Call.create(unique("rs"), Date.now(), Math.random()))).value;
  for (let i = 0; i < 3; i++) {
    const statuses = [];
    const started = Date.now();
    const call = Call.restoreAndWait(key, client.buildURL(`/api/backups/${key}/restore`), 60_000, performance.now());
    const { value } = await perform(client, call, {}, { onStatus: (s) => statuses.push(s) });
    assert.deepEqual(value, { waited: true, authCleared: false });
    assert.equal(statuses.at(-1), "back", `round ${i}: ${statuses}`);
    assert.ok(statuses.includes("restarting"), `round ${i}: the restart was seen (${statuses})`);
    assert.ok(Date.now() - started < 30_000, `round ${i}: well within the time allowed`);
    const { value: health } = await perform(client, Call.health(), {}, { raw: true });
    assert.equal(health.code, 200);
  }
});
