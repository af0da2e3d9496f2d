// The session: `BaseAuthStore` in memory, with the official members and rules (a token
// without a readable payload is expired; one without `exp` never expires), and
// `LocalAuthStore`, persisted in `localStorage`.

import { cookieValue, serializeCookie } from "./cookie.js";
import { wrong } from "./options.js";

/** The cookie the session is exported to and loaded from by default. */
const COOKIE_KEY = "pb_auth";

/** The JWT payload of `token`, or `{}` when it cannot be read. */
export function tokenPayload(token) {
  if (!token) return {};
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) || {};
  } catch {
    return {};
  }
}

/** Whether `token` expires within `threshold` seconds from now (or cannot be read). */
export function isTokenExpired(token, threshold = 0) {
  const payload = tokenPayload(token);
  return !(Object.keys(payload).length > 0 && (!payload.exp || payload.exp - threshold > Date.now() / 1000));
}

export class BaseAuthStore {
  constructor() {
    this.baseToken = "";
    this.baseModel = null;
    /** @type {Array<(token: string, record: object | null) => void>} */
    this.callbacks = [];
  }

  get token() {
    return this.baseToken;
  }

  get record() {
    return this.baseModel;
  }

  /** @deprecated the official alias of `record` */
  get model() {
    return this.baseModel;
  }

  get isValid() {
    return !isTokenExpired(this.token);
  }

  get isSuperuser() {
    const payload = tokenPayload(this.token);
    return (
      payload.type == "auth" &&
      (this.record?.collectionName == "_superusers" ||
        (!this.record?.collectionName && payload.collectionId == "pbc_3142635823"))
    );
  }

  /** @deprecated the official SDK's older name of `isSuperuser` (it warns, as there) */
  get isAdmin() {
    console.warn("Please replace pb.authStore.isAdmin with pb.authStore.isSuperuser.");
    return this.isSuperuser;
  }

  /** @deprecated a session of a regular auth record (it warns, as in the official SDK) */
  get isAuthRecord() {
    console.warn("Please replace pb.authStore.isAuthRecord with !pb.authStore.isSuperuser.");
    return tokenPayload(this.token).type == "auth" && !this.isSuperuser;
  }

  save(token, record) {
    this.baseToken = token || "";
    this.baseModel = record || null;
    this.triggerChange();
  }

  clear() {
    this.baseToken = "";
    this.baseModel = null;
    this.triggerChange();
  }

  /**
   * Takes the session from cookie `key` of a `Cookie` header (as `exportToCookie`
   * wrote it); anything unreadable there is signed out.
   */
  loadFromCookie(cookie, key = COOKIE_KEY) {
    let data = {};
    try {
      data = JSON.parse(cookieValue(cookie, key));
    } catch {
      // Signed out.
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) data = {};
    this.save(data.token || "", data.record || data.model || null);
  }

  /**
   * The session as a `Set-Cookie` value named `key`: by default `Secure`, `HttpOnly`,
   * `SameSite=Strict`, `Path=/`, expiring with the token. When it would be longer
   * than 4096 bytes, the record is cut down to its `id`, `email`, `collectionId`,
   * `collectionName` and `verified`.
   */
  exportToCookie(options, key = COOKIE_KEY) {
    const exp = tokenPayload(this.token).exp;
    const defaults = { secure: true, sameSite: true, httpOnly: true, path: "/", expires: new Date(exp ? exp * 1000 : 0) };
    options = Object.assign(defaults, options);
    const record = this.record ? JSON.parse(JSON.stringify(this.record)) : null;
    const cookie = serializeCookie(key, JSON.stringify({ token: this.token, record }), options);
    if (!record || new TextEncoder().encode(cookie).length <= 4096) return cookie;
    const kept = { id: record.id, email: record.email };
    for (const name of ["collectionId", "collectionName", "verified"]) if (name in record) kept[name] = record[name];
    return serializeCookie(key, JSON.stringify({ token: this.token, record: kept }), options);
  }

  /** Calls `callback(token, record)` on every change; returns how to stop. */
  onChange(callback, fireImmediately = false) {
    if (typeof callback !== "function") throw wrong("callback", "a function", callback);
    this.callbacks.push(callback);
    if (fireImmediately) callback(this.token, this.record);
    return () => {
      const i = this.callbacks.lastIndexOf(callback);
      if (i >= 0) this.callbacks.splice(i, 1);
    };
  }

  triggerChange() {
    for (const callback of this.callbacks) callback?.(this.token, this.record);
  }
}

/**
 * The session persisted in `localStorage` under `storageKey` (the official SDKs' key
 * and `{token, record}` format, so an app that switches SDKs keeps its session), loaded
 * from it, and following what other tabs store there (their sign-in or sign-out reaches
 * the listeners here). Where there is no `localStorage`, or it refuses a write (a full
 * storage, a private mode), the session is kept in memory.
 */
export class LocalAuthStore extends BaseAuthStore {
  constructor(storageKey = "pocketbase_auth") {
    super();
    this.storageKey = storageKey;
    this.#load(storage()?.getItem(storageKey));
    const target = typeof window !== "undefined" && storage() ? window : undefined;
    target?.addEventListener?.("storage", (e) => {
      if (e.key !== this.storageKey) return;
      this.#load(e.newValue);
      this.triggerChange();
    });
  }

  save(token, record) {
    try {
      storage()?.setItem(this.storageKey, JSON.stringify({ token, record }));
    } catch {
      // Kept in memory only.
    }
    super.save(token, record);
  }

  clear() {
    try {
      storage()?.removeItem(this.storageKey);
    } catch {
      // Nothing stored to remove.
    }
    super.clear();
  }

  /** Takes the session from a stored text; anything unreadable is signed out. */
  #load(text) {
    let saved = {};
    try {
      saved = JSON.parse(text ?? "{}") ?? {};
    } catch {
      saved = {};
    }
    const token = typeof saved.token === "string" ? saved.token : "";
    this.baseToken = token;
    this.baseModel = token ? (saved.record ?? saved.model ?? null) : null;
  }
}

/** `localStorage`, where the runtime has one and lets it be read. */
function storage() {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
