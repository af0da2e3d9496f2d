#!/usr/bin/env python3
"""A real SMTP server for the auth tests, and an HTTP window on what it received.

PocketBase sends its OTP mails to the SMTP port; the browser tests cannot speak SMTP,
so the last message for an address is served over HTTP, with CORS open:

  GET /last?to=ADDRESS  {"count": N, "mail": M}: how many messages arrived for ADDRESS
                        and the last of them, {"from", "to", "subject", "text", "html"}
                        (the decoded text/plain and text/html parts, "" when absent),
                        or null. A test reads `count` before it makes the server send,
                        then waits for it to grow.
  GET /smtp             {"host": "127.0.0.1", "port": SMTP_PORT}, for the server's settings

Usage: mail_server.py SMTP_PORT HTTP_PORT   (both on 127.0.0.1; needs aiosmtpd)
"""
import email
import email.policy
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from aiosmtpd.controller import Controller

inbox = {}  # lower-cased recipient -> [messages as served]
lock = threading.Lock()


def part(msg, subtype):
    body = msg.get_body(preferencelist=(subtype,))
    return body.get_content() if body is not None else ""


class Inbox:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        seen = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(msg.get("Subject", "")),
            "text": part(msg, "plain"),
            "html": part(msg, "html"),
        }
        with lock:
            for rcpt in envelope.rcpt_tos:
                inbox.setdefault(rcpt.lower(), []).append(seen)
        return "250 Message accepted for delivery"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def reply(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/smtp":
            return self.reply(200, {"host": "127.0.0.1", "port": self.server.smtp_port})
        if url.path != "/last":
            return self.reply(404, {"message": "not found"})
        to = parse_qs(url.query).get("to", [""])[0].lower()
        with lock:
            mails = list(inbox.get(to, []))
        return self.reply(200, {"count": len(mails), "mail": mails[-1] if mails else None})


if __name__ == "__main__":
    smtp_port, http_port = int(sys.argv[1]), int(sys.argv[2])
    smtp = Controller(Inbox(), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    http = ThreadingHTTPServer(("127.0.0.1", http_port), Handler)
    http.daemon_threads = True
    http.smtp_port = smtp_port
    try:
        http.serve_forever()
    finally:
        smtp.stop()
