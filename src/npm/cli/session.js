// The client the commands use: the package's Node entry, pointed at the server and
// signed in as a superuser.

import { CliError, EXIT, during } from "./errors.js";
import { readCredentials } from "./credentials.js";

/**
 * @typedef {object} Context what every command gets
 * @property {Record<string, any>} options the parsed options
 * @property {Record<string, string | undefined>} args the positional arguments
 * @property {import("./output.js").Output} out
 * @property {AbortSignal} signal aborted by SIGINT or SIGTERM
 * @property {{signal: AbortSignal, timeout?: number}} request options every request gets
 */

/** The package's client class (loaded on first use: --help and usage errors need no wasm). */
async function clientClass() {
  const { default: PocketBase } = await import("../node.js");
  return PocketBase;
}

/**
 * A client for local work only (verify of a file): no server, no sign-in.
 * @param {Context} context
 */
export async function localClient(context) {
  const PocketBase = await clientClass();
  return new PocketBase(context.options.url ?? process.env.BOSBASE_URL ?? "/");
}

/**
 * A client signed in as the superuser of the credentials (env or --credentials).
 * @param {Context} context
 * @throws {CliError} step "credentials" (exit 2) or "sign-in" (exit 1)
 */
export async function signedIn(context) {
  const credentials = await readCredentials({ file: context.options.credentials });
  const url = context.options.url ?? process.env.BOSBASE_URL ?? credentials.url;
  if (!url) throw new CliError("no server: give --url URL or set BOSBASE_URL", { step: "credentials", exitCode: EXIT.usage });
  const PocketBase = await clientClass();
  const pb = new PocketBase(url);
  await during("sign-in", {}, () =>
    pb.collection("_superusers").authWithPassword(credentials.email, credentials.password, { ...context.request }),
  );
  return pb;
}
