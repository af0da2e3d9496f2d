// Creating a backup, named (checked as it is typed) or automatic.
import { $, setStatus } from "./dom.js";
import { formatSize, showKey } from "./format.js";
import { change, onRender, refresh } from "./list.js";
import { NAME_MAX, NAME_RULE } from "./names.js";
import { onUpdate, page } from "./state.js";

// Checks the name as it is typed; returns whether it may be sent.
function checkName() {
  const input = $("name");
  const hint = $("name-hint");
  const name = input.value;
  let problem = "";
  if (name.length > NAME_MAX) problem = `Too long: ${name.length} characters, at most ${NAME_MAX}.`;
  else if (name && !NAME_RULE.test(name)) {
    problem = /\.zip$/.test(name)
      ? "Use only lowercase letters, digits, _ and - before .zip."
      : "The name must end in .zip, with only lowercase letters, digits, _ and - before it.";
  } else if (page.known.has(name)) problem = "A backup with this name already exists.";

  hint.textContent = problem || (name ? "Valid name." : "Leave empty for an automatic name.");
  hint.dataset.kind = problem ? "error" : name ? "ok" : "";
  input.setAttribute("aria-invalid", problem ? "true" : "false");
  return !problem;
}

$("name").addEventListener("input", checkName);
onRender(checkName);
onUpdate(() => {
  $("create").disabled = Boolean(page.busy);
});

$("create-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!checkName()) {
    setStatus(`Not created: ${$("name-hint").textContent}`, "error");
    $("name").focus();
    return;
  }
  const name = $("name").value;
  change("create", `Creating ${name || "a backup"}… The server archives all its data; this can take a while.`, async () => {
    const key = await page.client.backups.create(name || null);
    $("name").value = "";
    checkName();
    await refresh({ fresh: key });
    const made = page.backups.find((b) => b.key === key);
    setStatus(`Created ${showKey(key)}${made ? ` (${formatSize(made.size)})` : ""}.`, "ok");
  });
});
