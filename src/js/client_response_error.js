// The error every failed call rejects with. It is a JS class, not a wasm-bindgen one,
// so that it is a real `Error` subclass: `e instanceof ClientResponseError` and
// `e instanceof Error` both hold, and `e.stack` is the browser's own.
// scripts/build.sh bundles it into the web glue, which exports it (and so every entry).

export class ClientResponseError extends Error {
  /**
   * @param {{message?: string, url?: string, status?: number, response?: object,
   *          isAbort?: boolean, originalError?: unknown}} [fields]
   */
  constructor(fields = {}) {
    const originalError = fields.originalError ?? null;
    super(
      fields.message ?? "Something went wrong.",
      originalError === null ? undefined : { cause: originalError },
    );
    this.name = "ClientResponseError";
    this.url = fields.url ?? "";
    this.status = fields.status ?? 0;
    this.response = fields.response ?? {};
    this.isAbort = Boolean(fields.isAbort);
    this.originalError = originalError;
  }
}
