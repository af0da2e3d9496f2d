// Moving files: an upload through XMLHttpRequest, a download into a Blob, a download
// handed to the page.

/** How much of a progress download the JS heap holds at most: the bytes go into a Blob
 * (which the runtime keeps in its own storage) every this many bytes. */
const PART = 4 * 1024 * 1024;

/**
 * Reads a 2xx answer's body into a Blob. Without `onProgress` the runtime fills the
 * Blob itself (the bytes never pass through JS); with it, `onProgress(loaded, total)`
 * hears `(0, total)` first and then each read (`total` 0 when the length is unknown:
 * not announced, or of an encoded body), the body read into one reused buffer where the
 * stream is a byte stream. With `idleMs`, a body from which no byte comes for that
 * long fails with a "TimeoutError" (see `stallGuard`). Resolves with `{blob,
 * incomplete}`: `incomplete` says, in words, that fewer bytes came than announced.
 * @param {Response} response
 * @param {((loaded: number, total: number) => void) | undefined} onProgress
 * @param {number} [idleMs]
 */
export async function readBlob(response, onProgress, idleMs) {
  const headers = response.headers;
  // `Content-Length` counts the bytes on the wire: with a `Content-Encoding` the body
  // handed over is decoded and has another length.
  const encoding = headers.get("content-encoding")?.trim().toLowerCase() ?? "";
  const announced = Number.parseInt(headers.get("content-length") ?? "", 10) || 0;
  const total = encoding && encoding !== "identity" ? 0 : announced;
  let blob;
  if ((!onProgress && !(idleMs > 0)) || !response.body) {
    blob = await response.blob();
  } else {
    // Past the announced length the total is unknown (0), as for an encoded body.
    const report = (n) => onProgress?.(n, n > total ? 0 : total);
    report(0);
    const byob = byobReader(response.body);
    const reader = stallGuard(byob ?? response.body.getReader(), idleMs);
    const parts = byob ? await readIntoOneBuffer(reader, report) : await readChunks(reader, report);
    blob = new Blob(parts, { type: headers.get("content-type") ?? "" });
  }
  const incomplete =
    total > 0 && blob.size < total ? `The download ended early: ${blob.size} of ${total} bytes arrived.` : undefined;
  return { blob, incomplete };
}

/** `reader` (default or BYOB), its reads failing with a "TimeoutError" `DOMException`
 * (the stream cancelled) when no byte comes for `ms`: a body that stalls. A body that
 * keeps moving is never cut, however long it takes. Without `ms`, `reader` itself. */
export function stallGuard(reader, ms) {
  if (!(ms > 0)) return reader;
  return {
    read(view) {
      let timer;
      const stalled = new Promise((_, reject) => {
        // Rejected before the stream is cancelled: the cancel ends the pending read too.
        timer = setTimeout(() => {
          reject(new DOMException(`No byte of the answer arrived for ${ms} ms.`, "TimeoutError"));
          reader.cancel().catch(() => {});
        }, ms);
      });
      return Promise.race([reader.read(view), stalled]).finally(() => clearTimeout(timer));
    },
    cancel: () => reader.cancel(),
  };
}

/** A BYOB reader of `body`, or undefined where the stream is not a byte stream. */
export function byobReader(body) {
  try {
    return body.getReader({ mode: "byob" });
  } catch {
    return undefined;
  }
}

/** Every read fills the same buffer (the stream hands it back): a Blob per PART. */
async function readIntoOneBuffer(reader, report) {
  const parts = [];
  let buffer = new ArrayBuffer(PART);
  let filled = 0;
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer, filled, PART - filled));
    if (value) {
      buffer = value.buffer;
      filled += value.byteLength;
      loaded += value.byteLength;
      if (value.byteLength > 0) report(loaded);
    }
    if (filled > 0 && (filled === PART || done)) {
      parts.push(new Blob([new Uint8Array(buffer, 0, filled)]));
      filled = 0;
    }
    if (done) return parts;
  }
}

/** A stream that hands out chunks of its own: they go into a Blob every PART bytes. */
async function readChunks(reader, report) {
  const parts = [];
  let chunks = [];
  let pending = 0;
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (!done) {
      chunks.push(value);
      pending += value.byteLength;
      loaded += value.byteLength;
      report(loaded);
    }
    if (pending >= PART || (done && chunks.length)) {
      parts.push(new Blob(chunks));
      chunks = [];
      pending = 0;
    }
    if (done) return parts;
  }
}

/**
 * `fetch(url, init)` of an upload, through XMLHttpRequest: the one browser API that
 * reports a request body's progress. `onProgress(loaded, total)` hears the request
 * bytes as they leave (`total` 0 when unknown). Resolves with the answer as a
 * `Response` whose `url` is the one that answered (XMLHttpRequest follows every
 * redirect); rejects as `fetch` does: a `TypeError` when the request failed, an
 * `AbortError` when `init.signal` aborted it.
 * @param {string} url
 * @param {{method: string, headers?: Record<string, string>, body: FormData, signal?: AbortSignal}} init
 * @param {(loaded: number, total: number) => void} onProgress
 * @returns {Promise<Response>}
 */
export function sendWithProgress(url, init, onProgress) {
  return new Promise((resolve, reject) => {
    const aborted = () => new DOMException("The upload was aborted.", "AbortError");
    const signal = init.signal;
    if (signal?.aborted) return reject(aborted());
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    const settle = (f, value) => {
      signal?.removeEventListener("abort", abort);
      xhr.upload.onprogress = null;
      f(value);
    };
    xhr.open(init.method, url, true);
    for (const [name, value] of Object.entries(init.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => settle(resolve, answer(xhr));
    xhr.onerror = () => settle(reject, new TypeError("The upload failed (network error)."));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => settle(reject, aborted());
    signal?.addEventListener("abort", abort, { once: true });
    xhr.send(init.body);
  });
}

/** A finished XMLHttpRequest's answer as a `Response`. */
function answer(xhr) {
  const headers = new Headers();
  for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
    const at = line.indexOf(":");
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  // A status that has no body (204, 205, 304) takes none.
  const body = [204, 205, 304].includes(xhr.status) ? null : xhr.responseText;
  const response = new Response(body, { status: xhr.status, headers });
  Object.defineProperty(response, "url", { value: xhr.responseURL });
  return response;
}

/** How long the frame of a page's download stays in the page. Browsers fire no event
 * when a frame's navigation turns into a download, and removing the frame before the
 * answer has come cancels it; the URL was just probed, so the answer normally comes
 * within milliseconds, and this leaves a wide margin. */
const FRAME_LIFETIME_MS = 30_000;

/** True where a download can be handed to the page (there is a document with a body). */
export function canSave() {
  return typeof document !== "undefined" && !!document.body;
}

/**
 * Starts the page's own download of `url` (streamed to disk by the browser). The URL
 * answers with `Content-Disposition: attachment`, so a hidden frame downloads it and
 * the page never navigates (which would abort its pending requests in Firefox). The
 * frame is sent through its own `location`, so no attribute ever holds the URL and its
 * token, and it is removed after FRAME_LIFETIME_MS.
 * @param {string} url
 */
export function startDownload(url) {
  const frame = document.createElement("iframe");
  frame.setAttribute("aria-hidden", "true");
  frame.style.display = "none";
  document.body.append(frame);
  try {
    frame.contentWindow.location.replace(url);
  } catch (e) {
    frame.remove();
    throw e;
  }
  setTimeout(() => frame.remove(), FRAME_LIFETIME_MS);
}
