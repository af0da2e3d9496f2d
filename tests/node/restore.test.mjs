// Restores through the built package's Node entry, against a PocketBase of their own
// (PB_RESTORE_URL: a restore swaps all of its data and restarts it). Node has no
// EventSource: the package reads the realtime stream over fetch to see the restart.
// Each waited restore must come back, every time: a false "may still be in progress"
// (the wait running out although the server was back) is a failure, never retried.

import assert from "node:assert/strict";
import { test } from "node:test";

import { PB_RESTORE_URL, signedIn, unique } from "./support.mjs";

if (!PB_RESTORE_URL) throw new Error("PB_RESTORE_URL: the address of a fresh PocketBase of the restore tests' own");

const ROUNDS = 20;

/** A backup of the restore server, made there (so it holds the same superuser). */
async function backupOfItsOwn(pb, prefix) {
  const key = await pb.backups.create(unique(prefix));
  assert.ok((await pb.backups.getFullList()).some((b) => b.key === key), `${key} listed`);
  return key;
}

/** Rethrows a round's error naming the round and the phases heard. */
const inRound = (i, statuses) => (e) => {
  throw new Error(`round ${i}, phases heard [${statuses}]: ${e.message}`, { cause: e });
};

test(`a waited restore resolves back, ${ROUNDS} times in a row`, { timeout: ROUNDS * 30_000 }, async () => {
  const pb = await signedIn(PB_RESTORE_URL);
  const key = await backupOfItsOwn(pb, "node_waited");
  for (let i = 0; i < ROUNDS; i++) {
    const statuses = [];
    const result = await pb.backups
      .restore(key, { wait: true, timeoutMs: 30_000, onStatus: (s) => statuses.push(s) })
      .catch(inRound(i, statuses));
    assert.deepEqual(result, { waited: true, authCleared: false }, `round ${i}: ${statuses}`);
    assert.deepEqual(statuses.slice(0, 1), ["requested"], `round ${i}`);
    assert.equal(statuses.at(-1), "back", `round ${i}: ${statuses}`);
    // Back on the restored data, with the session still valid.
    assert.equal((await pb.health.check()).code, 200);
    assert.ok((await pb.backups.getFullList()).some((b) => b.key === key), `round ${i}: ${key} listed after the restore`);
  }
});

test(`restore(key) then watchRestore() resolves back, ${ROUNDS} times in a row`, { timeout: ROUNDS * 30_000 }, async () => {
  const pb = await signedIn(PB_RESTORE_URL);
  const key = await backupOfItsOwn(pb, "node_watched");
  for (let i = 0; i < ROUNDS; i++) {
    const statuses = [];
    assert.equal(await pb.backups.restore(key), true);
    const result = await pb.backups.watchRestore({ timeoutMs: 30_000, onStatus: (s) => statuses.push(s) }).catch(inRound(i, statuses));
    assert.deepEqual(result, { waited: true, authCleared: false }, `round ${i}: ${statuses}`);
    assert.equal(statuses.at(-1), "back", `round ${i}: ${statuses}`);
    assert.equal((await pb.health.check()).code, 200);
  }
});
