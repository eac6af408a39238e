"""A project that is not active starts nothing in the background, through HTTP on both backends.

Suspended: its queued renders and automation runs wait and go on once it is active again.
Archived: its queued renders are cancelled (quota reservation released), its waiting runs fail.
The queued phases use an app with a real, unconsumed queue, and a worker's turn is a task run by
hand; the turn back to active goes through an app that runs tasks inline, as a consumer would.
"""
import json

import pytest

from renderowl import create_app
from renderowl.extensions import database
from renderowl.projects.models import Project
from tests.render_media import _send

pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"])
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Hoot"}]


@pytest.fixture
def queued(make_queued_app):
    app, _ = make_queued_app()
    return app, app.test_client()


def inline(config):
    """A client of an app whose tasks run inline (a consumer at work)."""
    return create_app(config).test_client()


def set_status(client, master, project, status):
    resp = client.patch("/api/v1/projects/%s" % project["id"], json={"status": status}, headers=master)
    assert resp.status_code == 200 and resp.json["status"] == status, resp.json


def render(client, headers, project, job_id):
    return client.get("/api/v1/projects/%s/renders/%s" % (project["id"], job_id), headers=headers).json


def submit(client, key, project, asset):
    resp = client.post("/api/v1/projects/%s/renders" % project["id"], headers=key,
                       json={"video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS})
    assert resp.status_code == 202 and resp.json["status"] == "queued", resp.json
    return resp.json


def reserved_ms(app, project):
    with app.app_context(), database.connection_context():
        return Project.get_by_id(project["id"]).render_ms_reserved


def test_a_suspended_projects_queued_render_waits_and_runs_once_active(config, master, key, project, asset, queued):
    from renderowl.renders.tasks import render_job
    app, client = queued
    job = submit(client, key, project, asset)
    set_status(client, master, project, "suspended")
    render_job.call_local(job["id"])  # a worker dequeues it: not claimed, it waits
    waiting = render(client, master, project, job["id"])
    assert waiting["status"] == "queued" and waiting["startedAt"] is None
    assert reserved_ms(app, project) > 0  # still held for it
    set_status(inline(config), master, project, "active")  # handed to the workers again
    done = render(client, master, project, job["id"])
    assert done["status"] == "completed", done
    assert reserved_ms(app, project) == 0


def test_archiving_cancels_queued_renders_and_releases_their_reservation(config, master, key, project, asset, queued):
    from renderowl.renders.tasks import render_job
    app, client = queued
    first, second = submit(client, key, project, asset), submit(client, key, project, asset)
    assert reserved_ms(app, project) > 0
    resp = inline(config).delete("/api/v1/projects/%s" % project["id"], headers=master)
    assert resp.status_code == 200 and resp.json["status"] == "archived"
    for job in (first, second):
        cancelled = render(client, master, project, job["id"])
        assert cancelled["status"] == "cancelled" and "archived" in cancelled["error"], cancelled
    assert reserved_ms(app, project) == 0
    render_job.call_local(first["id"])  # a late message for it renders nothing
    assert render(client, master, project, first["id"])["status"] == "cancelled"


def test_a_worker_cancels_a_queued_render_of_an_archived_project(master, key, project, asset, queued):
    """Even before the archive's event is handled (it is still in the queue here)."""
    from renderowl.renders.tasks import render_job
    app, client = queued
    job = submit(client, key, project, asset)
    assert client.delete("/api/v1/projects/%s" % project["id"], headers=master).status_code == 200
    render_job.call_local(job["id"])
    assert render(client, master, project, job["id"])["status"] == "cancelled"
    assert reserved_ms(app, project) == 0


def automation(client, key, project, receiver, trigger=None):
    resp = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
        "name": "a", "trigger": trigger or {"type": "webhook"},
        "actions": [{"type": "webhook", "url": receiver.url("/one"), "body": {"asset": "{{trigger.assetId}}"}},
                    {"type": "webhook", "url": receiver.url("/two")}]})
    assert resp.status_code == 201, resp.json
    return resp.json


def runs(client, master, project, auto):
    return client.get("/api/v1/projects/%s/automations/%s/runs" % (project["id"], auto["id"]), headers=master).json["data"]


