// What the page does with the SDK, whichever entry point loaded it: sign in as a
// superuser, list the backups, create one, list again. The server comes from `?pb=`.
export async function run({ Client, ClientResponseError, isClientResponseError }) {
  const server = new URLSearchParams(location.search).get("pb");
  if (!server) throw new Error("no ?pb=<server url>");
  const client = new Client(server, { persistAuth: false });
  await client.collection("_superusers").authWithPassword("admin@example.com", "password123");
  if (!client.authStore.isSuperuser) throw new Error("not signed in as a superuser");
  const before = await client.backups.getFullList();
  const name = `vite_${Date.now()}.zip`;
  const key = await client.backups.create(name);
  const after = await client.backups.getFullList();
  if (!after.some((b) => b.key === key && b.size > 0)) throw new Error(`${key} not listed after create`);
  let refused = false;
  try {
    await client.backups.create("Not Valid.zip");
  } catch (e) {
    refused = isClientResponseError(e) && e instanceof ClientResponseError && e instanceof Error && e.status === 400;
  }
  if (!refused) throw new Error("an invalid name was not refused with a ClientResponseError");
  return { key, before: before.map((b) => b.key), after: after.map((b) => b.key) };
}

// Shows the outcome in #status as JSON: {ok: true, ...} or {ok: false, error}.
export function report(promise) {
  const status = document.getElementById("status");
  promise.then(
    (result) => (status.textContent = JSON.stringify({ ok: true, ...result })),
    (e) => (status.textContent = JSON.stringify({ ok: false, error: String(e?.stack ?? e) })),
  );
}
