// Small helpers over the page's elements: lookup, element builders, the status line
// and the confirmation dialog.
export const $ = (id) => document.getElementById(id);

export function text(tag, content, className = "") {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

export function button(content, label, onClick, className = "") {
  const b = text("button", content, className);
  b.type = "button";
  b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

export function cell(content, label, className = "") {
  const td = document.createElement("td");
  td.dataset.label = label;
  if (className) td.className = className;
  td.append(content);
  return td;
}

export function setStatus(message, kind = "info") {
  const line = $("status");
  line.textContent = message;
  line.dataset.kind = kind;
}

// A modal confirmation; resolves true when the user confirms. `details`: an element
// shown under the text (e.g. what a restore would change, filled in while it is open).
export function confirmDialog({ title, text: body, confirm, details = null }) {
  const dialog = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = body;
  $("confirm-ok").textContent = confirm;
  $("confirm-details").replaceChildren(...(details ? [details] : []));
  $("confirm-details").hidden = !details;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
    $("confirm-cancel").focus(); // the safe choice is the default one
  });
}

export function closeDialogs() {
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
}
