#!/usr/bin/env node
// `bosbase-backups`: the command line of the package, for scripts and nightly copies.
// Reads the arguments, runs one command with an AbortSignal that SIGINT and SIGTERM
// abort, and exits with the command's code (help.js lists them).

import { parseArgs } from "./args.js";
import { create, list, prune, push, restore, verify } from "./commands.js";
import { CliError, EXIT, UsageError, reasonOf } from "./errors.js";
import { helpText, usageLine } from "./help.js";
import { Output } from "./output.js";
import { pull } from "./pull.js";

const RUN = { list, create, pull, push, verify, prune, restore };
const SIGNALS = { SIGINT: 2, SIGTERM: 15 };
// After a signal the operation is aborted; if it has not ended by then, exit anyway.
const GRACE_MS = 10_000;

/**
 * Runs the command line and resolves to the exit code.
 * @param {string[]} argv the arguments after the program's name
 * @param {Output} out
 * @returns {Promise<number>}
 */
async function main(argv, out) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.fail(error);
    out.note(error.command ? `Usage: ${usageLine(error.command)}` : "Run bosbase-backups --help for the commands.");
    return EXIT.usage;
  }
  if (parsed.help) {
    process.stdout.write(helpText(parsed.command));
    return EXIT.ok;
  }
  out.json = parsed.options.json === true;

  const controller = new AbortController();
  let received;
  const onSignal = (name) => {
    if (received) process.exit(128 + SIGNALS[received]); // a second signal: stop now
    received = name;
    controller.abort(new Error(`stopped by ${name}`));
    setTimeout(() => process.exit(128 + SIGNALS[name]), GRACE_MS).unref();
  };
  for (const name of Object.keys(SIGNALS)) process.on(name, () => onSignal(name));

  const request = { signal: controller.signal };
  if (parsed.options.timeout !== undefined) request.timeout = parsed.options.timeout;
  const context = { options: parsed.options, args: parsed.args, out, signal: controller.signal, request };
  try {
    await RUN[parsed.command](context);
    return EXIT.ok;
  } catch (thrown) {
    const error = thrown instanceof CliError ? thrown : new CliError(reasonOf(thrown), { step: parsed.command });
    if (received) {
      error.message = `stopped by ${received}`;
      error.status = undefined;
      out.fail(error);
      return 128 + SIGNALS[received];
    }
    out.fail(error);
    return error.exitCode;
  }
}

/** Ends the process on anything that escaped: a clear line and exit 1, never a trace alone. */
function crash(error) {
  process.stderr.write(`bosbase-backups: internal error: ${error?.stack ?? error}\n`);
  process.exit(EXIT.failed);
}
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

const out = new Output({ json: process.argv.includes("--json") });
main(process.argv.slice(2), out).then(async (code) => {
  await out.flush();
  process.exit(code);
}, crash);
