// The Node entry's file system calls: a backup downloaded into a file, and a file
// opened for an upload from its path.

import { createWriteStream, openAsBlob } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { basename } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * `backups.downloadToFile(key, path, options)`: the backup streamed (`download` with
 * `stream: true`, so its options, progress, errors and abort) into `path + ".part"`,
 * which becomes `path` once every byte is written and flushed; on any failure the
 * ".part" file is removed and `path` is left as it was.
 * @param {import("../backups.js").BackupService} service
 * @returns {Promise<{path: string, size: number}>}
 */
export async function downloadToFile(service, key, path, options) {
  if (typeof path !== "string" || !path) throw new TypeError(`path must be a non-empty string (got ${describe(path)}).`);
  if (options !== undefined && options !== null && typeof options !== "object") {
    throw new TypeError(`options must be an object (got ${describe(options)}).`);
  }
  const stream = await service.download(key, { ...options, stream: true });
  const part = `${path}.part`;
  let size = 0;
  const count = new Transform({
    transform(chunk, _, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(stream), count, createWriteStream(part, { flush: true }));
    await rename(part, path);
  } catch (e) {
    await rm(part, { force: true }).catch(() => {});
    throw e;
  }
  return { path, size };
}

/** `upload(path)`: the file at `path` as a File named after it, read from disk as it
 * is sent. A path that names no file is the file system's error (`ENOENT`, `EACCES`
 * …), or a `TypeError` for one that names something else. */
export async function openFile(path) {
  if (!path) throw new TypeError("upload needs a path that is not empty.");
  const info = await stat(path);
  if (!info.isFile()) throw new TypeError(`upload needs a file: ${path} is not one.`);
  return new File([await openAsBlob(path)], basename(path));
}

function describe(value) {
  return value === null ? "null" : typeof value === "string" ? JSON.stringify(value) : typeof value;
}
