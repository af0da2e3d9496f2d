// An upload whose progress is wanted, in Node (which has no XMLHttpRequest): the form
// encoded as multipart/form-data by hand into a stream that `fetch` pulls as it sends,
// each piece counted as it is handed over. The file is read from its Blob piece by
// piece (from disk for `fs.openAsBlob`), never held whole.

const encoder = new TextEncoder();

/**
 * `fetch(url, init)` with `init.body` (a FormData) sent as a stream;
 * `onProgress(loaded, total)` hears the request's bytes as `fetch` takes them (`total`:
 * the whole body's length).
 * @param {string} url
 * @param {RequestInit & {body: FormData}} init
 * @param {(loaded: number, total: number) => void} onProgress
 */
export function send(url, init, onProgress) {
  const boundary = `----bosbase-backups-${crypto.randomUUID()}`;
  const parts = encode(init.body, boundary);
  const total = parts.reduce((n, p) => n + (p instanceof Blob ? p.size : p.byteLength), 0);
  const headers = new Headers(init.headers);
  headers.set("Content-Type", `multipart/form-data; boundary=${boundary}`);
  return fetch(url, { ...init, headers, body: stream(parts, (n) => onProgress(n, total)), duplex: "half" });
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

/** The parts, one after the other, as a stream pulled piece by piece: `counted(n)`
 * hears the bytes handed over so far. */
function stream(parts, counted) {
  let index = 0;
  let reader;
  let loaded = 0;
  return new ReadableStream(
    {
      async pull(controller) {
        for (;;) {
          if (reader) {
            const { done, value } = await reader.read();
            if (!done) return hand(controller, value);
            reader = undefined;
          }
          if (index === parts.length) return controller.close();
          const part = parts[index++];
          if (part instanceof Blob) reader = part.stream().getReader();
          else if (part.byteLength) return hand(controller, part);
        }
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  function hand(controller, bytes) {
    loaded += bytes.byteLength;
    controller.enqueue(bytes);
    counted(loaded);
  }
}
