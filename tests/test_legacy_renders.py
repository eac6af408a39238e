"""The seed's unscoped render routes: the project-scoped behaviour for the key's own project,
with Deprecation / Sunset / successor Link on every answer; jobs without a project assigned."""
import uuid

import pytest

from renderowl.db import utcnow
from renderowl.extensions import database
from renderowl.renders.legacy_routes import sunset_http_date
from renderowl.renders.models import RenderJob
from tests.conftest import bearer
from tests.render_media import make_clip, upload_asset

LEGACY = "/api/v1/renders"
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Legacy hello"}]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("clips") / "clip.mp4", seconds=1)


def assert_deprecated(resp, project_id="{id}"):
    assert resp.headers["Deprecation"] == "true"
    assert resp.headers["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert resp.headers["Link"] == '</api/v1/projects/%s/renders>; rel="successor-version"' % project_id


def test_legacy_routes_serve_the_keys_own_project(client, make_project, make_key, master, clip):
    mine, other = make_project(), make_project()
    key, other_key = bearer(make_key(mine)["key"]), bearer(make_key(other)["key"])
    asset = upload_asset(client, mine["id"], key, clip)
    other_asset = upload_asset(client, other["id"], other_key, clip)

    created = client.post(LEGACY, headers=key, json={"video": {"type": "asset", "assetId": asset["id"]},
                                                       "captions": CAPTIONS, "settings": {"preset": "ultrafast"}})
    assert created.status_code == 202, created.json
    assert_deprecated(created, mine["id"])
    assert created.json["projectId"] == mine["id"]
    theirs = client.post("/api/v1/projects/%s/renders" % other["id"], headers=other_key, json={
        "video": {"type": "asset", "assetId": other_asset["id"]}, "captions": CAPTIONS}).json

    listed = client.get(LEGACY, headers=key)
    assert listed.status_code == 200
    assert_deprecated(listed, mine["id"])
    assert [j["id"] for j in listed.json["data"]] == [created.json["id"]]
    # The same body as the project-scoped route.
    scoped = client.get("/api/v1/projects/%s/renders/%s" % (mine["id"], created.json["id"]), headers=key).json
    one = client.get(LEGACY + "/" + created.json["id"], headers=key)
    assert one.status_code == 200 and one.json["status"] == "completed"
    assert {k: v for k, v in one.json.items() if k != "output"} == {k: v for k, v in scoped.items() if k != "output"}
    assert_deprecated(one, mine["id"])

    # Another project's job is not found, and the other key lists only its own.
    missing = client.get(LEGACY + "/" + theirs["id"], headers=key)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "RENDER_NOT_FOUND"
    assert_deprecated(missing, mine["id"])
    assert [j["id"] for j in client.get(LEGACY, headers=other_key).json["data"]] == [theirs["id"]]
    # Someone else's asset is as unknown here as on the scoped route.
    foreign = client.post(LEGACY, headers=key, json={"video": {"type": "asset", "assetId": other_asset["id"]},
                                                      "captions": CAPTIONS})
    assert foreign.status_code == 404 and foreign.json["error"]["code"] == "ASSET_NOT_FOUND"
    assert_deprecated(foreign, mine["id"])


def test_every_legacy_error_is_marked_deprecated(client, project, make_key, master):
    key = bearer(make_key(project)["key"])
    read_only = bearer(make_key(project, scopes=["renders:read"])["key"])
    cases = [
        (client.get(LEGACY), 401, "UNAUTHENTICATED", "{id}"),
        (client.get(LEGACY, headers=bearer("rk_live_" + "x" * 32)), 401, "INVALID_API_KEY", "{id}"),
        (client.get(LEGACY, headers=master), 400, "PROJECT_REQUIRED", "{id}"),
        (client.post(LEGACY, headers=master, json={"captions": CAPTIONS}), 400, "PROJECT_REQUIRED", "{id}"),
        (client.post(LEGACY, headers=read_only, json={"captions": CAPTIONS}), 403, "UNAUTHORIZED_SCOPE", project["id"]),
        (client.post(LEGACY, headers=key, json={"captions": CAPTIONS, "bogus": 1}), 400, "VALIDATION_ERROR", project["id"]),
        (client.post(LEGACY, headers=key, data="{nope", content_type="application/json"), 400, "INVALID_JSON", project["id"]),
        (client.get(LEGACY + "/not-a-uuid", headers=key), 404, "RENDER_NOT_FOUND", project["id"]),
        (client.get(LEGACY + "/" + str(uuid.uuid4()), headers=key), 404, "RENDER_NOT_FOUND", project["id"]),
        (client.delete(LEGACY, headers=key), 405, "METHOD_NOT_ALLOWED", "{id}"),
        (client.get(LEGACY + "/a/b", headers=key), 404, "NOT_FOUND", "{id}"),
    ]
    for resp, status, code, link_id in cases:
        assert (resp.status_code, resp.json["error"]["code"]) == (status, code), resp.json
        assert_deprecated(resp, link_id)
    # Scoped routes carry none of it.
    scoped = client.get("/api/v1/projects/%s/renders" % project["id"], headers=key)
    assert scoped.status_code == 200 and "Deprecation" not in scoped.headers and "Sunset" not in scoped.headers


def test_legacy_routes_are_deprecated_in_the_spec(client):
    spec = client.get("/openapi.json").json
    assert spec["paths"]["/api/v1/renders"]["get"]["deprecated"] is True
    assert spec["paths"]["/api/v1/renders"]["post"]["deprecated"] is True
    assert spec["paths"]["/api/v1/renders/{job_id}"]["get"]["deprecated"] is True
    assert "deprecated" not in spec["paths"]["/api/v1/projects/{project_id}/renders"]["get"]


def test_sunset_accepts_dates_and_http_dates():
    assert sunset_http_date("2027-01-31") == "Sun, 31 Jan 2027 00:00:00 GMT"
    assert sunset_http_date("2027-01-31T12:30:00Z") == "Sun, 31 Jan 2027 12:30:00 GMT"
    assert sunset_http_date("Sun, 31 Jan 2027 12:30:00 GMT") == "Sun, 31 Jan 2027 12:30:00 GMT"
    with pytest.raises((TypeError, ValueError)):
        sunset_http_date("next tuesday")


def _unowned_job(status="completed", billed_ms=0):
    now = utcnow()
    return RenderJob.create(project=None, status=status, video={"type": "url", "url": "https://example.com/a.mp4"},
                            captions=CAPTIONS, style={}, settings={}, billed_ms=billed_ms,
                            completed_at=now if status == "completed" else None)


def test_assign_default_project_moves_jobs_without_a_project(app, client, runner, master, project, make_key):
    key = bearer(make_key(project)["key"])
    with app.app_context(), database.connection_context():
        imported = [_unowned_job(billed_ms=90000), _unowned_job(billed_ms=30000), _unowned_job("failed")]
        owned = RenderJob.create(project=project["id"], status="failed", video={"type": "url", "url": "https://e.com/b.mp4"},
                                 captions=CAPTIONS, style={}, settings={})
    # Invisible to every route until assigned.
    assert [j["id"] for j in client.get(LEGACY, headers=key).json["data"]] == [str(owned.id)]

    result = runner.invoke(args=["assign-default-project", "legacy-default"])
    assert result.exit_code == 0, result.output
    assert "created project legacy-default" in result.output and "assigned 3 render job(s)" in result.output
    legacy = client.get("/api/v1/projects/legacy-default", headers=master).json
    listed = client.get("/api/v1/projects/legacy-default/renders", headers=master).json["data"]
    assert {j["id"] for j in listed} == {str(j.id) for j in imported}
    # Their completed renders count in the project's usage; the owned job stayed where it was.
    assert legacy["usage"]["renderCount"] == 2 and legacy["usage"]["renderMinutesUsed"] == 2.0
    assert [j["id"] for j in client.get(LEGACY, headers=key).json["data"]] == [str(owned.id)]

    # Again: nothing left to move, into an existing project.
    with app.app_context(), database.connection_context():
        late = _unowned_job("failed")
    again = runner.invoke(args=["assign-default-project", project["slug"]])
    assert again.exit_code == 0 and "created" not in again.output and "assigned 1 render job(s)" in again.output
    assert {j["id"] for j in client.get(LEGACY, headers=key).json["data"]} == {str(owned.id), str(late.id)}
