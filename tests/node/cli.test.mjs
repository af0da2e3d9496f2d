// The `bosbase-backups` command as a user runs it: the built pkg/cli/main.js in a child
// process, its exit codes and its --json lines. Commands on named backups use the server
// of PB_URL (a fresh PocketBase, superuser admin@example.com / password123); pull, prune
// and restore, which concern every backup of a server, get a PocketBase of their own
// (a restore swaps all data), started here from .venv-pb (or PB_BIN).

import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { EMAIL, PASSWORD, freePort, run, startBreakingProxy, startPocketBase } from "./cli-support.mjs";

const PB_URL = process.env.PB_URL;
if (!PB_URL) throw new Error("PB_URL: the address of a fresh PocketBase");
const COMMANDS = ["list", "create", "pull", "push", "verify", "prune", "restore"];
const work = mkdtempSync(join(tmpdir(), "cli-test-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** The credentials and server as env variables. */
const envFor = (url) => ({ BOSBASE_URL: url, BOSBASE_EMAIL: EMAIL, BOSBASE_PASSWORD: PASSWORD });
/** A backup name no other test uses. */
const unique = (prefix) => `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}.zip`;
/** A fresh folder under the tests' own. */
const folder = (name) => mkdtempSync(join(work, `${name}-`));
/** The file names in a folder, sorted. */
const names = (dir) => readdirSync(dir).sort();

/** Runs a command that must succeed with --json; its JSON lines. */
async function ok(args, env) {
  const r = await run([...args, "--json"], { env });
  assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
  assert.equal(r.stderr, "");
  return r.json;
}

/** The backups of a server, by key: `{size, modified}`. */
async function listed(url) {
  const lines = await ok(["list"], envFor(url));
  assert.deepEqual(lines.at(-1), { ok: true, count: lines.length - 1 });
  return new Map(lines.slice(0, -1).map((l) => [l.key, l]));
}

/** A copy of `file` with bytes in its middle (a deflated entry's data) flipped. */
function damage(file, to) {
  const bytes = readFileSync(file);
  const middle = bytes.length >> 1;
  for (let i = middle; i < middle + 64; i++) bytes[i] ^= 0xa5;
  writeFileSync(to, bytes);
  return to;
}

/** Checks a "verified" line's fields; its problems' `code`s. */
function verifiedLine(line, about, ok) {
  assert.deepEqual(Object.keys(line), ["event", ...Object.keys(about), "ok", "entries", "bytes", "inflatedBytes", "storageFiles", "problems"]);
  assert.deepEqual([line.event, line.ok], ["verified", ok]);
  for (const [k, v] of Object.entries(about)) assert.equal(line[k], v);
  assert.equal(ok, line.problems.length === 0);
  for (const p of line.problems) assert.deepEqual(Object.keys(p), ["entry", "code", "message"]);
  return line.problems.map((p) => p.code);
}

test("--help and -h: the tool's and each command's help on stdout, exit 0", async () => {
  for (const args of [["--help"], ["-h"]]) {
    const r = await run(args);
    assert.deepEqual([r.code, r.stderr], [0, ""]);
    assert.match(r.stdout, /^Usage: bosbase-backups COMMAND/);
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, "m"));
  }
  for (const c of COMMANDS) {
    const r = await run([c, "--help"]);
    assert.deepEqual([r.code, r.stderr], [0, ""], c);
    assert.ok(r.stdout.startsWith(`Usage: bosbase-backups ${c}`), r.stdout);
    assert.match(r.stdout, /Exit codes: 0 done; 1 a step failed/);
  }
  assert.match((await run(["pull", "-h"])).stdout, /--keep N +keep the newest N \.zip files in DIR/);
});

