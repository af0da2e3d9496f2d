// Uploads in Node: the form encoded as multipart/form-data by hand and written to a
// `node:http(s)` request as fast as the connection takes it, each piece counted as it
// is handed to the socket. The file is read from its Blob piece by piece (from disk for
// `fs.openAsBlob`), never held whole: Node's `fetch` buffers a request body that the
// connection has not taken yet, so a large file would sit in memory.

import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

const encoder = new TextEncoder();
/** Node's own `fetch`: one the application put in its place (a mock, an instrumented
 * fetch) sends every request itself. */
const nodeFetch = globalThis.fetch;

/**
 * `fetch(url, init)` for a request whose `init.body` is a FormData, with what `fetch`
 * does that the client relies on: `init.signal` aborts it (an "AbortError"), a failed
 * connection is a `TypeError`, no redirect is followed (the client follows them by
 * hand), and the answer is a `Response` whose `url` is `url`.
 * `onProgress(loaded, total)` hears the request's bytes as the socket takes them
 * (`total`: the whole body's length). Where `fetch` is no longer Node's own, `fetch`
 * sends it.
 * @param {string} url
 * @param {{method?: string, headers?: HeadersInit, body: FormData, signal?: AbortSignal}} init
 * @param {(loaded: number, total: number) => void} [onProgress]
 * @returns {Promise<Response>}
 */
export function send(url, init, onProgress) {
  if (globalThis.fetch !== nodeFetch) return globalThis.fetch(url, init);
  const boundary = `----bosbase-backups-${crypto.randomUUID()}`;
  const parts = encode(init.body, boundary);
  const total = parts.reduce((n, p) => n + (p instanceof Blob ? p.size : p.byteLength), 0);
  const headers = Object.fromEntries(new Headers(init.headers));
  headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
  headers["content-length"] = String(total);
  const signal = init.signal;
  return new Promise((resolve, reject) => {
    const aborted = () => new DOMException("This operation was aborted", "AbortError");
    if (signal?.aborted) return reject(aborted());
    const target = new URL(url);
    const request = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, { method: init.method ?? "POST", headers });
    const abort = () => request.destroy(aborted());
    signal?.addEventListener("abort", abort, { once: true });
    const fail = (e) => {
      signal?.removeEventListener("abort", abort);
      reject(e?.name === "AbortError" ? e : new TypeError("fetch failed", { cause: e }));
    };
    request.on("error", fail);
    request.on("response", (answer) => {
      signal?.removeEventListener("abort", abort);
      resolve(toResponse(answer, url, signal));
    });
    write(request, parts, (n) => onProgress?.(n, total)).then(
      () => request.end(),
      (e) => request.destroy(e),
    );
  });
}

/** Writes `parts` to `request`, waiting whenever the socket has enough queued;
 * `counted(n)` hears the bytes written so far. */
async function write(request, parts, counted) {
  let loaded = 0;
  const put = async (bytes) => {
    if (request.destroyed) throw new Error("The request was closed.");
    if (!request.write(bytes)) await drained(request);
    loaded += bytes.byteLength;
    counted(loaded);
  };
  for (const part of parts) {
    if (!(part instanceof Blob)) await put(part);
    else for await (const chunk of part.stream()) await put(chunk);
  }
}

/** Resolves once `request` can take more, or rejects when it closes first. */
function drained(request) {
  return new Promise((resolve, reject) => {
    const done = (e) => {
      request.off("drain", done);
      request.off("close", closed);
      e ? reject(e) : resolve();
    };
    const closed = () => done(new Error("The request was closed."));
    request.once("drain", done);
    request.once("close", closed);
  });
}

/** The answer as a `Response` (its body a stream, none for a status that has none). */
function toResponse(answer, url, signal) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const bodyless = [204, 205, 304].includes(answer.statusCode);
  if (bodyless) answer.resume();
  else signal?.addEventListener("abort", () => answer.destroy(), { once: true });
  const response = new Response(bodyless ? null : Readable.toWeb(answer), {
    status: answer.statusCode,
    statusText: answer.statusMessage,
    headers,
  });
  Object.defineProperty(response, "url", { value: url });
  return response;
}

/** The multipart encoding of `form`: byte arrays and the Blobs between them. */
function encode(form, boundary) {
  const parts = [];
  for (const [name, value] of form) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"`;
    if (value instanceof Blob) {
      head += `; filename="${escape(value.name ?? "blob")}"\r\nContent-Type: ${value.type || "application/octet-stream"}`;
    }
    parts.push(encoder.encode(`${head}\r\n\r\n`), typeof value === "string" ? encoder.encode(value) : value, encoder.encode("\r\n"));
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`));
  return parts;
}

/** A field's name or file name in a header, as browsers write it. */
function escape(text) {
  return text.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");
}
