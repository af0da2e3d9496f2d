// The commands other than `pull` (pull.js): each signs in, makes its call, prints
// what happened, and lets a failure propagate as a CliError naming its step.

import { stat } from "node:fs/promises";
import { basename } from "node:path";

import { problemsFound, verifyBackup } from "./checks.js";
import { CliError, during } from "./errors.js";
import { formatBytes } from "./format.js";
import { localClient, signedIn } from "./session.js";

/** @typedef {import("./session.js").Context} Context */

/**
 * `list`: every backup, oldest first.
 * @param {Context} context
 */
export async function list(context) {
  const pb = await signedIn(context);
  const backups = await during("list", {}, () => pb.backups.getFullList({ ...context.request }));
  backups.sort((a, b) => String(a.modified).localeCompare(String(b.modified)));
  for (const { key, size, modified } of backups) {
    context.out.event({ event: "backup", key, size, modified }, `${modified}  ${formatBytes(size).padStart(10)}  ${key}`);
  }
  context.out.done({ count: backups.length }, backups.length ? undefined : "no backups");
}

/**
 * `create [NAME]`: a new backup (a unique name without NAME).
 * @param {Context} context
 */
export async function create(context) {
  const name = context.args.NAME;
  const pb = await signedIn(context);
  const key = await during("create", { key: name }, () => pb.backups.create(name ?? "", { ...context.request, retryIfBusy: true }));
  context.out.event({ event: "created", key }, `created ${key}`);
  context.out.done({ key });
}

/**
 * `push FILE`: uploads a backup file under its base name.
 * @param {Context} context
 */
export async function push(context) {
  const file = context.args.FILE;
  const key = basename(file);
  const size = await during("upload", { path: file }, async () => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new CliError("no such file", { step: "upload", path: file });
    return info.size;
  });
  const pb = await signedIn(context);
  const bar = context.out.progress(`upload ${key}`);
  const stored = await during("upload", { key }, async () => {
    try {
      return await pb.backups.upload(file, { ...context.request, name: key, onProgress: (p) => bar.update(p) });
    } finally {
      bar.end();
    }
  });
  context.out.event({ event: "uploaded", key: stored, path: file, bytes: size }, `uploaded ${file} as ${stored} (${formatBytes(size)})`);
  context.out.done({ key: stored });
}

/**
 * `verify KEY|FILE`: a local file when one is at that path (no sign-in), else a key
 * on the server. Problems end in exit 3.
 * @param {Context} context
 */
export async function verify(context) {
  const target = context.args["KEY|FILE"];
  const local = (await stat(target).catch(() => undefined))?.isFile();
  if (!local && /[\\/]/.test(target)) throw new CliError("no such file", { step: "verify", path: target });
  const source = local ? { path: target } : { key: target };
  const pb = local ? await localClient(context) : await signedIn(context);
  const report = await verifyBackup(pb, source, context);
  if (!report.ok) throw problemsFound([target], { problems: report.problems }, source);
  context.out.done(source);
}

/**
 * `prune --keep N | --older-than DAYS [--dry-run]`: deletes backups on the server.
 * @param {Context} context
 */
export async function prune(context) {
  const { keep, "older-than": days, "dry-run": dryRun = false } = context.options;
  const pb = await signedIn(context);
  const policy = { ...context.request, dryRun };
  if (keep !== undefined) policy.keep = keep;
  if (days !== undefined) policy.olderThan = days * 86_400_000;
  let keys;
  try {
    keys = await pb.backups.prune(policy);
  } catch (error) {
    throw pruneFailure(error, context);
  }
  for (const key of keys) {
    context.out.event({ event: dryRun ? "would-delete" : "deleted", key }, `${dryRun ? "would delete" : "deleted"} ${key}`);
  }
  const summary = dryRun ? `dry run: ${keys.length} would be deleted, nothing deleted` : `${keys.length} deleted`;
  context.out.done({ dryRun, keys }, summary);
}

/** The CliError of a failed prune: the keys it did delete are printed first. */
function pruneFailure(error, context) {
  const deleted = Array.isArray(error?.deleted) ? error.deleted : [];
  for (const key of deleted) context.out.event({ event: "deleted", key }, `deleted ${key}`);
  const failed = Array.isArray(error?.failed)
    ? error.failed.map((f) => ({ key: f.key, error: f.error?.message, status: f.error?.status }))
    : undefined;
  const status = typeof error?.status === "number" ? error.status : undefined;
  const details = failed ? { deleted, failed } : undefined;
  return new CliError(String(error?.message ?? error), { step: "prune", status, aborted: !!error?.isAbort, details });
}

/**
 * `restore KEY [--wait]`: restores a backup; with --wait, until the server is back.
 * @param {Context} context
 */
export async function restore(context) {
  const key = context.args.KEY;
  const wait = context.options.wait === true;
  const pb = await signedIn(context);
  const onStatus = (status) => context.out.event({ event: "restore", key, status }, `restore ${key}: ${status}`);
  const options = wait ? { ...context.request, wait: true, onStatus } : { ...context.request };
  if (wait && context.request.timeout) options.timeoutMs = context.request.timeout;
  const result = await during("restore", { key }, () => pb.backups.restore(key, options));
  const authCleared = wait ? result.authCleared : undefined;
  context.out.done({ key, waited: wait, authCleared }, wait ? `restored ${key}; the server is back` : `restore of ${key} started; the server restarts`);
}
