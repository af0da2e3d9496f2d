// Runs the official spec files (vitest.config.mjs) and holds every test's outcome to
// expected.mjs: a test named there (something this package does not offer, or does
// otherwise on purpose, each with its reason) must fail, and every other test must
// pass. So a regression fails the tier, and so does a difference that went away while
// its line stayed. Prints "official: N passed; M failed" for scripts/test.sh, where
// "passed" counts the tests that passed as they must, and "failed" every outcome that
// is not the expected one.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expectedFailures } from "./expected.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "official-specs-"));
const out = path.join(dir, "results.json");
const vitest = path.join(here, "node_modules", "vitest", "vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", "--reporter=verbose", "--reporter=json", `--outputFile.json=${out}`], {
  cwd: here,
  stdio: ["ignore", "inherit", "inherit"],
});
let report;
try {
  report = JSON.parse(readFileSync(out, "utf8"));
} catch (e) {
  console.error(`official: vitest wrote no results (exit ${run.status}): ${e.message}`);
  console.log("official: 0 passed; 1 failed");
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const seen = new Set();
let passed = 0;
let expected = 0;
const wrong = [];
for (const file of report.testResults) {
  if (file.status === "failed" && file.assertionResults.length === 0) wrong.push(`${file.name}: ${file.message}`);
  for (const t of file.assertionResults) {
    const name = [...t.ancestorTitles, t.title].join(" > ");
    seen.add(name);
    const why = expectedFailures[name];
    if (t.status === "passed" && why === undefined) passed++;
    else if (t.status === "failed" && why !== undefined) expected++;
    else if (why === undefined) wrong.push(`${t.status}, must pass: ${name}\n    ${(t.failureMessages ?? []).join("\n").split("\n")[0]}`);
    else wrong.push(`${t.status}, listed in expected.mjs as "${why}": ${name}`);
  }
}
for (const name of Object.keys(expectedFailures)) {
  if (!seen.has(name)) wrong.push(`listed in expected.mjs but not run: ${name}`);
}
console.log(`official: ${expected} tests of what the package does not offer, or does otherwise on purpose, failed as expected.mjs says`);
for (const w of wrong) console.error(`official: ${w}`);
console.log(`official: ${passed} passed; ${wrong.length} failed`);
process.exit(wrong.length ? 1 : 0);
