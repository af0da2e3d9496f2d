// The client: base URL, language, session, request hooks, auto-cancellation, and
// `send`, with the official SDK's semantics (its README and .d.ts are the contract);
// every call's request goes through `send`.

import { ClientResponseError, MESSAGE } from "./client-response-error.js";
import { BaseAuthStore } from "./auth-store.js";
import { fn, isOptionKey, string, wrong } from "./options.js";
import { nodeCalls } from "./modules.js";
import { sendWithProgress } from "./transfer.js";

export class Client {
  #baseURL = "/";
  #lang = "en-US";
  #authStore;
  /** @type {((url: string, options: object) => any) | undefined} */
  #beforeSend;
  /** @type {((response: Response, data: any, options: object) => any) | undefined} */
  #afterSend;

  /**
   * @param {string} [baseURL]
   * @param {BaseAuthStore | null} [authStore]
   * @param {string} [lang]
   */
  constructor(baseURL = "/", authStore = null, lang = "en-US") {
    this.baseURL = baseURL;
    this.lang = lang;
    this.authStore = authStore ?? new BaseAuthStore();
    this.enableAutoCancellation = true;
    /** @type {Record<string, AbortController>} */
    this.cancelControllers = {};
  }

  // The official SDK's properties, each refusing a value of the wrong kind with a
  // `TypeError` when set (a wrong one would fail every later call, far from its cause).

  get baseURL() {
    return this.#baseURL;
  }
  set baseURL(v) {
    this.#baseURL = string(v, "baseURL");
  }

  get lang() {
    return this.#lang;
  }
  set lang(v) {
    this.#lang = string(v, "lang");
  }

  get authStore() {
    return this.#authStore;
  }
  set authStore(store) {
    if (typeof store?.save !== "function") throw wrong("authStore", "an auth store (e.g. a BaseAuthStore)", store);
    this.#authStore = store;
  }

  get beforeSend() {
    return this.#beforeSend;
  }
  set beforeSend(f) {
    this.#beforeSend = fn({ f }, "f", "beforeSend");
  }

  get afterSend() {
    return this.#afterSend;
  }
  set afterSend(f) {
    this.#afterSend = fn({ f }, "f", "afterSend");
  }

  /** @deprecated the official alias of `baseURL` */
  get baseUrl() {
    return this.baseURL;
  }
  set baseUrl(v) {
    this.baseURL = v;
  }

  /** @param {boolean} enable */
  autoCancellation(enable) {
    this.enableAutoCancellation = !!enable;
    return this;
  }

  /** @param {string} requestKey */
  cancelRequest(requestKey) {
    this.cancelControllers[requestKey]?.abort();
    delete this.cancelControllers[requestKey];
    return this;
  }

  cancelAllRequests() {
    for (const key in this.cancelControllers) this.cancelControllers[key].abort();
    this.cancelControllers = {};
    return this;
  }

  /**
   * The absolute URL of `path`: a relative base URL is resolved against the page's
   * origin (and, without a leading "/", its path), as the official SDK does.
   * @param {string} path
   */
  buildURL(path) {
    let url = this.baseURL;
    const location = typeof window !== "undefined" ? window.location : undefined;
    if (location && !url.startsWith("https://") && !url.startsWith("http://")) {
      url = (location.origin ?? "").replace(/\/$/, "");
      if (!this.baseURL.startsWith("/")) {
        url += location.pathname || "/";
        if (!url.endsWith("/")) url += "/";
      }
      url += this.baseURL;
    }
    if (path) {
      if (!url.endsWith("/")) url += "/";
      url += path.startsWith("/") ? path.slice(1) : path;
    }
    return url;
  }

  /** @deprecated the official alias of `buildURL` */
  buildUrl(path) {
    return this.buildURL(path);
  }

  /**
   * Sends a request and resolves with its JSON answer (after `afterSend`); rejects
   * with a `ClientResponseError` (status 0 without an answer, `isAbort` when
   * cancelled). `options`: method, headers, body, query, requestKey, signal, fetch,
   * and `timeout` (ms, this package's).
   * @param {string} path
   * @param {object} [options]
   */
  async send(path, options) {
    return (await this.exchange(string(path, "path"), options, "json")).data;
  }

