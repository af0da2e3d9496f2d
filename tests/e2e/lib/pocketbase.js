// Real PocketBase servers for the browser tests, each with its own data folder under
// test-output/e2e/, serving a staged copy of www/ + pkg/ with --publicDir. Every
// server's pid is written to test-output/e2e/pids/ so that scripts/test-e2e.sh can
// stop whatever a crashed test process left behind.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EMAIL, OUT, PASSWORD, PB_BIN, ROOT, waitUntil } from "./env.js";

const PIDS = path.join(OUT, "pids");
const running = new Set();

process.on("exit", () => {
  for (const child of running) {
    try {
      child.kill("SIGKILL");
      rmSync(path.join(PIDS, String(child.pid)), { force: true });
    } catch {
      // already gone
    }
  }
});

async function answers(url) {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

// Every server runs the project's own pb_hooks/ (the page's Content-Security-Policy, as
// scripts/demo.sh serves it); `hooks`: more JavaScript, for a main.pb.js of this
// server (e.g. to hold a backup open for a while).
export async function startPocketBase({ name, port, publicDir, hooks = "" }) {
  if (port < 8101 || port > 8109) throw new Error(`port ${port} outside 8101–8109`);
  const url = `http://127.0.0.1:${port}`;
  if (await answers(url)) throw new Error(`port ${port} is already in use`);
  const dir = path.join(OUT, `pb-${name}`);
  const dataDir = path.join(dir, "pb_data");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  mkdirSync(PIDS, { recursive: true });
  const hooksDir = path.join(dir, "pb_hooks");
  cpSync(path.join(ROOT, "pb_hooks"), hooksDir, { recursive: true });
  if (hooks) writeFileSync(path.join(hooksDir, "main.pb.js"), hooks);
  execFileSync(PB_BIN, ["superuser", "upsert", EMAIL, PASSWORD, `--dir=${dataDir}`], { stdio: "ignore" });

  const log = openSync(path.join(dir, "server.log"), "a");
  const child = spawn(PB_BIN, [
    "serve", `--http=127.0.0.1:${port}`, `--dir=${dataDir}`, "--automigrate=false", `--publicDir=${publicDir}`,
    `--hooksDir=${hooksDir}`,
  ], { cwd: dir, stdio: ["ignore", log, log] });
  running.add(child);
  writeFileSync(path.join(PIDS, String(child.pid)), `${name}\n`);
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => {
    exited = { code, signal };
    running.delete(child);
    rmSync(path.join(PIDS, String(child.pid)), { force: true });
    resolve(exited);
  }));

  try {
    await waitUntil(`PocketBase on port ${port}`, async () => {
      if (exited) throw new Error(`it exited (${JSON.stringify(exited)})`);
      return answers(url);
    }, { timeout: 60_000 });
  } catch (err) {
    child.kill("SIGKILL");
    let tail = "";
    try {
      tail = readFileSync(path.join(dir, "server.log"), "utf8").slice(-2000);
    } catch {
      // no log
    }
    throw new Error(`${err.message}\n${tail}`);
  }

  const server = {
    name, port, url, dir, dataDir,
    api: new Api(url),
    get running() {
      return !exited;
    },
    // Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for its exit.
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    },
    // Sets a backup's modification time (the list's "modified"), in ms since the epoch.
    touchBackup(key, ms) {
      const t = new Date(ms);
      utimesSync(path.join(dataDir, "backups", key), t, t);
    },
  };
  return server;
}

// Direct calls to the server's API as a superuser, to check what it holds.
export class Api {
  constructor(url) {
    this.url = url;
    this.token = "";
  }

  async signIn(password = PASSWORD) {
    const res = await fetch(`${this.url}/api/collections/_superusers/auth-with-password`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ identity: EMAIL, password }),
    });
    if (!res.ok) throw new Error(`superuser sign-in: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json();
    this.token = body.token;
    return body;
  }

  // A JSON request; returns { status, body }.
  async send(method, apiPath, json) {
    if (!this.token) await this.signIn();
    const res = await fetch(`${this.url}${apiPath}`, {
      method,
      headers: { Authorization: this.token, ...(json ? { "Content-Type": "application/json" } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const text = await res.text();
    let body = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  }

  async ok(method, apiPath, json) {
    const { status, body } = await this.send(method, apiPath, json);
    if (status >= 300) throw new Error(`${method} ${apiPath}: HTTP ${status} ${JSON.stringify(body)}`);
    return body;
  }

  // The backups, newest first (as the page shows them).
  async backups() {
    const list = await this.ok("GET", "/api/backups");
    const at = (b) => Date.parse(b.modified.replace(" ", "T"));
    return list.sort((a, b) => (at(b) - at(a)) || a.key.localeCompare(b.key));
  }

  async keys() {
    return (await this.backups()).map((b) => b.key).sort();
  }

  createBackup(name) {
    return this.ok("POST", "/api/backups", name ? { name } : {});
  }

  // Uploads `bytes` as the backup `name` (multipart, as the dashboard does).
  async upload(name, bytes) {
    if (!this.token) await this.signIn();
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "application/zip" }), name);
    const res = await fetch(`${this.url}/api/backups/upload`, { method: "POST", headers: { Authorization: this.token }, body: form });
    if (res.status >= 300) throw new Error(`upload ${name}: HTTP ${res.status} ${await res.text()}`);
  }

  async download(key) {
    const { token } = await this.ok("POST", "/api/files/token");
    const res = await fetch(`${this.url}/api/backups/${encodeURIComponent(key)}?token=${token}`);
    if (!res.ok) throw new Error(`download ${key}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
