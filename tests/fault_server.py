#!/usr/bin/env python3
"""A tiny HTTP server for the faults a real PocketBase cannot be made to show on cue.

The first path segment picks the behaviour, so a client whose base URL is
http://127.0.0.1:PORT/<mode> meets it on every call:

  ok        answers like PocketBase for sign-in, file tokens, health and an empty list
  notjson   answers 200 with an HTML page where JSON is expected
  wrongjson answers 200 with JSON of another shape (an object where a list is expected)
  redirect  answers 307 to the same path and query under `echo` at http://localhost:PORT,
            another origin than http://127.0.0.1:PORT (GET, HEAD and POST)
  moved     answers 307 to the same path and query under `echo` on its own origin
            (GET, HEAD and POST), as a proxy that moved the API does
  circle    answers 307 to the same path and query, again and again
  echo      answers a backup list of one entry whose key tells what `Authorization`
            header arrived: "auth:<value>" or "auth:none"; a POST answers 204 and is
            counted under its `run` query parameter
  seen      GET /seen/<run>: {"posts": n, "auth": [...]}, the POSTs `echo` received
  error500  answers 500 with an HTML page
  slow      waits 5 s before answering (for the `timeout` option)
  drop      drops the connection mid-way: after 256 KiB of an upload, after 1 MiB of
            an 8 MiB download
  restoring a restore that never ends: accepts it (204); the health check answers
            `canBackup: false` (the backup lock held); the realtime connection opens
            and is closed after 1.5 s each time, as an idle one is (`retry: 200`)
  hanging   accepts a restore (204), then the health check never answers (30 s); the
            realtime connection is refused (404)
  silent    as `hanging`, but the realtime connection never opens either (30 s)
  cdn       a restore's restart behind a CDN: the realtime connection opens and drops
            after 0.5 s; the health check answers `canBackup: false` until that drop,
            then 521 with the CDN's HTML page for 2 s ("origin down"), then 200
  trickle   serves a backup's file (a sound zip: a real SQLite `data.db`) in 8 pieces
            100 ms apart, a body that keeps moving
  stall     serves a backup's file's first piece (as `trickle`), then nothing for 30 s
  gzip      serves downloads as a compressing proxy does: `Content-Encoding: gzip` and
            the compressed length as `Content-Length`. `zeros.zip` is 1 MiB of zeros
            (shrinks; the encoding header is not exposed to cross-origin JS);
            `noise.zip` is 256 KiB of seeded random bytes (grows; the header is exposed)

Usage: fault_server.py PORT
"""
import gzip
import io
import json
import random
import socket
import sqlite3
import sys
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A JWT whose payload is {"exp": 4102444800, "type": "auth", "collectionId": "pbc_3142635823"}.
TOKEN = (
    "eyJhbGciOiJIUzI1NiJ9."
    "eyJleHAiOjQxMDI0NDQ4MDAsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMifQ."
    "sig"
)
DOWNLOAD_SIZE = 8 << 20
# POSTs the `echo` mode received, by their `run` query parameter.
SEEN = {}


def sound_backup():
    """A zip as the server makes one: a real SQLite `data.db`, stored with mode 0644."""
    db = sqlite3.connect(":memory:")
    db.execute("create table t (x)")
    db.execute("insert into t values ('fault server')")
    db.commit()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("data.db")
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, db.serialize())
    return out.getvalue()