def test_a_run_in_flight_waits_while_suspended_and_goes_on_once_active(config, master, key, project, receiver, queued):
    from renderowl.automations.tasks import execute_run
    app, client = queued
    auto = automation(client, key, project, receiver)
    run = client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], auto["id"]),
                      json={"input": {"assetId": "none"}}, headers=key).json
    assert run["status"] == "running"
    set_status(client, master, project, "suspended")
    execute_run.call_local(run["id"])  # a worker picks it up: it gives its place back and waits
    [held] = runs(client, master, project, auto)
    assert held["status"] == "queued" and [s["status"] for s in held["steps"]] == ["pending", "pending"]
    assert receiver.hits() == []
    set_status(inline(config), master, project, "active")
    [done] = runs(client, master, project, auto)
    assert done["status"] == "completed", done
    assert [h["path"] for h in receiver.hits()] == ["/one", "/two"]


def test_archiving_fails_the_runs_that_wait(config, master, key, project, receiver, queued):
    from renderowl.automations.tasks import execute_run
    app, client = queued
    auto = automation(client, key, project, receiver)
    run = client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], auto["id"]),
                      json={"input": {"assetId": "none"}}, headers=key).json
    set_status(client, master, project, "suspended")
    execute_run.call_local(run["id"])
    assert runs(client, master, project, auto)[0]["status"] == "queued"
    assert inline(config).delete("/api/v1/projects/%s" % project["id"], headers=master).status_code == 200
    [failed] = runs(client, master, project, auto)
    assert failed["status"] == "failed" and failed["error"] == "The project was archived", failed
    stats = client.get("/api/v1/projects/%s/automations/%s" % (project["id"], auto["id"]), headers=master).json
    assert stats["runs"]["failed"] == 1 and receiver.hits() == []


def test_an_asset_ready_while_suspended_starts_its_runs_once_active(config, master, key, project, receiver, clip,
                                                                   queued):
    from renderowl.assets.tasks import probe_asset
    from renderowl.events import Event, process_event
    app, client = queued
    auto = automation(client, key, project, receiver, trigger={"type": "asset_upload"})
    data = open(clip, "rb").read()
    created = client.post("/api/v1/projects/%s/assets" % project["id"], headers=key, json={
        "name": "owl.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json
    put = _send(client, "put", created["uploadUrl"], data=data, headers=created["uploadHeaders"])
    assert put.status_code in (200, 204)
    asset_id = created["asset"]["id"]
    if client.get("/api/v1/projects/%s/assets/%s" % (project["id"], asset_id), headers=key).json["status"] == "uploading":
        assert client.post("/api/v1/projects/%s/assets/%s/complete" % (project["id"], asset_id),
                           headers=key).status_code == 200
    set_status(client, master, project, "suspended")
    probe_asset.call_local(asset_id)  # the probe finishes while the project is suspended
    with app.app_context(), database.connection_context():
        event_id = str(Event.get(Event.type == "asset.ready").id)
    process_event.call_local(event_id)
    [waiting] = runs(client, master, project, auto)
    assert waiting["status"] == "queued" and receiver.hits() == []
    set_status(inline(config), master, project, "active")
    [done] = runs(client, master, project, auto)
    assert done["status"] == "completed", done
    assert json.loads(receiver.hits("/one")[0]["body"]) == {"asset": asset_id}


def test_an_archived_project_starts_no_asset_upload_runs(config, master, key, project, receiver, clip, queued):
    from renderowl.assets.tasks import probe_asset
    from renderowl.events import Event, process_event
    app, client = queued
    auto = automation(client, key, project, receiver, trigger={"type": "asset_upload"})
    data = open(clip, "rb").read()
    created = client.post("/api/v1/projects/%s/assets" % project["id"], headers=key, json={
        "name": "owl.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json
    _send(client, "put", created["uploadUrl"], data=data, headers=created["uploadHeaders"])
    asset_id = created["asset"]["id"]
    if client.get("/api/v1/projects/%s/assets/%s" % (project["id"], asset_id), headers=key).json["status"] == "uploading":
        client.post("/api/v1/projects/%s/assets/%s/complete" % (project["id"], asset_id), headers=key)
    assert client.delete("/api/v1/projects/%s" % project["id"], headers=master).status_code == 200
    probe_asset.call_local(asset_id)
    with app.app_context(), database.connection_context():
        event_id = str(Event.get(Event.type == "asset.ready").id)
    process_event.call_local(event_id)
    assert runs(client, master, project, auto) == [] and receiver.hits() == []
