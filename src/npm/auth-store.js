// The session of the npm package's next core, in memory: the official `BaseAuthStore`'s
// members and rules (a token without a readable payload is expired; one without `exp`
// never expires). Not in the package yet.

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

  /** Calls `callback(token, record)` on every change; returns how to stop. */
  onChange(callback, fireImmediately = false) {
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
