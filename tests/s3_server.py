"""A real S3-compatible server (moto's) for the S3 tests, that the tests can stop and
start again: `python tests/s3_server.py S3_PORT CONTROL_PORT`.

- S3_PORT: moto's S3 server (any access key and secret are accepted).
- CONTROL_PORT: `POST /stop` stops the S3 server (its port then refuses connections),
  `POST /start` starts it again, `GET /` answers `running` or `stopped`. Buckets and
  objects live in this process, so they survive a stop. `POST /check-keys` makes the
  server check credentials as S3 does (no access key is known to it, so every request
  is refused with `InvalidAccessKeyId`), `POST /any-keys` accepts any again (the
  default). CORS is open: the browser tests call it.
"""

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from moto import settings
from moto.server import ThreadedMotoServer

S3_PORT = int(sys.argv[1])
CONTROL_PORT = int(sys.argv[2])

lock = threading.Lock()
state = {"server": None}


def start():
    with lock:
        if state["server"] is None:
            server = ThreadedMotoServer(ip_address="127.0.0.1", port=S3_PORT, verbose=False)
            server.start()
            state["server"] = server


def stop():
    with lock:
        if state["server"] is not None:
            state["server"].stop()
            state["server"] = None


class Control(BaseHTTPRequestHandler):
    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_OPTIONS(self):
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.end_headers()

    def do_GET(self):
        self.answer(200, "running" if state["server"] else "stopped")

    def do_POST(self):
        if self.path == "/stop":
            stop()
            self.answer(200, "stopped")
        elif self.path == "/start":
            start()
            self.answer(200, "running")
        elif self.path == "/check-keys":
            # moto authenticates every request once this many have been served.
            settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
            self.answer(200, "checking keys")
        elif self.path == "/any-keys":
            settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")
            self.answer(200, "any keys")
        else:
            self.answer(404, "unknown")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    start()
    ThreadingHTTPServer(("127.0.0.1", CONTROL_PORT), Control).serve_forever()
