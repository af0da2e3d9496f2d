// The built package's Node entry (pkg/node.js) against a real PocketBase (PB_URL): the
// calls a Node script makes — sign-in, list, create, upload from a path or a Blob,
// download to a file or as a stream with the server's exact bytes, verify, prune — and
// what only Node has: files on disk, a `.part` that never outlives a failed download,
// and save() pointing at downloadToFile.

import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { test } from "node:test";

import { writeZip, storedEntry } from "../support/zip-writer.mjs";
import { ClientResponseError, EMAIL, PB_URL, PocketBase, digest, listed, noise, serverFile, signedIn, tempDir, unique } from "./support.mjs";

const MiB = 2 ** 20;

/** A zip of one stored entry of `bytes` pseudo-random bytes (not a backup: upload it
 * with `verify: false`) written at `path`; resolves with its size. */
async function zipFile(path, bytes) {
  const data = noise(bytes, 2463534242);
  const { parts } = writeZip([storedEntry("blob.bin", data)]);
  await writeFile(path, parts);
  return (await stat(path)).size;
}

/** Whether `path` exists. */
const exists = (path) => stat(path).then(() => true, () => false);

test("sign-in as a superuser; a wrong password is a 400 ClientResponseError", async () => {
  const pb = await signedIn();
  assert.equal(pb.authStore.isValid, true);
  assert.equal(pb.authStore.isSuperuser, true);
  assert.equal(pb.authStore.record.email, EMAIL);
  const wrong = await new PocketBase(PB_URL).collection("_superusers").authWithPassword(EMAIL, "wrong-password").catch((e) => e);
  assert.ok(wrong instanceof ClientResponseError, String(wrong));
  assert.equal(wrong.status, 400);
});

test("create stores under the name given and lists it; an invalid name is refused with 400", async () => {
  const pb = await signedIn();
  const name = unique("node_create");
  assert.equal(await listed(pb, name), undefined);
  assert.equal(await pb.backups.create(name), name);
  const entry = await listed(pb, name);
  assert.equal(entry.key, name);
  assert.equal(entry.size, (await serverFile(pb, name)).size);
  const refused = await pb.backups.create("Not Valid.zip").catch((e) => e);
  assert.ok(refused instanceof ClientResponseError, String(refused));
  assert.equal(refused.status, 400);
  assert.equal(refused.response.data.name.code, "validation_match_invalid");
});

test("downloadToFile writes the server's exact bytes, renames the .part, and a stream download has them too", async () => {
  const pb = await signedIn();
  const dir = await tempDir();
  const key = await pb.backups.create(unique("node_dl"));
  const server = await serverFile(pb, key);
  const target = join(dir, key);
  const heard = [];
  const result = await pb.backups.downloadToFile(key, target, { onProgress: (p) => heard.push(p) });
  assert.deepEqual(result, { path: target, size: server.size });
  assert.equal((await listed(pb, key)).size, server.size);
  assert.deepEqual(await digest(createReadStream(target)), server);
  assert.deepEqual(await readdir(dir), [key], "no .part is left");
  assert.deepEqual(heard.at(-1), { loaded: server.size, total: server.size });
  for (let i = 1; i < heard.length; i++) assert.ok(heard[i].loaded >= heard[i - 1].loaded, `progress went back: ${JSON.stringify(heard)}`);

  const stream = await pb.backups.download(key, { stream: true });
  assert.ok(stream instanceof ReadableStream);
  assert.deepEqual(await digest(stream), server);
});

test("upload from a path stores the file's bytes under the name given, and under the file's name without one", async () => {
  const pb = await signedIn();
  const dir = await tempDir();
  const source = await pb.backups.create(unique("node_src"));
  const path = join(dir, unique("node_frompath"));
  await pb.backups.downloadToFile(source, path);
  const local = await digest(createReadStream(path));

  const named = unique("node_named");
  assert.equal(await pb.backups.upload(path, { name: named }), named);
  assert.deepEqual(await serverFile(pb, named), local);
  assert.equal((await listed(pb, named)).size, local.size);

  assert.equal(await pb.backups.upload(path), basename(path));
  assert.deepEqual(await serverFile(pb, basename(path)), local);
});

