// Type-checked (never run) with usage.ts: the default export of "bosbase-backups" is the
// client class, the same type as the named `Client`, with no init call before use; the
// "./inline" and "./web" entries carry the same types.
import PocketBase, { Client, ClientResponseError, type BackupFileInfo } from "bosbase-backups";
import InlinePocketBase, { Client as InlineClient } from "bosbase-backups/inline";
import initWeb, { Client as WebClient, type InitOutput } from "bosbase-backups/web";

export async function defaultEntry(): Promise<Client> {
  const pb = new PocketBase("http://127.0.0.1:8090");
  await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
  const list: BackupFileInfo[] = await pb.backups.getFullList();
  try {
    await pb.backups.create("Not Valid.zip");
  } catch (e: unknown) {
    if (e instanceof ClientResponseError) console.log(e.status, e.response.data?.["name"]?.code, list.length);
  }
  const same: Client = pb;
  const inline: InlineClient = new InlinePocketBase("/");
  const web: WebClient = inline;
  const classes: (typeof Client)[] = [PocketBase, InlinePocketBase, WebClient];
  const loaded: InitOutput = await initWeb();
  console.log(same, web, classes, loaded.memory);
  return pb;
}

// The default export is the class itself, not an init function.
export function notInit(): void {
  // @ts-expect-error a client needs `new`
  void PocketBase("http://127.0.0.1:8090");
  // @ts-expect-error PocketBase is not a promise
  void PocketBase.then;
}
