// How a command fails: a CliError names the step that failed (sign-in, list, download …)
// and the exit code; `during` turns whatever a step throws into one.

/** Exit codes of `bosbase-backups`. */
export const EXIT = { ok: 0, failed: 1, usage: 2, problems: 3 };

/** A failure the CLI reports and exits on. */
export class CliError extends Error {
  /**
   * @param {string} message what went wrong, for the user
   * @param {{step: string, exitCode?: number, key?: string, path?: string, status?: number,
   *   aborted?: boolean, details?: object}} fields
   */
  constructor(message, { step, exitCode = EXIT.failed, key, path, status, aborted = false, details }) {
    super(message);
    this.name = "CliError";
    this.step = step;
    this.exitCode = exitCode;
    this.key = key;
    this.path = path;
    this.status = status;
    this.aborted = aborted;
    this.details = details;
  }
}

/** A usage error (exit 2): `command` picks whose usage line is shown with it. */
export class UsageError extends CliError {
  /** @param {string} message @param {string} [command] */
  constructor(message, command) {
    super(message, { step: "usage", exitCode: EXIT.usage });
    this.command = command;
  }
}

/**
 * The reason an error gives: its message (with the fields' errors, see below), and
 * for a request that got no answer (status 0) the system's error code when the message
 * does not hold it ("… (fetch failed): ECONNREFUSED", ENOTFOUND, ECONNRESET …).
 * @param {any} error
 * @returns {string}
 */
export function reasonOf(error) {
  const message = withFieldErrors(error, String(error?.message ?? error));
  const cause = error?.originalError ?? error?.cause;
  const code = [cause?.cause?.code, cause?.code].find((c) => typeof c === "string" && /^E[A-Z0-9_]+$/.test(c));
  if (error?.status === 0 && code && !message.includes(code)) return `${message.replace(/\.$/, "")}: ${code}`;
  return message;
}

/**
 * The message, followed by the server's errors of each field when the message is the
 * server's general one ("An error occurred while validating the submitted data."
 * says nothing of "file: Backup file with the specified name already exists.").
 */
function withFieldErrors(error, message) {
  const response = error?.response;
  if (!response || response.message !== message || typeof response.data !== "object" || !response.data) return message;
  const fields = Object.entries(response.data)
    .filter(([, v]) => typeof v?.message === "string")
    .map(([name, v]) => `${name}: ${v.message}`);
  return fields.length ? `${message} (${fields.join("; ")})` : message;
}

/**
 * Runs one step; whatever it throws becomes a CliError that names the step (and the
 * key or path it was about), with the server's status when there was one.
 * @template T
 * @param {string} step
 * @param {{key?: string, path?: string}} about
 * @param {() => Promise<T>} run
 * @returns {Promise<T>}
 */
export async function during(step, about, run) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const aborted = !!error?.isAbort || error?.name === "AbortError";
    const status = typeof error?.status === "number" ? error.status : undefined;
    throw new CliError(reasonOf(error), { step, ...about, status, aborted });
  }
}