test("bad usage: exit 2, the reason on stderr and as the JSON failure line", async () => {
  const cases = [
    [[], "no command given"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["list", "--frob"], 'unknown option "--frob" for list'],
    [["list", "extra"], 'unexpected argument "extra" for list'],
    [["pull"], "pull needs DIR"],
    [["push"], "push needs FILE"],
    [["verify"], "verify needs KEY|FILE"],
    [["restore"], "restore needs KEY"],
    [["pull", "d", "--keep", "x"], '--keep needs a whole number, not "x"'],
    [["pull", "d", "--keep", "-1"], '--keep needs a whole number, not "-1"'],
    [["pull", "d", "--keep=0"], "--keep must be at least 1 for pull"],
    [["pull", "d", "--keep"], "--keep needs a value (N)"],
    [["pull", "d", "--verify=yes"], "--verify takes no value"],
    [["prune"], "prune needs --keep N or --older-than DAYS"],
    [["prune", "--keep", "0"], "--keep 0 alone would delete every backup; add --older-than DAYS"],
    [["prune", "--older-than", "ten"], '--older-than needs a number of days, not "ten"'],
    [["list", "--timeout", "0"], '--timeout needs milliseconds from 1 to 86400000, not "0"'],
    [["restore", "k.zip", "--keep", "1"], 'unknown option "--keep" for restore'],
  ];
  for (const [args, message] of cases) {
    const r = await run([...args, "--json"], { env: envFor(PB_URL) });
    assert.equal(r.code, 2, args.join(" "));
    assert.ok(r.stderr.startsWith(`bosbase-backups: ${message}\n`), `${args.join(" ")}: ${r.stderr}`);
    assert.deepEqual(r.json, [{ ok: false, step: "usage", error: message }], args.join(" "));
  }
  const human = await run(["pull", "d", "--keep", "x"]);
  assert.deepEqual([human.code, human.stdout], [2, ""]);
  assert.equal(human.stderr, 'bosbase-backups: --keep needs a whole number, not "x"\nUsage: bosbase-backups pull DIR [--keep N] [--verify] [options]\n');
});

test("a password as an argument is refused (exit 2) and says why, whatever else is given", async () => {
  for (const args of [["list", "--password", PASSWORD], ["--password=" + PASSWORD, "list"], ["pull", "/tmp/x", "--password", "p", "--help"]]) {
    const r = await run(args, { env: envFor(PB_URL) });
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^bosbase-backups: --password: a password is never taken as an argument: it would show in the process list/);
    assert.match(r.stderr, /Set BOSBASE_PASSWORD \(with BOSBASE_EMAIL\) or use --credentials FILE\./);
  }
});

