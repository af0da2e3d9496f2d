// Verifying a backup — on the server by its key, or a local file — and printing what
// was found; `verify` and `pull --verify` share it.

import { openAsBlob } from "node:fs";

import { CliError, EXIT, during } from "./errors.js";
import { formatBytes } from "./format.js";

/**
 * Verifies a backup and prints its report (a "verified" event).
 * @param {any} pb the client
 * @param {{key?: string, path?: string}} source a key on the server, or a local file's path
 * @param {import("./session.js").Context} context
 * @returns {Promise<import("../web/bosbase_backups.js").VerifyReport>}
 */
export async function verifyBackup(pb, source, context) {
  const about = source.path === undefined ? { key: source.key } : { key: source.key, path: source.path };
  const label = `verify ${source.key ?? source.path}`;
  const bar = context.out.progress(label);
  const options = { ...context.request, onProgress: (p) => bar.update(p) };
  const report = await during("verify", about, async () => {
    try {
      const input = source.path === undefined ? source.key : await openAsBlob(source.path);
      return await pb.backups.verify(input, options);
    } finally {
      bar.end();
    }
  });
  const { ok, entries, bytes, inflatedBytes, storageFiles, problems } = report;
  const name = source.key ?? source.path;
  const summary = ok
    ? `verified ${name}: sound (${entries} entries, ${formatBytes(bytes)}, ${storageFiles} stored files)`
    : `verified ${name}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` +
      problems.map((p) => `  ${p.entry || "(archive)"}: ${p.code}: ${p.message}`).join("\n");
  context.out.event({ event: "verified", ...about, ok, entries, bytes, inflatedBytes, storageFiles, problems }, summary);
  return report;
}

/**
 * The error a verify with problems ends the command in (exit 3).
 * @param {string[]} names the keys or paths with problems
 * @param {object} [details] extra fields of the JSON failure line
 * @param {{key?: string, path?: string}} [about]
 */
export function problemsFound(names, details = {}, about = {}) {
  const message = `problems found in ${names.join(", ")}: ${names.length === 1 ? "it" : "they"} would not restore as they are`;
  return new CliError(message, { step: "verify", exitCode: EXIT.problems, ...about, details });
}
