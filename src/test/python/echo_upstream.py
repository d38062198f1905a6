#!/usr/bin/env python3
"""The protected service of NginxGatewayIT, deliberately not Java: answers every request with
200 and a JSON echo of its method, path and headers, and remembers it. GET /__seen (asked directly
on this port by the test, not through the gateway) returns everything received so far.

    python3 echo_upstream.py <port>
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEEN = []
LOCK = threading.Lock()


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.command == "GET" and self.path == "/__seen":
            with LOCK:
                body = json.dumps(SEEN).encode()
        else:
            request = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
            }
            with LOCK:
                SEEN.append(request)
            body = json.dumps({"upstream": "python", "request": request}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _answer

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Echo)
    print("listening", flush=True)
    server.serve_forever()
