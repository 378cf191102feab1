"""A webhook receiver for delivery tests, on 127.0.0.1 at a free port.
Fails the first --fail requests with HTTP 500; with --hang-first, records the
first request and then never answers (the sender is killed meanwhile).
Each request is logged as a JSON line: status returned, headers, body, and
whether X-Duban-Signature is the HMAC-SHA256 of "timestamp.body" under --secret."""
import argparse
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = argparse.ArgumentParser()
args.add_argument("--port-file", required=True)
args.add_argument("--log", required=True)
args.add_argument("--fail", type=int, default=0)
args.add_argument("--hang-first", action="store_true")
args.add_argument("--secret", default="")
args.add_argument("--reply", default="{}")
args.add_argument("--redirect", default="", help="answer 307 with this Location")
args.add_argument("--stream-mb", type=int, default=0, help="answer 200 with a body of this many MB")
opts = args.parse_args()
lock = threading.Lock()
count = [0]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            count[0] += 1
            n = count[0]
        status = 500 if n <= opts.fail else 200
        signature_ok = None
        if opts.secret:
            ts = self.headers.get("X-Duban-Timestamp", "")
            want = "sha256=" + hmac.new(opts.secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
            signature_ok = hmac.compare_digest(want, self.headers.get("X-Duban-Signature", ""))
        record = {"n": n, "path": self.path, "status": status, "headers": dict(self.headers),
                  "body": json.loads(body or b"{}"), "signature_ok": signature_ok}
        if opts.hang_first and n == 1:
            record["status"] = "hung"
        with lock, open(opts.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        if opts.hang_first and n == 1:
            time.sleep(30)
            return
        if opts.redirect:
            self.send_response(307)
            self.send_header("Location", opts.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        if opts.stream_mb:
            chunk = b"x" * (1 << 20)
            try:
                for _ in range(opts.stream_mb):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.wfile.write(opts.reply.encode())

    def log_message(self, *a):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(opts.port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
