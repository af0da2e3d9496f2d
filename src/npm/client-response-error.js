// The error every failed call rejects with: a JS class (not a wasm-bindgen one) so
// that it is a real `Error` subclass — `e instanceof ClientResponseError` and
// `e instanceof Error` both hold, and `e.stack` is the engine's own. Its fields and
// default messages are the official SDK's; `message` may also be given directly.

const ABORTED =
  "The request was aborted (most likely autocancelled; you can find more info in https://github.com/pocketbase/js-sdk#auto-cancellation).";

export class ClientResponseError extends Error {
  /** @param {any} [errData] `{url, status, response | data, isAbort, originalError, message}` or the error to wrap */
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
      const response = errData.response ?? errData.data;
      this.response = response !== null && typeof response === "object" ? response : {};
      message = errData instanceof Error ? undefined : errData.message;
    }
    // As the official SDK: what it was built from, when it names no original error.
    if (!this.originalError && !(errData instanceof ClientResponseError)) {
      this.originalError = errData;
    }
    this.name = "ClientResponseError " + this.status;
    this.message =
      this.response.message || message || (this.isAbort ? ABORTED : "Something went wrong.");
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
