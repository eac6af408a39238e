"""Automations through HTTP on both backends: CRUD, every trigger, the engine, retry, render chains."""
import datetime
import json
import time

import pytest

from renderowl.automations.models import Automation, AutomationRun
from renderowl.automations.tasks import sweep_runs
from renderowl.db import utcnow
from renderowl.signing import sign_payload
from tests.conftest import bearer
from tests.test_assets import download
from tests.render_media import make_clip, upload_asset

pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"], WEBHOOK_RETRY_SCHEDULE=[0.2])
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Hello owl"}]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("clips") / "clip.mp4", seconds=1)


def api(project, path=""):
    return "/api/v1/projects/%s/automations%s" % (project["id"], path)


def create(client, key, project, trigger=None, actions=None, **fields):
    body = {"name": "auto", "trigger": trigger or {"type": "webhook"},
            "actions": [{"type": "webhook", "url": "https://example.com/hook"}] if actions is None else actions,
            **fields}
    return client.post(api(project), json=body, headers=key)


def run_now(client, key, project, automation, **input):
    resp = client.post(api(project, "/%s/run" % automation["id"]), json={"input": input}, headers=key)
    assert resp.status_code == 202, resp.json
    return resp.json


def get_run(client, key, project, automation, run_id):
    resp = client.get(api(project, "/%s/runs/%s" % (automation["id"], run_id)), headers=key)
    assert resp.status_code == 200, resp.json
    return resp.json


# -- CRUD and validation ---------------------------------------------------------------

def test_crud(client, key, project):
    resp = create(client, key, project, description="d")
    assert resp.status_code == 201, resp.json
    auto = resp.json
    assert auto["trigger"]["type"] == "webhook" and len(auto["trigger"]["endpoint"]) >= 32
    assert auto["trigger"]["secret"].startswith("whsec_")
    assert auto["runs"] == {"total": 0, "completed": 0, "failed": 0, "lastRunAt": None}
    assert auto["actions"] == [{"type": "webhook", "url": "https://example.com/hook", "method": "POST"}]
    got = client.get(api(project, "/" + auto["id"]), headers=key).json
    assert "secret" not in got["trigger"] and got["trigger"]["endpoint"] == auto["trigger"]["endpoint"]
    listed = client.get(api(project), headers=key).json
    assert [a["id"] for a in listed["data"]] == [auto["id"]] and "secret" not in listed["data"][0]["trigger"]
    patched = client.patch(api(project, "/" + auto["id"]), headers=key,
                           json={"name": "renamed", "enabled": False, "trigger": {"type": "webhook"}})
    assert patched.status_code == 200, patched.json
    assert patched.json["name"] == "renamed" and patched.json["enabled"] is False
    assert patched.json["trigger"]["endpoint"] == auto["trigger"]["endpoint"]  # kept
    assert "secret" not in patched.json["trigger"]
    assert client.delete(api(project, "/" + auto["id"]), headers=key).status_code == 204
    gone = client.get(api(project, "/" + auto["id"]), headers=key)
    assert gone.status_code == 404 and gone.json["error"]["code"] == "AUTOMATION_NOT_FOUND"
    assert client.get(api(project, "/nope"), headers=key).json["error"]["code"] == "AUTOMATION_NOT_FOUND"


