// The other services (src/npm/services.js) in Node against a real
// PocketBase: file tokens, health, crons, settings, and a collection's sign-ins.

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError } from "../../src/npm/client-response-error.js";
import { Client } from "../../src/npm/client.js";
import { CronService, FileService, HealthService, RecordService, SettingsService } from "../../src/npm/services.js";
import { EMAIL, PASSWORD, PB_URL, signedIn } from "./support.mjs";

test("a collection's sign-in and refresh keep the session; a wrong password is the server's 400", async () => {
  const client = new Client(PB_URL);
  const superusers = new RecordService(client, "_superusers");
  const auth = await superusers.authWithPassword(EMAIL, PASSWORD);
  assert.equal(auth.record.email, EMAIL);
  assert.equal(client.authStore.token, auth.token);
  const refreshed = await superusers.authRefresh();
  assert.equal(client.authStore.token, refreshed.token);
  assert.equal(refreshed.record.id, auth.record.id);
  const wrong = await new RecordService(new Client(PB_URL), "_superusers")
    .authWithPassword(EMAIL, "wrong")
    .catch((e) => e);
  assert.ok(wrong instanceof ClientResponseError);
  assert.equal(wrong.status, 400);
  const notString = await superusers.authWithPassword(EMAIL, 42).catch((e) => e);
  assert.ok(notString instanceof TypeError);
  assert.equal(notString.message, "password must be a string, got number.");
});

test("health, file token, crons and settings answer as the server does", async () => {
  const client = await signedIn();
  const health = await new HealthService(client).check();
  assert.equal(health.code, 200);
  assert.equal(typeof health.data.canBackup, "boolean");
  const token = await new FileService(client).getToken();
  assert.equal(token.split(".").length, 3);
  const crons = new CronService(client);
  const jobs = await crons.getFullList();
  assert.ok(jobs.some((j) => j.id === "__pbDBOptimize__"), JSON.stringify(jobs));
  assert.equal(await crons.run("__pbDBOptimize__"), true);
  const missing = await crons.run("no_such_job").catch((e) => e);
  assert.equal(missing.status, 404);
  const settings = new SettingsService(client);
  const all = await settings.getAll();
  assert.equal(typeof all.meta.appName, "string");
  const updated = await settings.update({ meta: { appName: "npm tier" } });
  assert.equal(updated.meta.appName, "npm tier");
  assert.equal((await settings.getAll()).meta.appName, "npm tier");
  const s3 = await settings.testS3("backups").catch((e) => e);
  assert.ok(s3 instanceof ClientResponseError);
  assert.equal(s3.status, 400);
});

test("without a session the calls are the server's 401", async () => {
  const client = new Client(PB_URL);
  const error = await new SettingsService(client).getAll().catch((e) => e);
  assert.ok(error instanceof ClientResponseError);
  assert.equal(error.status, 401);
  assert.equal(error.url, `${PB_URL}/api/settings`);
});
