"""Every row of the contract's auth table, in its order, through HTTP."""
import time

from tests.conftest import bearer


def _err(resp):
    return resp.status_code, resp.json["error"]["code"]


def test_missing_or_malformed_header(client, project):
    url = "/api/v1/projects/%s" % project["id"]
    assert _err(client.get(url)) == (401, "UNAUTHENTICATED")
    for header in ("Basic abc", "Bearer", "Bearer   ", "rk_live_x", "Token abc"):
        assert _err(client.get(url, headers={"Authorization": header})) == (401, "UNAUTHENTICATED"), header


def test_token_not_of_key_format_and_unknown_key(client, project):
    url = "/api/v1/projects/%s" % project["id"]
    for token in ("nope", "rk_live_short", "rk_test_" + "a" * 32, "rk_live_" + "!" * 32):
        assert _err(client.get(url, headers=bearer(token))) == (401, "INVALID_API_KEY"), token
    assert _err(client.get(url, headers=bearer("rk_live_" + "A" * 32))) == (401, "INVALID_API_KEY")


def test_revoked_key(client, master, project, make_key):
    created = make_key(project)
    client.delete("/api/v1/projects/%s/api-keys/%s" % (project["id"], created["id"]), headers=master)
    resp = client.get("/api/v1/projects/%s" % project["id"], headers=bearer(created["key"]))
    assert _err(resp) == (401, "API_KEY_REVOKED")


def test_suspended_and_archived_projects(client, master, project, make_key):
    key = bearer(make_key(project)["key"])
    url = "/api/v1/projects/%s" % project["id"]
    client.patch(url, json={"status": "suspended"}, headers=master)
    assert _err(client.get(url, headers=key)) == (403, "PROJECT_SUSPENDED")
    client.patch(url, json={"status": "archived"}, headers=master)
    assert _err(client.get(url, headers=key)) == (403, "PROJECT_ARCHIVED")
    client.patch(url, json={"status": "active"}, headers=master)
    assert client.get(url, headers=key).status_code == 200


def test_master_only_routes_refuse_project_keys(client, project, key):
    pid = project["id"]
    for method, url, body in (
        ("get", "/api/v1/projects", None),
        ("post", "/api/v1/projects", {"slug": "zzz", "name": "z"}),
        ("patch", "/api/v1/projects/%s" % pid, {"name": "x"}),
        ("delete", "/api/v1/projects/%s" % pid, None),
        ("get", "/api/v1/projects/%s/api-keys" % pid, None),
        ("post", "/api/v1/projects/%s/api-keys" % pid, {"name": "k"}),
        ("post", "/api/v1/projects/%s/webhook-secret/rotate" % pid, None),
    ):
        resp = getattr(client, method)(url, json=body, headers=key)
        assert _err(resp) == (403, "MASTER_KEY_REQUIRED"), (method, url)


def test_missing_scope_message(client, project, make_key):
    key = bearer(make_key(project, scopes=["renders:read"])["key"])
    resp = client.get("/api/v1/projects/%s" % project["id"], headers=key)
    assert _err(resp) == (403, "UNAUTHORIZED_SCOPE")
    assert resp.json["error"]["message"] == "Key lacks 'projects:read' scope"