@pytest.mark.parametrize("trigger,actions,field", [
    ({"type": "schedule", "cron": "not a cron"}, None, "trigger.cron"),
    ({"type": "schedule", "cron": "*/5 * * * * *"}, None, "trigger.cron"),
    ({"type": "schedule", "cron": "61 * * * *"}, None, "trigger.cron"),
    ({"type": "schedule", "cron": "0 9 * * 1", "timezone": "Mars/Olympus"}, None, "trigger.timezone"),
    ({"type": "schedule"}, None, "trigger.cron"),
    ({"type": "carrier_pigeon"}, None, "trigger.type"),
    ({"type": "asset_upload", "filter": {"type": "hologram"}}, None, "trigger.filter.type"),
    ({"type": "webhook", "extra": 1}, None, "trigger.extra"),
    (None, [{"type": "email", "to": "x@y.z"}], "actions.0.type"),
    (None, [{"type": "webhook"}], "actions.0.url"),
    (None, [{"type": "webhook", "url": "ftp://x"}], "actions.0.url"),
    (None, [{"type": "webhook", "url": "https://x", "method": "TRACE"}], "actions.0.method"),
    (None, [{"type": "render", "colour": "red"}], "actions.0.colour"),
    ({"type": ["webhook"]}, None, "trigger.type"),  # found by schemathesis: was a 500
    (None, [{"type": {"a": 1}, "url": "https://x"}], "actions.0.type"),
    ("webhook", None, "trigger"),
])
def test_invalid_triggers_and_actions(client, key, project, trigger, actions, field):
    resp = create(client, key, project, trigger=trigger, actions=actions)
    assert resp.status_code == 400, resp.json
    assert resp.json["error"]["code"] == "VALIDATION_ERROR"
    assert field in resp.json["error"]["details"], resp.json


def test_empty_actions_and_unknown_fields_are_refused(client, key, project):
    assert create(client, key, project, actions=[]).status_code == 400
    resp = client.post(api(project), headers=key, json={"name": "x", "trigger": {"type": "webhook"},
                                                        "actions": [{"type": "webhook", "url": "https://x"}],
                                                        "color": "red"})
    assert resp.status_code == 400 and "color" in resp.json["error"]["details"]


def test_a_body_the_fast_encoder_refuses_comes_back_exactly(client, key, project):
    # Responses are encoded by orjson, which refuses integers past 64 bits: those responses take
    # Flask's own encoder, so the number a client stored comes back as it was, not a 500.
    body = {"big": 2 ** 70, "negative": -(2 ** 64), "text": "caf\u00e9 \u2603", "nested": [{"n": 2 ** 65}]}
    created = create(client, key, project, actions=[{"type": "webhook", "url": "https://example.com/h", "body": body}])
    assert created.status_code == 201, created.text
    assert created.json["actions"][0]["body"] == body
    read = client.get(api(project, "/" + created.json["id"]), headers=key)
    assert read.status_code == 200 and read.json["actions"][0]["body"] == body
    assert str(2 ** 70) in read.text and read.text.endswith("}\n")
    # An ordinary response takes the fast path and reads the same.
    listed = client.get(api(project), headers=key)
    assert listed.status_code == 200 and listed.json["data"][0]["name"] == "auto" and listed.text.endswith("}\n")


def test_scopes(client, project, make_key):
    reader = bearer(make_key(project, scopes=["automations:read"])["key"])
    resp = create(client, reader, project)
    assert resp.status_code == 403 and resp.json["error"]["message"] == "Key lacks 'automations:write' scope"
    assert client.get(api(project), headers=reader).status_code == 200


# -- webhook trigger -------------------------------------------------------------------

