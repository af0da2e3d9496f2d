// How sizes, dates, counts and keys are written on the page.
export function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return "?";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function parseModified(modified) {
  // The server writes "2026-11-28 05:59:21.176Z"; with a "T" it is ISO 8601.
  return new Date(String(modified).replace(" ", "T"));
}

export const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
export const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function percent(loaded, total) {
  if (!total) return 100;
  return Math.min(100, Math.floor((loaded / total) * 100));
}

export const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// Characters that show as nothing or reorder the text around them: controls,
// bidirectional overrides and isolates, zero-width and other format characters, line
// separators, unassigned and private-use code points, blank letters, and any space but
// the plain one. A key holding them can look like another key (U+202E turns
// "x\u202Epiz.exe" into "xexe.zip"), so confirmations show them escaped.
const HIDDEN_CHARS = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]|[^\S ]/gu;

// The key as confirmations show it: hidden characters as \u202E (\u{E0041} above
// U+FFFF), and a backslash as \\ so that the escapes cannot be faked.
export function showKey(key) {
  return key.replace(/\\/g, "\\\\").replace(HIDDEN_CHARS, (c) => {
    const hex = c.codePointAt(0).toString(16).toUpperCase();
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
  });
}

// A sentence for a confirmation about a key whose hidden characters were escaped.
export function hiddenNote(key) {
  return key.match(HIDDEN_CHARS)
    ? " Its name holds invisible or direction-changing characters, shown as \\u codes."
    : "";
}
