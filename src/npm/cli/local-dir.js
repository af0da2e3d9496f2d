// The local folder of `pull`: which backups it holds, the times of its files, and
// keeping only the newest. Only files of that folder are touched, never the server.

import { readdir, stat, unlink, utimes } from "node:fs/promises";
import { basename, join } from "node:path";

/**
 * Whether a key from the server can be used as a file name in the folder: a plain
 * name, not a path (the server's keys are; anything else is refused, not followed).
 * @param {string} key
 */
export function isPlainName(key) {
  return key !== "" && key !== "." && key !== ".." && basename(key) === key && !key.includes("\\") && !key.includes("\0");
}

/**
 * The size of the regular file at `path`, or undefined when there is none.
 * @param {string} path
 * @returns {Promise<number | undefined>}
 */
export async function fileSize(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives a downloaded file the server's modification time, so that the folder's
 * newest files are the server's newest backups whatever order they arrived in.
 * @param {string} path
 * @param {string} modified as the server writes it, "2026-11-28 05:59:21.176Z"
 */
export async function setModified(path, modified) {
  const time = new Date(String(modified).replace(" ", "T"));
  if (!Number.isNaN(time.getTime())) await utimes(path, time, time);
}

/**
 * Deletes all but the newest `keep` .zip files of `dir` (by modification time, then
 * name); other files, folders and `.part` files are left alone.
 * @param {string} dir
 * @param {number} keep at least 1
 * @param {AbortSignal} [signal] stops before the next deletion
 * @returns {Promise<string[]>} the names deleted, newest first
 */
export async function keepNewest(dir, keep, signal) {
  const entries = await readdir(dir, { withFileTypes: true });
  const zips = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".zip")) continue;
    zips.push({ name: entry.name, mtime: (await stat(join(dir, entry.name))).mtimeMs });
  }
  zips.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  const deleted = [];
  for (const { name } of zips.slice(keep)) {
    signal?.throwIfAborted();
    await unlink(join(dir, name));
    deleted.push(name);
  }
  return deleted;
}