def test_webhook_trigger_with_bearer_and_signature(client, key, project, receiver):
    auto = create(client, key, project, actions=[
        {"type": "webhook", "url": receiver.url("/got"), "body": {"order": "{{trigger.orderId}}",
                                                                   "kind": "{{trigger.type}}"}}]).json
    endpoint, secret = auto["trigger"]["endpoint"], auto["trigger"]["secret"]
    url = "/webhooks/automations/" + endpoint

    resp = client.post(url, json={"orderId": 42}, headers=bearer(secret))
    assert resp.status_code == 202, resp.json
    run = get_run(client, key, project, auto, resp.json["runId"])
    assert run["trigger"] == {"orderId": 42, "type": "webhook"} and run["status"] == "completed"
    assert json.loads(receiver.hits("/got")[0]["body"]) == {"order": 42, "kind": "webhook"}

    body = json.dumps({"orderId": 7}).encode()
    signed = client.post(url, data=body, content_type="application/json",
                         headers={"Renderowl-Signature": sign_payload(body, secret)})
    assert signed.status_code == 202, signed.json
    assert get_run(client, key, project, auto, signed.json["runId"])["trigger"]["orderId"] == 7
    # The same signed request replayed (inside the tolerance) is answered, not run again.
    signature = signed.request.headers["Renderowl-Signature"]
    replay = client.post(url, data=body, content_type="application/json",
                         headers={"Renderowl-Signature": signature})
    assert replay.status_code == 202 and replay.json["runId"] == signed.json["runId"]
    assert len(receiver.hits("/got")) == 2

    stale = sign_payload(body, secret, timestamp=int(time.time()) - 301)
    for headers in ({}, bearer("whsec_wrong"), {"Renderowl-Signature": stale},
                    {"Renderowl-Signature": sign_payload(b'{"orderId": 8}', secret)},
                    {"Renderowl-Signature": "garbage"}):
        denied = client.post(url, data=body, content_type="application/json", headers=headers)
        assert denied.status_code == 401, (headers, denied.json)
        assert denied.json["error"]["code"] == "INVALID_SIGNATURE"

    client.patch(api(project, "/" + auto["id"]), json={"enabled": False}, headers=key)
    disabled = client.post(url, json={}, headers=bearer(secret))
    assert disabled.status_code == 409 and disabled.json["error"]["code"] == "AUTOMATION_DISABLED"
    # Strangers learn nothing about the state: credentials are checked first.
    assert client.post(url, json={}, headers=bearer("nope")).status_code == 401
    assert client.post("/webhooks/automations/unknown-endpoint", json={}).status_code == 404

    stats = client.get(api(project, "/" + auto["id"]), headers=key).json["runs"]
    assert stats["total"] == 2 and stats["completed"] == 2 and stats["failed"] == 0 and stats["lastRunAt"]


def test_webhook_trigger_refuses_non_object_bodies(client, key, project):
    auto = create(client, key, project).json
    url = "/webhooks/automations/" + auto["trigger"]["endpoint"]
    headers = bearer(auto["trigger"]["secret"])
    assert client.post(url, json=[1, 2], headers=headers).status_code == 400
    bad = client.post(url, data=b"{nope", content_type="application/json", headers=headers)
    assert bad.status_code == 400 and bad.json["error"]["code"] == "INVALID_JSON"


# -- manual runs, failures, retry ------------------------------------------------------

def test_failed_step_stops_the_chain_and_retry_completes(client, key, project, receiver):
    receiver.respond("/first", 500)
    auto = create(client, key, project, actions=[
        {"type": "webhook", "url": receiver.url("/first"), "body": {"n": "{{trigger.n}}"}},
        {"type": "webhook", "url": receiver.url("/second"),
         "body": {"from": "{{actions.0.output.body.received}}", "project": "{{project.id}}"}},
    ]).json
    run = run_now(client, key, project, auto, n=1)
    assert run["status"] == "failed" and run["trigger"] == {"n": 1, "type": "manual"}
    assert [s["status"] for s in run["steps"]] == ["failed", "pending"]
    assert "HTTP 500" in run["error"] and run["steps"][0]["output"]["statusCode"] == 500
    assert receiver.hits("/second") == []
    stats = client.get(api(project, "/" + auto["id"]), headers=key).json["runs"]
    assert (stats["total"], stats["failed"], stats["completed"]) == (1, 1, 0)

    retried = client.post(api(project, "/%s/runs/%s/retry" % (auto["id"], run["id"])), headers=key)
    assert retried.status_code == 202, retried.json
    done = get_run(client, key, project, auto, run["id"])
    assert done["status"] == "completed" and done["error"] is None
    assert [s["status"] for s in done["steps"]] == ["completed", "completed"]
    assert json.loads(receiver.hits("/second")[0]["body"]) == {"from": "/first", "project": project["id"]}
    assert done["output"]["statusCode"] == 200
    # Each step attempt carries its own Idempotency-Key: the retry is a new attempt, not a repeat.
    first_keys = [hit["headers"]["Idempotency-Key"] for hit in receiver.hits("/first")]
    assert len(first_keys) == 2 and len(set(first_keys)) == 2
    assert receiver.hits("/second")[0]["headers"]["Idempotency-Key"] not in first_keys
    stats = client.get(api(project, "/" + auto["id"]), headers=key).json["runs"]
    assert (stats["total"], stats["failed"], stats["completed"]) == (1, 0, 1)

    again = client.post(api(project, "/%s/runs/%s/retry" % (auto["id"], run["id"])), headers=key)
    assert again.status_code == 409 and again.json["error"]["code"] == "RUN_NOT_FAILED"
    missing = client.post(api(project, "/%s/runs/%s/retry" % (auto["id"], auto["id"])), headers=key)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "RUN_NOT_FOUND"


