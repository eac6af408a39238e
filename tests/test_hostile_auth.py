"""Guessing keys is slow, the master key is long, OPTIONS is JSON: through HTTP, on both backends."""
import pytest

from renderowl import create_app
from renderowl.cli import master_key_from_file
from tests.conftest import bearer


def _guess(client, project, address, token="rk_live_" + "x" * 32, **headers):
    return client.get("/api/v1/projects/%s" % project["id"], headers={**bearer(token), **headers},
                      environ_base={"REMOTE_ADDR": address})


def test_failed_authentication_is_throttled_per_address(app, client, project, key):
    app.config["AUTH_FAILURES_PER_MINUTE"] = 5
    for _ in range(5):
        assert _guess(client, project, "203.0.113.7").status_code == 401
    refused = _guess(client, project, "203.0.113.7")
    assert refused.status_code == 429 and refused.json["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert int(refused.headers["Retry-After"]) >= 1
    # Refused before any key is looked at: a right key from that address learns nothing either.
    right = key["Authorization"].split(" ", 1)[1]
    assert _guess(client, project, "203.0.113.7", token=right).status_code == 429
    # X-Forwarded-For is not believed without trusted proxies, so rotating it does not help.
    assert _guess(client, project, "203.0.113.7", **{"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # Other addresses, and successes, are not affected.
    assert _guess(client, project, "203.0.113.8", token=right).status_code == 200
    assert _guess(client, project, "203.0.113.8").status_code == 401


def test_legacy_routes_count_failures_against_the_same_throttle(app, client, project, key):
    app.config["AUTH_FAILURES_PER_MINUTE"] = 3
    legacy = lambda token, address="203.0.113.9": client.get(  # noqa: E731
        "/api/v1/renders", headers=bearer(token), environ_base={"REMOTE_ADDR": address})
    for _ in range(3):
        assert legacy("rk_live_" + "y" * 32).status_code == 401
    right = key["Authorization"].split(" ", 1)[1]
    # Guesses on the deprecated routes used up the address's failures for every route.
    assert legacy(right).status_code == 429
    assert _guess(client, project, "203.0.113.9", token=right).status_code == 429
    assert legacy(right, "203.0.113.10").status_code == 200


class _CountingLimiter:
    """The app's limiter, counting the calls each request makes to it."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def __getattr__(self, name):
        method = getattr(self.inner, name)
        if not callable(method):
            return method

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)
        return counted


def test_a_keyed_request_makes_one_limiter_call(app, client, project, key, master):
    # With Redis that is one round trip for the address throttle and the key's rate limit.
    limiter = app.extensions["renderowl_rate_limiter"] = _CountingLimiter(app.extensions["renderowl_rate_limiter"])
    ok = client.get("/api/v1/projects/%s" % project["id"], headers=key)
    assert ok.status_code == 200 and int(ok.headers["X-RateLimit-Remaining"]) < int(ok.headers["X-RateLimit-Limit"])
    assert limiter.calls == ["admit"]
    limiter.calls.clear()
    assert client.get("/api/v1/projects", headers=master).status_code == 200
    assert limiter.calls == ["admit"]
    limiter.calls.clear()
    # A failure is one call too: it counts against the address.
    assert _guess(client, project, "198.51.100.77").status_code == 401
    assert limiter.calls == ["hit"]


def test_forwarded_for_counts_only_through_trusted_hops(config, project):
    trusting = create_app(type("Trusting", (config,), {"TRUSTED_PROXIES": 1, "AUTH_FAILURES_PER_MINUTE": 2}))
    client = trusting.test_client()
    for _ in range(2):
        assert _guess(client, project, "10.0.0.1", **{"X-Forwarded-For": "198.51.100.1"}).status_code == 401
    assert _guess(client, project, "10.0.0.1", **{"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # The proxy's own address is not the client: another client behind it is not throttled.
    assert _guess(client, project, "10.0.0.1", **{"X-Forwarded-For": "198.51.100.2"}).status_code == 401
    # Only the last hop counts: a client cannot pick its address by prepending one.
    spoofed = {"X-Forwarded-For": "192.0.2.99, 198.51.100.1"}
    assert _guess(client, project, "10.0.0.1", **spoofed).status_code == 429


def test_a_short_master_key_stops_the_server_from_starting(config):
    with pytest.raises(RuntimeError, match="at least 32 characters"):
        create_app(type("Short", (config,), {"MASTER_KEY": "x" * 31}))
    assert create_app(type("Long", (config,), {"MASTER_KEY": "x" * 32})) is not None


def test_up_prints_a_generated_master_key_once(tmp_path):
    lines = []
    path = str(tmp_path / "var" / "master.key")
    key = master_key_from_file(path, echo=lines.append)
    assert len(key) >= 32 and any(key in line for line in lines)
    lines.clear()
    assert master_key_from_file(path, echo=lines.append) == key
    assert lines and not any(key in line for line in lines)


def test_options_is_a_json_405_with_allow(client, key, project):
    resp = client.options("/api/v1/projects/%s/assets" % project["id"], headers=key)
    assert resp.status_code == 405 and resp.mimetype == "application/json"
    assert resp.json["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert set(resp.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert client.options("/healthz").mimetype == "application/json"


def test_an_empty_scope_list_is_refused_and_an_omitted_one_is_every_scope(client, master, project):
    url = "/api/v1/projects/%s/api-keys" % project["id"]
    resp = client.post(url, json={"name": "k", "scopes": []}, headers=master)
    assert resp.status_code == 400 and "scopes" in resp.json["error"]["details"]
    assert len(client.post(url, json={"name": "k"}, headers=master).json["scopes"]) == 9
    dup = client.post(url, json={"name": "k", "scopes": ["assets:read", "assets:read"]}, headers=master).json
    assert dup["scopes"] == ["assets:read"]
