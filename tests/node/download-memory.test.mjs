// A 512 MiB backup downloaded to a file in Node without holding it in memory: the
// process's RSS, sampled every 50 ms, grows by less than 64 MiB; the file has the
// listed size and no `.part` remains.

import assert from "node:assert/strict";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import { test } from "node:test";

import { crc32, writeZip } from "../support/zip-writer.mjs";
import { listed, noise, signedIn, tempDir, unique } from "./support.mjs";

const MiB = 2 ** 20;
const SIZE = 512 * MiB;
const BUDGET = 64 * MiB;

/** Writes a stored zip of one entry of `bytes` (a 1 MiB pseudo-random chunk over and
 * over) at `path`, a part at a time; resolves with the file's size. */
async function bigZip(path, bytes) {
  const chunk = noise(MiB, 88172645);
  const count = bytes / MiB;
  let crc = 0;
  for (let i = 0; i < count; i++) crc = crc32(chunk, crc);
  const { parts } = writeZip([{ name: "blob.bin", parts: new Array(count).fill(chunk), size: bytes, crc, method: 0 }]);
  const out = createWriteStream(path);
  for (const part of parts) if (!out.write(part)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  return (await stat(path)).size;
}

test("downloadToFile of a 512 MiB backup: RSS grows < 64 MiB, the file has the listed size, no .part remains", { timeout: 600_000 }, async (t) => {
  const pb = await signedIn();
  const dir = await tempDir();
  const source = join(dir, "source.zip");
  const size = await bigZip(source, SIZE);
  const key = unique("node_big");
  let deleted = false;
  try {
    assert.equal(await pb.backups.upload(source, { name: key, verify: false }), key);
    assert.equal((await listed(pb, key)).size, size);

    const target = join(dir, "out", key);
    await mkdir(join(dir, "out"));
    globalThis.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    let result;
    try {
      result = await pb.backups.downloadToFile(key, target);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.deepEqual(result, { path: target, size });
    assert.equal((await stat(target)).size, size);
    assert.deepEqual(await readdir(join(dir, "out")), [key], "no .part remains");
    const growth = peak - base;
    t.diagnostic(`RSS ${(base / MiB).toFixed(1)} MiB before, peak ${(peak / MiB).toFixed(1)} MiB: +${(growth / MiB).toFixed(1)} MiB`);
    assert.ok(growth < BUDGET, `RSS grew by ${(growth / MiB).toFixed(1)} MiB (budget ${BUDGET / MiB} MiB)`);
    assert.equal(await pb.backups.delete(key), true);
    deleted = true;
  } finally {
    // A failed run still frees the server's disk (the backup may not exist then).
    if (!deleted) await pb.backups.delete(key).catch(() => {});
  }
});
