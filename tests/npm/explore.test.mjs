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
