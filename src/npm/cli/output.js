// What the CLI prints. Human mode: a line per event on stdout, errors and warnings on
// stderr. JSON mode (--json): one JSON object per line on stdout — the events, then one
// final object with `ok` — and the same error line on stderr too, so a failure shows in
// a cron mail or a journal either way.

import { progressBar } from "./progress.js";

const NAME = "bosbase-backups";

/** Prints a command's events and its outcome, as people or as JSON lines. */
export class Output {
  /**
   * @param {{json?: boolean, stdout?: NodeJS.WriteStream, stderr?: NodeJS.WriteStream}} [options]
   */
  constructor({ json = false, stdout = process.stdout, stderr = process.stderr } = {}) {
    this.json = json;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * One thing that happened: the object in JSON mode, else the line (if any).
   * @param {object} object with an `event` field
   * @param {string} [line]
   */
  event(object, line) {
    if (this.json) this.#writeJson(object);
    else if (line !== undefined) this.stdout.write(`${line}\n`);
  }

  /**
   * The command's success: `{ok: true, …fields}` in JSON mode, else the line (if any).
   * @param {object} fields
   * @param {string} [line]
   */
  done(fields, line) {
    this.event({ ok: true, ...fields }, line);
  }

  /**
   * The command's failure: a line on stderr naming the step and the reason; in JSON
   * mode also `{ok: false, step, key?, path?, error, status?, …details}` on stdout.
   * @param {import("./errors.js").CliError} error
   */
  fail(error) {
    const about = error.key ?? error.path;
    const what = error.step === "usage" ? "" : `${error.step}${about ? ` of ${about}` : ""} failed: `;
    const status = error.status ? ` (status ${error.status})` : "";
    this.stderr.write(`${NAME}: ${what}${error.message}${status}\n`);
    if (!this.json) return;
    this.#writeJson({ ok: false, step: error.step, key: error.key, path: error.path, error: error.message, status: error.status, ...error.details });
  }

  /** A line on stderr that something is not as it should be. */
  warn(text) {
    this.stderr.write(`${NAME}: warning: ${text}\n`);
  }

  /** A line on stderr for people only (never in JSON mode): usage hints. */
  note(text) {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  /**
   * A progress bar for one transfer (drawn only when stderr is a terminal).
   * @param {string} label
   */
  progress(label) {
    return progressBar(this.stderr, label);
  }

  /** Everything written so far, flushed (before the process exits). */
  async flush() {
    await new Promise((resolve) => this.stdout.write("", resolve));
    await new Promise((resolve) => this.stderr.write("", resolve));
  }

  #writeJson(object) {
    this.stdout.write(`${JSON.stringify(object)}\n`);
  }
}
