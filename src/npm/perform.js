// Performs a call of the core module (crates/core's `Call`, one plan): each step it
// asks for — a request through the client's `send` pipeline, a wait, the realtime
// connection, a read of the call's file, the tools' schedule check, the caller's key
// filter, the session kept or cleared — until it is done, then resolves with its result
// or rejects with a `ClientResponseError` (a `TypeError` for an argument refused before
// any request).

import { ClientResponseError, MESSAGE } from "./client-response-error.js";
import { FINAL, NO_HOOKS, REQUEST_URL, TIMED_OUT, UPLOAD_PROGRESS } from "./client.js";
import { readBlob } from "./transfer.js";

/**
 * @param {import("./client.js").Client} client
 * @param {any} call a `Call` of the core module; freed here
 * @param {object} [options] the caller's options (signal, timeout, headers, query,
 *   requestKey, fetch)
 * @param {object} [io] what the call brings besides: `path` (the one an abort names,
 *   and a call refused before any request: where it would have gone),
 *   `raw` (the result is the answer as the client read it, after `afterSend`: the
 *   plan only checks its kind),
 *   `onStatus`, `onProgress` (a download's), `onUpload(loaded, total)` (an upload's, in
 *   bytes of its `file`), `filter(key)`, `file` (a Blob the plan reads or sends), `form`
 *   (the FormData that sends it), `schedule(cron, maxKeep, now, count)`
 *   (the tools' check, as JSON text), `secret` (the call's requests carry a live file
 *   token, in their answer or their URL: no hook sees them)
 * @returns {Promise<{value: any, response?: Response, blob?: Blob}>} the result, and the
 *   response of the last file request: its body read into `blob` for a "blob" read
 *   (with `io.onProgress(loaded, total)`), unread for a "head" read
 */
