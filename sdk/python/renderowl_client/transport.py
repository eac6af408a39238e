"""HTTP with the API's conventions: bearer key, JSON, typed errors, retries, idempotency keys."""
import email.utils
import random
import time
import uuid

import requests

from .errors import NetworkError, RequestTimeoutError, error_for

VERSION = "1.0.0"
SAFE_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "PATCH"})
# Worth another try: a rate limit, an idempotent create still in flight, and server trouble.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def parse_retry_after(value):
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def api_base(base_url):
    """`https://host` or `https://host/api/v1` → the `/api/v1` base every path hangs from."""
    base = base_url.rstrip("/")
    return base if base.endswith("/api/v1") else base + "/api/v1"


class Transport:
    """One requests.Session per client; every call goes through `request`."""

    def __init__(self, api_key, base_url, timeout=30.0, max_retries=2, max_retry_delay=60.0, session=None):
        if not api_key:
            raise ValueError("api_key is required (a project key rk_live_… or the master key)")
        if not base_url:
            raise ValueError("base_url is required, e.g. https://renderowl.example.com")
        self.api_key = api_key
        self.base = api_base(base_url)
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_delay = max_retry_delay
        self.session = session or requests.Session()

    def request(self, method, path, params=None, json=None, idempotency_key=None, idempotent=False, raw=False):
        """Send, retry what is safe to retry, and return the decoded JSON (None for 204; bytes with `raw`).

        A create carries an Idempotency-Key chosen once for all its attempts, so a retry after
        a lost answer replays the first result instead of creating twice. Other POSTs are
        retried only on 429 (the server did nothing) unless `idempotent` says they are safe.
        """
        headers = {"Authorization": "Bearer " + self.api_key, "Accept": "*/*" if raw else "application/json",
                   "User-Agent": "renderowl-client-python/" + VERSION}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        safe = method in SAFE_METHODS or bool(idempotency_key) or idempotent
        query = {k: v for k, v in (params or {}).items() if v is not None}
        attempt = 0
        while True:
            error: Exception
            try:
                resp = self.session.request(method, self.base + path, params=query, json=json, headers=headers,
                                            timeout=self.timeout)
            except requests.Timeout as exc:
                error = RequestTimeoutError("%s %s: no answer within %ss" % (method, path, self.timeout))
                error.__cause__ = exc
            except requests.RequestException as exc:
                error = NetworkError("%s %s: %s" % (method, path, exc))
                error.__cause__ = exc
            else:
                if resp.status_code < 400:
                    if raw:
                        return resp.content
                    return None if resp.status_code == 204 or not resp.content else resp.json()
                error = self._error(resp)
                if not self._retryable(resp, error, safe):
                    raise error
            if attempt >= self.max_retries or not (safe or getattr(error, "status", None) == 429):
                raise error
            time.sleep(self._delay(attempt, getattr(error, "headers", {}).get("Retry-After")))
            attempt += 1

    @staticmethod
    def _error(resp):
        try:
            body = resp.json()
        except ValueError:
            body = None
        return error_for(resp.status_code, body, resp.headers.get("X-Request-Id"), resp.headers)

    @staticmethod
    def _retryable(resp, error, safe):
        if resp.status_code == 429:
            # A quota is not a rate: waiting does not help unless the server says when to come back.
            return error.code == "RATE_LIMIT_EXCEEDED" or "Retry-After" in resp.headers
        if resp.status_code == 409:
            return error.code == "IDEMPOTENCY_KEY_IN_USE"
        return safe and resp.status_code in RETRY_STATUSES

    def _delay(self, attempt, retry_after):
        """Retry-After when given (capped), else exponential backoff with jitter."""
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return min(asked, self.max_retry_delay)
        return min(8.0, 0.5 * 2 ** attempt) * random.uniform(0.5, 1.0)


def new_idempotency_key():
    """A fresh key for one logical create (reused by all of its attempts)."""
    return str(uuid.uuid4())
