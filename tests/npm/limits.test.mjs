// Nothing hangs and nothing is told to a hook that it should not hear: hooks and a
// caller's `fetch` bounded by the call's timeout and signal, the file token's request
// and a file's body under the timeout (a body that stalls fails, one that keeps moving
// does not), `timeout` as the one time limit of a call, no live file token in a hook,
// keys of valid Unicode only, and a waited restore that counts only the server's own
// answers (tests/fault_server.py's `cdn` mode for a CDN's "origin down" pages).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { BackupService } from "../../src/npm/backups.js";
import { Client } from "../../src/npm/client.js";
import { HealthService } from "../../src/npm/services.js";
import { signedIn, startFaultServer, unique } from "./support.mjs";

let fault;
before(async () => (fault = await startFaultServer()));
after(() => fault?.stop());

/** Settles never, whatever it is told. */
const never = () => new Promise(() => {});

/** What `promise` settles with (a rejection's error as a value), and after how long. */
async function timed(promise) {
  const start = performance.now();
  const outcome = await promise.then((v) => v, (e) => e);
  return [outcome, performance.now() - start];
}

test("a hook that never settles ends with the call's timeout or signal", { timeout: 30_000 }, async () => {
  const client = await signedIn();
  const health = new HealthService(client);
  client.beforeSend = never;
  let [e, ms] = await timed(health.check({ timeout: 300 }));
  assert.equal(e.status, 0);
  assert.equal(e.message, "The request timed out after 300 ms.");
  assert.ok(ms < 5_000, `${ms} ms`);

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  e = await health.check({ signal: controller.signal }).catch((e) => e);
  assert.equal(e.isAbort, true);

  client.beforeSend = undefined;
  client.afterSend = never;
  [e] = await timed(health.check({ timeout: 300 }));
  assert.equal(e.message, "The request timed out after 300 ms.");

  // A waited restore's checks go through the hooks: its wait still ends on time.
  client.afterSend = undefined;
  client.beforeSend = never;
  [e, ms] = await timed(new BackupService(client).watchRestore({ timeoutMs: 1_500 }));
  assert.equal(e.response?.code, "restore_in_progress", String(e));
  assert.ok(ms < 10_000, `${ms} ms`);
});

test("a caller's fetch that never answers the file token's request ends with the timeout", { timeout: 30_000 }, async () => {
  const backups = new BackupService(await signedIn());
  const fetchFn = (url, init) => (String(url).includes("/api/files/token") ? never() : fetch(url, init));
  const e = await backups.download("any.zip", { timeout: 300, fetch: fetchFn }).catch((e) => e);
  assert.equal(e.status, 0);
  assert.equal(e.message, "The request timed out after 300 ms.");
});

/** A fetch whose file bodies (the request with a file token) come in `pieces` pieces
 * `gapMs` apart, or stop after the first piece when `stall`. */
function slowFiles({ pieces = 8, gapMs = 100, stall = false }) {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!String(url).includes("token=") || response.status !== 200) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const size = Math.ceil(bytes.length / pieces);
    let at = 0;
    const body = new ReadableStream({
      async pull(controller) {
        if (at > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (at > 0 && stall) return never();
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      },
    });
    return new Response(body, { status: 200, headers: response.headers });
  };
}

test("moving the wall clock an hour back does not stretch a waited restore's deadline", { timeout: 30_000 }, async () => {
  const backups = new BackupService(await signedIn());
  const wallClock = Date.now;
  const waited = timed(backups.watchRestore({ timeoutMs: 1_000 }));
  setTimeout(() => (Date.now = () => wallClock() - 3_600_000), 100);
  try {
    const [e, ms] = await waited;
    assert.equal(e.response?.code, "restore_in_progress");
    assert.ok(ms < 10_000, `${ms} ms`);
  } finally {
    Date.now = wallClock;
  }
});

