// A plain static host for the packaging pages: files under a root folder, 404 for
// anything else, `.wasm` with the Content-Type asked for. `onServe({path, status, type,
// head})` sees every answer (`head`: the first 4 bytes of the file, or empty), so that
// a driver can tell how the wasm arrived without reading the browser's network log.
// `prelude`: JavaScript that every HTML page loads first (a classic script at the top
// of <head>, served as /__prelude.js), for a driver that has no hook before the
// page's own scripts.
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

function head(file) {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(4);
    return buf.subarray(0, readSync(fd, buf, 0, 4, 0));
  } finally {
    closeSync(fd);
  }
}

export function serveStatic({ root, port, wasmType = "application/wasm", onServe = () => {}, prelude = "" }) {
  const types = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".wasm": wasmType,
  };
  const base = path.resolve(root);
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (prelude && urlPath === "/__prelude.js") {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" }).end(prelude);
      return;
    }
    let file = path.join(base, urlPath);
    if (!file.startsWith(base)) file = base;
    try {
      if (statSync(file).isDirectory()) file = path.join(file, "index.html");
      const size = statSync(file).size;
      const type = types[path.extname(file)] ?? "application/octet-stream";
      onServe({ path: urlPath, status: 200, type, head: head(file) });
      if (prelude && path.extname(file) === ".html") {
        const html = readFileSync(file, "utf8").replace("<head>", '<head><script src="/__prelude.js"></script>');
        res.writeHead(200, { "Content-Type": type }).end(html);
        return;
      }
      res.writeHead(200, { "Content-Type": type, "Content-Length": size });
      createReadStream(file).pipe(res);
    } catch {
      onServe({ path: urlPath, status: 404, type: "text/plain", head: Buffer.alloc(0) });
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), "127.0.0.1", () => resolve({ close: () => new Promise((r) => server.close(r)) }));
  });
}
