"""The guarded outbound HTTP client: SSRF refusals, IP pinning, redirects, timeouts, caps."""
import datetime
import json
import re
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from renderowl.outbound import (
    OutboundBlocked,
    OutboundClient,
    OutboundError,
    blocked_reason,
)

LOCAL = ["127.0.0.0/8"]
BIG = 3 * 1024 * 1024
_real_getaddrinfo = socket.getaddrinfo


class Handler(BaseHTTPRequestHandler):
    """Test routes; every request is recorded on the server as (method, path, headers, body)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=None, length=True):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _route(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.hits.append((self.command, self.path, dict(self.headers), body))
        path = self.path.split("?")[0]
        if path == "/ok":
            self._send(200, b"hello", {"X-Test": "yes"})
        elif path == "/echo":
            payload = {"method": self.command, "path": self.path, "headers": dict(self.headers),
                       "body": body.decode()}
            self._send(200, json.dumps(payload).encode(), {"Content-Type": "application/json"})
        elif path == "/redirect":
            self._send(302, b"", {"Location": "/target"})
        elif path == "/target":
            self._send(200, b"target")
        elif path == "/missing":
            self._send(404, b"nope")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"late")
        elif path == "/big":
            self._send(200, b"x" * BIG)
        elif path == "/big-unsized":
            # No Content-Length: only counting while streaming can catch it.
            self._send(200, b"x" * BIG, length=False)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self._send(404)

    do_GET = do_POST = do_PUT = _route


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients hang up on purpose (caps, timeouts)


def _serve(context=None):
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.hits = []
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="module")
def server():
    server = _serve()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def base(server):
    server.hits.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def fake_dns(monkeypatch):
    """Map chosen hostnames to addresses (a list, or a callable per lookup); others resolve for real."""
    table, calls = {}, []

    def getaddrinfo(host, port, *args, **kwargs):
        key = host.decode() if isinstance(host, bytes) else host
        if key in table:
            calls.append(key)
            entry = table[key]
            ips = entry() if callable(entry) else entry
            if not ips:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (ip, port) if ":" not in ip else (ip, port, 0, 0)) for ip in ips]
        return _real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return SimpleNamespace(table=table, calls=calls)


# -- refusals -------------------------------------------------------------------------

SSRF_URLS = [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.0.0.1:8080/admin", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://localhost/", "loopback"),
    ("http://LOCALHOST./", "loopback"),
    ("http://2130706433/", "loopback"),      # decimal
    ("http://0x7f000001/", "loopback"),      # hex
    ("http://0177.0.0.1/", "loopback"),      # octal
    ("http://127.1/", "loopback"),           # short form
    ("http://10.0.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://172.31.255.255/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://[fc00::1]/", "private"),
    ("http://[fd12:3456::1]/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://[fd00:ec2::254]/", "cloud metadata"),
    ("http://100.100.100.200/", "cloud metadata"),
    ("http://169.254.1.1/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://100.64.0.1/", "CGNAT"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://[::ffff:127.0.0.1]/", "embeds 127.0.0.1 which is loopback"),
    ("http://[::ffff:a00:1]/", "embeds 10.0.0.1 which is private"),
    ("http://[2002:7f00:1::]/", "embeds 127.0.0.1 which is loopback"),  # 6to4
    ("http://[64:ff9b::a9fe:a9fe]/", "embeds 169.254.169.254 which is cloud metadata"),  # NAT64
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://192.0.2.10/", "documentation"),
    ("http://[2001:db8::1]/", "documentation"),
    ("https://127.0.0.1/", "loopback"),
]


@pytest.mark.parametrize("url,reason", SSRF_URLS)
def test_ssrf_targets_are_refused(url, reason):
    with pytest.raises(OutboundBlocked) as refused:
        OutboundClient().request("GET", url)
    assert re.search("is .*" + reason, refused.value.reason)
    assert "not allowed" in str(refused.value) and reason not in str(refused.value)


@pytest.mark.parametrize("url", [
    "ftp://example.com/file", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)",
    "example.com/path", "", "http://", "http:///path", "http://exa mple.com:99999/",
])
def test_non_http_and_malformed_urls_are_refused(url):
    with pytest.raises(OutboundBlocked):
        OutboundClient().request("GET", url)


def test_credentials_in_url_are_refused(fake_dns):
    # Decision: userinfo would land in delivery logs; callers put auth in headers instead.
    fake_dns.table["hooks.test"] = ["93.184.216.34"]
    for url in ("http://user:pass@hooks.test/", "https://token@hooks.test/"):
        with pytest.raises(OutboundBlocked, match="credentials"):
            OutboundClient().request("POST", url)
    assert fake_dns.calls == []  # refused before any lookup


def test_hostname_resolving_to_private_ip_is_refused(fake_dns):
    fake_dns.table["evil.test"] = ["10.0.0.1"]
    with pytest.raises(OutboundBlocked) as refused:
        OutboundClient().request("GET", "https://evil.test/")
    assert re.search(r"10\.0\.0\.1 \(from evil\.test\) is private", refused.value.reason)
    # What users see says the destination is not allowed, never what the name resolved to.
    assert str(refused.value) == "destination evil.test is not allowed"


def test_every_resolved_address_is_checked(fake_dns):
    fake_dns.table["mixed.test"] = ["93.184.216.34", "127.0.0.1"]
    with pytest.raises(OutboundBlocked) as refused:
        OutboundClient().request("GET", "http://mixed.test/")
    assert "loopback" in refused.value.reason and "127.0.0.1" not in str(refused.value)
    fake_dns.table["mixed6.test"] = ["93.184.216.34", "::1"]
    with pytest.raises(OutboundBlocked) as refused:
        OutboundClient().check_url("http://mixed6.test/")
    assert "loopback" in refused.value.reason


def test_unresolvable_host_is_an_error(fake_dns):
    fake_dns.table["nx.test"] = []
    with pytest.raises(OutboundError, match="cannot resolve"):
        OutboundClient().request("GET", "http://nx.test/")


@pytest.mark.parametrize("ip", ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "64:ff9b::808:808"])
def test_public_addresses_pass(ip):
    assert blocked_reason(ip) is None


def test_allow_cidrs_open_only_named_networks():
    allow = OutboundClient(allow_cidrs=LOCAL).allow
    assert blocked_reason("127.0.0.1", allow) is None
    assert blocked_reason("::ffff:127.0.0.1", allow) is None  # same host, other spelling
    assert blocked_reason("10.0.0.1", allow) == "private"
    assert blocked_reason("::1", allow) == "loopback"
    with pytest.raises(OutboundBlocked) as refused:
        OutboundClient(allow_cidrs=LOCAL).request("GET", "http://10.0.0.1/")
    assert refused.value.reason.endswith("private")
    assert OutboundClient(allow_cidrs="127.0.0.0/8, 10.0.0.0/8").allow[1].with_prefixlen == "10.0.0.0/8"


def test_from_config_reads_outbound_allow_cidrs():
    assert [str(n) for n in OutboundClient.from_config({"OUTBOUND_ALLOW_CIDRS": LOCAL}).allow] == LOCAL
    assert OutboundClient.from_config(type("C", (), {})).allow == ()


# -- against a real local server (opened with allow_cidrs) --------------------------------

def test_allowed_cidr_reaches_local_server(base, server):
    response = OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/ok?x=1")
    assert response.status_code == 200 and response.ok
    assert response.content == b"hello" and not response.truncated
    assert response.headers["x-test"] == "yes"  # case-insensitive
    assert response.elapsed_ms >= 0 and response.url == base + "/ok?x=1"
    assert server.hits[0][1] == "/ok?x=1"


def test_post_json_and_headers(base):
    response = OutboundClient(allow_cidrs=LOCAL).request(
        "post", base + "/echo", json={"a": 1}, headers={"X-Sig": "s", "Host": "attacker.example"})
    echoed = response.json()
    assert echoed["method"] == "POST" and json.loads(echoed["body"]) == {"a": 1}
    assert echoed["headers"]["Content-Type"] == "application/json"
    assert echoed["headers"]["X-Sig"] == "s"
    assert echoed["headers"]["Host"] == base.split("//")[1]  # the caller cannot pick Host


def test_header_injection_is_an_error_not_a_crash(base, server):
    with pytest.raises(OutboundError):
        OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/ok", headers={"X-A": "v\r\nX-Injected: 1"})
    assert all("X-Injected" not in hit[2] for hit in server.hits)


def test_redirect_is_returned_not_followed(base, server):
    response = OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/redirect")
    assert response.status_code == 302 and response.is_redirect
    assert response.headers["Location"] == "/target"
    assert [hit[1] for hit in server.hits] == ["/redirect"]


def test_read_timeout_is_enforced(base):
    started = time.monotonic()
    with pytest.raises(OutboundError, match="timed out"):
        OutboundClient(allow_cidrs=LOCAL, read_timeout=0.5).request("GET", base + "/slow")
    assert time.monotonic() - started < 2


def test_per_call_timeout_overrides_default(base):
    started = time.monotonic()
    with pytest.raises(OutboundError, match="timed out"):
        OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/slow", timeout=(1, 0.3))
    assert time.monotonic() - started < 2


def test_total_timeout_stops_a_trickling_server(base):
    started = time.monotonic()
    with pytest.raises(OutboundError, match="total timeout"):
        OutboundClient(allow_cidrs=LOCAL, read_timeout=5, total_timeout=0.5).request("GET", base + "/trickle")
    assert time.monotonic() - started < 2


def test_connection_refused_is_an_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(OutboundError, match="failed"):
        OutboundClient(allow_cidrs=LOCAL, connect_timeout=1).request("GET", f"http://127.0.0.1:{port}/")


def test_response_body_is_capped(base):
    response = OutboundClient(allow_cidrs=LOCAL, max_response_bytes=1000).request("GET", base + "/big")
    assert response.status_code == 200
    assert response.content == b"x" * 1000 and response.truncated
    response = OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/big-unsized", max_bytes=10)
    assert len(response.content) == 10 and response.truncated
    assert len(OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/big").content) == 1024 * 1024  # default 1 MiB


def test_stream_to_writes_the_body(base, tmp_path):
    target = tmp_path / "video.mp4"
    response = OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/big", stream_to=str(target))
    assert response.status_code == 200 and response.content == b""
    assert target.stat().st_size == BIG


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_stream_to_cap_raises_and_removes_partial_file(base, tmp_path, path):
    target = tmp_path / "video.mp4"
    with pytest.raises(OutboundError, match="limit"):
        OutboundClient(allow_cidrs=LOCAL).request("GET", base + path, stream_to=str(target), max_bytes=1024 * 1024)
    assert not target.exists()


def test_stream_to_cap_is_separate_from_response_cap(base, tmp_path):
    client = OutboundClient(allow_cidrs=LOCAL, max_response_bytes=10, max_download_bytes=BIG)
    target = tmp_path / "video.mp4"
    assert client.request("GET", base + "/big", stream_to=str(target)).status_code == 200
    assert target.stat().st_size == BIG
    with pytest.raises(OutboundError):
        OutboundClient(allow_cidrs=LOCAL, max_download_bytes=BIG - 1).request("GET", base + "/big-unsized", stream_to=str(target))
    assert not target.exists()


def test_stream_to_error_status_writes_no_file(base, tmp_path):
    target = tmp_path / "video.mp4"
    response = OutboundClient(allow_cidrs=LOCAL).request("GET", base + "/missing", stream_to=str(target))
    assert response.status_code == 404 and response.content == b"nope"
    assert not target.exists()


# -- DNS pinning ----------------------------------------------------------------------

def test_connection_goes_to_the_vetted_ip_without_re_resolving(base, server, fake_dns):
    answers = iter([["127.0.0.1"]])
    # First lookup is the allowed local server; any later lookup would rebind to 10.0.0.1.
    fake_dns.table["rebind.test"] = lambda: next(answers, ["10.0.0.1"])
    port = server.server_address[1]
    response = OutboundClient(allow_cidrs=LOCAL, connect_timeout=1).request("GET", f"http://rebind.test:{port}/echo")
    assert response.status_code == 200
    assert response.ip == "127.0.0.1"
    assert response.json()["headers"]["Host"] == f"rebind.test:{port}"
    assert fake_dns.calls == ["rebind.test"]  # resolved once, by the guard


def test_next_vetted_address_is_tried_when_first_refuses(base, server, fake_dns):
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        closed_port = sock.getsockname()[1]
    port = server.server_address[1]
    if closed_port == port:
        pytest.skip("port collision")
    fake_dns.table["two.test"] = ["127.0.0.2", "127.0.0.1"]
    response = OutboundClient(allow_cidrs=LOCAL, connect_timeout=1).request("GET", f"http://two.test:{port}/ok")
    assert response.status_code == 200 and response.ip == "127.0.0.1"


# -- TLS against the pinned IP keeps SNI and certificate checks on the hostname -----------

@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Test CA")).issuer_name(name("Test CA"))
          .public_key(ca_key.public_key()).serial_number(1)
          .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(name("secure.test")).issuer_name(ca.subject)
            .public_key(leaf_key.public_key()).serial_number(2)
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("secure.test")]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "leaf.pem").write_bytes(
        leaf.public_bytes(serialization.Encoding.PEM)
        + leaf_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "leaf.pem")
    sni = []
    context.sni_callback = lambda sock, server_name, ctx: sni.append(server_name)
    server = _serve(context)
    server.sni, server.ca_path = sni, str(folder / "ca.pem")
    yield server
    server.shutdown()
    server.server_close()


def test_https_pins_ip_but_verifies_the_hostname(tls_server, fake_dns):
    fake_dns.table["secure.test"] = ["127.0.0.1"]
    port = tls_server.server_address[1]
    client = OutboundClient(allow_cidrs=LOCAL, ca_certs=tls_server.ca_path, connect_timeout=2, read_timeout=2)
    response = client.request("GET", f"https://secure.test:{port}/echo")
    assert response.status_code == 200 and response.ip == "127.0.0.1"
    assert response.json()["headers"]["Host"] == f"secure.test:{port}"
    assert "secure.test" in tls_server.sni


def test_https_certificate_for_another_name_is_rejected(tls_server, fake_dns):
    fake_dns.table["other.test"] = ["127.0.0.1"]
    port = tls_server.server_address[1]
    client = OutboundClient(allow_cidrs=LOCAL, ca_certs=tls_server.ca_path, connect_timeout=2, read_timeout=2)
    with pytest.raises(OutboundError, match="TLS"):
        client.request("GET", f"https://other.test:{port}/ok")
    with pytest.raises(OutboundError, match="TLS"):  # the default CA bundle does not trust it
        OutboundClient(allow_cidrs=LOCAL, connect_timeout=2).request("GET", f"https://127.0.0.1:{port}/ok")