test("a file's body that stalls for the timeout fails; one that keeps moving, however long, does not", { timeout: 60_000 }, async () => {
  const backups = new BackupService(await signedIn());
  const key = unique("slow");
  await backups.create(key);
  try {
    const whole = await backups.download(key);
    // 8 pieces 100 ms apart: 700 ms in all, more than the 300 ms timeout.
    const moving = await backups.download(key, { timeout: 300, fetch: slowFiles({}) });
    assert.equal(moving.size, whole.size);
    const report = await backups.verify(key, { timeout: 300, fetch: slowFiles({}) });
    assert.equal(report.ok, true);

    const e = await backups.download(key, { timeout: 300, fetch: slowFiles({ stall: true }) }).catch((e) => e);
    assert.equal(e.status, 0);
    assert.equal(e.message, "The request timed out after 300 ms.");
    const v = await backups.verify(key, { timeout: 300, fetch: slowFiles({ stall: true }) }).catch((e) => e);
    assert.equal(v.status, 0);
    assert.equal(v.message, "The request timed out after 300 ms (No byte of the answer arrived for 300 ms.).");
  } finally {
    await backups.delete(key);
  }
});

test("`timeout` is the one time limit: it bounds a waited restore's wait, and past 24 h it is refused as `timeoutMs` is", { timeout: 30_000 }, async () => {
  const backups = new BackupService(await signedIn());
  const [e, ms] = await timed(backups.watchRestore({ timeout: 500 }));
  assert.equal(e.response?.code, "restore_in_progress");
  assert.ok(ms < 10_000, `${ms} ms`);
  for (const options of [{ timeout: 1e12 }, { timeout: 0 }]) {
    const refused = await backups.getFullList(options).catch((e) => e);
    assert.ok(refused instanceof TypeError);
    assert.equal(refused.message, "options.timeout must be a number of milliseconds from 1 to 86400000 (24 h).");
  }
});

test("no hook sees a live file token: the token's request and the file's pass without them", async () => {
  const client = await signedIn();
  const backups = new BackupService(client);
  const key = unique("hooks");
  await backups.create(key);
  try {
    const heard = [];
    client.beforeSend = (url, options) => (heard.push(["before", url]), { url, options });
    client.afterSend = (response, data) => (heard.push(["after", response.url]), data);
    await backups.download(key);
    assert.equal((await backups.verify(key)).ok, true);
    const missing = await backups.download(unique("missing")).catch((e) => e);
    assert.equal(missing.status, 404);
    assert.deepEqual(heard, []);
    // The official calls still pass through them.
    await backups.getFullList();
    assert.deepEqual(heard.map(([hook]) => hook), ["before", "after"]);
  } finally {
    client.beforeSend = client.afterSend = undefined;
    await backups.delete(key);
  }
});

test("prune refuses keys and prefixes that are not valid Unicode, before any request", async () => {
  const backups = new BackupService(await signedIn());
  for (const [options, message] of [
    [{ only: ["a.zip", "k\uD800.zip"] }, "options.only[1] must be valid Unicode: it holds a lone surrogate (half of a UTF-16 pair)."],
    [{ match: "k\uDC00" }, "options.match must be valid Unicode: it holds a lone surrogate (half of a UTF-16 pair)."],
  ]) {
    const e = await backups.prune({ ...options, dryRun: true }).catch((e) => e);
    assert.ok(e instanceof TypeError, String(e));
    assert.equal(e.message, message);
  }
});

test("a waited restore behind a CDN counts only the server's own answers: its 521 pages are no answer", { timeout: 30_000 }, async () => {
  const backups = new BackupService(new Client(`${fault.base}/cdn`));
  const heard = [];
  const start = performance.now();
  const result = await backups.watchRestore({ timeoutMs: 15_000, onStatus: (s) => heard.push([s, performance.now() - start]) });
  assert.deepEqual(result, { waited: true, authCleared: false });
  assert.deepEqual(heard.map(([s]) => s), ["requested", "restarting", "back"]);
  // The server is back 2.5 s after the connection opened: 0.5 s up, 2 s of 521s.
  const back = heard.at(-1)[1];
  assert.ok(back >= 2_400, `back after ${back} ms`);
});
