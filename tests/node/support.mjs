// What the Node tests of the built package share (scripts/test.sh's node tier runs them
// under Node 20 and Node 22): the package's Node entry as scripts/build.sh left it in
// pkg/, the servers (PB_URL: a fresh PocketBase with the superuser below; PB_RESTORE_URL:
// one of its own for the restores, which replace all of its data), a signed-in client,
// unique names, temp folders, and the server's own bytes of a backup.

import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";

import PocketBase, { ClientResponseError } from "../../pkg/node.js";

export { PocketBase, ClientResponseError };

export const PB_URL = process.env.PB_URL;
if (!PB_URL) throw new Error("PB_URL: the address of a fresh PocketBase (superuser admin@example.com / password123)");
/** The restores' server (a restore swaps all its data and restarts it). */
export const PB_RESTORE_URL = process.env.PB_RESTORE_URL;
export const EMAIL = "admin@example.com";
export const PASSWORD = "password123";

/** A client of `url` signed in as the tests' superuser. */
export async function signedIn(url = PB_URL) {
  const pb = new PocketBase(url);
  await pb.collection("_superusers").authWithPassword(EMAIL, PASSWORD);
  return pb;
}

/** A backup name no other test uses (the server's rule: [a-z0-9_-], ending .zip). */
export const unique = (prefix) => `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}.zip`;

/** `length` pseudo-random bytes (xorshift32 from `seed`): data that does not compress. */
export function noise(length, seed) {
  const bytes = new Uint8Array(length);
  for (let i = 0, x = seed; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** A temp folder of this test file, removed when the file's tests are done. */
export async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "bosbase-node-test-"));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The backup `key` as the server serves it, fetched here with a file token (not
 * through the package): its bytes' sha256 and their count. */
export async function serverFile(pb, key) {
  const token = await pb.files.getToken();
  const response = await fetch(`${pb.baseURL.replace(/\/$/, "")}/api/backups/${encodeURIComponent(key)}?token=${encodeURIComponent(token)}`);
  if (response.status !== 200) throw new Error(`GET ${key}: ${response.status}`);
  return digest(response.body);
}

/** The sha256 and size of a stream of bytes (a file's, a Blob's). */
export async function digest(stream) {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}

/** The listed entry of `key`, or undefined. */
export async function listed(pb, key) {
  return (await pb.backups.getFullList()).find((b) => b.key === key);
}
