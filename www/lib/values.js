// How a record's values from a backup are written in the records table: as text only,
// JSON compact, a file field by its file names, a long value cut short with the whole of
// it one click away (the value dialog).
import { $, text } from "./dom.js";

// Characters of a value shown in a cell before it is cut short.
export const CELL_MAX = 60;

// A field's value as one line of text.
export function valueText(value, type) {
  if (value === null || value === undefined) return "";
  if (type === "file") return [value].flat().filter((v) => v !== "" && v !== null).map(String).join(", ");
  if (type === "json") return JSON.stringify(value);
  if (isStringList(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// The whole value, for the dialog: JSON indented, other text as it is.
function fullText(value, type) {
  const structured = value !== null && typeof value === "object" && !isStringList(value);
  if (type === "json" || (structured && type !== "file")) return JSON.stringify(value, null, 2);
  return valueText(value, type);
}

const isStringList = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");

// A cell's content: the value on one line, cut to CELL_MAX characters (whole code
// points) with a button that shows all of it. `what` names the value ("title of abc").
export function valueNode(value, type, what) {
  const line = valueText(value, type).replace(/\s+/g, " ");
  const chars = Array.from(line);
  if (chars.length <= CELL_MAX) return text("span", line, "value");
  const node = document.createElement("span");
  node.className = "value cut";
  node.append(text("span", `${chars.slice(0, CELL_MAX).join("")}…`));
  const more = text("button", "more", "more");
  more.type = "button";
  more.setAttribute("aria-label", `Show all of ${what}`);
  more.addEventListener("click", () => showValue(what, fullText(value, type)));
  node.append(" ", more);
  return node;
}

function showValue(what, full) {
  $("value-title").textContent = what;
  $("value-full").textContent = full;
  $("value-dialog").showModal();
  $("value-close").focus();
}
