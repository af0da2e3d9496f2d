// The auth stores in Node: the official rules of a token's validity and of
// a superuser, and LocalAuthStore's persistence (a Storage of the test's own standing in
// for the browser's localStorage, with the `storage` events another tab would cause).

import assert from "node:assert/strict";
import { test } from "node:test";

import { BaseAuthStore, LocalAuthStore, isTokenExpired } from "../../src/npm/auth-store.js";

/** A JWT with `payload` (unsigned: the stores only read it). */
function jwt(payload) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "HS256" })}.${part(payload)}.sig`;
}
const now = () => Math.floor(Date.now() / 1000);

test("a token is valid until its exp, forever without one, never when unreadable", () => {
  assert.equal(isTokenExpired(jwt({ exp: now() + 60 })), false);
  assert.equal(isTokenExpired(jwt({ exp: now() - 1 })), true);
  assert.equal(isTokenExpired(jwt({ exp: now() + 60 }), 120), true);
  assert.equal(isTokenExpired(jwt({ id: "x" })), false);
  assert.equal(isTokenExpired("not.a-token"), true);
  assert.equal(isTokenExpired(""), true);
});

test("a superuser is told by the record's collection, or by the token's collection id without one", () => {
  const store = new BaseAuthStore();
  store.save(jwt({ type: "auth", exp: now() + 60 }), { collectionName: "_superusers" });
  assert.equal(store.isSuperuser, true);
  store.save(jwt({ type: "auth", exp: now() + 60 }), { collectionName: "users" });
  assert.equal(store.isSuperuser, false);
  store.save(jwt({ type: "auth", collectionId: "pbc_3142635823" }), { id: "r" });
  assert.equal(store.isSuperuser, true);
  store.save(jwt({ type: "file", collectionId: "pbc_3142635823" }), null);
  assert.equal(store.isSuperuser, false);
});

test("listeners hear every change until they stop", () => {
  const store = new BaseAuthStore();
  const heard = [];
  const stop = store.onChange((token, record) => heard.push([token, record?.id ?? null]), true);
  store.save("t1", { id: "r1" });
  store.clear();
  stop();
  store.save("t2", { id: "r2" });
  assert.deepEqual(heard, [["", null], ["t1", "r1"], ["", null]]);
});

test("LocalAuthStore keeps the session in localStorage in the official format and follows other tabs", () => {
  const items = new Map();
  const listeners = [];
  globalThis.localStorage = {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
  globalThis.window = { addEventListener: (type, f) => type === "storage" && listeners.push(f) };
  try {
    items.set("pocketbase_auth", JSON.stringify({ token: "old", model: { id: "m" } }));
    const store = new LocalAuthStore();
    assert.deepEqual([store.token, store.record], ["old", { id: "m" }]);
    store.save("t1", { id: "r1" });
    assert.deepEqual(JSON.parse(items.get("pocketbase_auth")), { token: "t1", record: { id: "r1" } });

    const heard = [];
    store.onChange((token) => heard.push(token));
    const otherTab = (newValue) => listeners.forEach((f) => f({ key: "pocketbase_auth", newValue }));
    otherTab(JSON.stringify({ token: "t2", record: { id: "r2" } }));
    assert.deepEqual([store.token, store.record], ["t2", { id: "r2" }]);
    otherTab(null);
    assert.deepEqual([store.token, store.record], ["", null]);
    listeners.forEach((f) => f({ key: "another_key", newValue: "{}" }));
    assert.deepEqual(heard, ["t2", ""]);

    // A storage that refuses writes: the session is kept in memory.
    globalThis.localStorage.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    store.save("t3", { id: "r3" });
    assert.equal(store.token, "t3");
    store.clear();
    assert.equal(items.has("pocketbase_auth"), false);
  } finally {
    delete globalThis.localStorage;
    delete globalThis.window;
  }
});

test("without localStorage the session is kept in memory", () => {
  const store = new LocalAuthStore("elsewhere");
  store.save("t", { id: "r" });
  assert.deepEqual([store.token, store.record], ["t", { id: "r" }]);
});
