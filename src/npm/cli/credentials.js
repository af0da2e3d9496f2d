// Where the superuser's email and password come from: the environment (BOSBASE_EMAIL,
// BOSBASE_PASSWORD) or a file named by --credentials, never the command line. The file
// has the environment file's form (systemd's EnvironmentFile= reads the same file):
//
//   BOSBASE_EMAIL=admin@example.com
//   BOSBASE_PASSWORD=…
//   BOSBASE_URL=https://pb.example.com   (optional)
//
// Blank lines and lines starting with # are skipped; a value may be quoted. A file that
// users other than its owner can read or write is refused (chmod 600).

import { readFile, stat } from "node:fs/promises";

import { CliError, EXIT } from "./errors.js";

const KEYS = ["BOSBASE_EMAIL", "BOSBASE_PASSWORD", "BOSBASE_URL"];

/**
 * @typedef {object} Credentials
 * @property {string} email
 * @property {string} password
 * @property {string | undefined} url the file's BOSBASE_URL, if it has one
 */

/**
 * The credentials: from `file` when given, else from the environment.
 * @param {{file?: string, env?: NodeJS.ProcessEnv}} options
 * @returns {Promise<Credentials>}
 * @throws {CliError} step "credentials", exit 2, when they are missing or the file is refused
 */
export async function readCredentials({ file, env = process.env }) {
  if (file === undefined) {
    const { BOSBASE_EMAIL: email, BOSBASE_PASSWORD: password } = env;
    if (!email || !password) throw refused("no credentials: set BOSBASE_EMAIL and BOSBASE_PASSWORD, or use --credentials FILE");
    return { email, password, url: undefined };
  }
  const values = parseEnvFile(await readPrivateFile(file), file);
  for (const key of ["BOSBASE_EMAIL", "BOSBASE_PASSWORD"]) {
    if (!values[key]) throw refused(`${file} has no ${key}=… line`);
  }
  return { email: values.BOSBASE_EMAIL, password: values.BOSBASE_PASSWORD, url: values.BOSBASE_URL || undefined };
}

/** The file's text, when only its owner may read and write it. */
async function readPrivateFile(file) {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw refused(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  }
  if (!info.isFile()) throw refused(`${file} is not a file`);
  const open = info.mode & 0o077;
  if (open && process.platform !== "win32") {
    const mode = (info.mode & 0o777).toString(8).padStart(3, "0");
    throw refused(`${file} is open to other users (mode ${mode}); it holds a password: chmod 600 ${file}`);
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw refused(`cannot read ${file}: ${error.message}`);
  }
}

/**
 * The BOSBASE_* values of an environment file. Lines of other names are ignored (the
 * same file may serve a service's other settings); a line that is not NAME=VALUE is
 * an error that gives its number, never its text (it may hold the password).
 * @param {string} text
 * @param {string} file for messages
 * @returns {Record<string, string>}
 */
export function parseEnvFile(text, file) {
  const values = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw refused(`${file}, line ${i + 1}: not NAME=VALUE`);
    const [, name, raw] = match;
    if (KEYS.includes(name)) values[name] = unquote(raw);
  }
  return values;
}

/** A value without the quotes around it, if it has matching ones. */
function unquote(raw) {
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.at(-1) === raw[0];
  return quoted ? raw.slice(1, -1) : raw;
}

/** A credentials problem: the user's set-up, so exit 2 as for bad usage. */
function refused(message) {
  return new CliError(message, { step: "credentials", exitCode: EXIT.usage });
}