export async function perform(client, call, options = {}, io = {}) {
  const signal = options.signal;
  let droppedAt;
  // Ends the wait under way (or the last one: then it does nothing).
  let wake;
  let source;
  let hooked;
  let response;
  let blob;
  let done = false;
  // The error of the last request that failed without an answer: the error a call
  // ends with for it carries it as `originalError`.
  let lastFailure;
  // The URL of the last request sent ("" before any).
  let last = "";
  const env = () => {
    call.env(Date.now(), performance.now(), Math.random(), droppedAt, !!client.authStore.token);
    droppedAt = undefined;
  };
  const aborted = () => new ClientResponseError({ url: client.buildURL(io.path ?? ""), isAbort: true });
  try {
    env();
    let step = JSON.parse(call.start());
    for (;;) {
      for (let s = call.status(); s !== undefined; s = call.status()) io.onStatus?.(s);
      if ("done" in step) break;
      if (signal?.aborted) throw aborted();
      let next;
      if ("send" in step) {
        const x = step.send;
        const read = x.read === "text" ? "text" : "raw";
        const opts = requestOptions(x, options, io);
        // An upload's progress, in bytes of its file (the core's tracker).
        const uploading = x.body === "file" && io.onUpload;
        const progress = (loaded, total, done) => {
          const n = call.progress(io.file.size, loaded, total, done);
          if (n >= 0) io.onUpload(n, io.file.size);
        };
        if (uploading) {
          progress(0, 0, false);
          opts[UPLOAD_PROGRESS] = (loaded, total) => progress(loaded, total, false);
        }
        let answer;
        last = client.buildURL(x.path);
        try {
          answer = await client.exchange(x.path, opts, read);
        } catch (e) {
          if (!(e instanceof ClientResponseError) || e[FINAL]) throw e;
          if (e.status === 0) lastFailure = e.originalError;
          env();
          step = JSON.parse(call.step(...failure(e, e[REQUEST_URL] ?? client.buildURL(x.path), opts.timeout)));
          continue;
        }
        if (read === "raw") {
          response = answer.response;
          if (x.read === "blob") {
            if (!readable(response)) {
              env();
              step = JSON.parse(call.step("unusable", 0, NO_BODY, answer.url));
              continue;
            }
            let got;
            try {
              got = await readBlob(response, io.onProgress, opts.timeout);
            } catch (e) {
              // The connection dropped mid-body, the body stalled, or the caller aborted.
              const url = answer.url;
              env();
              const args = signal?.aborted
                ? ["aborted", 0, "", url]
                : e?.name === "TimeoutError"
                  ? ["timedOut", 0, "", url, opts.timeout]
                  : ["network", 0, String(e?.message ?? e), url];
              step = JSON.parse(call.step(...args));
              continue;
            }
            if (got.incomplete) {
              env();
              step = JSON.parse(call.step("unusable", 0, got.incomplete, answer.url));
              continue;
            }
            blob = got.blob;
          }
        } else if (io.raw) {
          hooked = answer.data;
        }
        if (uploading) progress(0, 0, true);
        // The plan reads the server's own answer; an `afterSend` value is the result of
        // a call that resolves with the answer (`io.raw`).
        env();
        next = call.step("answered", answer.response.status, answer.text, "", dateOf(answer.response));
      } else if ("wait" in step) {
        // A drop of the realtime connection ends the wait at once: the plan then checks
        // the server while it is still away. A restart's gap (the old process gone, the
        // new one not yet listening) can be shorter than the wait, and a check after it
        // finds the server answering as if nothing had happened.
        await sleep(step.wait, signal, (w) => (wake = w));
        if (signal?.aborted) throw aborted();
        env();
        next = call.step("resumed", 0, "", "");
      } else if ("connect" in step) {
        const drop = () => {
          droppedAt = performance.now();
          wake?.();
        };
        source = await connect(client.buildURL("/api/realtime"), step.connect, drop, options.fetch, signal);
        if (signal?.aborted) throw aborted();
        env();
        next = call.step(source ? "connected" : "closed", 0, "", "");
      } else if ("signIn" in step) {
        client.authStore.save(step.signIn.token, step.signIn.record);
        env();
        next = call.step("resumed", 0, "", "");
      } else if ("signOut" in step) {
        client.authStore.clear();
        env();
        next = call.step("resumed", 0, "", "");
      } else if ("filter" in step) {
        const kept = io.filter ? step.filter.filter((k) => io.filter(k)) : step.filter;
        env();
        next = call.step("filtered", 0, JSON.stringify(kept), "");
      } else if ("read" in step) {
        const [start, end] = step.read;
        let bytes;
        try {
          bytes = new Uint8Array(await io.file.slice(start, end).arrayBuffer());
        } catch (e) {
          env();
          next = call.step("readFailed", 0, String(e?.message ?? e), "");
        }
        if (bytes) {
          env();
          next = call.read(bytes);
        }
      } else if ("schedule" in step) {
        const { cron, maxKeep, count } = step.schedule;
        const check = await io.schedule(cron, maxKeep ?? undefined, Date.now(), count);
        env();
        next = call.step("scheduled", 0, check, "");
      } else {
        throw new TypeError(`bosbase-backups: a step this version cannot perform: ${Object.keys(step)}`);
      }
      step = JSON.parse(next);
    }
    done = true;
    const { value, error } = JSON.parse(call.result());
    if (error) {
      // An error the plan made names no URL: the last request's, or, refused before
      // any request as the server would refuse it, the URL that request would have
      // gone to (as the Rust API's driver: `calls::named`).
      if (!error.url && error.kind !== "invalidArgument") {
        error.url = last || (error.kind === "response" ? client.buildURL(io.path ?? "") : "");
      }
      const e = toError(error);
      // Refused before any request: `response` is the server's answer to the same
      // mistake (its general message), the error's message says why.
      if (!last && error.kind === "response") e.message = error.message;
      if (e instanceof ClientResponseError && e.status === 0 && lastFailure) {
        e.originalError = e.cause = lastFailure;
      }
      throw e;
    }
    return { value: io.raw ? hooked : value, response, blob };
  } finally {
    if (!done) call.free();
    source?.close();
  }
}

/** Why a file's answer that is not a `Response` (a custom `fetch` may answer any
 * object with `status` and `json()`) cannot be downloaded. */