SOUND_BACKUP = sound_backup()
# The `cdn` mode's timeline (seconds, time.monotonic()): the server goes away at
# `down` and is back at `up`; set by its realtime connection.
CDN = {"down": 0.0, "up": 0.0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def cors(self):
        self.send_header("Access-Control-Allow-Origin", "*")

    def do_OPTIONS(self):
        self.send_response(204)
        self.cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
        requested = self.headers.get("Access-Control-Request-Headers", "")
        self.send_header("Access-Control-Allow-Headers", requested or "*")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reply(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.cors()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def event_stream(self, seconds):
        """A realtime connection: PB_CONNECT, then closed after `seconds`."""
        self.send_response(200)
        self.cors()
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        client = "fault%d" % int(time.time() * 1000)
        self.wfile.write(f"retry: 200\nid:{client}\nevent:PB_CONNECT\ndata:{{\"clientId\":\"{client}\"}}\n\n".encode())
        self.wfile.flush()
        time.sleep(seconds)
        self.drop()

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting
    def redirected(self, mode, api):
        """The 307 of the redirecting modes (redirect, moved, circle), or False."""
        query = "?" + self.path.split("?", 1)[1] if "?" in self.path else ""
        port = self.server.server_port
        location = {
            "redirect": f"http://localhost:{port}/echo{api}{query}",
            "moved": f"/echo{api}{query}",
            "circle": self.path,
        }.get(mode)
        if location is None:
            return False
        self.send_response(307)
        self.cors()
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def do_HEAD(self):
        mode, api = self.route()
        if not self.redirected(mode, api):
            self.send_response(200)
            self.cors()
            self.send_header("Content-Length", "0")
            self.end_headers()

    def run_id(self):
        query = self.path.split("?", 1)[1] if "?" in self.path else ""
        for pair in query.split("&"):
            if pair.startswith("run="):
                return pair[4:]
        return ""

    def route(self):
        parts = self.path.split("?")[0].split("/", 2)
        mode = parts[1] if len(parts) > 1 else ""
        api = "/" + parts[2] if len(parts) > 2 else "/"
        return mode, api

    def do_GET(self):
        mode, api = self.route()
        if mode == "slow":
            time.sleep(5)
        if mode == "seen":
            seen = SEEN.get(api.lstrip("/"), {"posts": 0, "auth": []})
            return self.reply(200, json.dumps(seen))
        if mode == "notjson":
            return self.reply(200, "<html><body>Welcome to nginx!</body></html>", "text/html")
        if self.redirected(mode, api):
            return
        if mode == "echo":
            auth = self.headers.get("Authorization")
            entry = {"key": f"auth:{auth if auth is not None else 'none'}", "size": 0,
                     "modified": "2026-01-01 00:00:00.000Z"}
            return self.reply(200, json.dumps([entry]))
        if mode == "wrongjson":
            return self.reply(200, json.dumps({"items": [], "totalItems": 0}))
        if mode == "error500":
            return self.reply(500, "<html><body>Internal Server Error</body></html>", "text/html")
        if mode == "drop" and api.startswith("/api/backups/"):
            self.send_response(200)
            self.cors()
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(DOWNLOAD_SIZE))
            self.end_headers()
            self.wfile.write(b"\0" * (1 << 20))
            self.wfile.flush()
            return self.drop()
        if mode in ("trickle", "stall") and api.startswith("/api/backups/"):
            self.send_response(200)
            self.cors()
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(SOUND_BACKUP)))
            self.end_headers()
            piece = -(-len(SOUND_BACKUP) // 8)
            for at in range(0, len(SOUND_BACKUP), piece):
                self.wfile.write(SOUND_BACKUP[at:at + piece])
                self.wfile.flush()
                if mode == "stall":
                    time.sleep(30)
                    return self.drop()
                time.sleep(0.1)
            return
        if mode == "restoring" and api == "/api/realtime":
            return self.event_stream(1.5)
        if mode == "cdn" and api == "/api/realtime":
            now = time.monotonic()
            CDN.update(down=now + 0.5, up=now + 2.5)
            return self.event_stream(0.5)
        if mode == "cdn" and api == "/api/health":
            now = time.monotonic()
            if now < CDN["down"]:
                return self.reply(200, json.dumps({"code": 200, "message": "API is healthy.", "data": {"canBackup": False}}))
            if now < CDN["up"]:
                return self.reply(521, "<html><body>Web server is down</body></html>", "text/html")
        if (mode == "hanging" and api == "/api/health") or mode == "silent":
            time.sleep(30)
        if mode == "gzip" and api.startswith("/api/backups/"):
            name = api.rsplit("/", 1)[1]
            if name == "noise.zip":
                raw = random.Random(7).randbytes(256 << 10)
            else:
                raw = b"\0" * (1 << 20)
            data = gzip.compress(raw)
            self.send_response(200)
            self.cors()
            if name == "noise.zip":
                self.send_header("Access-Control-Expose-Headers", "Content-Encoding")
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return self.wfile.write(data)
        if api == "/api/health":
            data = {"canBackup": False} if mode == "restoring" else {}
            return self.reply(200, json.dumps({"code": 200, "message": "API is healthy.", "data": data}))
        if api == "/api/backups":
            return self.reply(200, "[]")
        return self.reply(404, json.dumps({"status": 404, "message": "Not found.", "data": {}}))

    def do_POST(self):
        mode, api = self.route()
        length = int(self.headers.get("Content-Length", "0") or 0)
        if mode == "drop" and api == "/api/backups/upload":
            self.rfile.read(min(length, 256 << 10))
            return self.drop()
        self.rfile.read(length)
        if self.redirected(mode, api):
            return
        if mode == "echo":
            seen = SEEN.setdefault(self.run_id(), {"posts": 0, "auth": []})
            seen["posts"] += 1
            seen["auth"].append(self.headers.get("Authorization") or "none")
            self.send_response(204)
            self.cors()
            return self.end_headers()
        if mode == "error500":
            return self.reply(500, "<html><body>Internal Server Error</body></html>", "text/html")
        if api.endswith("/auth-with-password"):
            record = {"id": "fault", "collectionName": "_superusers", "email": "admin@example.com"}
            return self.reply(200, json.dumps({"token": TOKEN, "record": record}))
        if mode in ("restoring", "hanging", "silent") and api.endswith("/restore"):
            self.send_response(204)
            self.cors()
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if api == "/api/files/token":
            return self.reply(200, json.dumps({"token": "file-token"}))
        return self.reply(404, json.dumps({"status": 404, "message": "Not found.", "data": {}}))


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
