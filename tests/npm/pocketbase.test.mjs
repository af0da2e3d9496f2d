// The client class as an app uses it (README's first example), in Node
// against a real PocketBase.

import assert from "node:assert/strict";
import { test } from "node:test";

import { BaseAuthStore } from "../../src/npm/auth-store.js";
import PocketBase from "../../src/npm/pocketbase.js";
import { EMAIL, PASSWORD, PB_URL, unique } from "./support.mjs";

test("sign in through collection(), then the backups, health and crons as the official SDK's code calls them", async () => {
  const pb = new PocketBase(PB_URL);
  assert.equal(pb.collection("_superusers"), pb.collection("_superusers"));
  await pb.collection("_superusers").authWithPassword(EMAIL, PASSWORD);
  assert.equal(pb.authStore.isSuperuser, true);
  const key = await pb.backups.create(unique("pb"));
  assert.ok((await pb.backups.getFullList()).some((b) => b.key === key));
  assert.equal((await pb.health.check()).code, 200);
  assert.ok(Array.isArray(await pb.crons.getFullList()));
  assert.equal(await pb.backups.delete(key), true);
  pb.authStore.clear();
  const error = await pb.backups.getFullList().catch((e) => e);
  assert.equal(error.status, 401);
});

test("auto-cancellation: a second identical call cancels the first; requestKey null keeps both", async () => {
  const pb = new PocketBase(PB_URL);
  await pb.collection("_superusers").authWithPassword(EMAIL, PASSWORD);
  const [first, second] = await Promise.allSettled([pb.backups.getFullList(), pb.backups.getFullList()]);
  assert.equal(first.status, "rejected");
  assert.equal(first.reason.isAbort, true);
  assert.equal(second.status, "fulfilled");
  const both = await Promise.all([pb.backups.getFullList({ requestKey: null }), pb.backups.getFullList({ requestKey: null })]);
  assert.equal(both.length, 2);
});

test("a session in memory only (the npm README's TypeScript example): a BaseAuthStore; an options object is no auth store", async () => {
  const store = new BaseAuthStore();
  const pb = new PocketBase(PB_URL, store);
  assert.equal(pb.authStore, store);
  await pb.collection("_superusers").authWithPassword(EMAIL, PASSWORD);
  assert.equal(store.isSuperuser, true);
  assert.ok(Array.isArray(await pb.backups.getFullList({ requestKey: null, signal: AbortSignal.timeout(10_000) })));
  assert.throws(
    () => new PocketBase(PB_URL, { persistAuth: false }),
    (e) => e instanceof TypeError && e.message === "authStore must be an auth store (e.g. a BaseAuthStore), got object.",
  );
});
