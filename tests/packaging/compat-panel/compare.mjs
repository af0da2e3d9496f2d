// Holds the panel's two runs side by side: the official SDK's and bosbase-backups'.
// Both must have finished; after normalising what differs from run to run (the
// server's address, the time in backup names, the server's data folder in its
// messages), their steps must be the same, field by field, but for the differences
// listed below: DELIBERATE (the project's documented choices) and REPORTED (not yet as
// the official SDK, to be fixed). Each must occur exactly as written, so a new
// difference fails, and so does a listed one that has gone away (remove it here then).
//
//   node compare.mjs OFFICIAL.json BOSBASE.json
//
// Prints every difference it found, with why it is allowed, then `same` or what failed.
import { readFileSync } from "node:fs";

const SERVER = "<server>";
const STAMP = "<stamp>";

/**
 * Deliberate differences. The project resolves create and upload with the stored key
 * where the official SDK resolves with `true` (both truthy), and refuses before any
 * request what it can tell is wrong (an invalid backup name; a file that is not a zip,
 * read with `inspect` first), answering with the server's status and answer, the URL
 * the request would have gone to, and a message that says why.
 */
const DELIBERATE = [
  {
    step: "create", field: "type", official: "boolean", bosbase: "string",
    why: "backups.create resolves with the key it stored, not true",
  },
  {
    step: "create", field: "value", official: true, bosbase: `panel_${STAMP}.zip`,
    why: "backups.create resolves with the key it stored, not true",
  },
  {
    step: "upload", field: "type", official: "boolean", bosbase: "string",
    why: "backups.upload resolves with the key it stored, not true",
  },
  {
    step: "upload", field: "value", official: true, bosbase: `panel_${STAMP}_copy.zip`,
    why: "backups.upload resolves with the key it stored, not true",
  },
  {
    step: "create, invalid name", field: "requests", official: ["POST /api/backups", "400 /api/backups"], bosbase: [],
    why: "an invalid name is refused before any request, with the server's status, answer and code and the URL it would have gone to: no hook runs, and the message says why",
  },
  {
    step: "create, invalid name", field: "message",
    official: "An error occurred while validating the submitted data.",
    bosbase: 'The backup name is refused: a name has only lowercase letters (a-z), digits, "_" and "-", and ends in ".zip".',
    why: "an invalid name is refused before any request, with the server's status, answer and code and the URL it would have gone to: no hook runs, and the message says why",
  },
  {
    step: "create, existing name", field: "requests",
    official: ["POST /api/backups", "400 /api/backups"],
    bosbase: ["POST /api/backups", "400 /api/backups", "GET /api/backups", "200 /api/backups"],
    why: "a create refused as \"already exists\" is followed by the list of backups: the server answers so too when it cannot reach its S3 storage, and then the list's error says why",
  },
  {
    step: "upload, not a zip", field: "codes.file", official: "validation_invalid_mime_type", bosbase: "zip_not_zip",
    why: "upload's `verify` (on by default) reads the file and refuses a non-zip before any request, with a code of its own and the URL it would have gone to: no hook runs, and the message says why",
  },
  {
    step: "upload, not a zip", field: "requests", official: ["POST /api/backups/upload", "400 /api/backups/upload"], bosbase: [],
    why: "upload's `verify` (on by default) reads the file and refuses a non-zip before any request, with a code of its own and the URL it would have gone to: no hook runs, and the message says why",
  },
  {
    step: "upload, not a zip", field: "message",
    official: "An error occurred while validating the submitted data.",
    bosbase: "This file is not a zip archive: it has no end-of-central-directory record at its end.",
    why: "upload's `verify` (on by default) reads the file and refuses a non-zip before any request, with a code of its own and the URL it would have gone to: no hook runs, and the message says why",
  },
];

/**
 * Not deliberate: where bosbase-backups does not yet behave as the official SDK, found
 * by this test and reported for a fix. Remove an entry once the facade is fixed (the
 * comparison fails until it is).
 */
const REPORTED = [];

/**
 * What the official SDK's run must show (so two runs that broke the same way do not
 * pass): the panel did what it says.
 */