  /**
   * `send`, for the core's plans too: `read` says how the answer is read — "json"
   * (the official `send`), "text" (the answer's text, for a plan; `afterSend` still
   * sees its JSON), or "raw" (the Response, body unread: a file). Resolves with
   * `{response, data, text, url}` (`url`: the one requested, query included, as the
   * error of a failed request carries it under `REQUEST_URL`).
   * @param {string} path
   * @param {object} [options]
   * @param {"json" | "text" | "raw"} [read]
   */
  async exchange(path, options, read = "json") {
    let url = this.buildURL(path);
    let timer;
    const timedOut = { ms: 0 };
    try {
      // A file is read with the file token its URL carries, never the session; no
      // live file token reaches a hook.
      const file = read === "raw";
      const hooked = !file && !options?.[NO_HOOKS];
      options = this.#initSendOptions(path, options ?? {}, !file);
      // The timeout runs from here, so that every wait of the request is bounded by
      // it and by the signal, the hooks' included.
      if (options.timeout > 0) {
        const controller = new AbortController();
        timedOut.ms = options.timeout;
        timer = setTimeout(() => controller.abort(), options.timeout);
        options.signal = options.signal ? anySignal([options.signal, controller.signal]) : controller.signal;
        timedOut.signal = controller.signal;
      }
      const stop = options.signal;
      const bounded = (promise) => until(promise, stop);
      if (this.beforeSend && hooked) {
        const result = Object.assign({}, await bounded(hook(this.beforeSend, url, options)));
        if (result.url !== undefined || result.options !== undefined) {
          url = result.url || url;
          options = result.options || options;
        } else if (Object.keys(result).length) {
          options = result;
          console?.warn?.(
            "Deprecated format of beforeSend return: please use `return { url, options }`, instead of `return options`.",
          );
        }
      }
      if (options.query !== undefined) {
        const query = serializeQueryParams(options.query);
        if (query) url += (url.includes("?") ? "&" : "?") + query;
        delete options.query;
      }
      if (getHeader(options.headers, "Content-Type") === "application/json" && options.body && typeof options.body !== "string") {
        options.body = JSON.stringify(options.body);
      }
      // Options a hook returned still end with the timeout and the call's signal.
      if (stop && options.signal !== stop) options.signal = options.signal ? anySignal([options.signal, stop]) : stop;
      const { timeout: _, fetch: custom, [UPLOAD_PROGRESS]: progress, ...init } = options;
      const fetcher = custom || fetch;
      // A request carrying the session or a body follows a redirect only to this
      // origin, by hand: the runtime would re-send them wherever the server points.
      const carries = init.body !== undefined || getHeader(init.headers, "Authorization") !== null;
      const byHand = carries && init.redirect === undefined;
      if (byHand) init.redirect = "manual";
      // An upload whose progress is wanted goes through XMLHttpRequest where there is
      // one (the only API that reports a request body's progress); in Node every form
      // goes through the Node entry's sender, which reports its bytes and never holds
      // a file whole; unless the caller brought its own fetch.
      const xhr = progress && !custom && typeof XMLHttpRequest !== "undefined";
      const node = !custom && !xhr && nodeCalls()?.send;
      const streamed = node && init.body instanceof FormData && node;
      const request = () => (xhr ? sendWithProgress(url, init, progress) : streamed ? streamed(url, init, progress) : fetcher(url, init));
      let response = await bounded(request());
      for (let hops = 0; init.redirect === "manual" && isRedirect(response); hops++) {
        const to = byHand && hops < MAX_REDIRECTS && (await bounded(redirectTarget(response, url, init, fetcher)));
        if (!to || originOf(to) !== originOf(url)) throw final(new ClientResponseError({ url, [MESSAGE]: REDIRECT_REFUSED }));
        url = to;
        response = await bounded(request());
      }
      if (xhr && response.url && originOf(response.url) !== originOf(url)) {
        throw final(new ClientResponseError({ url, [MESSAGE]: REDIRECTED_ELSEWHERE }));
      }
      if (file && response.status < 400) return { response, data: undefined, text: "", url };
      let text = "";
      let data = {};
      try {
        text = typeof response.text === "function" ? await bounded(response.text()) : JSON.stringify(await bounded(response.json()));
        data = text ? JSON.parse(text) : {};
      } catch (err) {
        if (options.signal?.aborted || err?.name === "AbortError" || err?.message === "Aborted") throw err;
      }
      if (this.afterSend && hooked) data = await bounded(hook(this.afterSend, response, data, options));
      if (response.status >= 400) {
        throw new ClientResponseError({ url: response.url, status: response.status, data });
      }
      return { response, data, text, url };
    } catch (err) {
      if (err instanceof HookError) throw final(new ClientResponseError(err.cause));
      if (err?.[FINAL]) throw err;
      if (timedOut.signal?.aborted && !(err instanceof ClientResponseError)) {
        const error = new ClientResponseError({ url, originalError: err, [MESSAGE]: `The request timed out after ${timedOut.ms} ms.` });
        throw Object.assign(error, { [TIMED_OUT]: true, [REQUEST_URL]: url });
      }
      throw Object.assign(new ClientResponseError(err), { [REQUEST_URL]: url });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The official option rules: defaults, legacy cancel keys, headers, auto-cancel. */
  #initSendOptions(path, options, withSession) {
    options = Object.assign({ method: "GET" }, options);
    options.body = formDataIfFiles(options.body);
    // Keys that are neither send options nor fetch's are query parameters, over `query`.
    options.query = Object.assign({}, options.params, options.query);
    for (const key of Object.keys(options)) {
      if (!isOptionKey(key)) {
        options.query[key] = options[key];
        delete options[key];
      }
    }
    delete options.params;
    if (options.requestKey === undefined) {
      if (options.$autoCancel === false || options.query.$autoCancel === false) options.requestKey = null;
      else if (options.$cancelKey || options.query.$cancelKey) options.requestKey = options.$cancelKey || options.query.$cancelKey;
    }
    delete options.$autoCancel;
    delete options.query.$autoCancel;
    delete options.$cancelKey;
    delete options.query.$cancelKey;
    if (getHeader(options.headers, "Content-Type") === null && !isFormData(options.body)) {
      options.headers = Object.assign({}, options.headers, { "Content-Type": "application/json" });
    }
    if (getHeader(options.headers, "Accept-Language") === null) {
      options.headers = Object.assign({}, options.headers, { "Accept-Language": this.lang });
    }
    if (withSession && this.authStore.token && getHeader(options.headers, "Authorization") === null) {
      options.headers = Object.assign({}, options.headers, { Authorization: this.authStore.token });
    }
    if (this.enableAutoCancellation && options.requestKey !== null) {
      const requestKey = options.requestKey || (options.method || "GET") + path;
      this.cancelRequest(requestKey);
      const controller = new AbortController();
      this.cancelControllers[requestKey] = controller;
      // The caller's own signal still cancels (the official SDK drops it here).
      options.signal = options.signal ? anySignal([options.signal, controller.signal]) : controller.signal;
    }
    delete options.requestKey;
    return options;
  }
}

/** The URL a failed request was sent to, query included (the error's own `url` is the
 * official one: the answer's, or none). */
export const REQUEST_URL = Symbol("request URL");

/** Marks the `ClientResponseError` of a request that ran out of its `timeout`. */
export const TIMED_OUT = Symbol("timed out");

/** Marks a `ClientResponseError` that ends the call as it is: an error a hook threw,
 * a redirect refused. */
export const FINAL = Symbol("final");

/** `e`, marked to end its call as it is. */
function final(e) {
  return Object.assign(e, { [FINAL]: true });
}

/** The option (of a request the core's plans make) that keeps it from the hooks: it
 * carries a live file token. */
export const NO_HOOKS = Symbol("no hooks");

/** The option (of a request the core's plans make) that sends an upload with progress:
 * `(loaded, total)` in request bytes. */
export const UPLOAD_PROGRESS = Symbol("upload progress");

/** True for an answer that redirects: opaque in browsers, a 3xx status in Node. */
function isRedirect(response) {
  return response.type === "opaqueredirect" || [301, 302, 303, 307, 308].includes(response.status);
}

/** How many redirects of a request carrying the session or a body are followed. */
const MAX_REDIRECTS = 5;

/** Where the redirect `response` to `url` points: its `Location` where the runtime
 * shows it (Node), else where `url` leads when asked again with nothing of the
 * request's — no headers, no body — and redirects followed (browsers hide an opaque
 * redirect's `Location`). False when that cannot be learned (a loop fails the probe). */
async function redirectTarget(response, url, init, fetcher) {
  const location = response.headers?.get?.("location");
  if (location) return new URL(location, url).href;
  const { headers, body, method, redirect, ...rest } = init;
  let probe;
  try {
    probe = await fetcher(url, { ...rest, method: "HEAD" });
  } catch (e) {
    if (rest.signal?.aborted) throw e;
  }
  return probe?.url !== url && probe?.url;
}

/** The origin of `url` (relative to the page's, where there is one). */
function originOf(url) {
  return new URL(url, globalThis.location?.href).origin;
}

/** Why an answer that redirects a request carrying the session or a body is refused. */
const REDIRECT_REFUSED =
  "The server answered with a redirect that is not followed: a request that carries the session or a body follows one " +
  "only to the same origin, at most 5 times. Set the client's base URL to the address the server redirects to.";

/** Why an upload answered from another origin than the one it was sent to is refused
 * (XMLHttpRequest follows every redirect; the browser drops the session on the way). */
const REDIRECTED_ELSEWHERE =
  "The server redirected the upload to another origin; the answer from there is not this server's: " +
  "set the client's base URL to the address the server redirects to.";

class HookError extends Error {}

/** Calls a hook; what it throws is told apart from a failed request. */
async function hook(f, ...args) {
  try {
    return await f(...args);
  } catch (e) {
    throw new HookError("hook", { cause: e });
  }
}

/** The value of header `name` in a plain headers object, whatever its case, or null. */
function getHeader(headers, name) {
  name = name.toLowerCase();
  for (const key in headers ?? {}) if (key.toLowerCase() === name) return headers[key];
  return null;
}

function isFormData(body) {
  return typeof FormData !== "undefined" && body instanceof FormData;
}

/** A plain object body holding a File or Blob (or an array with one) sent as the
 * official SDK sends it: a FormData, files and plain values as parts, other objects
 * and arrays as `@jsonPayload` parts of JSON, undefined values left out. Any other
 * body as it is. */
function formDataIfFiles(body) {
  const hasFile = (v) => (Array.isArray(v) ? v : [v]).some((x) => typeof Blob !== "undefined" && x instanceof Blob);
  if (typeof FormData === "undefined" || !body || typeof body !== "object" || isFormData(body) || !Object.values(body).some(hasFile)) {
    return body;
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (typeof value === "object" && !hasFile(value)) form.append("@jsonPayload", JSON.stringify({ [key]: value }));
    else for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

/** `promise`, or a rejection with the reason of `signal` as soon as it aborts: no wait
 * outlives the call's timeout or signal, whatever a hook or a custom fetch does. */
function until(promise, signal) {
  if (!signal) return promise;
  let abort;
  const aborted = new Promise((_, reject) => {
    abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort);
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", abort));
}

/** A signal that aborts when any of `signals` does. */
function anySignal(signals) {
  if (typeof AbortSignal.any === "function") return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener("abort", () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/** The official query encoding: arrays repeat the key, Dates as the server's format. */
export function serializeQueryParams(params) {
  const out = [];
  for (const key in params) {
    const values = Array.isArray(params[key]) ? params[key] : [params[key]];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      const text = v instanceof Date ? v.toISOString().replace("T", " ") : typeof v === "object" ? JSON.stringify(v) : v;
      out.push(encodeURIComponent(key) + "=" + encodeURIComponent(text));
    }
  }
  return out.join("&");
}
