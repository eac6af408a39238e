"""Automations against replays and inactive projects, through HTTP on both backends."""
import datetime
import json
import time

from renderowl.automations.tasks import run_schedules
from renderowl.db import utcnow
from renderowl.signing import sign_payload
from tests.conftest import bearer

ACTIONS = [{"type": "webhook", "url": "https://example.com/hook"}]


def _create(client, key, project, trigger):
    resp = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key,
                       json={"name": "a", "trigger": trigger, "actions": ACTIONS})
    assert resp.status_code == 201, resp.json
    return resp.json


def _runs(client, key, project, automation):
    return client.get("/api/v1/projects/%s/automations/%s/runs" % (project["id"], automation["id"]),
                      headers=key).json["data"]


def test_signed_replays_with_small_edits_start_one_run(client, key, project):
    auto = _create(client, key, project, {"type": "webhook"})
    url, secret = "/webhooks/automations/" + auto["trigger"]["endpoint"], auto["trigger"]["secret"]
    body = json.dumps({"orderId": 7}).encode()
    t = int(time.time())
    signature = sign_payload(body, secret, timestamp=t)
    digest = signature.split("v1=")[1]
    variants = [signature, "v1=%s,t=%d" % (digest, t), "t=%d,v1=%s,v1=00" % (t, digest),
                "t=%d,v0=abc,v1=%s" % (t, digest), " t=%d , v1=%s" % (t, digest)]
    run_ids = set()
    for header in variants:
        resp = client.post(url, data=body, content_type="application/json", headers={"Renderowl-Signature": header})
        assert resp.status_code == 202, (header, resp.json)
        run_ids.add(resp.json["runId"])
    assert len(run_ids) == 1 and len(_runs(client, key, project, auto)) == 1
    # A new signature (another second) is a new request.
    later = sign_payload(body, secret, timestamp=t + 1)
    resp = client.post(url, data=body, content_type="application/json", headers={"Renderowl-Signature": later})
    assert resp.status_code == 202 and resp.json["runId"] not in run_ids


def test_an_inactive_project_starts_nothing(client, master, key, project):
    hook = _create(client, key, project, {"type": "webhook"})
    url, secret = "/webhooks/automations/" + hook["trigger"]["endpoint"], hook["trigger"]["secret"]
    schedule = _create(client, key, project, {"type": "schedule", "cron": "* * * * *"})
    project_url = "/api/v1/projects/%s" % project["id"]
    for status, code in (("suspended", "PROJECT_SUSPENDED"), ("archived", "PROJECT_ARCHIVED")):
        assert client.patch(project_url, json={"status": status}, headers=master).status_code == 200
        resp = client.post(url, json={"a": 1}, headers=bearer(secret))
        assert resp.status_code == 403 and resp.json["error"]["code"] == code
        # A wrong secret still learns nothing about the project: 401 first.
        assert client.post(url, json={}, headers=bearer("whsec_wrong")).status_code == 401
        assert run_schedules.call_local(utcnow() + datetime.timedelta(minutes=5)) == []
    assert _runs(client, master, project, hook) == [] and _runs(client, master, project, schedule) == []
    assert client.patch(project_url, json={"status": "active"}, headers=master).status_code == 200
    assert client.post(url, json={"a": 1}, headers=bearer(secret)).status_code == 202
    assert len(run_schedules.call_local(utcnow() + datetime.timedelta(minutes=5))) == 1
