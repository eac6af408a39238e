"""Projects and API-key routes through HTTP."""
import hashlib
import re

from tests.conftest import bearer


def test_create_project_defaults_and_secret(client, master):
    resp = client.post("/api/v1/projects", json={"slug": "acme-co", "name": "Acme"}, headers=master)
    assert resp.status_code == 201
    body = resp.json
    assert re.fullmatch(r"[0-9a-f-]{36}", body["id"])
    assert body["slug"] == "acme-co" and body["status"] == "active"
    assert body["settings"] == {"renderQuotaMinutes": 1000, "storageQuotaBytes": 10 * 1024 ** 3,
                                "maxAssetSizeBytes": 5 * 1024 ** 3, "webhookUrl": None,
                                "defaultRateLimitRpm": 100, "quotaPeriod": "month"}
    month = body["createdAt"][:8] + "01T00:00:00.000Z"
    assert body["usage"] == {"storageBytes": 0, "renderCount": 0, "renderMinutesUsed": 0.0, "periodStart": month}
    assert body["webhookSecret"].startswith("whsec_")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["createdAt"])


def test_slug_rules(client, master):
    for slug in ("ab", "Upper", "has space", "under_score", "x" * 51, ""):
        resp = client.post("/api/v1/projects", json={"slug": slug, "name": "n"}, headers=master)
        assert resp.status_code == 400, slug
        assert resp.json["error"]["code"] == "VALIDATION_ERROR"
        assert "slug" in resp.json["error"]["details"]
    assert client.post("/api/v1/projects", json={"slug": "a-1", "name": "n"}, headers=master).status_code == 201
    taken = client.post("/api/v1/projects", json={"slug": "a-1", "name": "other"}, headers=master)
    assert taken.status_code == 409 and taken.json["error"]["code"] == "SLUG_TAKEN"


def test_get_by_id_or_slug_and_unknown(client, master, project):
    by_id = client.get("/api/v1/projects/%s" % project["id"], headers=master)
    by_slug = client.get("/api/v1/projects/%s" % project["slug"], headers=master)
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json["id"] == by_slug.json["id"] == project["id"]
    for ident in ("no-such-project", "00000000-0000-0000-0000-000000000000"):
        resp = client.get("/api/v1/projects/%s" % ident, headers=master)
        assert resp.status_code == 404 and resp.json["error"]["code"] == "PROJECT_NOT_FOUND"


def test_patch_merges_settings_and_rejects_unknown(client, master, project):
    url = "/api/v1/projects/%s" % project["id"]
    resp = client.patch(url, json={"name": "Renamed", "settings": {"renderQuotaMinutes": 5}}, headers=master)
    assert resp.status_code == 200
    assert resp.json["name"] == "Renamed"
    assert resp.json["settings"]["renderQuotaMinutes"] == 5
    assert resp.json["settings"]["defaultRateLimitRpm"] == 100
    resp = client.patch(url, json={"settings": {"webhookUrl": "https://example.com/hook"}}, headers=master)
    assert resp.json["settings"]["renderQuotaMinutes"] == 5
    assert resp.json["settings"]["webhookUrl"] == "https://example.com/hook"
    bad = client.patch(url, json={"settings": {"colour": "red"}}, headers=master)
    assert bad.status_code == 400 and "settings.colour" in bad.json["error"]["details"]
    bad = client.patch(url, json={"status": "deleted"}, headers=master)
    assert bad.status_code == 400 and "status" in bad.json["error"]["details"]
    assert client.get(url, headers=master).json["settings"]["renderQuotaMinutes"] == 5


def test_delete_archives(client, master, project, make_key):
    key = make_key(project)["key"]
    resp = client.delete("/api/v1/projects/%s" % project["id"], headers=master)
    assert resp.status_code == 200 and resp.json["status"] == "archived"
    assert client.get("/api/v1/projects/%s" % project["id"], headers=master).json["status"] == "archived"
    denied = client.get("/api/v1/projects/%s" % project["id"], headers=bearer(key))
    assert denied.status_code == 403 and denied.json["error"]["code"] == "PROJECT_ARCHIVED"


def test_list_filter_by_status(client, master, make_project):
    a, b = make_project(), make_project()
    client.patch("/api/v1/projects/%s" % b["id"], json={"status": "suspended"}, headers=master)
    suspended = client.get("/api/v1/projects?status=suspended", headers=master).json
    assert [p["id"] for p in suspended["data"]] == [b["id"]]
    everything = client.get("/api/v1/projects", headers=master).json
    assert [p["id"] for p in everything["data"]] == [b["id"], a["id"]]
    assert everything["hasMore"] is False and everything["nextCursor"] is None


