// The JS of the tools module's backup calls: verify, inspect, prune, the schedule and
// storage calls. It ships with the tools module (tools/), so a page loads it on the
// first call that needs one. `BackupService` (src/npm/backups.js) runs each with a
// context: the tools module as loaded (`tools`), the service, and what these calls use
// of the core's JS, so that there is one copy of the package's classes, whichever
// module throws.

/**
 * @typedef {object} Context
 * @property {any} tools the tools module's exports (`Call`, `StreamVerifier`, `schedule`)
 * @property {any} service the `BackupService` (its `client`, its core `modules`)
 * @property {(key: string) => string} path the server path of a backup's file
 * @property {any} ClientResponseError
 * @property {any} PruneError the error of a prune that did not delete every key (a `ClientResponseError`)
 * @property {symbol} MESSAGE the key of a message of the package's own in what a `ClientResponseError` is built from
 * @property {Function} perform
 * @property {Function} toError
 * @property {Function} sendOptions
 * @property {Function} fn
 * @property {Function} number
 * @property {Function} object
 * @property {Function} string
 * @property {Function} wrong
 * @property {(stream: ReadableStream) => any} byobReader
 * @property {(reader: any, ms: number | undefined) => any} stallGuard
 * @property {(response: any) => boolean} readable whether an answer's headers and body can be read
 * @property {string} NO_BODY why an answer without them cannot be read
 */

/**
 * Downloads a backup as a stream (`download(key, {stream: true})`): resolves, once the
 * server answered with the file, with a `ReadableStream` of its bytes; a 403 or 404
 * rejects as `download` does. The stream errors with a `ClientResponseError` when the
 * connection fails, no byte comes for the call's `timeout`, fewer bytes come than the
 * server announced, or the caller's `signal` aborts (`isAbort`).
 * `onProgress({loaded, total})` hears `0` first, then each chunk.
 * @param {Context} cx
 */
export async function downloadStream(cx, key, options) {
  key = cx.string(key, "key");
  const opts = cx.sendOptions(options, ["onProgress", "stream"]);
  const onProgress = cx.fn(options, "onProgress", "options.onProgress");
  const call = cx.service.modules.Call.byToken(key, "stream");
  const { response } = await cx.perform(cx.service.client, call, opts, { path: cx.path(key), secret: true });
  if (!cx.readable(response) || !response.body) {
    throw new cx.ClientResponseError({ url: response?.url, [cx.MESSAGE]: cx.NO_BODY });
  }
  return countedStream(cx, response, opts.signal, opts.timeout, onProgress);
}

/** `response`'s body as a stream that reports progress and ends in an error, never
 * quietly, when the bytes stop short. */
