// The "Schedule & storage" panel: the server's automatic backups (cron expression,
// how many are kept, the next runs in local time, a run now) and where backups are
// stored (the server's disk or an S3 bucket, with a connection test). The S3 secret
// is write-only: the server never sends it back, and the page never shows it. The
// server's connection test tries the saved settings, never the ones in the form, so
// the page runs it only while the form shows exactly what is saved.
import { $, setStatus, text } from "./dom.js";
import { explain, fail } from "./errors.js";
import { dateFormat, showKey } from "./format.js";
import { change, refresh } from "./list.js";
import { onView } from "./session.js";
import { onUpdate, page } from "./state.js";

const NEXT_SHOWN = 3;
let saved = null; // the storage as the server has it ({local} or {local, s3}), null until loaded
let s3Saved = false; // the server has S3 settings (and so a secret) already
let savedCron = ""; // the schedule the server runs: "Run now" runs its job, which exists only then

function presetFor(cron) {
  const known = [...$("cron-preset").options].some((o) => o.value === cron && o.value !== "custom");
  return known ? cron : "custom";
}

function showSchedule({ cron, maxKeep, nextRuns }) {
  savedCron = cron;
  $("cron").value = cron;
  $("cron-preset").value = presetFor(cron);
  $("max-keep").value = String(maxKeep);
  $("cron").setAttribute("aria-invalid", "false");
  $("cron-hint").textContent = cron ? "" : "Automatic backups are off.";
  delete $("cron-hint").dataset.kind;
  const runs = nextRuns.slice(0, NEXT_SHOWN);
  $("next-runs").replaceChildren(
    ...(runs.length
      ? [text("p", "Next runs (your local time):"), listOf(runs.map((d) => dateFormat.format(d)))]
      : []),
  );
  $("schedule-run").disabled = !cron || Boolean(page.busy);
}

function listOf(items) {
  const ul = document.createElement("ul");
  ul.id = "next-runs-list";
  ul.append(...items.map((item) => text("li", item)));
  return ul;
}

// What the server holds, whether or not the form shows it.
function rememberStorage(storage) {
  saved = storage;
  s3Saved = Boolean(storage.s3);
}

function showStorage(storage) {
  rememberStorage(storage);
  const s3 = storage.s3 ?? null;
  $(s3 ? "storage-s3" : "storage-local").checked = true;
  $("s3-endpoint").value = s3?.endpoint ?? "";
  $("s3-bucket").value = s3?.bucket ?? "";
  $("s3-region").value = s3?.region ?? "";
  $("s3-access-key").value = s3?.accessKey ?? "";
  $("s3-path-style").checked = Boolean(s3?.forcePathStyle);
  $("s3-secret").value = "";
  $("s3-secret").placeholder = s3 ? "•••••••• (saved)" : "";
  showS3Fields();
}

function showS3Fields() {
  $("s3-fields").hidden = !$("storage-s3").checked;
}

function setVerdict(message, kind) {
  const verdict = $("storage-verdict");
  verdict.textContent = message;
  if (kind) verdict.dataset.kind = kind;
  else delete verdict.dataset.kind;
}

// A form the user has started to edit is theirs: the settings loaded at sign-in, which
// may answer later (the schedule waits for the tools module), do not overwrite it.
const edited = { schedule: false, storage: false };
for (const form of ["schedule", "storage"]) {
  for (const type of ["input", "change"]) {
    $(`${form}-form`).addEventListener(type, () => {
      edited[form] = true;
    });
  }
}

async function load() {
  try {
    const [schedule, storage] = await Promise.all([
      page.client.backups.getSchedule({ requestKey: null }),
      page.client.backups.getStorage({ requestKey: null }),
    ]);
    if (!edited.schedule) showSchedule(schedule);
    if (edited.storage) rememberStorage(storage);
    else showStorage(storage);
  } catch (err) {
    fail(err, "Could not load the schedule and storage settings: ");
  }
}

onView((signedIn) => {
  if (signedIn) load();
  else {
    savedCron = "";
    saved = null;
    edited.schedule = edited.storage = false;
    $("s3-secret").value = "";
    setVerdict("", "");
  }
});

onUpdate(() => {
  const busy = Boolean(page.busy);
  $("schedule-save").disabled = busy;
  $("schedule-run").disabled = busy || !savedCron;
  $("storage-save").disabled = busy;
  $("storage-test").disabled = busy;
});

$("cron-preset").addEventListener("change", () => {
  const preset = $("cron-preset").value;
  if (preset !== "custom") $("cron").value = preset;
  if (preset === "custom") $("cron").focus();
});
$("cron").addEventListener("input", () => {
  $("cron-preset").value = presetFor($("cron").value.trim());
});

