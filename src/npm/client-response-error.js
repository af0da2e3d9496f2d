// The error every failed call rejects with: a JS class (not a wasm-bindgen one) so
// that it is a real `Error` subclass — `e instanceof ClientResponseError` and
// `e instanceof Error` both hold, and `e.stack` is the engine's own. Its fields,
// the way it reads what it is built from, and its default messages are the official
// SDK's; the package's own messages come under the key `MESSAGE`. With it: prune's
// error (`PruneError`, a subclass) and the guards that tell both apart across copies
// of the package.

/** The key of a message of the package's own in what an error is built from (a
 * symbol: a plain object's `message` is not the error's, as in the official SDK). */
export const MESSAGE = Symbol("message");

const ABORTED =
  "The request was aborted (most likely autocancelled; you can find more info in https://github.com/pocketbase/js-sdk#auto-cancellation).";

/** The official SDK's message for a connection refused at IPv6's localhost (Node
 * resolving "localhost" to ::1 where the server listens on 127.0.0.1). */
const LOCALHOST =
  "Failed to connect to the PocketBase server. Try changing the SDK URL from localhost to 127.0.0.1 (https://github.com/pocketbase/js-sdk/issues/21).";

export class ClientResponseError extends Error {
  /** @param {any} [errData] `{url, status, response | data, isAbort, originalError}` or the error to wrap */
  constructor(errData) {
    super("ClientResponseError");
    this.url = "";
    this.status = 0;
    this.response = {};
    this.isAbort = false;
    this.originalError = null;
    let message;
    if (errData !== null && typeof errData === "object") {
      this.originalError = errData.originalError ?? null;
      this.url = typeof errData.url === "string" ? errData.url : "";
      this.status = typeof errData.status === "number" ? errData.status : 0;
      this.isAbort = !!errData.isAbort || errData.name === "AbortError" || errData.message === "Aborted";
      const isObject = (v) => v !== null && typeof v === "object";
      this.response = isObject(errData.response) ? errData.response : isObject(errData.data) ? errData.data : {};
      message = errData[MESSAGE];
    }
    // As the official SDK: what it was built from, when it names no original error.
    if (!this.originalError && !(errData instanceof ClientResponseError)) {
      this.originalError = errData;
    }
    this.name = "ClientResponseError " + this.status;
    this.message =
      this.response.message ||
      message ||
      (this.isAbort ? ABORTED : this.originalError?.cause?.message?.includes("ECONNREFUSED ::1") ? LOCALHOST : "Something went wrong.");
    this.cause = this.originalError;
  }

  /** The server's error body (alias of `response`). */
  get data() {
    return this.response;
  }

  /** A plain copy of the fields, for loggers and `JSON.stringify`. */
  toJSON() {
    return { ...this };
  }
}

/** How `backups.prune` rejects when a key it meant to delete was not: a
 * `ClientResponseError` (the first failure's) with `deleted` (the keys that were) and
 * `failed` (`{key, error}` each). Defined here once and handed to the tools module's
 * JS, so that `instanceof` holds whichever module threw. */
export class PruneError extends ClientResponseError {
  constructor(errData, deleted = [], failed = []) {
    super(errData);
    this.deleted = deleted;
    this.failed = failed;
  }
}

/** True for an error this package threw or rejected with: a `ClientResponseError`, or
 * one of the same shape from another copy of the package (where `instanceof` cannot
 * tell). */
export function isClientResponseError(e) {
  return e instanceof Error && typeof e.name === "string" && e.name.startsWith("ClientResponseError") && typeof e.status === "number";
}

/** True for the error of a `prune` that did not delete every key it meant to (a
 * `PruneError`, or one of the same shape from another copy of the package). */
export function isPruneError(e) {
  return isClientResponseError(e) && Array.isArray(e.deleted) && Array.isArray(e.failed);
}