const EXPECTED = [
  ["health, superuser", "possibleProxyHeader", "X-Forwarded-For"], // beforeSend's header reached the server
  ["health, superuser", "seenByPanel", true], // afterSend's result replaced the answer
  ["sign in", "storedToken", true],
  ["create, invalid name", "codes.name", "validation_match_invalid"],
  ["create, existing name", "codes.name", "validation_backup_name_exists"],
  ["download", "zip", true],
  ["download", "listedSize", true],
  ["download, bad token", "status", 403],
  ["list after upload", "keys", [`panel_${STAMP}.zip`, `panel_${STAMP}_copy.zip`]],
  ["list after upload", "sameSize", true],
  ["cancelled by requestKey", "isAbort", true],
  ["auto-cancelled duplicate", "first.isAbort", true],
  ["cancelAllRequests", "isAbort", true],
  ["restore", "value", true],
  ["restore, server back", "appNames", ["Renamed by the panel", "Acme"]], // restarted on the old data
  ["list after delete", "keys", [`panel_${STAMP}.zip`]],
  ["sign out", "stored", null],
  ["after unsubscribe", "status", 401],
];

/** Normalised text of a report's steps. */
function normalise(report) {
  return JSON.parse(
    JSON.stringify(report.steps)
      .replace(/https?:\/\/127\.0\.0\.1:\d+/g, SERVER)
      .replace(/\d{8}_\d{6}/g, STAMP)
      .replace(/(?:\/[^\s/"\\]+)+\/pb_data\//g, "<pb_data>/"),
  );
}

/** A step's fields as dotted paths (objects are walked, arrays compared whole). */
function flatten(value, prefix = "", into = new Map()) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    if (Object.keys(value).length === 0 && prefix) into.set(prefix, {});
  } else {
    into.set(prefix, value);
  }
  return into;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const show = (v) => (v === undefined ? "(absent)" : JSON.stringify(v));

const [officialFile, bosbaseFile] = process.argv.slice(2);
if (!officialFile || !bosbaseFile) {
  console.error("usage: node compare.mjs OFFICIAL.json BOSBASE.json");
  process.exit(2);
}
const reports = [officialFile, bosbaseFile].map((file) => {
  const lines = readFileSync(file, "utf8").trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
});
const problems = [];
for (const [name, report] of [["official", reports[0]], ["bosbase", reports[1]]]) {
  if (report.ok !== true) problems.push(`the ${name} run did not finish: ${report.error ?? "no report"}`);
  if (report.pageErrors?.length) problems.push(`the ${name} run threw: ${report.pageErrors.join(" | ")}`);
}
const [official, bosbase] = reports.map((r) => normalise({ steps: r.steps ?? [] }));

for (const [step, field, value] of EXPECTED) {
  const seen = flatten(official.find((s) => s.step === step) ?? {}).get(field);
  if (!same(seen, value)) problems.push(`official run, ${step} / ${field}: ${show(seen)}, expected ${show(value)}`);
}

const names = (steps) => steps.map((s) => s.step);
if (!same(names(official), names(bosbase))) {
  problems.push(`different steps:\n  official ${show(names(official))}\n  bosbase  ${show(names(bosbase))}`);
}

const found = [];
for (let i = 0; i < Math.min(official.length, bosbase.length); i++) {
  const [a, b] = [flatten(official[i]), flatten(bosbase[i])];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    if (!same(a.get(field), b.get(field))) {
      found.push({ step: official[i].step, field, official: a.get(field), bosbase: b.get(field) });
    }
  }
}

const allowed = (d, rule) =>
  rule.step === d.step && rule.field === d.field && same(rule.official, d.official) && same(rule.bosbase, d.bosbase);
const listed = [...DELIBERATE.map((r) => ({ ...r, kind: "deliberate" })), ...REPORTED.map((r) => ({ ...r, kind: "reported" }))];
const byReason = new Map(); // "kind: why" -> differences
for (const d of found) {
  const rule = listed.find((r) => allowed(d, r));
  const where = `${d.step} / ${d.field}: official ${show(d.official)}, bosbase ${show(d.bosbase)}`;
  if (!rule) problems.push(`not a listed difference: ${where}`);
  const reason = rule ? `${rule.kind}: ${rule.why}` : "NOT LISTED";
  byReason.set(reason, [...(byReason.get(reason) ?? []), where]);
}
const order = (reason) => ["deliberate", "reported"].indexOf(reason.split(":")[0]);
for (const [reason, wheres] of [...byReason].sort(([a], [b]) => order(a) - order(b))) {
  console.log(reason);
  for (const where of wheres) console.log(`  ${where}`);
}
for (const rule of listed) {
  if (!found.some((d) => allowed(d, rule))) {
    problems.push(`listed but not seen (remove it from compare.mjs if the SDKs now agree): ${rule.step} / ${rule.field}`);
  }
}

console.log(
  `${official.length} steps; ${found.length} differences: ${DELIBERATE.length} deliberate, ${REPORTED.length} reported`,
);
if (problems.length) {
  for (const p of problems) console.log(`FAILED: ${p}`);
  process.exit(1);
}
console.log("same but for the listed differences");
