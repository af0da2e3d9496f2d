// What the Node tests of the package's JS share: its two modules loaded (the core's
// calls, the tools' and the explorer's), as scripts/build.sh left them (the glue in target/bindgen-*,
// the .wasm in pkg/), the server of PB_URL, and a signed-in client.

import { readFileSync } from "node:fs";

import { Client } from "../../src/npm/client.js";
import { useModules } from "../../src/npm/modules.js";
import { perform } from "../../src/npm/perform.js";

/** A module of the package, instantiated from its bytes: `dir` is its folder in pkg/.
 * Its exports, and its wasm `memory`. */
async function load(dir, name) {
  const glue = await import(`../../target/bindgen-${dir}/${name}.js`);
  const wasm = glue.initSync({ module: readFileSync(new URL(`../../pkg/${dir}/${name}_bg.wasm`, import.meta.url)) });
  return { ...glue, memory: wasm.memory };
}

export const core = await load("web", "bosbase_backups");
/** The tools module as its entries export it: with the JS of its backup calls. */
export const tools = { ...(await load("tools", "bosbase_backups_tools")), backups: await import("../../src/npm/tools/backups.js") };
/** The explorer's module as its entries export it: with its JS. */
export const explorer = { ...(await load("explorer", "bosbase_backups_explorer")), explorer: await import("../../src/npm/explorer/explore.js") };
export const { Call } = core;
export const ToolCall = tools.Call;
/** What the services use: the core's exports, and how to load the tools' (handed over
 * as package.js does). */
export const modules = { Call, backupPath: core.backupPath, tools: async () => tools, explorer: async () => explorer };
useModules(modules);

export const PB_URL = process.env.PB_URL;
if (!PB_URL) throw new Error("PB_URL: the address of a fresh PocketBase");
export const EMAIL = "admin@example.com";
export const PASSWORD = "password123";

/** A client signed in as the tests' superuser. */
export async function signedIn() {
  const client = new Client(PB_URL);
  const body = JSON.stringify({ identity: EMAIL, password: PASSWORD });
  await perform(client, Call.signIn("_superusers", "auth-with-password", body), {}, { raw: true });
  return client;
}

/** A backup name no other test uses. */
export const unique = (prefix) => `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}.zip`;

export { startFaultServer } from "../support/fault-server.mjs";
