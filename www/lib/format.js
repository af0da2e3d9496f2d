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
// "x\u202Epiz.exe" into "xexe.zip"; U+200B makes a twin of "a.zip"), so wherever the
// page names a key it shows them escaped: the list, the prune preview, dialogs, panels
// and status lines all go through keyParts below.
const HIDDEN_CHARS = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]|[^\S ]/gu;

// The key in pieces: plain text, and each hidden character written as \u202E
// (\u{E0041} above U+FFFF) with `escape: true`. A backslash is written \\ so that an
// escape cannot be faked by typing one.
function keyParts(key) {
  const text = String(key);
  const parts = [];
  let last = 0;
  const plain = (s) => s && parts.push({ text: s.replace(/\\/g, "\\\\"), escape: false });
  for (const m of text.matchAll(HIDDEN_CHARS)) {
    plain(text.slice(last, m.index));
    const hex = m[0].codePointAt(0).toString(16).toUpperCase();
    parts.push({ text: hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`, escape: true });
    last = m.index + m[0].length;
  }
  plain(text.slice(last));
  return parts;
}

const HIDDEN_NOTE = "Its name holds invisible or direction-changing characters, shown as \\u codes.";

// The key as text (status lines, titles, dialogs, buttons' names).
export function showKey(key) {
  return keyParts(key).map((p) => p.text).join("");
}

// The key as an element (the list, the prune preview, the restore panel): the same text
// as showKey, each escape in a marked <span class="escape">.
export function keyNode(key) {
  const node = document.createElement("span");
  for (const p of keyParts(key)) {
    if (!p.escape) {
      node.append(p.text);
      continue;
    }
    const mark = document.createElement("span");
    mark.className = "escape";
    mark.textContent = p.text;
    node.append(mark);
  }
  if (hasHidden(key)) node.title = HIDDEN_NOTE;
  return node;
}

export function hasHidden(key) {
  return keyParts(key).some((p) => p.escape);
}

// A sentence for a confirmation about a key whose hidden characters were escaped.
export function hiddenNote(key) {
  return hasHidden(key) ? ` ${HIDDEN_NOTE}` : "";
}