$("schedule-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const cron = $("cron").value.trim();
  const maxKeep = Number($("max-keep").value);
  if (!Number.isInteger(maxKeep) || maxKeep < 1) {
    setStatus("Not saved: the number of automatic backups kept must be a whole number, 1 or more.", "error");
    $("max-keep").focus();
    return;
  }
  change("schedule", cron ? `Saving the schedule “${cron}”…` : "Turning automatic backups off…", async () => {
    try {
      showSchedule(await page.client.backups.setSchedule({ cron, maxKeep }));
      edited.schedule = false;
    } catch (err) {
      if (err?.response?.data?.backups?.cron || err?.response?.data?.cron) {
        $("cron").setAttribute("aria-invalid", "true");
        $("cron-hint").textContent = explain(err);
        $("cron-hint").dataset.kind = "error";
        $("cron").focus();
      }
      throw err;
    }
    setStatus(cron ? `Schedule saved: automatic backups run at “${cron}” (UTC).` : "Automatic backups are off.", "ok");
  });
});

$("schedule-run").addEventListener("click", () => {
  change("schedule", "Running the scheduled backup now… The server archives all its data; this can take a while.", async () => {
    const key = await page.client.backups.runScheduledNow({ requestKey: null });
    await refresh({ fresh: key, done: `The scheduled backup ran: ${showKey(key)}.` });
  });
});

for (const id of ["storage-local", "storage-s3"]) $(id).addEventListener("change", showS3Fields);

function storageInput() {
  if ($("storage-local").checked) return { local: true };
  const s3 = {
    endpoint: $("s3-endpoint").value.trim(),
    bucket: $("s3-bucket").value.trim(),
    region: $("s3-region").value.trim(),
    accessKey: $("s3-access-key").value.trim(),
    forcePathStyle: $("s3-path-style").checked,
  };
  const secret = $("s3-secret").value;
  if (secret || !s3Saved) s3.secret = secret;
  return { s3 };
}

$("storage-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = storageInput();
  setVerdict("", "");
  change("storage", input.local ? "Storing backups on the server's disk…" : "Saving the S3 storage…", async () => {
    try {
      showStorage(await page.client.backups.setStorage(input, { requestKey: null }));
      edited.storage = false;
    } catch (err) {
      setVerdict(`Not saved: ${explain(err)}`, "error");
      throw err;
    }
    const where = input.local ? "on the server's disk" : `in the bucket ${input.s3.bucket}`;
    setVerdict(`Saved: new backups are stored ${where}.`, "ok");
    await refresh({ done: `Storage saved: backups are stored ${where}.` });
  });
});

// The S3 fields in the form's order, with the names the page gives them in sentences.
const S3_FIELDS = [
  ["s3-endpoint", "endpoint", "endpoint"],
  ["s3-bucket", "bucket", "bucket"],
  ["s3-region", "region", "region"],
  ["s3-access-key", "accessKey", "access key"],
];

// What saving the storage form would change, named; [] when it shows the saved settings.
function unsavedChanges() {
  const s3 = saved.s3 ?? null;
  if ($("storage-local").checked !== !s3) return ["where backups are stored"];
  if (!s3) return [];
  const changes = S3_FIELDS.filter(([id, field]) => $(id).value.trim() !== (s3[field] ?? "")).map(([, , name]) => name);
  if ($("s3-secret").value) changes.push("secret");
  if ($("s3-path-style").checked !== Boolean(s3.forcePathStyle)) changes.push("path-style addressing");
  return changes;
}

$("storage-test").addEventListener("click", () => {
  // A test of the saved settings would pass for a form holding a typo, which saved
  // would break the scheduled backups: what the form shows must be saved first.
  if (!saved) {
    setVerdict("Not tested: the saved storage settings have not loaded yet.", "error");
    return;
  }
  const changes = unsavedChanges();
  if (changes.length) {
    setVerdict(
      `Not tested: the form has changes that are not saved (${changes.join(", ")}). The server tests only the ` +
        "saved settings: save the storage first, then test the connection.",
      "error",
    );
    return;
  }
  const bucket = saved.s3?.bucket;
  setVerdict("Testing the connection…", "");
  change("storage", "Testing the S3 connection…", async () => {
    try {
      await page.client.backups.testStorage({ requestKey: null });
    } catch (err) {
      setVerdict(`The test failed: ${explain(err)}`, "error");
      throw err;
    }
    const since = saved && unsavedChanges().length ? " The form has changed since: save it, then test again." : "";
    setVerdict(`The saved settings work: the server reached the bucket ${bucket}; backups can be stored there.${since}`, "ok");
    setStatus("S3 connection test passed.", "ok");
  });
});