test("credentials: from the environment, from a file of mode 600, refused otherwise", async () => {
  const missing = await run(["list", "--json", "--url", PB_URL]);
  assert.equal(missing.code, 2);
  const why = "no credentials: set BOSBASE_EMAIL and BOSBASE_PASSWORD, or use --credentials FILE";
  assert.deepEqual(missing.json, [{ ok: false, step: "credentials", error: why }]);
  assert.equal(missing.stderr, `bosbase-backups: credentials failed: ${why}\n`);

  const noUrl = await run(["list", "--json"], { env: { BOSBASE_EMAIL: EMAIL, BOSBASE_PASSWORD: PASSWORD } });
  assert.deepEqual([noUrl.code, noUrl.json], [2, [{ ok: false, step: "credentials", error: "no server: give --url URL or set BOSBASE_URL" }]]);

  const dir = folder("credentials");
  const file = join(dir, "pb.env");
  writeFileSync(file, `# the nightly copy's account\nBOSBASE_EMAIL=${EMAIL}\nBOSBASE_PASSWORD="${PASSWORD}"\nOTHER=1\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  const fromFile = await run(["list", "--json", "--url", PB_URL, "--credentials", file]);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.deepEqual(fromFile.json.at(-1), { ok: true, count: fromFile.json.length - 1 });
  // The file's BOSBASE_URL serves when neither --url nor the environment gives one.
  const withUrl = join(dir, "with-url.env");
  writeFileSync(withUrl, `export BOSBASE_URL=${PB_URL}\nBOSBASE_EMAIL=${EMAIL}\nBOSBASE_PASSWORD=${PASSWORD}\n`, { mode: 0o600 });
  assert.equal((await run(["list", "--credentials", withUrl])).code, 0);

  chmodSync(file, 0o644);
  const open = await run(["list", "--json", "--url", PB_URL, "--credentials", file]);
  const refused = `${file} is open to other users (mode 644); it holds a password: chmod 600 ${file}`;
  assert.deepEqual([open.code, open.json], [2, [{ ok: false, step: "credentials", error: refused }]]);

  const partial = join(dir, "partial.env");
  writeFileSync(partial, `BOSBASE_EMAIL=${EMAIL}\n`, { mode: 0o600 });
  const half = await run(["list", "--json", "--url", PB_URL, "--credentials", partial]);
  assert.deepEqual([half.code, half.json], [2, [{ ok: false, step: "credentials", error: `${partial} has no BOSBASE_PASSWORD=… line` }]]);

  const garbled = join(dir, "garbled.env");
  writeFileSync(garbled, `BOSBASE_EMAIL=${EMAIL}\n${PASSWORD}\n`, { mode: 0o600 });
  const bad = await run(["list", "--json", "--url", PB_URL, "--credentials", garbled]);
  assert.deepEqual([bad.code, bad.json], [2, [{ ok: false, step: "credentials", error: `${garbled}, line 2: not NAME=VALUE` }]]);
  assert.ok(!bad.stderr.includes(PASSWORD));

  const nobody = `http://127.0.0.1:${await freePort()}`;
  const unreachable = await run(["list", "--json"], { env: envFor(nobody) });
  assert.equal(unreachable.code, 1);
  assert.deepEqual(unreachable.json, [{ ok: false, step: "sign-in", error: "The connection to the server failed (fetch failed): ECONNREFUSED", status: 0 }]);
  assert.equal(unreachable.stderr, "bosbase-backups: sign-in failed: The connection to the server failed (fetch failed): ECONNREFUSED\n");

  const wrong = await run(["list", "--json"], { env: { ...envFor(PB_URL), BOSBASE_PASSWORD: "not-the-password" } });
  assert.equal(wrong.code, 1);
  assert.deepEqual(wrong.json, [{ ok: false, step: "sign-in", error: "Failed to authenticate.", status: 400 }]);
  assert.equal(wrong.stderr, "bosbase-backups: sign-in failed: Failed to authenticate. (status 400)\n");
});

test("the progress bar: drawn on a terminal only, fitted to its width, cleared at the end", async () => {
  const { progressBar } = await import("../../pkg/cli/progress.js");
  const written = [];
  const terminal = { isTTY: true, columns: 60, write: (t) => written.push(t) };
  const bar = progressBar(terminal, "download a.zip");
  bar.update({ loaded: 0, total: 2048 });
  bar.update({ loaded: 1024, total: 2048 }); // within 100 ms of the last: not drawn
  bar.update({ loaded: 2048, total: 2048 }); // the end: always drawn
  bar.end();
  assert.deepEqual(written, [
    "\r\x1b[Kdownload a.zip [-------------------]   0% 0 B / 2.0 KiB",
    "\r\x1b[Kdownload a.zip [###################] 100% 2.0 KiB / 2.0 KiB",
    "\r\x1b[K",
  ]);
  assert.equal(written[1].length - 4, 59, "the widest line fills the terminal but its last column");
  const piped = [];
  const silent = progressBar({ isTTY: false, write: (t) => piped.push(t) }, "download a.zip");
  silent.update({ loaded: 1, total: 2 });
  silent.end();
  assert.deepEqual(piped, []);
});

test("the credentials file's form: NAME=VALUE lines, quotes, export, comments, CRLF", async () => {
  const { parseEnvFile } = await import("../../pkg/cli/credentials.js");
  const text = '# comment\r\n\r\nexport BOSBASE_EMAIL = a@b.c\r\nBOSBASE_PASSWORD=\'p=w "x"\'\nBOSBASE_URL="http://h"\nOTHER=1\n';
  assert.deepEqual(parseEnvFile(text, "f"), { BOSBASE_EMAIL: "a@b.c", BOSBASE_PASSWORD: 'p=w "x"', BOSBASE_URL: "http://h" });
  assert.deepEqual(parseEnvFile("BOSBASE_PASSWORD=#not a comment\n", "f"), { BOSBASE_PASSWORD: "#not a comment" });
  assert.throws(() => parseEnvFile("ok=1\nsecret\n", "f"), { message: "f, line 2: not NAME=VALUE", step: "credentials", exitCode: 2 });
});

test("create, list and verify by key; a missing key is a failed step (exit 1)", async () => {
  const env = envFor(PB_URL);
  const key = unique("cli_create");
  assert.deepEqual(await ok(["create", key], env), [{ event: "created", key }, { ok: true, key }]);
  const unnamed = await ok(["create"], env);
  assert.equal(unnamed.length, 2);
  assert.match(unnamed[0].key, /\.zip$/);
  assert.deepEqual(unnamed, [{ event: "created", key: unnamed[0].key }, { ok: true, key: unnamed[0].key }]);

  const backups = await listed(PB_URL);
  const line = backups.get(key);
  assert.deepEqual(Object.keys(line), ["event", "key", "size", "modified"]);
  assert.equal(line.event, "backup");
  assert.ok(line.size > 0);
  assert.match(line.modified, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(backups.has(unnamed[0].key));
  const human = await run(["list"], { env });
  assert.equal(human.code, 0);
  assert.match(human.stdout, new RegExp(`^${line.modified.replace(/\./g, "\\.")} +[0-9.]+ KiB  ${key}$`, "m"));

  const verified = await ok(["verify", key], env);
  assert.deepEqual(verifiedLine(verified[0], { key }, true), []);
  assert.equal(verified[0].bytes, line.size);
  assert.deepEqual(verified[1], { ok: true, key });

  const missing = await run(["verify", "cli_missing_x.zip", "--json"], { env });
  assert.equal(missing.code, 1);
  assert.deepEqual(missing.json, [{ ok: false, step: "verify", key: "cli_missing_x.zip", error: "The requested resource wasn't found.", status: 404 }]);
  assert.equal(missing.stderr, "bosbase-backups: verify of cli_missing_x.zip failed: The requested resource wasn't found. (status 404)\n");
  const notZip = join(work, "not-a-zip.zip");
  writeFileSync(notZip, "hello");
  const refused = await run(["push", notZip, "--json"], { env });
  assert.equal(refused.code, 1);
  assert.deepEqual(Object.keys(refused.json[0]), ["ok", "step", "key", "error", "status"]);
  assert.deepEqual([refused.json.length, refused.json[0].step, refused.json[0].key, refused.json[0].status], [1, "upload", "not-a-zip.zip", 400]);
  assert.match(refused.json[0].error, /not a zip archive/);
  assert.ok(!(await listed(PB_URL)).has("not-a-zip.zip"));
  const noFile = await run(["push", join(work, "none.zip"), "--json"], { env });
  assert.deepEqual([noFile.code, noFile.json], [1, [{ ok: false, step: "upload", path: join(work, "none.zip"), error: "no such file" }]]);
});

describe("against a server of the tests' own: pull, push, verify of files, prune, restore", () => {
  let pb;
  let env;
  /** The three backups made first, oldest first. */
  const keys = [unique("cli_a"), unique("cli_b"), unique("cli_c")];
  const newestFirst = [...keys].reverse();
  let sizes;
  let mirror;

  before(async () => {
    pb = await startPocketBase();
    env = envFor(pb.url);
    for (const key of keys) await ok(["create", key], env);
    const backups = await listed(pb.url);
    assert.deepEqual([...backups.keys()], keys);
    sizes = new Map([...backups].map(([k, v]) => [k, v.size]));
  });
  after(() => pb?.stop());

  test("pull downloads every backup, newest first, with the server's times; a second pull downloads nothing", async () => {
    mirror = folder("mirror");
    const first = await ok(["pull", mirror], env);
    assert.deepEqual(first, [
      ...newestFirst.map((key) => ({ event: "downloaded", key, path: join(mirror, key), bytes: sizes.get(key) })),
      { ok: true, downloaded: 3, present: 0, deleted: 0 },
    ]);
    assert.deepEqual(names(mirror), [...keys].sort());
    const backups = await listed(pb.url);
    for (const key of keys) {
      const info = statSync(join(mirror, key));
      assert.equal(info.size, sizes.get(key));
      assert.equal(info.mtime.getTime(), new Date(backups.get(key).modified.replace(" ", "T")).getTime());
    }
    const second = await ok(["pull", mirror], env);
    assert.deepEqual(second, [
      ...newestFirst.map((key) => ({ event: "present", key, path: join(mirror, key), bytes: sizes.get(key) })),
      { ok: true, downloaded: 0, present: 3, deleted: 0 },
    ]);
    const human = await run(["pull", mirror], { env });
    assert.equal(human.code, 0);
    assert.ok(human.stdout.endsWith(`pulled into ${mirror}: 0 downloaded, 3 already present, 0 local deleted\n`), human.stdout);
  });

  test("pull --keep N: downloads the newest N and deletes only older local .zip files", async () => {
    const dir = folder("keep");
    copyFileSync(join(mirror, keys[0]), join(dir, keys[0]));
    utimesSync(join(dir, keys[0]), statSync(join(mirror, keys[0])).mtime, statSync(join(mirror, keys[0])).mtime);
    writeFileSync(join(dir, "ancient.zip"), "old");
    utimesSync(join(dir, "ancient.zip"), new Date("2000-01-01T00:00:00Z"), new Date("2000-01-01T00:00:00Z"));
    writeFileSync(join(dir, "notes.txt"), "not a backup");
    const lines = await ok(["pull", dir, "--keep", "2"], env);
    assert.deepEqual(lines, [
      { event: "downloaded", key: keys[2], path: join(dir, keys[2]), bytes: sizes.get(keys[2]) },
      { event: "downloaded", key: keys[1], path: join(dir, keys[1]), bytes: sizes.get(keys[1]) },
      { event: "deleted", path: join(dir, keys[0]) },
      { event: "deleted", path: join(dir, "ancient.zip") },
      { ok: true, downloaded: 2, present: 0, deleted: 2 },
    ]);
    assert.deepEqual(names(dir), [keys[1], keys[2], "notes.txt"].sort());
    assert.deepEqual([...(await listed(pb.url)).keys()], keys, "nothing deleted on the server");
  });

  test("a download cut off leaves no file under its name nor a .part, and deletes nothing (exit 1)", async () => {
    const proxy = await startBreakingProxy(pb.url, "cut");
    try {
      const dir = folder("cut");
      writeFileSync(join(dir, "ancient.zip"), "old");
      const r = await run(["pull", dir, "--keep", "1", "--json", "--url", proxy.url], { env });
      assert.equal(r.code, 1, r.stderr);
      const last = r.json.at(-1);
      assert.deepEqual(Object.keys(last), ["ok", "step", "key", "error", "status"]);
      assert.deepEqual([last.ok, last.step, last.key, last.status], [false, "download", keys[2], 0]);
      assert.match(last.error, /^The connection to the server failed/);
      assert.equal(r.json.length, 1);
      assert.equal(r.stderr, `bosbase-backups: download of ${keys[2]} failed: ${last.error}\n`);
      assert.deepEqual(names(dir), ["ancient.zip"]);
    } finally {
      await proxy.close();
    }
  });

  test("--timeout: a download that stops moving fails after MS, leaving no file (exit 1)", async () => {
    const proxy = await startBreakingProxy(pb.url, "hold");
    try {
      const dir = folder("timeout");
      const r = await run(["pull", dir, "--json", "--timeout", "500", "--url", proxy.url], { env });
      assert.equal(r.code, 1, r.stderr);
      const last = r.json.at(-1);
      assert.deepEqual(Object.keys(last), ["ok", "step", "key", "error", "status"]);
      assert.deepEqual([last.ok, last.step, last.key, last.status], [false, "download", keys[2], 0]);
      assert.match(last.error, /^The request timed out after 500 ms/);
      assert.deepEqual(names(dir), []);
    } finally {
      await proxy.close();
    }
  });

  for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]]) {
    test(`${signal} mid-download aborts it: no file under its name, no .part, exit ${code}`, async () => {
      const proxy = await startBreakingProxy(pb.url, "hold");
      try {
        const dir = folder(signal);
        let child;
        const running = run(["pull", dir, "--json", "--url", proxy.url], { env, started: (c) => (child = c) });
        await proxy.halfSent;
        const part = join(dir, `${keys[2]}.part`);
        for (let i = 0; i < 100 && !existsSync(part); i++) await new Promise((r) => setTimeout(r, 50));
        assert.ok(existsSync(part), "the download writes its .part");
        child.kill(signal);
        const r = await running;
        assert.equal(r.code, code, r.stderr);
        assert.deepEqual(r.json, [{ ok: false, step: "download", key: keys[2], error: `stopped by ${signal}` }]);
        assert.equal(r.stderr, `bosbase-backups: download of ${keys[2]} failed: stopped by ${signal}\n`);
        assert.deepEqual(names(dir), []);
      } finally {
        await proxy.close();
      }
    });
  }

  test("verify of a local file needs no server: sound exits 0, damaged exits 3 with its problems", async () => {
    const sound = join(mirror, keys[0]);
    const good = await run(["verify", sound, "--json"]);
    assert.equal(good.code, 0, good.stderr);
    assert.deepEqual(verifiedLine(good.json[0], { path: sound }, true), []);
    assert.equal(good.json[0].bytes, sizes.get(keys[0]));
    assert.deepEqual(good.json[1], { ok: true, path: sound });

    const damaged = damage(sound, join(work, "damaged.zip"));
    const bad = await run(["verify", damaged, "--json"]);
    assert.equal(bad.code, 3, bad.stderr);
    const codes = verifiedLine(bad.json[0], { path: damaged }, false);
    assert.ok(codes.length > 0 && codes.every((c) => /^(entry|zip|sqlite|archive|backup)_/.test(c)), codes.join());
    const error = `problems found in ${damaged}: it would not restore as they are`;
    assert.deepEqual(bad.json[1], { ok: false, step: "verify", path: damaged, error, problems: bad.json[0].problems });
    assert.equal(bad.json.length, 2);
    assert.equal(bad.stderr, `bosbase-backups: verify of ${damaged} failed: ${error}\n`);
  });

  test("push uploads a file under its name; pull --verify of a damaged backup exits 3", async () => {
    const key = unique("cli_damaged");
    const file = damage(join(mirror, keys[0]), join(work, key));
    const size = statSync(file).size;
    assert.deepEqual(await ok(["push", file], env), [{ event: "uploaded", key, path: file, bytes: size }, { ok: true, key }]);
    assert.equal((await listed(pb.url)).get(key).size, size);
    const again = await run(["push", file, "--json"], { env });
    const exists = "An error occurred while validating the submitted data. (file: Backup file with the specified name already exists.)";
    assert.deepEqual([again.code, again.json], [1, [{ ok: false, step: "upload", key, error: exists, status: 400 }]]);
    assert.equal(again.stderr, `bosbase-backups: upload of ${key} failed: ${exists} (status 400)\n`);

    const r = await run(["pull", mirror, "--verify", "--keep", "1", "--json"], { env });
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(r.json[0], { event: "downloaded", key, path: join(mirror, key), bytes: size });
    assert.ok(verifiedLine(r.json[1], { key, path: join(mirror, key) }, false).length > 0);
    const error = `problems found in ${key}: it would not restore as they are`;
    assert.deepEqual(r.json.slice(2), [{ ok: false, step: "verify", key, error, keys: [key] }]);
    assert.equal(r.stderr, `bosbase-backups: verify of ${key} failed: ${error}\n`);
    // Nothing was deleted after the problem (--keep 1 would have deleted three).
    assert.deepEqual(names(mirror), [...keys, key].sort());
    keys.push(key);
  });

  test("prune --dry-run lists what would go and deletes nothing; prune deletes it", async () => {
    const before = [...(await listed(pb.url)).keys()];
    assert.equal(before.length, 4);
    const dry = await ok(["prune", "--keep", "1", "--dry-run"], env);
    const wouldGo = dry.slice(0, -1).map((l) => l.key);
    assert.deepEqual(dry.slice(0, -1), wouldGo.map((key) => ({ event: "would-delete", key })));
    assert.deepEqual([...wouldGo].sort(), keys.slice(0, 3).sort());
    assert.deepEqual(dry.at(-1), { ok: true, dryRun: true, keys: wouldGo });
    assert.deepEqual([...(await listed(pb.url)).keys()], before, "a dry run deletes nothing");
    assert.deepEqual(await ok(["prune", "--older-than", "1", "--dry-run"], env), [{ ok: true, dryRun: true, keys: [] }]);

    const proxy = await startBreakingProxy(pb.url, "nodelete");
    try {
      const refused = await run(["prune", "--keep", "3", "--json", "--url", proxy.url], { env });
      assert.equal(refused.code, 1);
      const last = refused.json.at(-1);
      assert.deepEqual(Object.keys(last), ["ok", "step", "error", "status", "deleted", "failed"]);
      assert.deepEqual([last.ok, last.step, last.status, last.deleted], [false, "prune", 400, []]);
      assert.deepEqual(last.failed, [{ key: keys[0], error: "Refused by the proxy.", status: 400 }]);
      assert.equal(refused.json.length, 1);
      assert.ok(refused.stderr.startsWith(`bosbase-backups: prune failed: ${last.error} (status 400)`), refused.stderr);
    } finally {
      await proxy.close();
    }
    assert.deepEqual(await ok(["prune", "--keep", "3"], env), [{ event: "deleted", key: keys[0] }, { ok: true, dryRun: false, keys: [keys[0]] }]);
    assert.deepEqual([...(await listed(pb.url)).keys()], keys.slice(1));
  });

  // Last: a restore replaces the server's data and restarts it.
  test("restore --wait follows the restart and ends when the server is back", async () => {
    const key = keys[2];
    const lines = await ok(["restore", key, "--wait"], env);
    assert.deepEqual(lines.at(-1), { ok: true, key, waited: true, authCleared: false });
    const statuses = lines.slice(0, -1).map((l) => l.status);
    assert.deepEqual(lines.slice(0, -1), statuses.map((status) => ({ event: "restore", key, status })));
    assert.deepEqual(statuses, ["requested", "restarting", "back"]);
    assert.equal((await run(["list"], { env })).code, 0);
  });
});