test("upload(blob, {name}) stores under that name", async () => {
  const pb = await signedIn();
  const source = await pb.backups.create(unique("node_blobsrc"));
  const blob = await pb.backups.download(source);
  const name = unique("node_blob");
  assert.equal(await pb.backups.upload(blob, { name }), name);
  const entry = await listed(pb, name);
  assert.equal(entry.size, blob.size);
  assert.deepEqual(await serverFile(pb, name), await digest(blob.stream()));
});

test("upload progress of a 6 MiB file: 0 first, values in between, the size last, never backwards", async () => {
  const pb = await signedIn();
  const dir = await tempDir();
  const path = join(dir, "progress.zip");
  const size = await zipFile(path, 6 * MiB);
  const heard = [];
  const name = unique("node_progress");
  assert.equal(await pb.backups.upload(path, { name, verify: false, onProgress: (p) => heard.push(p) }), name);
  assert.deepEqual(heard[0], { loaded: 0, total: size });
  assert.deepEqual(heard.at(-1), { loaded: size, total: size });
  const between = heard.filter((p) => p.loaded > 0 && p.loaded < size);
  assert.ok(between.length >= 1, `no progress between 0 and ${size}: ${JSON.stringify(heard)}`);
  for (let i = 1; i < heard.length; i++) assert.ok(heard[i].loaded >= heard[i - 1].loaded, `progress went back: ${JSON.stringify(heard)}`);
  assert.equal((await listed(pb, name)).size, size);
  await pb.backups.delete(name);
});

test("downloadToFile aborted mid-way rejects as an abort and leaves neither the file nor its .part", async () => {
  const pb = await signedIn();
  const dir = await tempDir();
  const upload = join(dir, "big.zip");
  const size = await zipFile(upload, 32 * MiB);
  const key = unique("node_abort");
  await pb.backups.upload(upload, { name: key, verify: false });
  const target = join(dir, "out", key);
  await mkdir(join(dir, "out"));
  const controller = new AbortController();
  let abortedAt;
  const e = await pb.backups
    .downloadToFile(key, target, {
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        if (abortedAt === undefined && loaded > 0 && loaded < size) {
          abortedAt = loaded;
          controller.abort();
        }
      },
    })
    .catch((e) => e);
  assert.ok(abortedAt > 0 && abortedAt < size, `aborted at ${abortedAt} of ${size}`);
  assert.ok(e instanceof ClientResponseError, String(e));
  assert.equal(e.isAbort, true);
  assert.equal(e.status, 0);
  assert.equal(await exists(target), false);
  assert.equal(await exists(`${target}.part`), false);
  assert.deepEqual(await readdir(join(dir, "out")), []);
  await pb.backups.delete(key);
});

test("downloadToFile of a missing key rejects with 404 and writes nothing", async () => {
  const pb = await signedIn();
  const dir = await tempDir();
  const key = unique("node_missing");
  const target = join(dir, key);
  const e = await pb.backups.downloadToFile(key, target).catch((e) => e);
  assert.ok(e instanceof ClientResponseError, String(e));
  assert.equal(e.status, 404);
  assert.deepEqual(await readdir(dir), []);
});

test("verify by key: a backup the server made is sound", async () => {
  const pb = await signedIn();
  const key = await pb.backups.create(unique("node_verify"));
  const report = await pb.backups.verify(key);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
  assert.ok(report.entries >= 1);
  assert.deepEqual(report.problems, []);
});

test("prune keeps the newest of its match and deletes the rest, oldest first", async () => {
  const pb = await signedIn();
  const prefix = `node_prune_${Date.now()}_${Math.random().toString(36).slice(2, 8)}_`;
  const keys = [];
  for (const n of ["a", "b", "c"]) keys.push(await pb.backups.create(`${prefix}${n}.zip`));
  assert.deepEqual(await pb.backups.prune({ match: prefix, keep: 1, dryRun: true }), keys.slice(0, 2));
  assert.deepEqual(await pb.backups.prune({ match: prefix, keep: 1 }), keys.slice(0, 2));
  const left = (await pb.backups.getFullList()).filter((b) => b.key.startsWith(prefix)).map((b) => b.key);
  assert.deepEqual(left, [keys[2]]);
});

test("save() in Node rejects with a TypeError that names downloadToFile", async () => {
  const pb = await signedIn();
  const key = await pb.backups.create(unique("node_save"));
  const e = await pb.backups.save(key).catch((e) => e);
  assert.ok(e instanceof TypeError, String(e));
  assert.match(e.message, /downloadToFile/);
});