export const NO_BODY =
  "The answer to the file's request has no body to read: reading a backup's file needs a custom fetch that answers with a Response.";

/** True for an answer whose headers and body can be read (a `Response`). */
export function readable(response) {
  return typeof response?.headers?.get === "function" && (!!response.body || typeof response.blob === "function");
}

/** The options of a plan's request: the caller's as its scope allows, and the plan's. */
function requestOptions(x, options, io) {
  const mine = x.scope === "own";
  const opts = mine
    ? { signal: options.signal, fetch: options.fetch, requestKey: null }
    : { ...options, requestKey: x.scope === "quiet" ? null : options.requestKey };
  const limits = [options.timeout, x.timeoutMs ?? undefined].filter((t) => t > 0);
  opts.timeout = limits.length ? Math.min(...limits) : undefined;
  opts.method = x.method;
  opts.query = Object.assign(Object.fromEntries(x.query), mine ? {} : options.query);
  opts.headers = Object.assign({}, mine ? {} : options.headers, Object.fromEntries(x.headers));
  if (io.secret) opts[NO_HOOKS] = true;
  if (x.body === "file") opts.body = io.form;
  else if (x.body?.json !== undefined) opts.body = x.body.json;
  else delete opts.body;
  return opts;
}

/** What the plan is told of a failed request: `call.step`'s arguments. */
function failure(e, url, timeout) {
  if (e.status > 0) return ["response", e.status, JSON.stringify(e.response ?? {}), e.url || url];
  if (e.isAbort) return ["aborted", 0, "", url];
  if (e[TIMED_OUT]) return ["timedOut", 0, "", url, timeout ?? 0];
  return ["network", 0, String(e.originalError?.message ?? e.originalError ?? ""), url];
}

/** The error a call ends with, from the core's fields, as the official SDK builds it:
 * an answer's error keeps `{url, status, data}` as `originalError`; a cancelled
 * request gets the default message and no URL. */
export function toError(error) {
  if (error.kind === "invalidArgument") return new TypeError(error.message);
  const isAbort = error.kind === "aborted";
  const answer = error.status > 0 ? { url: error.url, status: error.status, data: error.response } : null;
  const fields = { status: error.status, response: error.response, isAbort };
  if (!isAbort) Object.assign(fields, { url: error.url, [MESSAGE]: error.message });
  const e = new ClientResponseError(fields);
  // None for an error that no answer and no failed request stands behind (a call
  // refused before sending); `perform` adds a failed request's own error.
  e.originalError = e.cause = answer;
  return e;
}

/** The answer's `Date` header in ms, where the browser shows it. */
function dateOf(response) {
  const date = response.headers?.get?.("date");
  const ms = date ? Date.parse(date) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** Waits `ms`, less if `signal` aborts or the function handed to `onWake` is called. */
function sleep(ms, signal, onWake) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    onWake?.(done);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

/**
 * Opens the server's realtime stream within `ms`, over `fetch` (so wherever `fetch`
 * streams: every browser, and Node without an EventSource): resolves with a handle to
 * close it once the server's `PB_CONNECT` event came, or undefined when it did not.
 * `onDrop` hears the stream end or fail afterwards: the server went away (a restore's
 * restart). The caller's `signal` stops the wait for it.
 */
async function connect(url, ms, onDrop, fetchFn = fetch, signal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const stop = () => controller.abort();
  signal?.addEventListener("abort", stop, { once: true });
  let closed = false;
  try {
    const response = await fetchFn(url, { signal: controller.signal, headers: { Accept: "text/event-stream" } });
    if (!response.ok || !response.body) return undefined;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!/(^|\n)event:\s*PB_CONNECT\s*(\n|$)/.test(seen)) {
      const { done, value } = await reader.read();
      if (done) return undefined;
      seen = (seen + value).slice(-4096);
    }
    clearTimeout(timer);
    (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        // A failed read is a drop too.
      }
      if (!closed) onDrop();
    })();
    return {
      close() {
        closed = true;
        controller.abort();
      },
    };
  } catch {
    controller.abort();
    return undefined;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
}
