// `ClientResponseError` (src/npm/client-response-error.js) built from what the official
// SDK's is built from, read the same way.

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError, PruneError, isClientResponseError, isPruneError } from "../../src/npm/client-response-error.js";

test("a plain object's own message is not the error's; the server's answer's is", () => {
  const plain = new ClientResponseError({ status: 400, message: "mine" });
  assert.equal(plain.message, "Something went wrong.");
  assert.equal(plain.status, 400);
  assert.deepEqual(plain.originalError, { status: 400, message: "mine" });
  const answered = new ClientResponseError({ status: 400, response: { message: "Missing." } });
  assert.equal(answered.message, "Missing.");
});

test("`response` when it is an object, else `data`, else {}", () => {
  assert.deepEqual(new ClientResponseError({ response: "text", data: { code: 1 } }).response, { code: 1 });
  assert.deepEqual(new ClientResponseError({ response: { code: 2 }, data: { code: 1 } }).response, { code: 2 });
  assert.deepEqual(new ClientResponseError({ response: null, data: "x" }).response, {});
});

test("an AbortError is an abort by its name; a refused ::1 gets the official hint", () => {
  const abort = new ClientResponseError(Object.assign(new Error("stopped"), { name: "AbortError" }));
  assert.equal(abort.isAbort, true);
  assert.match(abort.message, /^The request was aborted/);
  const refused = new ClientResponseError(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED ::1:8090") }));
  assert.equal(
    refused.message,
    "Failed to connect to the PocketBase server. Try changing the SDK URL from localhost to 127.0.0.1 (https://github.com/pocketbase/js-sdk/issues/21).",
  );
  assert.equal(refused.cause, refused.originalError);
});

test("a PruneError is a ClientResponseError with the lists, and isPruneError tells it apart", () => {
  const failed = [{ key: "b.zip", error: new ClientResponseError({ status: 400, response: { message: "Missing." } }) }];
  const e = new PruneError({ url: "http://x/api/backups/b.zip", status: 400, response: { message: "Missing." } }, ["a.zip"], failed);
  assert.ok(e instanceof PruneError && e instanceof ClientResponseError && e instanceof Error);
  assert.equal(e.name, "ClientResponseError 400");
  assert.equal(e.constructor.name, "PruneError");
  assert.deepEqual([e.status, e.url, e.message], [400, "http://x/api/backups/b.zip", "Missing."]);
  assert.deepEqual(e.deleted, ["a.zip"]);
  assert.equal(e.failed, failed);
  assert.deepEqual(Object.keys(e.toJSON()).sort(), ["cause", "deleted", "failed", "isAbort", "name", "originalError", "response", "status", "url"]);
  assert.equal(isClientResponseError(e), true);
  assert.equal(isPruneError(e), true);
  assert.equal(isPruneError(new ClientResponseError({ status: 400 })), false);
  assert.equal(isPruneError(Object.assign(new Error("x"), { deleted: [], failed: [] })), false, "not a ClientResponseError");
  assert.equal(isPruneError(undefined), false);
  // One from another copy of the package: the same shape, another class.
  const other = Object.assign(new Error("1 backup was not deleted"), { name: "ClientResponseError 400", status: 400, deleted: [], failed: [] });
  assert.equal(other instanceof PruneError, false);
  assert.equal(isPruneError(other), true);
});
