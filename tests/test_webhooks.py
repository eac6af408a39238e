"""Outbound events through HTTP: signing, retries, the delivery log, redelivery, 410, SSRF."""
import json
import time

import pytest

from renderowl import verify_webhook
from renderowl.webhooks.tasks import sweep_deliveries
from tests.conftest import bearer
from tests.receiver import Receiver


@pytest.fixture
def config(config):
    """Outbound may reach loopback (the receiver); retries come after 0.2 s instead of hours."""
    return type("WebhookTestConfig", (config,), {
        "OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"], "WEBHOOK_RETRY_SCHEDULE": [0.2, 0.2]})


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


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


def test_failed_delivery_is_retried_and_every_attempt_recorded(client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/flaky"))
    receiver.respond("/flaky", 500, 302)
    emit_event(client, key, project, receiver.url("/action"))
    receiver.wait_for("/flaky", 1)
    time.sleep(0.3)
    sweep_deliveries.call_local()  # the minute sweeper, run now: the retry is due
    time.sleep(0.3)
    sweep_deliveries.call_local()
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
    time.sleep(0.3)
    sweep_deliveries.call_local()
    assert len(receiver.hits("/flaky")) == 3


def test_retries_stop_after_the_schedule(client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/down"))
    receiver.respond("/down", 503, 503, 503, 503, 503)
    emit_event(client, key, project, receiver.url("/action"))
    for _ in range(4):
        time.sleep(0.25)
        sweep_deliveries.call_local()
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


def test_410_disables_the_webhook_url(client, master, key, project, receiver):
    set_webhook_url(client, master, project, receiver.url("/gone"))
    receiver.respond("/gone", 410)
    emit_event(client, key, project, receiver.url("/action"))
    [attempt] = deliveries(client, key, project)
    assert attempt["statusCode"] == 410
    assert client.get(api(project), headers=master).json["settings"]["webhookUrl"] is None
    time.sleep(0.3)
    sweep_deliveries.call_local()
    assert len(receiver.hits("/gone")) == 1  # no retry after a 410
    emit_event(client, key, project, receiver.url("/action"))
    assert len(receiver.hits("/gone")) == 1  # and no more events go there


def test_private_webhook_url_is_refused_and_recorded(client, master, key, project, app):
    app.config["OUTBOUND_ALLOW_CIDRS"] = []  # the operator allows nothing: loopback is refused
    set_webhook_url(client, master, project, "http://127.0.0.1:9/hook")
    run = emit_event(client, key, project, "http://10.0.0.7/action")
    assert run["status"] == "failed" and "private" in run["error"]
    [attempt] = deliveries(client, key, project)
    assert attempt["eventType"] == "automation.run.failed"
    assert attempt["statusCode"] is None and "loopback" in attempt["error"]
    time.sleep(0.3)
    sweep_deliveries.call_local()
    assert len(deliveries(client, key, project)) == 1  # a refused URL is not retried


def test_settled_events_and_their_log_are_purged_after_retention(app, client, master, key, project, receiver):
    import datetime

    from renderowl.extensions import database
    from renderowl.webhooks.models import Event
    from renderowl.webhooks.tasks import purge_old_events
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
