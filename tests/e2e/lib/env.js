// Paths and constants shared by the browser tests.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const OUT = path.join(ROOT, "test-output", "e2e");
export const SHOTS = path.join(ROOT, "test-output", "screenshots");
export const PB_BIN = process.env.PB_BIN || path.join(ROOT, ".venv-pb", "bin", "pocketbase");
export const EMAIL = "admin@example.com";
export const PASSWORD = "password123";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits until `check()` returns something truthy (and returns it), polling every
// `every` ms; fails with `what` after `timeout` ms.
export async function waitUntil(what, check, { timeout = 60_000, every = 100 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await sleep(every);
  }
}

// Stages www/ and the built package in a public folder of its own, as demo.sh does.
// Other developers may rebuild pkg/ meanwhile (it is replaced as a whole), so a copy
// that finds a file missing is tried again.
export async function stagePublic(name) {
  const pkgEntry = path.join(ROOT, "pkg", "web", "bosbase_backups.js");
  const dir = path.join(OUT, `public-${name}`);
  await waitUntil("a built pkg/ (run scripts/build.sh)", () => {
    if (!existsSync(pkgEntry)) return false;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(ROOT, "www"), dir, { recursive: true });
    cpSync(path.join(ROOT, "pkg"), path.join(dir, "pkg"), { recursive: true });
    return existsSync(path.join(dir, "pkg", "web", "bosbase_backups_bg.wasm"))
      && existsSync(path.join(dir, "pkg", "web", "bosbase_backups.js"));
  }, { timeout: 180_000, every: 1000 });
  return dir;
}