def test_api_key_lifecycle(app, client, master, project):
    url = "/api/v1/projects/%s/api-keys" % project["id"]
    resp = client.post(url, json={"name": "ci", "scopes": ["renders:read"], "rateLimitRpm": 7}, headers=master)
    assert resp.status_code == 201
    created = resp.json
    assert re.fullmatch(r"rk_live_[A-Za-z0-9]{32}", created["key"])
    assert created["keyPrefix"] == created["key"][:12]
    assert created["scopes"] == ["renders:read"] and created["rateLimitRpm"] == 7
    assert created["lastUsedAt"] is None and created["revokedAt"] is None

    # Only the hash is stored.
    from renderowl.auth.models import ApiKey
    with app.app_context():
        from renderowl.extensions import database
        with database.connection_context():
            row = ApiKey.get_by_id(created["id"])
            assert row.key_hash == hashlib.sha256(created["key"].encode()).hexdigest()
            values = [str(v) for v in row.__data__.values()]
            assert created["key"] not in values

    listed = client.get(url, headers=master).json["data"]
    assert [k["id"] for k in listed] == [created["id"]]
    assert "key" not in listed[0] and not any("hash" in f.lower() for f in listed[0])

    revoked = client.delete("%s/%s" % (url, created["id"]), headers=master)
    assert revoked.status_code == 200 and revoked.json["revokedAt"] is not None
    resp = client.get("/api/v1/projects/%s" % project["id"], headers=bearer(created["key"]))
    assert resp.status_code == 401 and resp.json["error"]["code"] == "API_KEY_REVOKED"
    missing = client.delete("%s/%s" % (url, "00000000-0000-0000-0000-000000000000"), headers=master)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "API_KEY_NOT_FOUND"


def test_key_defaults_all_scopes_and_project_rate(client, master, make_project, make_key):
    project = make_project(settings={"defaultRateLimitRpm": 33})
    created = make_key(project)
    assert created["rateLimitRpm"] == 33
    assert set(created["scopes"]) == {
        "projects:read", "assets:read", "assets:write", "templates:read", "templates:write",
        "renders:read", "renders:write", "automations:read", "automations:write"}
    bad = client.post("/api/v1/projects/%s/api-keys" % project["id"],
                      json={"name": "x", "scopes": ["renders:delete"]}, headers=master)
    assert bad.status_code == 400 and bad.json["error"]["code"] == "VALIDATION_ERROR"
    assert "scopes.0" in bad.json["error"]["details"]


def test_project_key_sees_only_own_project(client, project, make_project, make_key):
    other = make_project()
    key = bearer(make_key(project, scopes=["projects:read"])["key"])
    own = client.get("/api/v1/projects/%s" % project["slug"], headers=key)
    assert own.status_code == 200 and "webhookSecret" not in own.json
    for ident in (other["id"], other["slug"]):
        resp = client.get("/api/v1/projects/%s" % ident, headers=key)
        assert resp.status_code == 404 and resp.json["error"]["code"] == "PROJECT_NOT_FOUND"


def test_webhook_secret_rotation(client, master, project):
    resp = client.post("/api/v1/projects/%s/webhook-secret/rotate" % project["id"], headers=master)
    assert resp.status_code == 200
    assert resp.json["webhookSecret"].startswith("whsec_")
    assert resp.json["webhookSecret"] != project["webhookSecret"]


def test_archive_while_a_render_settles_keeps_its_minutes(client, master, project, make_key, make_queued_app,
                                                          monkeypatch):
    """DELETE reads the project, a worker settles a render, DELETE writes: the minutes stay."""
    from renderowl.extensions import database
    from renderowl.projects.models import Project
    from renderowl.renders.models import RenderJob
    queued, _ = make_queued_app()  # nothing consumes the queue: the test plays the worker
    key = bearer(make_key(project)["key"])
    job = queued.test_client().post("/api/v1/projects/%s/renders" % project["id"], headers=key, json={
        "video": {"type": "url", "url": "https://videos.example.com/a.mp4"},
        "captions": [{"start": 0, "end": 3, "text": "Hi"}]}).json
    with queued.app_context(), database.connection_context():
        claimed = RenderJob.claim(job["id"])
    lookup = Project.lookup.__func__

    def lookup_then_settle(cls, ident):
        row = lookup(cls, ident)
        with queued.app_context(), database.connection_context():
            assert claimed.complete(claimed.attempts, {"durationSeconds": 3.0}, "renders/out.mp4")
        return row

    monkeypatch.setattr(Project, "lookup", classmethod(lookup_then_settle))
    resp = client.delete("/api/v1/projects/%s" % project["id"], headers=master)
    monkeypatch.undo()
    assert resp.status_code == 200 and resp.json["status"] == "archived"
    assert {k: v for k, v in resp.json["usage"].items() if k != "periodStart"} == {
        "storageBytes": 0, "renderCount": 1, "renderMinutesUsed": 0.05}
    shown = client.get("/api/v1/projects/%s" % project["id"], headers=master).json
    assert shown["status"] == "archived" and shown["usage"]["renderCount"] == 1
    assert shown["usage"]["renderMinutesUsed"] == 0.05
    with queued.app_context(), database.connection_context():
        assert Project.get_by_id(project["id"]).render_ms_reserved == 0
