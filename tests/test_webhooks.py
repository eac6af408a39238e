"""Outbound events through HTTP: signing, retries, the delivery log, redelivery, 410, SSRF."""
import datetime
import json

import pytest

from renderowl import verify_webhook
from renderowl.db import utcnow
from renderowl.extensions import database
from tests.conftest import bearer, sweep
from tests.procs import wait_for

# Outbound may reach loopback (the receiver); two retries, 5 s and 5 min after a failure.
pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"], WEBHOOK_RETRY_SCHEDULE=[5, 300])


def api(project, path=""):
    return "/api/v1/projects/%s%s" % (project["id"], path)


def set_webhook_url(client, master, project, url):
    resp = client.patch(api(project), json={"settings": {"webhookUrl": url}}, headers=master)
    assert resp.status_code == 200, resp.json


def emit_event(client, key, project, action_url):
    """Produce an automation.run.* event through the API: a one-step automation run by hand."""
    resp = client.post(api(project, "/automations"), headers=key, json={
        "name": "ping", "trigger": {"type": "webhook"},
        "actions": [{"type": "webhook", "url": action_url, "body": {"hello": "{{trigger.who}}"}}]})
    assert resp.status_code == 201, resp.json
    run = client.post(api(project, "/automations/%s/run" % resp.json["id"]), headers=key,
                      json={"input": {"who": "owl"}})
    assert run.status_code == 202, run.json
    return run.json


def deliveries(client, key, project):
    resp = client.get(api(project, "/webhook-deliveries"), headers=key)
    assert resp.status_code == 200, resp.json
    return resp.json["data"]


