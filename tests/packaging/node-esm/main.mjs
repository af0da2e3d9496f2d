// Node 20, ESM, the installed package: initialise the wasm from the .wasm bytes inside
// the installed package, sign in as a superuser, list, create, download, upload.
// Prints {"ok":true,"keys":[...]} (the backups it made) on stdout; exits 1 on failure.
//
//   node main.mjs PB_URL
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import init, { Client, ClientResponseError, isClientResponseError } from "bosbase-backups/web";

const pbUrl = process.argv[2];
if (!pbUrl) {
  console.error("usage: node main.mjs PB_URL");
  process.exit(2);
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function main() {
  // The exports map publishes the .wasm, so it resolves like any other subpath.
  const wasmPath = fileURLToPath(import.meta.resolve("bosbase-backups/web/bosbase_backups_bg.wasm"));
  await init({ module_or_path: await readFile(wasmPath) });

  const client = new Client(pbUrl); // no localStorage in Node: the session stays in memory
  check(client.baseURL.startsWith(pbUrl.replace(/\/$/, "")), `baseURL ${client.baseURL}`);
  const health = await client.health.check();
  check(health.code === 200, `health ${JSON.stringify(health)}`);

  try {
    await client.collection("_superusers").authWithPassword("admin@example.com", "wrong-password");
    check(false, "a wrong password was accepted");
  } catch (e) {
    check(isClientResponseError(e) && e.status === 400, `wrong password: ${e}`);
    check(e instanceof ClientResponseError && e instanceof Error, `not an instance of ClientResponseError: ${e}`);
    check(e.constructor.name === "ClientResponseError", `class name ${e.constructor.name}`);
    const made = new ClientResponseError({ status: 404, message: "Not found." });
    check(isClientResponseError(made) && made.status === 404 && made.message === "Not found." && !made.isAbort,
      `a hand-made ClientResponseError: ${JSON.stringify(made)}`);
  }
  const auth = await client.collection("_superusers").authWithPassword("admin@example.com", "password123");
  check(auth.token && client.authStore.isValid && client.authStore.isSuperuser, "not signed in as a superuser");

  const before = await client.backups.getFullList();
  const key = await client.backups.create(`node_${Date.now()}.zip`);
  const listed = (await client.backups.getFullList()).find((b) => b.key === key);
  check(listed && listed.size > 0, `${key} not listed after create`);
  check(!before.some((b) => b.key === key), `${key} listed before create`);

  // fetch streaming and FormData uploads work outside the browser too.
  const blob = await client.backups.download(key);
  check(blob.size === listed.size, `downloaded ${blob.size} bytes of ${listed.size}`);
  const report = await client.backups.inspect(blob);
  check(report.valid && report.isBackup, `inspect: ${JSON.stringify(report.error)}`);
  const uploadedName = `node_upload_${Date.now()}.zip`;
  const uploaded = await client.backups.upload(new File([blob], uploadedName));
  check(uploaded === uploadedName, `upload stored as ${uploaded}`);

  try {
    await client.backups.create("Not Valid.zip");
    check(false, "an invalid name was accepted");
  } catch (e) {
    check(isClientResponseError(e) && e.status === 400, `invalid name: ${e}`);
  }
  return [key, uploaded];
}

main().then(
  (keys) => console.log(JSON.stringify({ ok: true, keys })),
  (e) => {
    console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
    process.exit(1);
  },
);
