// `ClientResponseError` (src/npm/client-response-error.js) built from what the official
// SDK's is built from, read the same way.

import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientResponseError } from "../../src/npm/client-response-error.js";

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
