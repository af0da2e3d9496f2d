// What cli.test.mjs needs around the built CLI (pkg/cli/main.js): running it as a child
// process, a PocketBase of its own (for the commands that touch every backup of a server:
// pull, prune, restore), and a proxy that breaks a backup's download on cue.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLI = new URL("../../pkg/cli/main.js", import.meta.url).pathname;
export const EMAIL = "admin@example.com";
export const PASSWORD = "password123";
const PB_BIN = process.env.PB_BIN ?? new URL("../../.venv-pb/bin/pocketbase", import.meta.url).pathname;

/** The environment of a run: this one without BOSBASE_*, plus `env`. */
function childEnv(env) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("BOSBASE_")));
  return { ...clean, ...env };
}

/**
 * Runs the CLI with `args`; resolves when it exits with its code, stdout, stderr and
 * stdout's JSON lines (`json`, when every line parses). `started(child)` is called once
 * it runs.
 * @param {string[]} args
 * @param {{env?: object, started?: (child: import("node:child_process").ChildProcess) => void}} [options]
 */
export function run(args, { env = {}, started } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  started?.(child);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      let json;
      try {
        json = stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
      } catch {
        json = undefined;
      }
      resolve({ code, signal, stdout, stderr, json });
    });
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A fresh PocketBase of the tests' own (data folder in tmp, the superuser above):
 * its URL, and `stop()`.
 */
export async function startPocketBase() {
  const dir = mkdtempSync(join(tmpdir(), "cli-test-pb-"));
  const port = await freePort();
  const upsert = spawn(PB_BIN, ["superuser", "upsert", EMAIL, PASSWORD, `--dir=${dir}/pb_data`], { stdio: "ignore" });
  const upserted = await new Promise((resolve) => upsert.on("close", resolve));
  if (upserted !== 0) throw new Error(`${PB_BIN} superuser upsert exited with ${upserted}`);
  const server = spawn(PB_BIN, ["serve", `--http=127.0.0.1:${port}`, `--dir=${dir}/pb_data`, "--automigrate=false"], {
    cwd: dir,
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.on("exit", resolve));
      server.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error("the tests' PocketBase did not start");
}

/**
 * A proxy in front of `target` that passes every request through, except: a backup's
 * file (GET /api/backups/KEY?token=…), of which it sends the headers and the first half
 * of the body, then in mode "cut" drops the connection and in mode "hold" waits until
 * closed (`halfSent` resolves when the first half has gone out); and in mode "nodelete"
 * a backup's deletion, which it answers with a 400 of its own.
 * @param {string} target the server's URL
 * @param {"cut" | "hold" | "nodelete"} mode
 */
export async function startBreakingProxy(target, mode) {
  let announce;
  const halfSent = new Promise((resolve) => (announce = resolve));
  const held = new Set();
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url, target);
    if (mode === "nodelete" && req.method === "DELETE") {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: 400, message: "Refused by the proxy.", data: {} }));
      return;
    }
    const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      const isFile = req.method === "GET" && /^\/api\/backups\/[^/]+$/.test(url.pathname) && url.searchParams.has("token");
      if (!isFile || answer.statusCode !== 200 || mode === "nodelete") {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks = [];
      answer.on("data", (c) => chunks.push(c));
      answer.on("end", () => {
        const body = Buffer.concat(chunks);
        res.writeHead(200, { "content-type": "application/zip", "content-length": String(body.length) });
        res.write(body.subarray(0, body.length >> 1), () => {
          announce();
          if (mode === "cut") res.socket.destroy();
          else held.add(res);
        });
      });
    });
    upstream.on("error", () => res.socket?.destroy());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const close = async () => {
    for (const res of held) res.socket?.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${port}`, halfSent, close };
}
