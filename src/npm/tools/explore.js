// The backup explorer's JS (`backups.explore`): it performs what the tools module's
// `Explorer` asks for — bytes of the backup, its database inflated into a Blob the
// browser keeps (not into wasm memory or the JS heap), bytes of that Blob — and the
// requests of `compare` and `recover`, through the client.

/** Bytes of inflated database gathered before they become one part of its Blob. */
const PART = 4 * 1024 * 1024;
/** Compressed bytes handed to the module at a time. */
const PIECE = 64 * 1024;

/**
 * Opens a backup to explore: a key on the server (downloaded first, through a file
 * token) or a local File or Blob. `onProgress({loaded, total})` hears the download and
 * then the inflating of the database.
 * @param {import("./backups.js").Context} cx
 */
export async function explore(cx, source, options) {
  const opts = cx.sendOptions(options, ["onProgress"]);
  const onProgress = cx.fn(options, "onProgress", "options.onProgress");
  let zip;
  if (source instanceof Blob) zip = source;
  else if (typeof source === "string") zip = await cx.service.download(source, { ...opts, onProgress });
  else throw new TypeError("explore needs a backup key (string) or a File or Blob.");
  const signal = opts.signal;
  const x = new cx.tools.Explorer(zip.size);
  let ask = JSON.parse(x.start());
  let db = new Blob([]);
  for (;;) {
    signal?.throwIfAborted();
    if ("read" in ask) {
      const [start, end] = ask.read;
      ask = JSON.parse(x.read(await bytes(zip, start, end)));
    } else if ("inflate" in ask) {
      db = new Blob([db, await inflate(x, zip, ask.inflate, signal, onProgress)]);
      ask = JSON.parse(x.inflated());
    } else if ("database" in ask) {
      const [start, end] = ask.database;
      ask = JSON.parse(x.database(start, await bytes(db, start, end)));
    } else if ("ready" in ask) {
      return new BackupExplorer(cx, x, zip, db);
    } else {
      x.free();
      throw cx.toError(ask.error);
    }
  }
}

/** Bytes `start..end` of a Blob. */
async function bytes(blob, start, end) {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** The entry at `[start, end)` of the backup, inflated by the module into a Blob. */
async function inflate(x, zip, [start, end], signal, onProgress) {
  const parts = [];
  let part = new Uint8Array(PART);
  let filled = 0;
  let loaded = 0;
  const take = (run) => {
    for (let at = 0; at < run.length; ) {
      const n = Math.min(run.length - at, PART - filled);
      part.set(run.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === PART) {
        parts.push(new Blob([part]));
        part = new Uint8Array(PART);
        filled = 0;
      }
    }
  };
  const empty = new Uint8Array(0);
  for (let at = start; at < end || at === start; ) {
    signal?.throwIfAborted();
    const next = Math.min(at + PIECE, end);
    const last = next === end;
    let run = x.inflate(await bytes(zip, at, next), last);
    while (run.length) {
      take(run);
      run = x.inflate(empty, last);
    }
    loaded += next - at;
    onProgress?.({ loaded, total: end - start });
    if (next === at) break;
    at = next;
  }
  parts.push(new Blob([part.subarray(0, filled)]));
  return new Blob(parts);
}

/** A backup opened by `explore`. */
export class BackupExplorer {
  #cx;
  #x;
  #zip;
  #db;

  constructor(cx, x, zip, db) {
    this.#cx = cx;
    this.#x = x;
    this.#zip = zip;
    this.#db = db;
  }

  /** The inflated database, as a Blob. */
  get database() {
    return this.#db;
  }

  /** Frees everything the explorer holds. */
  close() {
    this.#x?.free();
    this.#x = undefined;
    this.#db = undefined;
    this.#zip = undefined;
  }
}
