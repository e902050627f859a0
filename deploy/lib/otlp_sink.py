#!/usr/bin/env python3
"""A stand-in OTLP/HTTP collector for load runs: accepts every export (200, empty protobuf body) and counts bytes.

Usage: otlp_sink.py PORT  (binds 127.0.0.1 only; stops on SIGTERM)."""
import http.server
import signal
import sys


class Sink(http.server.BaseHTTPRequestHandler):
    received = 0

    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", "0"))
        Sink.received += len(self.rfile.read(length))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink)
signal.signal(signal.SIGTERM, lambda *_: (print(f"otlp sink: received {Sink.received} bytes", file=sys.stderr), sys.exit(0)))
server.serve_forever()
