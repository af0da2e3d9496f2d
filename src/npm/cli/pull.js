// `pull DIR [--keep N] [--verify]`: the nightly off-site copy. Downloads each backup the
// folder lacks (through NAME.part, renamed only when complete), verifies what arrived,
// and keeps the newest N .zip files of the folder.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";

import { problemsFound, verifyBackup } from "./checks.js";
import { CliError, during } from "./errors.js";
import { formatBytes } from "./format.js";
import { fileSize, isPlainName, keepNewest, setModified } from "./local-dir.js";
import { signedIn } from "./session.js";

/**
 * Runs `pull`.
 * @param {import("./session.js").Context} context
 */
export async function pull(context) {
  const { out } = context;
  const dir = context.args.DIR;
  const { keep, verify } = context.options;
  await during("prepare", { path: dir }, () => mkdir(dir, { recursive: true }));
  const pb = await signedIn(context);
  const backups = await during("list", {}, () => pb.backups.getFullList({ ...context.request }));
  // Newest first: the newest copy is the one that matters most if the night goes wrong;
  // with --keep N the older ones would be deleted as soon as they arrived.
  const wanted = [...backups].sort((a, b) => String(b.modified).localeCompare(String(a.modified)));
  if (keep !== undefined) wanted.length = Math.min(wanted.length, keep);

  let downloaded = 0;
  let present = 0;
  const damaged = [];
  for (const backup of wanted) {
    if (!isPlainName(backup.key)) {
      throw new CliError("the server's key is not a plain file name; not written", { step: "download", key: backup.key });
    }
    const path = join(dir, backup.key);
    if ((await fileSize(path)) === backup.size) {
      present++;
      out.event({ event: "present", key: backup.key, path, bytes: backup.size }, `present ${backup.key}`);
      continue;
    }
    await download(pb, backup, path, context);
    downloaded++;
    if (verify && !(await verifyBackup(pb, { key: backup.key, path }, context)).ok) damaged.push(backup.key);
  }
  if (damaged.length) throw problemsFound(damaged, { keys: damaged }, { key: damaged[0] });

  const deleted = keep === undefined ? [] : await during("keep", { path: dir }, () => keepNewest(dir, keep, context.signal));
  for (const name of deleted) out.event({ event: "deleted", path: join(dir, name) }, `deleted local ${join(dir, name)}`);
  out.done(
    { downloaded, present, deleted: deleted.length },
    `pulled into ${dir}: ${downloaded} downloaded, ${present} already present, ${deleted.length} local deleted`,
  );
}

/** Downloads one backup to `path` (through `path.part`) with the server's time. */
async function download(pb, backup, path, context) {
  const bar = context.out.progress(`download ${backup.key}`);
  const options = { ...context.request, onProgress: (p) => bar.update(p) };
  const { size } = await during("download", { key: backup.key }, async () => {
    try {
      return await pb.backups.downloadToFile(backup.key, path, options);
    } finally {
      bar.end();
    }
  });
  await during("download", { key: backup.key }, () => setModified(path, backup.modified));
  context.out.event({ event: "downloaded", key: backup.key, path, bytes: size }, `downloaded ${backup.key} (${formatBytes(size)})`);
}
