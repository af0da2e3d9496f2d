// Node ESM with the installed package, as a user writes it: the default import, no init
// call. Runs the shared flow (sign in, list, create, refused name), then what only a
// script shows easily: the "node" export condition chose node.js, the inline entry
// shares the classes, init() and initSync() again are harmless, and a download,
// inspection and upload of the backup. Prints {"ok":true,"keys":[...],"node":"v…"} on
// stdout (the backups it made); exits 1 on failure. Run by Node 20 and Node 22.
//
//   node main.mjs PB_URL
import "./shared/count-wasm.js";
import PocketBase, { ClientResponseError, Client, init, initSync, isClientResponseError } from "bosbase-backups";
import InlinePocketBase, { ClientResponseError as InlineClientResponseError } from "bosbase-backups/inline";
import { run } from "./shared/flow.js";

const pbUrl = process.argv[2];
if (!pbUrl) {
  console.error("usage: node main.mjs PB_URL");
  process.exit(2);
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function main() {
  const resolved = import.meta.resolve("bosbase-backups");
  check(resolved.endsWith("/node_modules/bosbase-backups/node.js"), `"bosbase-backups" resolved to ${resolved}`);

  const { key } = await run({ PocketBase, ClientResponseError }, pbUrl, `node${process.versions.node.split(".")[0]}`);

  // One glue module behind every entry: the same classes, instanceof across entries.
  check(PocketBase === Client && InlinePocketBase === PocketBase, "the entries export different client classes");
  check(InlineClientResponseError === ClientResponseError, "the entries export different error classes");
  const exportsBefore = await init();
  check(initSync() === exportsBefore && (await init()) === exportsBefore, "init/initSync again gave other exports");

  const pb = new PocketBase(pbUrl); // no localStorage in Node: the session stays in memory
  try {
    await pb.collection("_superusers").authWithPassword("admin@example.com", "wrong-password");
    check(false, "a wrong password was accepted");
  } catch (e) {
    check(e instanceof ClientResponseError && isClientResponseError(e) && e.status === 400, `wrong password: ${e}`);
  }
  await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
  // fetch streaming and FormData uploads work outside the browser too.
  const listed = (await pb.backups.getFullList()).find((b) => b.key === key);
  check(listed, `${key} not listed by a second client`);
  const blob = await pb.backups.download(key);
  check(blob.size === listed.size, `downloaded ${blob.size} bytes of ${listed.size}`);
  const report = await pb.backups.inspect(blob);
  check(report.valid && report.isBackup, `inspect: ${JSON.stringify(report.error)}`);
  const uploadedName = `node_upload_${Date.now()}_${Math.random().toString(36).slice(2, 8)}.zip`;
  const uploaded = await pb.backups.upload(new File([blob], uploadedName));
  check(uploaded === uploadedName, `upload stored as ${uploaded}`);
  return [key, uploaded];
}

main().then(
  (keys) => console.log(JSON.stringify({ ok: true, keys, node: process.version })),
  (e) => {
    console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e), node: process.version }));
    process.exit(1);
  },
);
