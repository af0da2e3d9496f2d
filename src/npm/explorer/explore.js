// The backup explorer's JS (`backups.explore`): it performs what the explorer module's
// `Explorer` asks for — bytes of the backup, its database inflated into a Blob the
// browser keeps (not into wasm memory or the JS heap), bytes of that Blob — and the
// requests of `compare` and `recover`, through the client.

/** Bytes of inflated database gathered before they become one part of its Blob. */
const PART = 4 * 1024 * 1024;
/** Compressed bytes handed to the module at a time. */
const PIECE = 64 * 1024;

/**
 * Opens a backup to explore: a key on the server (downloaded first, through a file
 * token) or a local File or Blob. `onProgress({loaded, total})` hears the download, then
 * the database being inflated.
 * @param {import("./backups.js").Context} cx
 */
export async function explore(cx, source, options) {
  const opts = cx.sendOptions(options, ["onProgress"]);
  const onProgress = cx.fn(options, "onProgress", "options.onProgress");
  let zip;
  if (source instanceof Blob) zip = source;
  else if (typeof source === "string") zip = await cx.service.download(source, { ...opts, onProgress });
  else throw new TypeError("explore needs a backup key (string) or a File or Blob.");
  const x = new cx.tools.Explorer(zip.size);
  const io = { cx, x, zip, db: new Blob([]), files: [], signal: opts.signal, onProgress, opts };
  try {
    await drive(io, x.start());
  } catch (e) {
    x.free();
    throw aborted(io, e);
  }
  return new BackupExplorer(io);
}

/** An error of a call whose signal aborted it: the `ClientResponseError` of an abort
 * (`isAbort`), as every call of the package rejects with; any other error as it is. */
function aborted(io, e) {
  if (!io.signal?.aborted || e instanceof io.cx.ClientResponseError) return e;
  const error = io.cx.toError({ kind: "aborted", status: 0, url: "", message: "", response: {} });
  error.originalError = error.cause = e;
  return error;
}

/**
 * Performs what the explorer asks until it is open (`ready`) or the call is over
 * (`done`): resolves with the call's result.
 */
async function drive(io, text) {
  const { cx, x, zip } = io;
  let ask = JSON.parse(text);
  for (;;) {
    io.signal?.throwIfAborted();
    if ("database" in ask) {
      const [start, end] = ask.database;
      const read = await bytes(io.db, start, end);
      ask = JSON.parse(x.database(start, read));
      release(read);
    } else if ("send" in ask) {
      ask = JSON.parse(await send(io, ask.send));
    } else if ("read" in ask) {
      const [start, end] = ask.read;
      const read = await bytes(zip, start, end);
      ask = JSON.parse(x.read(read));
      release(read);
    } else if ("inflate" in ask) {
      io.db = new Blob([io.db, await inflate(io, ask.inflate, io.onProgress)]);
      ask = JSON.parse(x.inflated());
    } else if ("file" in ask) {
      io.files.push(await inflate(io, ask.file));
      ask = JSON.parse(x.inflated());
    } else if ("done" in ask) {
      return ask.done;
    } else if ("ready" in ask) {
      return null;
    } else {
      throw cx.toError(ask.error);
    }
  }
}

/** Sends a request the explorer asked for through the client (its session, hooks and
 * options); hands the answer back and gives the next ask's text. */
async function send(io, { method, path, body, errors }) {
  const { cx, x } = io;
  const options = { ...io.opts, method, requestKey: null };
  if (body?.json !== undefined) {
    options.body = JSON.parse(body.json);
  } else if (body?.form !== undefined) {
    const form = new FormData();
    form.append("@jsonPayload", body.form);
    body.files.forEach(([part, name], i) => form.append(part, io.files[i], name));
    options.body = form;
  }
  io.files = [];
  try {
    const data = await io.cx.service.client.send(path, options);
    return x.answered(200, JSON.stringify(data ?? null));
  } catch (e) {
    if (!errors || !(e instanceof cx.ClientResponseError) || !(e.status > 0)) throw e;
    return x.answered(e.status, JSON.stringify(e.response ?? {}));
  }
}

/**
 * Bytes `start..end` of a Blob. Read with `arrayBuffer()`, not through the Blob's
 * stream: Chromium's Blob streams have been seen to stop for good mid-read (RELIABILITY.md),
 * and the explorer reads thousands of slices. The module copies what it is handed, so
 * each read is garbage at once.
 */
