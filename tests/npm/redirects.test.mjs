// Redirects in Node, where a manual redirect shows its `Location`: a request carrying
// the session or a body follows one to its own origin, and no other. The redirects come
// from tests/fault_server.py (PocketBase does not redirect its API on cue).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { BackupService } from "../../src/npm/backups.js";
import { Client } from "../../src/npm/client.js";
import { sqliteFirstPage, storedEntry, writeZip } from "../support/zip-writer.mjs";
import { startFaultServer } from "./support.mjs";

const TOKEN = "redirect-test-token";
let fault;
let base;

before(async () => {
  fault = await startFaultServer();
  base = fault.base;
});

after(() => fault?.stop());

/** The backups of a client at `mode` of the fault server, holding a session. */
function backupsAt(mode) {
  const client = new Client(`${base}/${mode}`);
  client.authStore.save(TOKEN, null);
  return new BackupService(client);
}

/** What the fault server's `echo` mode received for `run`. */
const seen = async (run) => (await fetch(`${base}/seen/${run}`)).json();

const upload = (backups, name, run) => {
  const file = new File(writeZip([storedEntry("data.db", sqliteFirstPage(new Uint8Array(4096), 1))]).parts, name);
  return backups.upload(file, { query: { run } });
};

test("a redirect to the same origin is followed with the session and the body", async () => {
  const backups = backupsAt("moved");
  assert.deepEqual(await backups.getFullList(), [{ key: `auth:${TOKEN}`, size: 0, modified: "2026-01-01 00:00:00.000Z" }]);
  assert.equal(await upload(backups, "moved.zip", "node-moved"), "moved.zip");
  assert.deepEqual(await seen("node-moved"), { posts: 1, auth: [TOKEN] });
});

test("a redirect to another origin, or one that never ends, is refused and carries nothing there", async () => {
  for (const mode of ["redirect", "circle"]) {
    const error = await backupsAt(mode).getFullList().catch((e) => e);
    assert.equal(error.status, 0, mode);
    assert.match(error.message, /^The server answered with a redirect that is not followed: .* at most 5 times\./, mode);
  }
  const error = await upload(backupsAt("redirect"), "away.zip", "node-away").catch((e) => e);
  assert.equal(error.status, 0);
  assert.deepEqual(await seen("node-away"), { posts: 0, auth: [] });
});

test("a request without the session or a body follows redirects as fetch does", async () => {
  const client = new Client(`${base}/redirect`);
  // No session and no body: the call lands where the server points (another origin's
  // `echo`, whose list tells what Authorization arrived: none).
  assert.deepEqual(await client.send("/api/backups", {}), [{ key: "auth:none", size: 0, modified: "2026-01-01 00:00:00.000Z" }]);
});