def test_rate_limit_429_with_headers(client, project, make_key):
    key = bearer(make_key(project, rateLimitRpm=3)["key"])
    url = "/api/v1/projects/%s" % project["id"]
    remaining = []
    for _ in range(3):
        resp = client.get(url, headers=key)
        assert resp.status_code == 200
        assert resp.headers["X-RateLimit-Limit"] == "3"
        remaining.append(int(resp.headers["X-RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]
    resp = client.get(url, headers=key)
    assert _err(resp) == (429, "RATE_LIMIT_EXCEEDED")
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    assert resp.headers["X-RateLimit-Remaining"] == "0"


def test_checks_run_in_contract_order(client, master, project, make_key):
    """A suspended project's key over its limit and lacking scope gets the earliest failure."""
    key = bearer(make_key(project, scopes=["renders:read"], rateLimitRpm=1)["key"])
    url = "/api/v1/projects/%s" % project["id"]
    assert _err(client.get(url, headers=key)) == (403, "UNAUTHORIZED_SCOPE")
    # Scope is checked before the rate limit: still 403, never 429.
    assert _err(client.get(url, headers=key)) == (403, "UNAUTHORIZED_SCOPE")
    client.patch(url, json={"status": "suspended"}, headers=master)
    assert _err(client.get(url, headers=key)) == (403, "PROJECT_SUSPENDED")
    # Auth runs before body validation: a bad body with no key is 401, not 400.
    assert _err(client.post("/api/v1/projects", json={"slug": "!"})) == (401, "UNAUTHENTICATED")


def test_master_key_has_no_rate_limit_and_all_routes(client, master, project):
    for _ in range(5):
        resp = client.get("/api/v1/projects/%s" % project["id"], headers=master)
        assert resp.status_code == 200 and "X-RateLimit-Limit" not in resp.headers


def test_other_project_is_404_not_403(client, project, make_project, make_key):
    other = make_project()
    key = bearer(make_key(project)["key"])
    resp = client.get("/api/v1/projects/%s" % other["id"], headers=key)
    assert _err(resp) == (404, "PROJECT_NOT_FOUND")


def test_last_used_at_is_coalesced(app, client, master, project, make_key):
    created = make_key(project)
    key = bearer(created["key"])
    url = "/api/v1/projects/%s/api-keys" % project["id"]
    # buffered: the client closes the response as a WSGI server does, which runs the write.
    client.get("/api/v1/projects/%s" % project["id"], headers=key, buffered=True)
    first = client.get(url, headers=master).json["data"][0]["lastUsedAt"]
    assert first is not None
    time.sleep(0.01)
    client.get("/api/v1/projects/%s" % project["id"], headers=key, buffered=True)
    # The second use within a minute writes nothing.
    assert client.get(url, headers=master).json["data"][0]["lastUsedAt"] == first


def _refuse_last_used_writes(db, on):
    """A trigger that makes the database refuse every lastUsedAt write (a real failed UPDATE)."""
    from renderowl.db import is_postgres
    if is_postgres(db):
        sql = (["CREATE FUNCTION refuse_touch() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ "
                "LANGUAGE plpgsql",
                "CREATE TRIGGER refuse_touch BEFORE UPDATE OF last_used_at ON api_key "
                "FOR EACH ROW EXECUTE FUNCTION refuse_touch()"] if on else
               ["DROP TRIGGER IF EXISTS refuse_touch ON api_key", "DROP FUNCTION IF EXISTS refuse_touch()"])
    else:
        sql = (["CREATE TRIGGER refuse_touch BEFORE UPDATE OF last_used_at ON api_key "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"] if on else ["DROP TRIGGER IF EXISTS refuse_touch"])
    with db.connection_context():
        for statement in sql:
            db.execute_sql(statement)


def test_failed_last_used_write_is_logged_not_raised(app, client, master, project, make_key, caplog):
    from renderowl.extensions import database
    created = make_key(project)
    _refuse_last_used_writes(database.obj, True)
    try:
        with caplog.at_level("WARNING", logger="renderowl.auth.principal"):
            # buffered: the client closes the response as a WSGI server does, which runs the write.
            resp = client.get("/api/v1/projects/%s" % project["id"], headers=bearer(created["key"]), buffered=True)
    finally:
        _refuse_last_used_writes(database.obj, False)
    assert resp.status_code == 200 and resp.json["id"] == project["id"]
    assert any("lastUsedAt update skipped" in r.getMessage() for r in caplog.records)
    keys = client.get("/api/v1/projects/%s/api-keys" % project["id"], headers=master).json["data"]
    assert keys[0]["lastUsedAt"] is None


def test_last_used_memory_is_bounded(monkeypatch):
    from renderowl.auth import principal
    clock = [1000.0]
    monkeypatch.setattr(principal.time, "monotonic", lambda: clock[0])
    seen = principal._LastUsed()
    assert all(seen.due("key-%d" % i) for i in range(5000))
    assert not seen.due("key-1")  # within the minute: no second write
    clock[0] += principal.LAST_USED_INTERVAL + 1
    assert seen.due("key-1")  # a minute on: written again, and the idle keys forgotten
    assert len(seen._seen) == 1


def test_in_process_rate_limiter_forgets_idle_keys():
    from renderowl.auth.ratelimit import MemoryRateLimiter
    clock = [1000.0]
    limiter = MemoryRateLimiter(window=60, clock=lambda: clock[0])
    for i in range(5000):
        assert limiter.hit("key-%d" % i, 10).allowed
    assert limiter.hit("key-1", 1).allowed is False  # still counted within the window
    clock[0] += 61
    assert limiter.hit("key-1", 1).allowed
    clock[0] += 61
    limiter.hit("key-2", 1)
    assert len(limiter._hits) <= 2
