"""A local HTTP receiver for webhook tests: records every request, answers from a per-path plan."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        server = self.server
        path = self.path.split("?")[0]
        with server.lock:
            server.hits.append({"method": self.command, "path": path, "headers": dict(self.headers),
                                "body": body})
            plan = server.plan.get(path) or []
            status = plan.pop(0) if plan else 200
        if status == "hang":  # keep the caller waiting (a worker gets killed meanwhile)
            time.sleep(server.hang_seconds)
            status = 200
        payload = json.dumps({"received": path, "ok": 200 <= status < 300}).encode()
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(payload)
        except OSError:
            pass

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # killed callers hang up on purpose


class Receiver:
    """`respond(path, 500, 200)` answers the next calls to `path` in that order, then 200."""

    def __init__(self, hang_seconds=20):
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.hits, self.server.plan, self.server.lock = [], {}, threading.Lock()
        self.server.hang_seconds = hang_seconds
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def url(self, path):
        return self.base + path

    def respond(self, path, *statuses):
        with self.server.lock:
            self.server.plan[path] = list(statuses)

    def hits(self, path=None):
        with self.server.lock:
            return [h for h in self.server.hits if path is None or h["path"] == path]

    def wait_for(self, path, count=1, timeout=5):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(self.hits(path)) >= count:
                return self.hits(path)
            time.sleep(0.05)
        raise AssertionError(f"{path} got {len(self.hits(path))} calls, expected {count}")

    def close(self):
        self.server.shutdown()
        self.server.server_close()
