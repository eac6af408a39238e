"""A live Renderowl for the SDK tests: real gunicorn + huey_consumer, a webhook receiver, and a
proxy that loses answers on demand (to prove a create replays instead of duplicating)."""
import contextlib
import http.client
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.procs import env_for, free_port, start_consumer, start_gunicorn
from tests.receiver import Receiver

# Short enough that a real 429's Retry-After (at most the window) is waited out in a test.
RATE_LIMIT_WINDOW_SECONDS = 2


class LiveStack:
    """The processes and URLs of one live server."""

    def __init__(self, config, base, web, consumer, receiver, proxy):
        self.config, self.base, self.web, self.consumer = config, base, web, consumer
        self.receiver, self.proxy = receiver, proxy
        self.master_key = config.MASTER_KEY

    def logs(self):
        return "\n".join(p.output()[-4000:] for p in (self.web, self.consumer))


@contextlib.contextmanager
def live_stack(config, log_dir):
    """Start everything for `config` (a backend_config), yield a LiveStack, stop it all."""
    port = free_port()
    live = type("LiveConfig", (config,), {"PUBLIC_URL": "http://127.0.0.1:%d" % port,
                                          "OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"]})
    env = env_for(live, RENDEROWL_HUEY_NAME="sdk-" + uuid.uuid4().hex[:8],
                  RENDEROWL_RATE_LIMIT_WINDOW_SECONDS=RATE_LIMIT_WINDOW_SECONDS)
    if live.STORAGE_URL.startswith("s3://"):
        import boto3
        boto3.client("s3", endpoint_url=live.S3_ENDPOINT_URL, region_name="us-east-1").create_bucket(
            Bucket=live.STORAGE_URL[5:].split("/")[0])
    receiver = Receiver()
    consumer = start_consumer(env, str(log_dir / "consumer.log"), workers=2)
    web = None
    proxy = None
    try:
        web, base = start_gunicorn(env, log_dir / "web.log", workers=2, port=port)
        proxy = DroppingProxy(base)
        yield LiveStack(live, base, web, consumer, receiver, proxy)
    finally:
        if proxy:
            proxy.close()
        if web:
            web.stop()
        consumer.stop()
        receiver.close()


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _handle(self):
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        parts = urlsplit(self.path)
        if parts.path == "/__proxy/drop":  # arm: lose the answer to the next METHOD PATH
            query = parse_qs(parts.query)
            with server.lock:
                server.armed.add((query["method"][0], query["path"][0]))
            return self._answer(204, {}, b"")
        upstream = http.client.HTTPConnection(server.upstream_host, server.upstream_port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "host")}
        upstream.request(self.command, self.path, body=body, headers=headers)
        resp = upstream.getresponse()
        payload = resp.read()
        answer_headers = {k: v for k, v in resp.getheaders()
                          if k.lower() not in ("connection", "transfer-encoding", "content-length")}
        upstream.close()
        with server.lock:
            key = (self.command, parts.path)
            drop = key in server.armed
            server.armed.discard(key)
            server.log.append({"method": self.command, "path": parts.path, "status": resp.status, "dropped": drop,
                               "request_headers": headers, "response_headers": answer_headers})
        if drop:  # the server did the work; the client never hears about it
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self._answer(resp.status, answer_headers, payload)

    def _answer(self, status, headers, payload):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


class DroppingProxy:
    """Forwards to `upstream`; `POST /__proxy/drop?method=&path=` makes it lose one answer."""

    def __init__(self, upstream):
        target = urlsplit(upstream)
        self.server = _ProxyServer(("127.0.0.1", 0), _ProxyHandler)
        self.server.upstream_host, self.server.upstream_port = target.hostname, target.port
        self.server.armed, self.server.log, self.server.lock = set(), [], threading.Lock()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def log(self, method=None, path=None):
        with self.server.lock:
            return [e for e in self.server.log if (method is None or e["method"] == method)
                    and (path is None or e["path"] == path)]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