function countedStream(cx, response, signal, idleMs, onProgress) {
  const { ClientResponseError, MESSAGE } = cx;
  const url = response.url;
  // `Content-Length` counts the bytes on the wire: an encoded body has another length.
  const encoding = response.headers.get("content-encoding")?.trim().toLowerCase() ?? "";
  const announced = Number.parseInt(response.headers.get("content-length") ?? "", 10) || 0;
  const total = encoding && encoding !== "identity" ? 0 : announced;
  const reader = cx.stallGuard(response.body.getReader(), idleMs);
  const aborted = (e) => new ClientResponseError({ url, isAbort: true, originalError: e ?? signal.reason });
  // The signal stops a read whatever the body is (a custom fetch's own stream too).
  const cancel = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", cancel, { once: true });
  // Ends the stream's hold on the signal; hands `e` on.
  const settle = (e) => {
    signal?.removeEventListener("abort", cancel);
    return e;
  };
  let loaded = 0;
  onProgress?.({ loaded, total });
  return new ReadableStream(
    {
      async pull(controller) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (e) {
          if (signal?.aborted) throw settle(aborted(e));
          const why = e?.name === "TimeoutError" ? `The request timed out after ${idleMs} ms` : "The connection to the server failed";
          throw settle(new ClientResponseError({ url, originalError: e, [MESSAGE]: `${why} (${e?.message ?? e}).` }));
        }
        // A cancelled read ends like the stream's end: the signal tells them apart.
        if (signal?.aborted) throw settle(aborted());
        if (chunk.done) {
          if (loaded < total) {
            throw settle(new ClientResponseError({ url, [MESSAGE]: `The download ended early: ${loaded} of ${total} bytes arrived.` }));
          }
          settle();
          controller.close();
          return;
        }
        loaded += chunk.value.byteLength;
        controller.enqueue(chunk.value);
        onProgress?.({ loaded, total: loaded > total ? 0 : total });
      },
      cancel(reason) {
        settle();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Reads a whole backup (by key, through a file token, or a local Blob) and checks it
 * as a restore would read it; resolves with a report for any bytes. A reading that
 * finds the backup damaged, or that fails inside the tools module, is followed by
 * another, up to `READINGS` in all, and the last one's outcome is the call's.
 * `onProgress({loaded, total})` at most once per MiB and at the end, never backwards.
 * @param {Context} cx
 */
export async function verify(cx, source, options) {
  const opts = cx.sendOptions(options, ["onProgress"]);
  const onProgress = cx.fn(options, "onProgress", "options.onProgress");
  let open;
  if (source instanceof Blob) {
    open = async () => [source.stream(), source.size, undefined];
  } else {
    if (typeof source !== "string") throw new TypeError("verify needs a backup key (string) or a File or Blob.");
    const key = cx.string(source, "key");
    const path = cx.path(key);
    open = async () => {
      const call = cx.service.modules.Call.byToken(key, "stream");
      const { response } = await cx.perform(cx.service.client, call, opts, { path, secret: true });
      if (!cx.readable(response) || !response.body) {
        throw new cx.ClientResponseError({ url: response?.url, [cx.MESSAGE]: cx.NO_BODY });
      }
      const total = Number.parseInt(response.headers.get("content-length") ?? "", 10) || 0;
      // The server's body that stalls for the call's `timeout` fails it.
      return [response.body, total, opts.timeout];
    };
  }
  // Progress only moves forward: a reading again is reported past where the last stopped.
  let shown = -1;
  const progress =
    onProgress &&
    ((p) => {
      if (p.loaded <= shown) return;
      shown = p.loaded;
      onProgress(p);
    });
  // WebKit's JavaScriptCore (WebKitGTK 2.50) now and then runs the verifier's code
  // wrongly while it moves that code to its optimizing tier, twice in a row at times: a
  // sound backup reported damaged, or an out-of-bounds access inside the module
  // (RELIABILITY.md "Verify"). So a reading that is not sound is read again, up to
  // READINGS in all; a backup that is damaged is damaged every time.
  const failures = new WeakSet();
  for (let reading = 1; ; reading++) {
    const [stream, total, idleMs] = await open();
    try {
      const report = await verifyStream(cx, failures, stream, total, idleMs, opts.signal, progress);
      if (report.ok || reading === READINGS) return report;
    } catch (e) {
      if (!failures.has(e) || reading === READINGS) throw e;
    }
  }
}

/** A zip's central directory read (a few `Blob.slice` reads): its entries, and whether
 * it looks like a backup of this server.
 * @param {Context} cx */
export async function inspect(cx, file) {
  if (!(file instanceof Blob)) throw new TypeError("inspect needs a File or Blob.");
  return (await cx.perform(cx.service.client, cx.tools.Call.inspect(file.size), {}, { file })).value;
}

/**
 * Deletes the backups a retention policy selects (`keep`, `olderThan`, `match`, `only`,
 * `dryRun`) and resolves with their keys, oldest first (with `dryRun`, what it would
 * delete); rejects when a key it meant to delete was not, naming each.
 * @param {Context} cx
 */
export async function prune(cx, options) {
  const opts = cx.sendOptions(options, ["keep", "olderThan", "match", "only", "dryRun"]);
  const policy = prunePolicy(cx, options);
  const client = cx.service.client;
  const call = cx.tools.Call.prune(
    policy.keep, policy.olderThanMs, policy.maxAgeMs, policy.only, policy.dryRun, !!policy.match,
    client.buildURL(""),
  );
  const { value } = await cx.perform(client, call, opts, { path: "/api/backups", filter: policy.match });
  if (policy.dryRun) return value.selected;
  if (!value.failed.length) return value.deleted;
  const failed = value.failed.map(({ key, error }) => ({ key, error: cx.toError(error) }));
  // A copy of the first failure's error (its status, url, response), with its own message.
  const { url, status, response, isAbort, originalError } = failed[0].error;
  const error = new cx.PruneError({ url, status, response, isAbort, originalError }, value.deleted, failed);
  error.message = value.summary;
  return Promise.reject(error);
}

/** The backup schedule, with its next runs as `Date`s.
 * @param {Context} cx */
export async function getSchedule(cx, options) {
  return schedule(await settingsCall(cx, cx.tools.Call.getSchedule(), options));
}

/** Sets the backup schedule (`{cron, maxKeep}`); values the server would refuse are
 * refused before any request.
 * @param {Context} cx */
export async function setSchedule(cx, input, options) {
  const obj = cx.object(input, "schedule");
  if (!obj) throw new TypeError("setSchedule needs {cron, maxKeep}.");
  const cron = cx.string(obj.cron, "schedule.cron");
  const maxKeep = obj.maxKeep;
  if (maxKeep !== undefined && !Number.isSafeInteger(maxKeep)) throw new TypeError("schedule.maxKeep must be an integer.");
  return schedule(await settingsCall(cx, cx.tools.Call.setSchedule(cron, maxKeep), options));
}

/** Where the server keeps backups (S3 without its secret).
 * @param {Context} cx */
export function getStorage(cx, options) {
  return settingsCall(cx, cx.tools.Call.getStorage(), options);
}

/** Stores backups on S3 (`{s3: {…}}`) or on the server's disk (`{local: true}`).
 * @param {Context} cx */
export function setStorage(cx, input, options) {
  const usage = "setStorage needs {s3: {bucket, region, endpoint, accessKey, secret, forcePathStyle}} or {local: true}.";
  const obj = cx.object(input, "storage");
  if (!obj) throw new TypeError(usage);
  const s3 = obj.s3 === null ? undefined : obj.s3;
  if (!!obj.local === (s3 !== undefined)) throw new TypeError(usage);
  const Call = cx.tools.Call;
  if (obj.local) return settingsCall(cx, Call.setStorage(undefined, "", "", "", undefined, false), options);
  const s = cx.object(s3, "storage.s3") ?? {};
  const text = (name) => (s[name] === undefined || s[name] === null ? "" : cx.string(s[name], `storage.s3.${name}`));
  const secret = s.secret === undefined || s.secret === null ? undefined : cx.string(s.secret, "storage.s3.secret");
  const call = Call.setStorage(text("bucket"), text("region"), text("endpoint"), text("accessKey"), secret, !!s.forcePathStyle);
  return settingsCall(cx, call, options);
}

/** The server writes and deletes a test file on the S3 storage of backups.
 * @param {Context} cx */
export function testStorage(cx, options) {
  return settingsCall(cx, cx.tools.Call.testStorage(), options);
}

/** Runs the scheduled backup now; resolves with the key it made.
 * @param {Context} cx */
export function runScheduledNow(cx, options) {
  return settingsCall(cx, cx.tools.Call.runScheduledNow(), options);
}

/** Performs a call of the settings (whose schedule checks the tools module runs too).
 * @param {Context} cx */
async function settingsCall(cx, call, options) {
  const io = { path: "/api/settings", schedule: cx.tools.schedule };
  return (await cx.perform(cx.service.client, call, cx.sendOptions(options), io)).value;
}

/** The policy of `prune`, checked: `keep`, `olderThan` (a Date or an age in ms), `match`
 * (a key prefix or a RegExp), `only` (keys), `dryRun`.
 * @param {Context} cx */
function prunePolicy(cx, options) {
  const whole = (k) => Number.isFinite(k) && k >= 0 && Number.isInteger(k);
  const keep = cx.number(options, "keep", whole, "options.keep must be a whole number ≥ 0.");
  const policy = { keep: keep === undefined ? undefined : Math.min(keep, 1e9), dryRun: !!options?.dryRun };
  const t = options?.olderThan;
  if (t !== undefined) {
    if (t instanceof Date && Number.isFinite(t.getTime())) policy.olderThanMs = t.getTime();
    else if (typeof t === "number" && Number.isFinite(t) && t >= 0) policy.maxAgeMs = t;
    else throw new TypeError("options.olderThan must be a Date or an age in milliseconds.");
  }
  const m = options?.match;
  // Keys are strings of valid Unicode: one with a lone surrogate would be read as
  // another key (U+FFFD in its place) and could select that one.
  if (typeof m === "string") {
    cx.string(m, "options.match");
    policy.match = (k) => k.startsWith(m);
  } else if (m instanceof RegExp) policy.match = (k) => ((m.lastIndex = 0), m.test(k));
  else if (m !== undefined && m !== null) throw cx.wrong("options.match", "a string (key prefix) or a RegExp", m);
  const only = options?.only;
  if (only !== undefined && only !== null) {
    if (!Array.isArray(only)) throw cx.wrong("options.only", "an array of keys", only);
    policy.only = only.map((k, i) => cx.string(k, `options.only[${i}]`));
  }
  return policy;
}

/** A schedule as the JS API gives it: its next runs as `Date`s. */
function schedule(s) {
  return { ...s, nextRuns: s.nextRuns.map((ms) => new Date(ms)) };
}

/** How many times at most `verify` reads a backup that it does not find sound. */
const READINGS = 3;

/** How much of a stream enters wasm memory at a time. */
const PIECE = 64 * 1024;
/** Progress is reported at most once per this many bytes (and at the end). */
const PROGRESS_STEP = 1024 * 1024;

/**
 * Feeds `stream` to the tools module's verifier a piece at a time (only a piece is in
 * wasm memory at once, whatever the size), and resolves with its report. An error that
 * came from inside the tools module (a trap) is added to `failures`.
 * @param {Context} cx
 * @param {WeakSet<object>} failures
 */
async function verifyStream(cx, failures, stream, total, idleMs, signal, onProgress) {
  const { ClientResponseError } = cx;
  const verifier = new cx.tools.StreamVerifier();
  const reader = pieceReader(cx, stream, PIECE, idleMs);
  const cancel = () => reader.cancel();
  signal?.addEventListener("abort", cancel, { once: true });
  let [loaded, reported] = [0, 0];
  const report = () => onProgress?.({ loaded, total: loaded > total ? 0 : total });
  try {
    report();
    for (;;) {
      if (signal?.aborted) throw new ClientResponseError({ isAbort: true, originalError: signal.reason });
      let piece;
      try {
        piece = await reader.next();
      } catch (e) {
        if (signal?.aborted) throw new ClientResponseError({ isAbort: true, originalError: e });
        const why = e?.name === "TimeoutError" ? `The request timed out after ${idleMs} ms` : "The connection to the server failed";
        throw new ClientResponseError({ originalError: e, [cx.MESSAGE]: `${why} (${e?.message ?? e}).` });
      }
      // A cancelled read ends like the stream's end: the signal tells them apart.
      if (signal?.aborted) throw new ClientResponseError({ isAbort: true, originalError: signal.reason });
      if (!piece) break;
      verifier.feed(piece);
      loaded += piece.length;
      if (loaded - reported >= PROGRESS_STEP) {
        reported = loaded;
        report();
      }
      if (verifier.stopped()) {
        cancel();
        break;
      }
    }
    if (reported !== loaded) report();
    return JSON.parse(verifier.finish());
  } catch (e) {
    // A verifier whose call failed inside the module (a trap) cannot be freed; the
    // failure itself is what the caller hears of.
    try {
      verifier.free();
    } catch {
      // Its memory stays with the module.
    }
    if (e instanceof ClientResponseError) throw e;
    const failure = new ClientResponseError({ originalError: e, [cx.MESSAGE]: `The tools module failed while verifying (${e?.message ?? e}).` });
    failures.add(failure);
    throw failure;
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
}

/**
 * Reads `stream` in pieces of at most `size` bytes: `next()` resolves with the next
 * piece (a view, valid until the next call) or undefined at the end; `cancel()` stops
 * the stream. Where it is a byte stream every piece is read into one reused buffer, so
 * a long stream leaves nothing behind for the garbage collector; elsewhere the
 * stream's own chunks are cut into pieces. With `idleMs`, a read that gets no byte for
 * that long fails (`stallGuard`).
 * @param {Context} cx
 * @param {ReadableStream<Uint8Array>} stream
 * @param {number} size
 * @param {number | undefined} idleMs
 */
function pieceReader(cx, stream, size, idleMs) {
  const bytes = cx.byobReader(stream);
  const reader = cx.stallGuard(bytes ?? stream.getReader(), idleMs);
  const byob = bytes && reader;
  let buffer = new ArrayBuffer(byob ? size : 0);
  let chunk = new Uint8Array(0);
  let at = 0;
  return {
    async next() {
      if (byob) {
        for (;;) {
          const { done, value } = await byob.read(new Uint8Array(buffer, 0, size));
          if (value) buffer = value.buffer;
          if (value?.length) return value;
          if (done) return undefined;
        }
      }
      while (at >= chunk.length) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        [chunk, at] = [value, 0];
      }
      const piece = chunk.subarray(at, Math.min(chunk.length, at + size));
      at += piece.length;
      return piece;
    },
    cancel() {
      return reader.cancel().catch(() => {});
    },
  };
}
