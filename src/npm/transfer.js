// A file's download into a Blob, with progress, for the npm package's next core. Not
// in the package yet.

/** How much of a progress download the JS heap holds at most: the bytes go into a Blob
 * (which the runtime keeps in its own storage) every this many bytes. */
const PART = 4 * 1024 * 1024;

/**
 * Reads a 2xx answer's body into a Blob. Without `onProgress` the runtime fills the
 * Blob itself (the bytes never pass through JS); with it, `onProgress(loaded, total)`
 * hears `(0, total)` first and then each read (`total` 0 when the length is unknown:
 * not announced, or of an encoded body), the body read into one reused buffer where the
 * stream is a byte stream. Resolves with `{blob, incomplete}`: `incomplete` says, in
 * words, that fewer bytes came than announced.
 * @param {Response} response
 * @param {((loaded: number, total: number) => void) | undefined} onProgress
 */
export async function readBlob(response, onProgress) {
  const headers = response.headers;
  // `Content-Length` counts the bytes on the wire: with a `Content-Encoding` the body
  // handed over is decoded and has another length.
  const encoding = headers.get("content-encoding")?.trim().toLowerCase() ?? "";
  const announced = Number.parseInt(headers.get("content-length") ?? "", 10) || 0;
  const total = encoding && encoding !== "identity" ? 0 : announced;
  let blob;
  if (!onProgress || !response.body) {
    blob = await response.blob();
  } else {
    // Past the announced length the total is unknown (0), as for an encoded body.
    const report = (n) => onProgress(n, n > total ? 0 : total);
    report(0);
    const byob = byobReader(response.body);
    const parts = byob ? await readIntoOneBuffer(byob, report) : await readChunks(response.body.getReader(), report);
    blob = new Blob(parts, { type: headers.get("content-type") ?? "" });
  }
  const incomplete =
    total > 0 && blob.size < total ? `The download ended early: ${blob.size} of ${total} bytes arrived.` : undefined;
  return { blob, incomplete };
}

/** A BYOB reader of `body`, or undefined where the stream is not a byte stream. */
function byobReader(body) {
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