def test_unknown_reference_fails_the_step_clearly(client, key, project, receiver):
    auto = create(client, key, project, actions=[
        {"type": "webhook", "url": receiver.url("/x"), "body": {"v": "{{trigger.missing}}"}}]).json
    run = run_now(client, key, project, auto)
    assert run["status"] == "failed"
    assert "Unknown reference {{trigger.missing}}" in run["error"] and "body.v" in run["error"]
    assert receiver.hits() == []


def test_manual_run_is_idempotent_and_listed(client, key, project, receiver):
    auto = create(client, key, project, actions=[{"type": "webhook", "url": receiver.url("/m")}]).json
    headers = {**key, "Idempotency-Key": "run-1"}
    first = client.post(api(project, "/%s/run" % auto["id"]), json={"input": {"a": 1}}, headers=headers)
    second = client.post(api(project, "/%s/run" % auto["id"]), json={"input": {"a": 1}}, headers=headers)
    assert first.status_code == second.status_code == 202
    assert second.headers["Idempotent-Replayed"] == "true" and second.json["id"] == first.json["id"]
    other = client.post(api(project, "/%s/run" % auto["id"]), json={"input": {"a": 2}}, headers=headers)
    assert other.status_code == 409 and other.json["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(receiver.hits("/m")) == 1
    runs = client.get(api(project, "/%s/runs" % auto["id"]), headers=key).json
    assert [r["id"] for r in runs["data"]] == [first.json["id"]] and runs["hasMore"] is False
    client.patch(api(project, "/" + auto["id"]), json={"enabled": False}, headers=key)
    resp = client.post(api(project, "/%s/run" % auto["id"]), json={}, headers=key)
    assert resp.status_code == 409 and resp.json["error"]["code"] == "AUTOMATION_DISABLED"


# -- asset_upload ----------------------------------------------------------------------

def test_asset_upload_trigger_with_filter(client, key, project, receiver, clip):
    matching = create(client, key, project, trigger={"type": "asset_upload",
                                                     "filter": {"type": "video", "tags": ["promo"]}},
                      actions=[{"type": "webhook", "url": receiver.url("/asset"),
                                "body": {"id": "{{trigger.asset.id}}", "name": "{{trigger.asset.name}}"}}]).json
    other = create(client, key, project, trigger={"type": "asset_upload", "filter": {"type": "audio"}}).json
    asset = upload_asset(client, project["id"], key, clip, name="owl.mp4")
    assert asset["status"] == "ready"
    # upload_asset sets no tags: the tag filter keeps this one out.
    assert receiver.hits("/asset") == []
    resp = client.patch("/api/v1/projects/%s/automations/%s" % (project["id"], matching["id"]), headers=key,
                        json={"trigger": {"type": "asset_upload", "filter": {"type": "video"}}})
    assert resp.status_code == 200
    second = upload_asset(client, project["id"], key, clip, name="owl2.mp4")
    [hit] = receiver.wait_for("/asset")
    assert json.loads(hit["body"]) == {"id": second["id"], "name": "owl2.mp4"}
    runs = client.get(api(project, "/%s/runs" % matching["id"]), headers=key).json["data"]
    assert len(runs) == 1 and runs[0]["trigger"]["type"] == "asset_upload"
    assert runs[0]["trigger"]["assetId"] == second["id"]
    assert client.get(api(project, "/%s/runs" % other["id"]), headers=key).json["data"] == []


# -- render -> webhook chain -----------------------------------------------------------

def test_render_then_webhook_chain_carries_the_output_url(client, key, project, receiver, clip):
    asset = upload_asset(client, project["id"], key, clip)
    auto = create(client, key, project, actions=[
        {"type": "render", "video": {"type": "asset", "assetId": "{{trigger.assetId}}"},
         "captions": [{"start": 0.0, "end": 1.0, "text": "{{trigger.text}}"}]},
        {"type": "webhook", "url": receiver.url("/done"),
         "body": {"video": "{{actions.0.output.url}}", "job": "{{actions.0.output.renderJobId}}",
                  "seconds": "{{actions.0.output.durationSeconds}}"}},
    ]).json
    run = run_now(client, key, project, auto, assetId=asset["id"], text="Hoot")
    run = get_run(client, key, project, auto, run["id"])
    assert run["status"] == "completed", run
    render_out = run["steps"][0]["output"]
    assert render_out["url"] and render_out["renderJobId"]
    body = json.loads(receiver.wait_for("/done")[0]["body"])
    assert body == {"video": render_out["url"], "job": render_out["renderJobId"],
                    "seconds": render_out["durationSeconds"]}
    job = client.get("/api/v1/projects/%s/renders/%s" % (project["id"], body["job"]), headers=key).json
    # The same object. A link is signed anew on each read and carries its expiry (in the local
    # token, in S3's query), so two reads a second apart differ: compare what each link serves.
    assert job["status"] == "completed"
    fetched, carried = download(client, job["output"]["url"]), download(client, body["video"])
    assert fetched[0] == carried[0] == 200 and fetched[1] == carried[1] and len(carried[1]) > 1000


def test_render_step_failure_fails_the_run(client, key, project, receiver):
    unknown = "00000000-0000-0000-0000-000000000000"
    actions = [{"type": "render", "video": {"type": "asset", "assetId": unknown}, "captions": CAPTIONS},
               {"type": "webhook", "url": receiver.url("/never")}]
    # A literal id is checked when the automation is written; a reference when the run resolves it.
    refused = create(client, key, project, actions=actions)
    assert refused.status_code == 404 and refused.json["error"]["code"] == "ASSET_NOT_FOUND"
    actions[0]["video"]["assetId"] = "{{trigger.assetId}}"
    auto = create(client, key, project, actions=actions).json
    run = run_now(client, key, project, auto, assetId=unknown)
    assert run["status"] == "failed" and "ASSET_NOT_FOUND" in run["error"]
    assert [s["status"] for s in run["steps"]] == ["failed", "pending"] and receiver.hits() == []


# -- a run whose worker vanished -------------------------------------------------------

def test_stale_running_run_is_picked_up_by_the_sweeper(client, key, project, receiver, app):
    from renderowl.extensions import database
    auto = create(client, key, project, actions=[{"type": "webhook", "url": receiver.url("/s")}]).json
    with app.app_context(), database.connection_context():
        run = AutomationRun.start(Automation.get_by_id(auto["id"]), {"type": "manual"})  # never queued
        assert sweep_runs.call_local() == 0  # fresh heartbeat: someone is on it
        AutomationRun.update(heartbeat_at=utcnow() - datetime.timedelta(hours=1)).where(
            AutomationRun.id == run.id).execute()
    assert sweep_runs.call_local() == 1
    assert get_run(client, key, project, auto, str(run.id))["status"] == "completed"
    assert len(receiver.hits("/s")) == 1


@pytest.fixture
def parked(config, key, project, receiver, clip, make_queued_app):
    """With a real (unconsumed) queue and one running run at most: a render -> webhook automation
    whose run, executed by hand, waits on its render job.
    Returns (client, automation, run id, job id, event_of(type) -> event id)."""
    from renderowl import create_app
    from renderowl.automations.tasks import execute_run
    from renderowl.events import Event
    from renderowl.extensions import database
    immediate_client = create_app(config).test_client()
    asset = upload_asset(immediate_client, project["id"], key, clip)
    queued, _ = make_queued_app(MAX_RUNNING_RUNS=1)
    client = queued.test_client()
    auto = create(client, key, project, actions=[
        {"type": "render", "video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS},
        {"type": "webhook", "url": receiver.url("/done"), "body": {"url": "{{actions.0.output.url}}"}}]).json
    run = run_now(client, key, project, auto)
    assert run["steps"][0]["status"] == "pending"  # nothing consumed the queue yet
    execute_run.call_local(run["id"])
    waiting = get_run(client, key, project, auto, run["id"])
    assert waiting["status"] == "running" and waiting["steps"][0]["status"] == "waiting"

    def event_of(type):
        with queued.app_context(), database.connection_context():
            return str(Event.get(Event.type == type).id)
    return client, auto, run["id"], waiting["steps"][0]["renderJobId"], event_of


def test_waiting_render_run_resumes_from_the_render_event(key, project, receiver, parked):
    """Step by step: the run parks on its job, and render.completed wakes it."""
    from renderowl.automations.tasks import execute_run
    from renderowl.events import process_event
    from renderowl.renders.tasks import render_job
    client, auto, run_id, job_id, event_of = parked
    execute_run.call_local(run_id)  # a duplicate execution while parked does nothing
    render_job.call_local(job_id)
    event_id = event_of("render.completed")
    assert get_run(client, key, project, auto, run_id)["steps"][0]["status"] == "waiting"
    process_event.call_local(event_id)
    execute_run.call_local(run_id)
    done = get_run(client, key, project, auto, run_id)
    assert done["status"] == "completed", done
    assert done["steps"][0]["output"]["renderJobId"] == job_id
    assert json.loads(receiver.hits("/done")[0]["body"]) == {"url": done["steps"][0]["output"]["url"]}
    assert len(receiver.hits("/done")) == 1


def test_render_cancelled_while_a_run_waits_on_it_fails_the_run(key, project, receiver, parked):
    """A run parked on a render that is cancelled ends failed (not waiting forever)."""
    from renderowl.automations.tasks import execute_run
    from renderowl.events import process_event
    client, auto, run_id, job_id, event_of = parked
    cancelled = client.post("/api/v1/projects/%s/renders/%s/cancel" % (project["id"], job_id), headers=key)
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled", cancelled.json
    process_event.call_local(event_of("render.failed"))
    done = get_run(client, key, project, auto, run_id)
    assert done["status"] == "failed", done
    assert [s["status"] for s in done["steps"]] == ["failed", "pending"]
    assert "cancelled" in done["error"] and job_id in done["error"]
    assert client.get(api(project, "/" + auto["id"]), headers=key).json["runs"]["failed"] == 1
    execute_run.call_local(run_id)  # a late execution of the failed run does nothing
    assert receiver.hits("/done") == []


def test_a_run_failed_with_its_render_makes_room_for_one_that_waits(key, project, parked):
    """The render.failed event ends the parked run outside any execution of it: it admits the next."""
    from renderowl.events import process_event
    client, auto, run_id, job_id, event_of = parked
    second = run_now(client, key, project, auto)
    assert second["status"] == "queued"  # the parked run holds the project's one place
    cancelled = client.post("/api/v1/projects/%s/renders/%s/cancel" % (project["id"], job_id), headers=key)
    assert cancelled.status_code == 200, cancelled.json
    assert get_run(client, key, project, auto, second["id"])["status"] == "queued"
    process_event.call_local(event_of("render.failed"))
    assert get_run(client, key, project, auto, run_id)["status"] == "failed"
    assert get_run(client, key, project, auto, second["id"])["status"] == "running"
