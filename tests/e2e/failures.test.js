// Readable errors for what goes wrong on the server's side, on a PocketBase of its own
// (port 8103): busy with another backup, a session revoked meanwhile, the server gone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, openPage, row, screenshots, signIn, signInAndList, statusOf, waitForStatus } from "./lib/browser.js";
import { PASSWORD, stagePublic, waitUntil } from "./lib/env.js";
import { startPocketBase } from "./lib/pocketbase.js";

const T = { timeout: 180_000 };
// A real server-side hook holds this one backup open for a while, so that the server
// is reliably busy when the page asks for another one.
const HELD = "held_open.zip";
const HOOKS = `onBackupCreate((e) => {
  if (e.name === "${HELD}") sleep(6000);
  e.next();
});
`;

let browser;
let pb;
let api;
const pages = [];

before(async () => {
  const publicDir = await stagePublic("failures");
  pb = await startPocketBase({ name: "failures", port: 8103, publicDir, hooks: HOOKS });
  api = pb.api;
  browser = await launch();
}, T);

after(async () => {
  // Stopped first, so that a failed check below cannot leave them running.
  await browser?.close();
  await pb?.stop();
  for (const p of pages) assert.deepEqual(p.problems, [], "no script errors or CSP violations on the page");
}, T);

async function page() {
  const p = await openPage(browser, `${pb.url}/`);
  pages.push(p);
  return p;
}

test("while another backup runs, creating one says the server is busy; later it works", T, async () => {
  const p = await page();
  await signInAndList(p);
  const held = api.createBackup(HELD);
  await waitUntil("the server to be busy", async () => (await api.ok("GET", "/api/health")).data.canBackup === false);

  await p.getByLabel("Name (optional)").fill("while_busy.zip");
  await p.getByRole("button", { name: "Create backup" }).click();
  const text = await waitForStatus(p, /busy/, { kind: "error" });
  assert.equal(text, "The server is busy with another backup or restore. Try again later.");
  assert.equal(await p.getByLabel("Name (optional)").inputValue(), "while_busy.zip", "the name is kept for the retry");
  await screenshots(p, "busy");

  await held;
  assert.deepEqual(await api.keys(), [HELD], "nothing else was created");
  await p.getByRole("button", { name: "Create backup" }).click();
  await waitForStatus(p, /^Created while_busy\.zip/, { kind: "ok" });
  assert.deepEqual(await api.keys(), [HELD, "while_busy.zip"]);
});

test("a session revoked meanwhile sends the user back to the sign-in form with a reason", T, async () => {
  const other = { email: "second@example.com", password: "second-password-1" };
  const made = await api.ok("POST", "/api/collections/_superusers/records", {
    email: other.email, password: other.password, passwordConfirm: other.password,
  });
  const p = await page();
  await signInAndList(p, other);
  assert.equal(await p.locator("#who").textContent(), other.email);
  // At sign-in the page sends the list (answered: the status counts the backups) and
  // the schedule and storage (answered together: the schedule shows), then nothing
  // until the user acts. Once both have answered, the Refresh below is the first
  // call to meet the revoked session; any earlier one answered 401 would sign out.
  await p.waitForFunction(() => document.getElementById("cron-hint").textContent !== "" || document.getElementById("next-runs-list"));

  await api.ok("DELETE", `/api/collections/_superusers/records/${made.id}`);
  await p.getByRole("button", { name: "Refresh" }).click();
  const text = await waitForStatus(p, /session/, { kind: "error" });
  assert.equal(text, "Could not load the backups: Your session has expired or was revoked. Please sign in again.");
  assert.ok(await p.locator("#login").isVisible());
  assert.ok(await p.locator("#manager").isHidden());
});

test("with the server down, every action says it cannot be reached", T, async () => {
  const p = await page();
  await signInAndList(p);
  await pb.stop();
  assert.equal(pb.running, false);

  const down = "Cannot reach 127.0.0.1:8103: no answer from the server. It may be down or restarting; try again once it is back.";
  await p.getByRole("button", { name: "Refresh" }).click();
  assert.equal(await waitForStatus(p, /Cannot reach/, { kind: "error" }), `Could not load the backups: ${down}`);
  assert.ok(await p.locator("#manager").isVisible(), "the session is kept: the server is only away");
  await screenshots(p, "server-down");

  await p.getByLabel("Name (optional)").fill("");
  await p.getByRole("button", { name: "Create backup" }).click();
  assert.equal(await waitForStatus(p, /^Cannot reach/, { kind: "error" }), down);

  await row(p, "while_busy.zip").getByRole("button", { name: "Download while_busy.zip" }).click();
  assert.equal(await waitForStatus(p, /^Download of while_busy\.zip failed/, { kind: "error" }), `Download of while_busy.zip failed: ${down}`);

  // Signing in again while the server is away says so too.
  await p.getByRole("button", { name: "Sign out" }).click();
  await signIn(p, { password: PASSWORD });
  assert.equal(await waitForStatus(p, /^Sign-in failed/, { kind: "error" }), `Sign-in failed: ${down}`);
  assert.match((await statusOf(p)).text, /Cannot reach/);
});
