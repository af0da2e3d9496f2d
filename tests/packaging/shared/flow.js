// What every packaging test does with the installed package, in a browser or in Node:
// sign in as a superuser, list the backups, create a uniquely named one, find it listed,
// have an invalid name refused with a ClientResponseError, and verify the backup: the
// import instantiates one wasm module (the core), the first verify a second (the
// tools), a second verify none. The caller passes what
// it imported (`import PocketBase, { ClientResponseError } from "bosbase-backups"`);
// scripts/test-packaging.sh then asks the server, with curl, for the backup made here.

/**
 * @param {{PocketBase: Function, ClientResponseError: Function}} sdk
 * @param {string} serverUrl
 * @param {string} tag names the environment in the backup's name ([a-z0-9_])
 * @returns {Promise<{key: string, before: number, after: number}>} the backup made; how
 *   many were listed before and after
 */
export async function run({ PocketBase, ClientResponseError }, serverUrl, tag) {
  // The client is usable right after the import: no init call anywhere.
  const pb = new PocketBase(serverUrl);
  await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
  if (!pb.authStore.isValid || !pb.authStore.isSuperuser) throw new Error("not signed in as a superuser");

  const before = await pb.backups.getFullList();
  const name = `${tag}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}.zip`;
  const key = await pb.backups.create(name);
  if (key !== name) throw new Error(`create(${name}) answered ${key}`);
  if (before.some((b) => b.key === key)) throw new Error(`${key} listed before it was made`);
  const after = await pb.backups.getFullList();
  if (!after.some((b) => b.key === key && b.size > 0)) throw new Error(`${key} not listed after create`);

  let error;
  try {
    await pb.backups.create("Not Valid.zip");
  } catch (e) {
    error = e;
  }
  const refused =
    error instanceof ClientResponseError &&
    error instanceof Error &&
    error.status === 400 &&
    error.response?.data?.name?.code === "validation_match_invalid";
  if (!refused) throw new Error(`create("Not Valid.zip"): not a 400 ClientResponseError: ${error?.stack ?? error}`);

  // The modules the package instantiates (shared/count-wasm.js, imported before it):
  // the core at the import, the tools at the first verify, nothing more after that.
  const instantiated = globalThis.__wasmInstantiations;
  if (!Array.isArray(instantiated)) throw new Error("shared/count-wasm.js was not imported before the package");
  const atImport = instantiated.length;
  // The backup downloaded, then verified as a local Blob (verify by key is
  // plain-page/verify.html's, in many fresh pages).
  const report = await pb.backups.verify(await pb.backups.download(key));
  if (report.ok !== true || report.entries < 1) throw new Error(`verify(${key}): ${JSON.stringify(report)}`);
  const afterFirstVerify = instantiated.length;
  const again = await pb.backups.verify(new Blob(["not a zip"]));
  if (again.problems[0]?.code !== "zip_not_zip") throw new Error(`verify(Blob): ${JSON.stringify(again)}`);
  const modules = { atImport, afterFirstVerify, afterSecondVerify: instantiated.length };
  if (modules.atImport !== 1 || modules.afterFirstVerify !== 2 || modules.afterSecondVerify !== 2) {
    throw new Error(`wasm modules instantiated: ${JSON.stringify(modules)} (want 1 at the import, 2 after verify)`);
  }

  return { key, before: before.length, after: after.length, modules };
}

/**
 * In a page: runs the flow against the server named by `?pb=` (the backup named by
 * `?tag=`) and shows the outcome in #status as JSON, {ok: true, key, …} or
 * {ok: false, error}, for tests/packaging/shared/browser.mjs to read.
 */
export function runInPage(sdk) {
  const params = new URLSearchParams(location.search);
  const status = document.getElementById("status");
  Promise.resolve()
    .then(() => {
      if (!params.get("pb")) throw new Error("no ?pb=<server url>");
      return run(sdk, params.get("pb"), params.get("tag") ?? "page");
    })
    .then(
      (result) => (status.textContent = JSON.stringify({ ok: true, ...result })),
      // The message and the stack: WebKit's `stack` holds only the frames.
      (e) => (status.textContent = JSON.stringify({ ok: false, error: `${e}\n${e?.stack ?? ""}` })),
    );
}
