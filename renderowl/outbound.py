"""The one guarded HTTP client for every request the server makes to a user-supplied URL.

Rules: http/https only; no credentials in the URL; the host is resolved here and every
address must be public (or inside an operator-allowed CIDR); the connection goes to the
vetted address (no second lookup, so no DNS-rebinding window) while the Host header, TLS
SNI and certificate check use the original hostname; redirects are never followed;
timeouts are always set; bodies are capped.

urllib3 is used directly rather than through a requests Session: it makes the pinning
explicit and never picks up HTTP(S)_PROXY from the environment, which would bypass the guard.
"""
import ipaddress
import json as jsonlib
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import certifi
import urllib3

log = logging.getLogger(__name__)

MiB = 1024 * 1024
CHUNK = 64 * 1024

# Checked in order, so the most specific reason wins (metadata before link-local, ...).
_BLOCKED_NETWORKS = [
    (ipaddress.ip_network(net), reason)
    for net, reason in (
        ("169.254.169.254/32", "cloud metadata"),
        ("fd00:ec2::254/128", "cloud metadata"),
        ("100.100.100.200/32", "cloud metadata"),
        ("0.0.0.0/8", "unspecified"),
        ("::/128", "unspecified"),
        ("127.0.0.0/8", "loopback"),
        ("::1/128", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("fe80::/10", "link-local"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("fc00::/7", "private"),
        ("100.64.0.0/10", "shared address space (CGNAT)"),
        # Python 3.11 calls most of 192.0.0.0/24 global; it is IETF protocol space.
        ("192.0.0.0/24", "IETF protocol assignment"),
        ("192.0.2.0/24", "documentation"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("2001:db8::/32", "documentation"),
        ("198.18.0.0/15", "benchmarking"),
        ("255.255.255.255/32", "broadcast"),
        ("224.0.0.0/4", "multicast"),
        ("ff00::/8", "multicast"),
        ("240.0.0.0/4", "reserved"),
        # Local-use NAT64 prefixes embed v4 at operator-chosen offsets: refuse outright.
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("2001::/32", "Teredo"),
    )
]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class OutboundBlocked(Exception):
    """The URL or one of its resolved addresses is not allowed.

    The message is what users see (delivery logs, run errors): it says the destination is
    not allowed, never what a name resolved to, so the guard is no probe of internal DNS.
    `reason` has the details for the operator's log and the tests.
    """

    def __init__(self, message, reason=None):
        super().__init__(message)
        self.reason = reason or message


class OutboundError(Exception):
    """The request failed: DNS, connection, TLS, timeout, or a body over its cap."""


def parse_cidrs(value):
    """Turn a comma-separated string or a list of CIDR strings into ip_network objects."""
    if isinstance(value, str):
        value = value.split(",")
    return tuple(ipaddress.ip_network(c.strip(), strict=False) for c in value or () if c and c.strip())


def _embedded_v4(ip):
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), else None."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(ip, allow=()):
    """Why `ip` must not be contacted (e.g. "loopback"), or None when it may be."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip.split("%", 1)[0])  # drop an IPv6 zone id
    if any(ip.version == net.version and ip in net for net in allow):
        return None
    inner = _embedded_v4(ip)
    if inner is not None:
        # The packet ends up at the embedded v4 address, so that is what we judge.
        reason = blocked_reason(inner, allow)
        return f"embeds {inner} which is {reason}" if reason else None
    for net, reason in _BLOCKED_NETWORKS:
        if ip.version == net.version and ip in net:
            return reason
    for attr in ("is_loopback", "is_private", "is_link_local", "is_multicast",
                 "is_reserved", "is_unspecified"):
        if getattr(ip, attr):
            return attr[3:].replace("_", "-")
    if not ip.is_global:
        return "not globally routable"
    return None


def _requote(url):
    """Percent-encode what must be encoded, keeping existing escapes (as requests does)."""
    return quote(url, safe="!#$%&'()*+,/:;=?@[]~")


@dataclass
class OutboundResponse:
    """What came back: status, headers, the (capped) body and how long it took."""

    status_code: int
    headers: urllib3.HTTPHeaderDict  # case-insensitive
    content: bytes
    elapsed_ms: int
    url: str
    truncated: bool = False  # content stopped at the byte cap
    ip: str = field(default="", repr=False)

    @property
    def ok(self):
        """True for a 2xx answer."""
        return 200 <= self.status_code < 300

    @property
    def is_redirect(self):
        """True for a 3xx answer (never followed)."""
        return 300 <= self.status_code < 400

    @property
    def text(self):
        """The body decoded as UTF-8, undecodable bytes replaced."""
        return self.content.decode("utf-8", errors="replace")

    def json(self):
        """The body parsed as JSON (raises ValueError when it is not)."""
        return jsonlib.loads(self.content)


@dataclass
class _Target:
    scheme: str
    host: str          # IDNA/ASCII hostname or IP literal, no brackets
    port: int
    path: str          # path + query, what goes on the request line
    host_header: str
    addresses: list    # vetted IP strings, in resolver order


class OutboundClient:
    """Makes guarded HTTP requests to user-supplied URLs."""

    def __init__(self, allow_cidrs=(), connect_timeout=5, read_timeout=15,
                 max_response_bytes=MiB, max_download_bytes=2 * 1024 * MiB,
                 total_timeout=60, download_timeout=900, ca_certs=None,
                 user_agent="Renderowl/1.0"):
        self.allow = parse_cidrs(allow_cidrs)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_response_bytes = max_response_bytes
        self.max_download_bytes = max_download_bytes
        # A per-read timeout alone lets a server trickle one byte at a time forever.
        self.total_timeout = total_timeout
        self.download_timeout = download_timeout
        self.ca_certs = ca_certs or certifi.where()
        self.user_agent = user_agent

    @classmethod
    def from_config(cls, config, timeout=None, **kwargs):
        """The one factory: OUTBOUND_ALLOW_CIDRS from a Flask config mapping or a Config class.

        `timeout` is the seconds an endpoint has to answer: the read timeout, with connecting
        capped at 5 s and the whole exchange (a trickling body included) at `timeout` + 5.
        """
        getter = config.get if hasattr(config, "get") else lambda k, d=None: getattr(config, k, d)
        if timeout is not None:
            timeout = float(timeout)
            kwargs = {"connect_timeout": min(5.0, timeout), "read_timeout": timeout,
                      "total_timeout": timeout + 5, **kwargs}
        return cls(allow_cidrs=getter("OUTBOUND_ALLOW_CIDRS", ()) or (), **kwargs)

    def check_url(self, url):
        """Parse, resolve and vet `url`; raise OutboundBlocked/OutboundError, else return the IPs."""
        return self._target(url).addresses

    def request(self, method, url, headers=None, data=None, json=None, stream_to=None,
                max_bytes=None, timeout=None):
        """Send one request to the vetted address; never follows redirects.

        Without `stream_to` the body is read into `content`, cut at `max_bytes` (default
        `max_response_bytes`) with `truncated` set. With `stream_to` a 2xx body is written
        to that path and more than `max_bytes` (default `max_download_bytes`) raises
        OutboundError and removes the partial file; a non-2xx body is read into `content`.
        `timeout` is seconds or a (connect, read) pair.
        """
        target = self._target(url)
        body, send_headers = self._body_and_headers(target, headers, data, json)
        connect_t, read_t = self._timeouts(timeout)
        started = time.monotonic()
        deadline = started + (self.download_timeout if stream_to else self.total_timeout)
        response, ip, pool = self._send(target, method.upper(), body, send_headers, connect_t, read_t)
        try:
            status = response.status
            if stream_to and 200 <= status < 300:
                cap = max_bytes if max_bytes is not None else self.max_download_bytes
                content, truncated = b"", False
                self._stream_to_file(response, stream_to, cap, deadline)
            else:
                cap = max_bytes if max_bytes is not None and not stream_to else self.max_response_bytes
                content, truncated = self._read_capped(response, cap, deadline)
            return OutboundResponse(
                status_code=status,
                headers=urllib3.HTTPHeaderDict(response.headers),
                content=content,
                elapsed_ms=int((time.monotonic() - started) * 1000),
                url=url,
                truncated=truncated,
                ip=ip,
            )
        finally:
            response.close()  # never drain a capped body: just drop the connection
            pool.close()

    # -- URL and address vetting -------------------------------------------------

    def _target(self, url):
        try:
            parts = urlsplit(_requote(url.strip()))
            port = parts.port
        except (ValueError, AttributeError, TypeError) as exc:
            raise OutboundBlocked(f"invalid URL: {exc}") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise OutboundBlocked(f"scheme {scheme or '(none)'!r} is not allowed; use http or https")
        # Credentials in the URL end up in delivery logs; auth belongs in headers.
        if parts.username is not None or parts.password is not None:
            raise OutboundBlocked("credentials in the URL are not allowed; send them in a header")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise OutboundBlocked("URL has no host")
        if ":" not in host:  # IPv6 literals are already ASCII
            try:
                host = host.encode("idna").decode("ascii")
            except UnicodeError:
                raise OutboundBlocked(f"invalid hostname {host!r}") from None
        port = port or (443 if scheme == "https" else 80)
        addresses = self._resolve(host, port)
        for address in addresses:
            reason = blocked_reason(address, self.allow)
            if reason:
                shown = address if address == host else f"{address} (from {host})"
                log.info("outbound request to %s refused: address %s is %s", host, shown, reason)
                raise OutboundBlocked(f"destination {host} is not allowed", reason=f"address {shown} is {reason}")
        default_port = 443 if scheme == "https" else 80
        netloc = f"[{host}]" if ":" in host else host
        host_header = netloc if port == default_port else f"{netloc}:{port}"
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        return _Target(scheme, host, port, path, host_header, addresses)

    def _resolve(self, host, port):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise OutboundError(f"cannot resolve {host}: {exc}") from None
        addresses = []
        for info in infos:
            # Normalise through ipaddress: getaddrinfo accepts "127.1", "0x7f000001", ...
            address = str(ipaddress.ip_address(info[4][0].split("%", 1)[0]))
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise OutboundError(f"cannot resolve {host}: no addresses")
        return addresses

    # -- sending ---------------------------------------------------------------

    def _timeouts(self, timeout):
        if timeout is None:
            return self.connect_timeout, self.read_timeout
        if isinstance(timeout, (tuple, list)):
            return timeout[0], timeout[1]
        return timeout, timeout

    def _body_and_headers(self, target, headers, data, json):
        send = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        for name, value in (headers or {}).items():
            # Host is ours: it must name the vetted target, not something the caller chose.
            if name.lower() not in ("host", "content-length", "transfer-encoding", "connection"):
                send[name] = value
        if json is not None:
            data = jsonlib.dumps(json, separators=(",", ":")).encode()
            if not any(k.lower() == "content-type" for k in send):
                send["Content-Type"] = "application/json"
        elif isinstance(data, str):
            data = data.encode()
        send["Host"] = target.host_header
        send["Connection"] = "close"
        return data, send

    def _pool(self, target, ip, connect_t, read_t):
        timeout = urllib3.Timeout(connect=connect_t, read=read_t)
        if target.scheme == "https":
            return urllib3.HTTPSConnectionPool(
                ip, target.port, timeout=timeout, retries=False, maxsize=1,
                cert_reqs="CERT_REQUIRED", ca_certs=self.ca_certs,
                # SNI and certificate name check against the name the user gave, not the IP.
                server_hostname=target.host, assert_hostname=target.host,
            )
        return urllib3.HTTPConnectionPool(ip, target.port, timeout=timeout, retries=False, maxsize=1)

    def _send(self, target, method, body, headers, connect_t, read_t):
        last_error = None
        for ip in target.addresses:
            pool = self._pool(target, ip, connect_t, read_t)
            try:
                response = pool.urlopen(
                    method, target.path, body=body, headers=headers, retries=False,
                    redirect=False, assert_same_host=False, preload_content=False,
                    decode_content=False,
                )
                return response, ip, pool
            except (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError) as exc:
                # Nothing was sent yet, so the next vetted address is a safe retry.
                pool.close()
                last_error = exc
            except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
                # ValueError: http.client refusing a header value with CR/LF or non-latin-1.
                pool.close()
                raise OutboundError(self._describe(exc, target)) from None
        raise OutboundError(self._describe(last_error, target)) from None

    @staticmethod
    def _describe(exc, target):
        # urllib3's messages name the vetted IP the pool connected to; users see the host only.
        log.info("outbound request to %s failed: %r", target.host, exc)
        if isinstance(exc, urllib3.exceptions.NewConnectionError):  # subclasses the timeout
            return f"connecting to {target.host} failed"
        if isinstance(exc, (urllib3.exceptions.TimeoutError, socket.timeout)):
            return f"timed out talking to {target.host}"
        if isinstance(exc, urllib3.exceptions.SSLError):
            return f"TLS error with {target.host}"
        return f"request to {target.host} failed: {exc.__class__.__name__}"

    # -- reading ---------------------------------------------------------------

    def _chunks(self, response, deadline):
        try:
            while True:
                if time.monotonic() > deadline:
                    raise OutboundError("response took longer than the total timeout")
                # read1 returns what has arrived; read() would block until a full chunk.
                chunk = response.read1(CHUNK, decode_content=False)
                if not chunk:
                    return
                yield chunk
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if isinstance(exc, (urllib3.exceptions.TimeoutError, socket.timeout)):
                raise OutboundError("timed out reading the response") from None
            raise OutboundError(f"reading the response failed: {exc}") from None

    def _read_capped(self, response, cap, deadline):
        buf = bytearray()
        for chunk in self._chunks(response, deadline):
            buf += chunk
            if len(buf) > cap:
                # Stop reading at the cap; the connection is dropped, not drained.
                return bytes(buf[:cap]), True
        return bytes(buf), False

    def _stream_to_file(self, response, path, cap, deadline):
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > cap:
            raise OutboundError(f"response of {length} bytes is over the {cap}-byte limit")
        written = 0
        try:
            with open(path, "wb") as fh:
                for chunk in self._chunks(response, deadline):
                    written += len(chunk)
                    if written > cap:
                        raise OutboundError(f"response is over the {cap}-byte limit")
                    fh.write(chunk)
        except BaseException:
            # A half-written download must never be mistaken for the real file.
            try:
                os.remove(path)
            except OSError:
                pass
            raise
