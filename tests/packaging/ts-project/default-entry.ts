// Type-checked (never run) with usage.ts: the package's "." entry carries the same
// public types as "./web".
import { Client, ClientResponseError, isClientResponseError, type BackupFileInfo, type SendOptions } from "bosbase-backups";
import type { Client as WebClient } from "bosbase-backups/web";

export async function defaultEntry(): Promise<WebClient> {
  const client = new Client("http://127.0.0.1:8090", { persistAuth: false });
  await client.collection("_superusers").authWithPassword("admin@example.com", "password123");
  const options: SendOptions = { requestKey: null, signal: AbortSignal.timeout(10_000) };
  const list: BackupFileInfo[] = await client.backups.getFullList(options);
  try {
    await client.backups.create(list[0]?.key);
  } catch (e: unknown) {
    if (isClientResponseError(e)) console.log(e.status, e.response.data?.["name"]?.code);
    if (e instanceof ClientResponseError) console.log(e.isAbort);
  }
  return client;
}
