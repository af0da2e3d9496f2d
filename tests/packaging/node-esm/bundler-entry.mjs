// The "./bundler" entry, which imports its .wasm as an ES module the way bundlers do;
// Node does so with --experimental-wasm-modules. Checks that it loads, refuses an
// invalid name before sending, and rejects with the exported ClientResponseError.
import { Client, ClientResponseError, isClientResponseError } from "bosbase-backups/bundler";

const client = new Client("http://127.0.0.1:9", { persistAuth: false }); // never contacted
try {
  await client.backups.create("Not Valid.zip");
  throw new Error("an invalid name was accepted");
} catch (e) {
  const ok = e instanceof ClientResponseError && e instanceof Error && isClientResponseError(e) &&
    e.status === 400 && e.response?.data?.name?.code === "validation_match_invalid";
  console.log(JSON.stringify({ ok, error: ok ? undefined : String(e?.stack ?? e) }));
  process.exit(ok ? 0 : 1);
}
