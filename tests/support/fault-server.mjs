// Starts tests/fault_server.py, the faults PocketBase cannot show on cue (a connection
// dropped mid-body, redirects, a CDN's pages), for the Node tests of the npm and node
// tiers.

import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** Starts tests/fault_server.py (the faults PocketBase cannot show on cue) on a free
 * port: its base URL, and how to stop it. */
export async function startFaultServer() {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const server = spawn("python3", [new URL("../fault_server.py", import.meta.url).pathname, String(port)], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${base}/seen/none`).then(() => true, () => false)) return { base, stop: () => server.kill() };
    await new Promise((r) => setTimeout(r, 50));
  }
  server.kill();
  throw new Error("the fault server did not start");
}