def test_delivery_is_signed_and_verifiable(client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/hook"))
    run = emit_event(client, key, project, receiver.url("/action"))
    assert run["status"] == "completed"
    hit = receiver.wait_for("/hook")[0]
    body, header = hit["body"], hit["headers"]["Renderowl-Signature"]
    event = json.loads(body)
    assert set(event) == {"id", "type", "createdAt", "projectId", "data"}
    assert event["type"] == "automation.run.completed" and event["projectId"] == project["id"]
    assert event["data"]["id"] == run["id"] and event["createdAt"].endswith("Z")
    assert hit["headers"]["Renderowl-Webhook-Id"] == event["id"]
    assert hit["headers"]["Content-Type"] == "application/json"
    secret = project["webhookSecret"]
    assert verify_webhook(body, header, secret)
    assert not verify_webhook(body.replace(b"completed", b"failed"), header, secret)  # tampered
    t = int(header.split(",")[0][2:])
    assert not verify_webhook(body, header, secret, now=t + 301)  # stale
    assert verify_webhook(body, header, secret, now=t + 299)
    assert not verify_webhook(body, header, "whsec_" + "x" * 32)

    [attempt] = deliveries(client, key, project)
    assert attempt["eventId"] == event["id"] and attempt["eventType"] == "automation.run.completed"
    assert attempt["statusCode"] == 200 and attempt["error"] is None and attempt["attempt"] == 1
    assert attempt["url"] == receiver.url("/hook") and attempt["durationMs"] >= 0


def test_rotation_signs_with_both_secrets(client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/hook"))
    old = project["webhookSecret"]
    rotated = client.post(api(project, "/webhook-secret/rotate"), headers=master)
    assert rotated.status_code == 200
    new = rotated.json["webhookSecret"]
    assert new != old
    emit_event(client, key, project, receiver.url("/action"))
    hit = receiver.wait_for("/hook")[0]
    header = hit["headers"]["Renderowl-Signature"]
    assert header.count("v1=") == 2
    assert verify_webhook(hit["body"], header, new)
    assert verify_webhook(hit["body"], header, old)


def test_failed_delivery_is_retried_and_every_attempt_recorded(app, client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/flaky"))
    receiver.respond("/flaky", 500, 302)
    # Clocks are absolute, bracketing the first attempt, so a slow machine cannot shift a retry.
    before = utcnow()
    emit_event(client, key, project, receiver.url("/action"))
    receiver.wait_for("/flaky", 1)
    wait_for(lambda: len(deliveries(client, key, project)) == 1, 10, "the first attempt to be recorded")
    after = utcnow()
    sweep(app, 4, before)  # the first retry is due 5 s after the failure, not before
    assert len(receiver.hits("/flaky")) == 1
    sweep(app, 6, after)
    assert len(receiver.hits("/flaky")) == 2
    sweep(app, 6 + 299, after)  # the second retry waits 300 s after the second failure
    assert len(receiver.hits("/flaky")) == 2
    sweep(app, 6 + 301, after)
    hits = receiver.wait_for("/flaky", 3)
    assert len({h["headers"]["Renderowl-Webhook-Id"] for h in hits}) == 1  # stable across retries
    log = deliveries(client, key, project)
    assert [d["attempt"] for d in log] == [3, 2, 1]  # newest first
    assert [d["statusCode"] for d in log] == [200, 302, 500]
    assert log[2]["error"] == "HTTP 500"
    assert "redirects are not followed" in log[1]["error"]
    assert log[0]["error"] is None
    assert not [h for h in receiver.hits() if h["path"] == "/elsewhere"]
    # Delivered: nothing is due any more.
    assert sweep(app, 86400) == 0
    assert len(receiver.hits("/flaky")) == 3


def test_retries_stop_after_the_schedule(app, client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/down"))
    receiver.respond("/down", 503, 503, 503, 503, 503)
    emit_event(client, key, project, receiver.url("/action"))
    for seconds in (6, 6 + 301, 86400, 7 * 86400):
        sweep(app, seconds)
    # One attempt plus len(WEBHOOK_RETRY_SCHEDULE) retries, then the destination gives up.
    assert len(receiver.hits("/down")) == 3
    assert [d["statusCode"] for d in deliveries(client, key, project)] == [503, 503, 503]


def test_redeliver_sends_the_same_event_again(client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/hook"))
    emit_event(client, key, project, receiver.url("/action"))
    [first] = deliveries(client, key, project)
    resp = client.post(api(project, "/webhook-deliveries/%s/redeliver" % first["id"]), headers=master)
    assert resp.status_code == 202, resp.json
    assert resp.json["eventId"] == first["eventId"]
    hits = receiver.wait_for("/hook", 2)
    assert hits[0]["body"] == hits[1]["body"]
    assert hits[1]["headers"]["Renderowl-Webhook-Id"] == first["eventId"]
    log = deliveries(client, key, project)
    assert [d["attempt"] for d in log] == [2, 1] and log[0]["eventId"] == first["eventId"]

    missing = client.post(api(project, "/webhook-deliveries/%s/redeliver" % project["id"]), headers=master)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "DELIVERY_NOT_FOUND"
    assert client.post(api(project, "/webhook-deliveries/nope/redeliver"),
                       headers=master).json["error"]["code"] == "DELIVERY_NOT_FOUND"
    # Redelivery changes the project's webhook traffic: the master key only.
    denied = client.post(api(project, "/webhook-deliveries/%s/redeliver" % first["id"]), headers=key)
    assert denied.status_code == 403 and denied.json["error"]["code"] == "MASTER_KEY_REQUIRED"


def test_delivery_log_scope_and_pagination(client, master, key, project, make_key, receiver):
    set_webhook_url(client, master, project, receiver.url("/hook"))
    for _ in range(3):
        emit_event(client, key, project, receiver.url("/action"))
    page = client.get(api(project, "/webhook-deliveries?limit=2"), headers=key).json
    assert len(page["data"]) == 2 and page["hasMore"]
    rest = client.get(api(project, "/webhook-deliveries?limit=2&cursor=" + page["nextCursor"]), headers=key).json
    assert len(rest["data"]) == 1 and not rest["hasMore"]
    narrow = bearer(make_key(project, scopes=["automations:read"])["key"])
    resp = client.get(api(project, "/webhook-deliveries"), headers=narrow)
    assert resp.status_code == 403 and resp.json["error"]["message"] == "Key lacks 'projects:read' scope"


def test_410_disables_the_webhook_url(app, client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/gone"))
    receiver.respond("/gone", 410)
    emit_event(client, key, project, receiver.url("/action"))
    [attempt] = deliveries(client, key, project)
    assert attempt["statusCode"] == 410
    assert client.get(api(project), headers=master).json["settings"]["webhookUrl"] is None
    sweep(app, 86400)
    assert len(receiver.hits("/gone")) == 1  # no retry after a 410
    emit_event(client, key, project, receiver.url("/action"))
    assert len(receiver.hits("/gone")) == 1  # and no more events go there


def test_private_webhook_url_is_refused_and_recorded(client, master, key, project, app):
    app.config["OUTBOUND_ALLOW_CIDRS"] = []  # the operator allows nothing: loopback is refused
    set_webhook_url(client, master, project, "http://127.0.0.1:9/hook")
    run = emit_event(client, key, project, "http://10.0.0.7/action")
    assert run["status"] == "failed" and "10.0.0.7 is not allowed" in run["error"] and "private" not in run["error"]
    [attempt] = deliveries(client, key, project)
    assert attempt["eventType"] == "automation.run.failed"
    assert attempt["statusCode"] is None and "not allowed" in attempt["error"] and "loopback" not in attempt["error"]
    sweep(app, 86400)
    assert len(deliveries(client, key, project)) == 1  # a refused URL is not retried


def test_settled_events_and_their_log_are_purged_after_retention(app, client, master, key, project, receiver):
    from renderowl.events import Event
    from renderowl.events.tasks import purge_old_events
    set_webhook_url(client, master, project, receiver.url("/hook"))
    emit_event(client, key, project, receiver.url("/action"))
    receiver.wait_for("/hook")
    assert len(deliveries(client, key, project)) == 1
    with app.app_context(), database.connection_context():
        now = datetime.datetime.utcnow()
        assert purge_old_events.call_local(now=now + datetime.timedelta(days=29)) == 0  # still kept
        assert purge_old_events.call_local(now=now + datetime.timedelta(days=31)) == 1
        assert Event.select().count() == 0
    assert deliveries(client, key, project) == []  # the attempts went with their event


def test_old_secret_stops_signing_24_hours_after_rotation(app, client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/hook"))
    receiver.respond("/hook", 500, 500)
    old = project["webhookSecret"]
    new = client.post(api(project, "/webhook-secret/rotate"), headers=master).json["webhookSecret"]
    emit_event(client, key, project, receiver.url("/action"))
    sweep(app, 6)  # the first retry, minutes after the rotation
    sweep(app, 24 * 3600 + 60)  # the second, a day later
    hits = receiver.wait_for("/hook", 3)
    for hit in hits[:2]:
        header = hit["headers"]["Renderowl-Signature"]
        assert header.count("v1=") == 2
        assert verify_webhook(hit["body"], header, old) and verify_webhook(hit["body"], header, new)
    late = hits[2]["headers"]["Renderowl-Signature"]
    assert late.count("v1=") == 1
    assert verify_webhook(hits[2]["body"], late, new)
    assert not verify_webhook(hits[2]["body"], late, old)


def test_rotation_keeps_usage_written_meanwhile(client, master, project, monkeypatch):
    """Rotating writes the secret columns only: a render settled meanwhile keeps its minutes."""
    from renderowl.projects import routes
    from renderowl.projects.models import Project
    issue = routes.generate_secret

    def settle_a_render_then_issue():
        # Another worker settles a 90 s render between the rotation's read and its write.
        Project.add_usage(project["id"], render_ms_used=90000, render_count=1)
        return issue()

    monkeypatch.setattr(routes, "generate_secret", settle_a_render_then_issue)
    rotated = client.post(api(project, "/webhook-secret/rotate"), headers=master)
    assert rotated.status_code == 200, rotated.json
    assert rotated.json["webhookSecret"] != project["webhookSecret"]
    usage = client.get(api(project), headers=master).json["usage"]
    assert usage["renderMinutesUsed"] == 1.5 and usage["renderCount"] == 1


def test_a_crash_while_creating_destinations_loses_none(app, client, master, key, project, receiver,
                                                          monkeypatch, tmp_path):
    """Destinations are made in one transaction: a crash after the project's URL and before the
    render's own webhookUrl leaves neither, and the retry creates and delivers both."""
    from renderowl.webhooks import delivery
    from tests.render_media import make_clip, upload_asset
    set_webhook_url(client, master, project, receiver.url("/project"))
    asset = upload_asset(client, project["id"], key, make_clip(tmp_path / "clip.mp4", seconds=1))
    receiver.wait_for("/project", 1)  # asset.ready
    insert = delivery._CREATE_DESTINATION.execute
    calls = []

    def crash_on_second_insert(**row):
        calls.append(row["url"])
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return insert(**row)

    monkeypatch.setattr(delivery._CREATE_DESTINATION, "execute", crash_on_second_insert)
    job = client.post(api(project, "/renders"), headers=key, json={
        "video": {"type": "asset", "assetId": asset["id"]},
        "captions": [{"start": 0, "end": 1, "text": "Hoot"}], "webhookUrl": receiver.url("/own")})
    assert job.status_code == 202, job.json
    monkeypatch.undo()
    assert calls == [receiver.url("/project"), receiver.url("/own")]  # the crash did happen
    sweep(app, 3600)
    own = receiver.wait_for("/own", 1)
    assert json.loads(own[0]["body"])["type"] == "render.completed"
    completed = [h for h in receiver.hits("/project") if json.loads(h["body"])["type"] == "render.completed"]
    assert len(completed) == 1 and len(receiver.hits("/own")) == 1
