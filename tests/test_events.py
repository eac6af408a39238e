"""The event layer through HTTP: each subscriber on its own marker, and purging only what is settled."""
import datetime
import json

import pytest

from renderowl.db import utcnow
from renderowl.events import Event, EventSubscription
from renderowl.events.tasks import purge_old_events
from renderowl.extensions import database
from tests.conftest import sweep
from tests.render_media import make_clip, upload_asset

pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"], WEBHOOK_RETRY_SCHEDULE=[5, 300])


def _subscriptions(app, type):
    with app.app_context(), database.connection_context():
        return {s.subscriber: s for s in EventSubscription.select().join(Event).where(Event.type == type)}


def test_a_failing_subscriber_neither_blocks_nor_repeats_another(app, client, master, key, project, receiver,
                                                                 monkeypatch, tmp_path):
    from renderowl.automations import hooks
    client.patch("/api/v1/projects/%s" % project["id"], headers=master,
                 json={"settings": {"webhookUrl": receiver.url("/hook")}})
    resp = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
        "name": "on upload", "trigger": {"type": "asset_upload"},
        "actions": [{"type": "webhook", "url": receiver.url("/action"), "body": {"id": "{{trigger.assetId}}"}}]})
    assert resp.status_code == 201, resp.json

    def broken(event):
        raise RuntimeError("automations are down")

    monkeypatch.setattr(hooks, "start_asset_upload_runs", broken)
    asset = upload_asset(client, project["id"], key, make_clip(tmp_path / "clip.mp4", seconds=1))
    # Webhook delivery went ahead and is done; automations are due again after a back-off.
    [hit] = receiver.wait_for("/hook", 1)
    assert json.loads(hit["body"])["type"] == "asset.ready"
    marks = _subscriptions(app, "asset.ready")
    assert marks["webhooks"].handled_at is not None
    assert marks["automations"].handled_at is None and marks["automations"].due_at > utcnow()
    assert receiver.hits("/action") == []

    monkeypatch.undo()
    assert sweep(app, 1) == 0  # not due yet
    assert sweep(app, 120) == 1
    [action] = receiver.wait_for("/action", 1)
    assert json.loads(action["body"]) == {"id": asset["id"]}
    assert _subscriptions(app, "asset.ready")["automations"].handled_at is not None
    # The webhook subscriber was not called again: one delivery of asset.ready (the run's own
    # automation.run.completed event is the second hit).
    types = [json.loads(h["body"])["type"] for h in receiver.hits("/hook")]
    assert types.count("asset.ready") == 1 and types.count("automation.run.completed") == 1
    assert sweep(app, 86400) == 0


def test_purge_keeps_events_a_subscriber_is_not_done_with(app, client, master, key, project, receiver):
    client.patch("/api/v1/projects/%s" % project["id"], headers=master,
                 json={"settings": {"webhookUrl": receiver.url("/down")}})
    receiver.respond("/down", *([503] * 10))
    resp = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
        "name": "ping", "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": receiver.url("/ok")}]})
    run = client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], resp.json["id"]), headers=key,
                      json={})
    assert run.status_code == 202 and run.json["status"] == "completed", run.json
    receiver.wait_for("/down", 1)
    later = utcnow() + datetime.timedelta(days=31)
    with app.app_context(), database.connection_context():
        assert purge_old_events.call_local(now=later) == 0  # its delivery is still being retried
        assert Event.select().count() == 1
    sweep(app, 6)
    sweep(app, 6 + 301)  # the last retry fails: the delivery is settled (failed)
    assert len(receiver.hits("/down")) == 3
    with app.app_context(), database.connection_context():
        assert purge_old_events.call_local(now=later) == 1
        assert Event.select().count() == EventSubscription.select().count() == 0


def test_a_commit_elsewhere_while_a_subscriber_runs_does_not_lock_out_the_dispatcher(
        app, client, master, key, project, receiver, monkeypatch, tmp_path):
    # Another worker commits while the first of an event's two subscribers runs. On SQLite (WAL)
    # a dispatcher still reading its pending list from an open cursor holds a snapshot older than
    # that commit, and its next write fails at once with "database is locked".
    import threading
    from renderowl.automations import hooks
    client.patch("/api/v1/projects/%s" % project["id"], headers=master,
                 json={"settings": {"webhookUrl": receiver.url("/hook")}})
    elsewhere = app.test_client()
    created = []

    def start_runs_while_another_worker_commits(event):
        worker = threading.Thread(target=lambda: created.append(elsewhere.post(
            "/api/v1/projects", headers=master, json={"slug": "elsewhere", "name": "Elsewhere"})))
        worker.start()
        worker.join()
        return []

    monkeypatch.setattr(hooks, "start_asset_upload_runs", start_runs_while_another_worker_commits)
    upload_asset(client, project["id"], key, make_clip(tmp_path / "clip.mp4", seconds=1))
    assert [r.status_code for r in created] == [201]
    [hit] = receiver.wait_for("/hook", 1)
    assert json.loads(hit["body"])["type"] == "asset.ready"
    marks = _subscriptions(app, "asset.ready")
    assert marks["automations"].handled_at is not None and marks["webhooks"].handled_at is not None
    assert marks["automations"].attempts == marks["webhooks"].attempts == 1