async function bytes(blob, start, end) {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Frees a read's memory now that the module has copied it, rather than at the next
 * garbage collection (which V8 starts only after some 64 MiB of them): its buffer
 * transferred to an empty one, where the runtime can (`ArrayBuffer.prototype.transfer`). */
function release(view) {
  view.buffer.transfer?.(0);
}

/** The entry at `[start, end)` of the backup, inflated by the module straight into one
 * reused buffer, which becomes a part of a Blob each time it fills. */
async function inflate(io, [start, end], onProgress) {
  const { x, zip, signal } = io;
  const parts = [];
  const part = new Uint8Array(PART);
  let filled = 0;
  const empty = new Uint8Array(0);
  for (let at = start; ; ) {
    signal?.throwIfAborted();
    const next = Math.min(at + PIECE, end);
    const last = next === end;
    const read = await bytes(zip, at, next);
    let n = x.inflate(read, last, part.subarray(filled));
    release(read);
    while (n > 0) {
      filled += n;
      if (filled === PART) {
        // The Blob copies the bytes: the buffer is free again.
        parts.push(new Blob([part]));
        filled = 0;
      }
      n = x.inflate(empty, last, part.subarray(filled));
    }
    onProgress?.({ loaded: next - start, total: end - start });
    if (last) break;
    at = next;
  }
  parts.push(new Blob([part.subarray(0, filled)]));
  return new Blob(parts);
}

/** A backup opened by `explore`: its collections, its records, how they compare with
 * the live server's, and chosen records recovered. One call runs at a time (the next
 * waits for it). */
export class BackupExplorer {
  #io;
  #queue = Promise.resolve();
  #collections;

  constructor(io) {
    this.#io = io;
    this.#collections = JSON.parse(io.x.collections());
  }

  /** The backup's collections with their record counts (`null` for views). */
  get collections() {
    return this.#collections;
  }

  /** A `data.db-wal` the backup carried, read over the database (its committed pages
   * count, as SQLite reads them): `{pages}`, or `null` without one. */
  get wal() {
    const pages = this.#open().x.walPages();
    return pages === undefined ? null : { pages };
  }

  /** The backup's database file (`data.db`, inflated), as a Blob. */
  get database() {
    return this.#open().db;
  }

  /** A page of a collection's records in the backup, in the records API's shape. */
  async records(collection, options) {
    const cx = this.#open().cx;
    const name = cx.string(collection, "collection");
    const whole = (n) => Number.isSafeInteger(n) && n >= 1;
    const page = cx.number(options, "page", whole, "options.page must be a whole number ≥ 1.") ?? 1;
    const perPage = cx.number(options, "perPage", whole, "options.perPage must be a whole number ≥ 1.") ?? 30;
    const ids = idList(cx, options?.ids, "options.ids");
    return this.#run((x) => x.records(name, page, perPage, ids), options);
  }

  /** The backup compared with the live server this client is signed in to. */
  async compare(options) {
    return this.#run((x) => x.compare(), options);
  }

  /** Creates chosen records of the backup again on the live server, with their ids and
   * files; `overwrite` replaces those that exist. */
  async recover(collection, ids, options) {
    const io = this.#open();
    const cx = io.cx;
    const name = cx.string(collection, "collection");
    const list = idList(cx, ids, "ids");
    if (!list?.length) throw new TypeError("recover needs the ids of the records to recover (a non-empty array of strings).");
    const files = flag(cx, options, "files", true);
    const overwrite = flag(cx, options, "overwrite", false);
    const onProgress = cx.fn(options, "onProgress", "options.onProgress");
    const random = new Uint8Array(24 * list.length);
    for (let at = 0; at < random.length; at += 65536) crypto.getRandomValues(random.subarray(at, at + 65536));
    return this.#run((x) => x.recover(name, list, files, overwrite, random), options, onProgress && (() => {
      const [done, total] = io.x.recovered();
      onProgress({ done, total });
    }));
  }

  /** Frees everything the explorer holds. */
  close() {
    this.#io?.x.free();
    this.#io = undefined;
  }

  #open() {
    if (!this.#io) throw new Error("The explorer is closed.");
    return this.#io;
  }

  /** Runs one call after the ones before it. */
  #run(start, options, progress) {
    const io = this.#open();
    const opts = io.cx.sendOptions(options, ["page", "perPage", "ids", "files", "overwrite", "onProgress"]);
    const run = async () => {
      if (!this.#io) throw new Error("The explorer is closed.");
      const call = { ...io, opts, signal: opts.signal, files: [], onProgress: undefined };
      const timer = progress && setInterval(progress, 250);
      try {
        return await drive(call, start(io.x));
      } catch (e) {
        throw aborted(call, e);
      } finally {
        if (progress) {
          clearInterval(timer);
          progress();
        }
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return result.then((value) => {
      // An error the call recorded for a record becomes a real Error.
      if (value?.failed) value.failed = value.failed.map(({ id, error }) => ({ id, error: new Error(error) }));
      return value;
    });
  }
}

/** A list of record ids, or undefined. */
function idList(cx, ids, name) {
  if (ids === undefined || ids === null) return undefined;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) throw new TypeError(`${name} must be an array of strings.`);
  return ids.map((id, i) => cx.string(id, `${name}[${i}]`));
}

/** A boolean option, `fallback` when absent. */
function flag(cx, options, name, fallback) {
  const v = options?.[name];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw cx.wrong(`options.${name}`, "a boolean", v);
  return v;
}
