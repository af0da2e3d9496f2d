// What the user reads about a failure.
import { setStatus } from "./dom.js";
import { NAME_MAX } from "./names.js";
import { page } from "./state.js";

export function serverName() {
  return location.host || "the server";
}

// A sentence for the user about any failure.
export function explain(err) {
  if (!page.isClientResponseError(err)) return String(err?.message ?? err);
  const data = err.response?.data ?? {};
  const field = firstFieldError(data);
  const message = err.response?.message || err.message || "";

  if (err.status === 0) {
    if (err.isAbort) return "Cancelled.";
    if (err.originalError) {
      return `Cannot reach ${serverName()}: no answer from the server. It may be down or restarting; ` +
        "try again once it is back.";
    }
    return err.message; // refused before sending, or a restore that did not come back
  }
  if (/try again later/i.test(message)) {
    return "The server is busy with another backup or restore. Try again later.";
  }
  if (err.status === 401) return "Your session has expired or was revoked. Please sign in again.";
  if (err.status === 403) return "Only superusers can manage backups.";
  if (field) {
    switch (field.code) {
      case "validation_match_invalid":
        return "Invalid name: use only lowercase letters, digits, _ and -, ending in .zip.";
      case "validation_length_out_of_range":
        return `Invalid name: it must be 1 to ${NAME_MAX} characters long.`;
      case "validation_backup_name_exists":
        return "A backup with this name already exists.";
      default:
        return field.message ? `${message ? `${message} ` : ""}${field.message}`.trim() : message;
    }
  }
  if (err.status === 404) return `Not found: ${message || "the backup no longer exists."}`;
  return `${message || "The request failed."} (HTTP ${err.status})`;
}

// The first {code, message} in an error's data, however deep (settings errors nest
// them: data.backups.s3.bucket).
function firstFieldError(data, depth = 0) {
  if (!data || typeof data !== "object" || depth > 4) return null;
  if (typeof data.code === "string") return data;
  for (const value of Object.values(data)) {
    const found = firstFieldError(value, depth + 1);
    if (found) return found;
  }
  return null;
}

// Shows a failure; a call that finds the session gone sends the user back to sign in.
export function fail(err, prefix = "") {
  if (err?.isAbort) return;
  setStatus(prefix + explain(err), "error");
  if (err?.status === 401) page.client.authStore.clear();
}
