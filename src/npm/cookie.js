// The session as a cookie, for server-rendered pages that carry it between requests
// (`loadFromCookie`, `exportToCookie` of the auth stores), with the official SDK's
// format: `<key>=<URI-encoded JSON {token, record}>` and its attributes.

/** What a cookie's name, value and text attributes may hold. */
const FIELD = /^[\u0009\u0020-\u007e\u0080-\u00ff]+$/;

/** The value of cookie `key` in a `Cookie` header (the first one of that name), or "". */
export function cookieValue(header, key) {
  for (const pair of String(header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== key) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.charCodeAt(0) === 0x22) value = value.slice(1, -1);
    try {
      return value.includes("%") ? decodeURIComponent(value) : value;
    } catch {
      return value;
    }
  }
  return "";
}

/**
 * A `Set-Cookie` value: `name=<value URI-encoded>` and the attributes `options` asks
 * for (`maxAge`, `domain`, `path`, `expires`, `httpOnly`, `secure`, `priority`,
 * `sameSite`, and `encode` in place of `encodeURIComponent`). A `TypeError` names
 * anything a cookie cannot hold.
 */
export function serializeCookie(name, value, options = {}) {
  const field = (v, what) => {
    if (!FIELD.test(v)) throw new TypeError(`The cookie's ${what} is invalid.`);
    return v;
  };
  const encoded = (options.encode ?? encodeURIComponent)(value);
  let cookie = field(name, "name") + "=" + (encoded && field(encoded, "value"));
  if (options.maxAge != null) {
    const age = options.maxAge - 0;
    if (!Number.isFinite(age)) throw new TypeError("The cookie's maxAge is invalid.");
    cookie += "; Max-Age=" + Math.floor(age);
  }
  if (options.domain) cookie += "; Domain=" + field(options.domain, "domain");
  if (options.path) cookie += "; Path=" + field(options.path, "path");
  if (options.expires) {
    const t = options.expires;
    if (!(t instanceof Date) || Number.isNaN(t.valueOf())) throw new TypeError("The cookie's expires is invalid.");
    cookie += "; Expires=" + t.toUTCString();
  }
  if (options.httpOnly) cookie += "; HttpOnly";
  if (options.secure) cookie += "; Secure";
  if (options.priority) cookie += "; Priority=" + attribute(options.priority, ["Low", "Medium", "High"], "priority");
  if (options.sameSite) {
    const sameSite = options.sameSite === true ? "strict" : options.sameSite;
    cookie += "; SameSite=" + attribute(sameSite, ["Lax", "Strict", "None"], "sameSite");
  }
  return cookie;
}

/** `value` as one of `allowed` (compared without case), as written there. */
function attribute(value, allowed, what) {
  const found = allowed.find((a) => typeof value === "string" && a.toLowerCase() === value.toLowerCase());
  if (!found) throw new TypeError(`The cookie's ${what} is invalid.`);
  return found;
}
