// The option bags: every call takes the official SDK's `SendOptions` with its rules
// (unknown keys become query parameters, `params` and `query` merge, `$autoCancel` /
// `$cancelKey`, `RequestInit` fields passed to `fetch`); an argument of the wrong kind
// is a `TypeError` that names it, before any request.

/** Keys of `SendOptions` that are never query parameters. */
const SEND_KEYS = new Set([
  "requestKey", "$cancelKey", "$autoCancel", "fetch", "headers", "body", "query", "params", "signal",
  "method", "window", "timeout",
]);

/** `RequestInit` fields handed to `fetch` as given. */
const INIT_KEYS = new Set([
  "cache", "credentials", "integrity", "keepalive", "mode", "redirect", "referrer", "referrerPolicy", "priority",
]);

/** True for a key of `SendOptions` or `RequestInit`: any other key is a query parameter. */
export function isOptionKey(key) {
  return SEND_KEYS.has(key) || INIT_KEYS.has(key);
}

/** How a value is named in an error message: `null`, `an array`, or its `typeof`. */
function describe(v) {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

/** The `TypeError` for `what` not being `expected`. */
export function wrong(what, expected, got) {
  return new TypeError(`${what} must be ${expected}, got ${describe(got)}.`);
}

/** An options object: `undefined`/`null` give `undefined`; anything but a plain
 * (non-array, non-function) object is a `TypeError`. */
export function object(v, what) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object" && !Array.isArray(v)) return v;
  throw wrong(what, "an object", v);
}

/** A string argument; one with a lone surrogate is refused (it would name another
 * thing than the caller's once encoded). */
export function string(v, what) {
  if (typeof v !== "string") throw wrong(what, "a string", v);
  if (!v.isWellFormed?.() && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v)) {
    throw new TypeError(`${what} must be valid Unicode: it holds a lone surrogate (half of a UTF-16 pair).`);
  }
  return v;
}

/** An optional function (`null` counts as absent). */
export function fn(obj, name, what) {
  const v = obj?.[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "function") throw wrong(what, "a function", v);
  return v;
}

/** An optional number that passes `valid`, else `message` as a `TypeError`. */
export function number(obj, name, valid, message) {
  const v = obj?.[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !valid(v)) throw new TypeError(message);
  return v;
}

/** A limit in milliseconds, as `timeout` and `timeoutMs` take it: from 1 ms (a
 * fraction would fire at once) to 24 h. */
export const validMillis = (ms) => ms >= 1 && ms <= 86_400_000;

/**
 * The options of a call, as the client's `send` takes them: `own` names the keys the
 * call reads itself (neither query parameters nor errors).
 * @param {unknown} options
 * @param {string[]} [own]
 */
export function sendOptions(options, own = []) {
  const obj = object(options, "options");
  if (!obj) return {};
  // Precedence as in the official SDK: unknown keys over `query` over `params`.
  const query = {};
  for (const name of ["params", "query"]) Object.assign(query, object(obj[name], `options.${name}`));
  const out = {};
  for (const [key, value] of Object.entries(obj)) {
    if (INIT_KEYS.has(key)) out[key] = value;
    else if (!SEND_KEYS.has(key) && !own.includes(key)) query[key] = value;
  }
  const special = (name) => {
    const v = obj[name] ?? query[name];
    delete query[name];
    return v;
  };
  const [autoCancel, cancelKey] = [special("$autoCancel"), special("$cancelKey")];
  if (obj.requestKey === null) out.requestKey = null;
  else if (obj.requestKey !== undefined) out.requestKey = string(obj.requestKey, "options.requestKey");
  else if (autoCancel === false) out.requestKey = null;
  else if (typeof cancelKey === "string" && cancelKey) out.requestKey = cancelKey;
  out.query = query;
  if (obj.headers !== undefined) {
    out.headers = {};
    for (const [name, value] of Object.entries(object(obj.headers, "options.headers") ?? {})) {
      out.headers[name] = string(value, `options.headers["${name}"]`);
    }
  }
  if (obj.signal !== undefined && obj.signal !== null) {
    if (!(obj.signal instanceof AbortSignal)) throw wrong("options.signal", "an AbortSignal", obj.signal);
    out.signal = obj.signal;
  }
  const timeout = number(obj, "timeout", validMillis, "options.timeout must be a number of milliseconds from 1 to 86400000 (24 h).");
  if (timeout !== undefined) out.timeout = timeout;
  const fetch = fn(obj, "fetch", "options.fetch");
  if (fetch) out.fetch = fetch;
  return out;
}
