"""A real `huey_consumer` SIGKILLed mid-delivery and mid-run: a restarted worker loses nothing.

The receiver keeps the first call waiting; the consumer is killed while it waits. The attempt
(or the run's step) is then in flight with nobody behind it. After the delivery lease / run
heartbeat threshold (2 s here, via RENDEROWL_* settings) a new consumer's startup sweep picks
the work up again and finishes it.
"""
import json
import re
import time
import uuid

import pytest

from renderowl.automations.models import AutomationRun
from renderowl.extensions import database
from renderowl.webhooks.models import EventDestination
from tests.conftest import bearer
from tests.procs import env_for, start_consumer, wait_for
from tests.receiver import Receiver

THRESHOLD = 2


@pytest.fixture
def receiver():
    r = Receiver(hang_seconds=30)
    yield r
    r.close()


@pytest.fixture
def worker(make_queued_app, tmp_path):
    """The test's app queueing to a real queue, and the environment for consumer processes."""
    app, worker_config = make_queued_app(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"])
    env = env_for(worker_config, RENDEROWL_HUEY_NAME=worker_config.HUEY_NAME,
                  RENDEROWL_WEBHOOK_LEASE_SECONDS=THRESHOLD, RENDEROWL_AUTOMATION_STALE_SECONDS=THRESHOLD)
    procs = []

    def consumer(name):
        proc = start_consumer(env, str(tmp_path / (name + ".log")))
        procs.append(proc)
        return proc

    yield app, consumer
    for proc in procs:
        proc.kill()


def _setup(client, master, webhook_url=None):
    project = client.post("/api/v1/projects", headers=master, json={
        "slug": "hooks-" + uuid.uuid4().hex[:8], "name": "Fault",
        "settings": {"webhookUrl": webhook_url}}).json
    key = bearer(client.post("/api/v1/projects/%s/api-keys" % project["id"], json={"name": "k"},
                             headers=master).json["key"])
    return project, key


def _automation(client, key, project, urls):
    resp = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
        "name": "fault", "trigger": {"type": "webhook"},
        "actions": [{"type": "webhook", "url": url, "body": {"step": i}} for i, url in enumerate(urls)]})
    assert resp.status_code == 201, resp.json
    return resp.json



def _wait(predicate, what, procs=(), timeout=30):
    wait_for(predicate, timeout, what, procs)


def _swept(proc):
    """True once the consumer has run its startup sweep of runs (so work made later is fresh to it)."""
    return re.search(r"automations\.tasks\.sweep_runs: \S+ executed", proc.output()) is not None


def test_killed_worker_mid_delivery_loses_no_event(worker, receiver, master):
    app, consumer = worker
    client = app.test_client()
    project, key = _setup(client, master, receiver.url("/hook"))
    receiver.respond("/hook", "hang")
    auto = _automation(client, key, project, [receiver.url("/action")])
    first = consumer("consumer1")
    client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], auto["id"]), json={}, headers=key)
    receiver.wait_for("/hook", 1, timeout=30)  # the event is on the wire, its worker waiting
    first.kill()

    with app.app_context(), database.connection_context():
        [dest] = EventDestination.select()
        assert dest.state == "pending" and dest.attempts == 1
    time.sleep(THRESHOLD + 0.5)  # the dead worker's lease runs out

    second = consumer("consumer2")
    with app.app_context():
        def delivered():
            with database.connection_context():
                return EventDestination.get_by_id(dest.id).state == "delivered"
        _wait(delivered, "the event to be delivered", [second])
    hits = receiver.hits("/hook")
    assert len(hits) == 2 and hits[0]["body"] == hits[1]["body"]
    assert hits[0]["headers"]["Renderowl-Webhook-Id"] == hits[1]["headers"]["Renderowl-Webhook-Id"]
    log = client.get("/api/v1/projects/%s/webhook-deliveries" % project["id"], headers=key).json["data"]
    assert [(d["attempt"], d["statusCode"]) for d in log] == [(2, 200)]


def test_killed_worker_mid_run_loses_no_run(worker, receiver, master):
    app, consumer = worker
    client = app.test_client()
    project, key = _setup(client, master)
    receiver.respond("/slow", "hang")
    auto = _automation(client, key, project, [receiver.url("/slow"), receiver.url("/after")])
    first = consumer("consumer1")
    # A run older than the 2 s threshold when the consumer starts would be (rightly) re-run by its
    # startup sweep next to the first execution: create it once the consumer is up.
    _wait(lambda: _swept(first), "the consumer's startup sweep", [first])
    run = client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], auto["id"]),
                      json={}, headers=key).json
    receiver.wait_for("/slow", 1, timeout=30)
    first.kill()
    runs_url = "/api/v1/projects/%s/automations/%s/runs/%s" % (project["id"], auto["id"], run["id"])
    stuck = client.get(runs_url, headers=key).json
    assert stuck["status"] == "running" and [s["status"] for s in stuck["steps"]] == ["running", "pending"]
    time.sleep(THRESHOLD + 0.5)  # the heartbeat goes stale

    second = consumer("consumer2")
    _wait(lambda: client.get(runs_url, headers=key).json["status"] != "running", "the run to finish", [second])
    done = client.get(runs_url, headers=key).json
    assert done["status"] == "completed", done
    assert [s["status"] for s in done["steps"]] == ["completed", "completed"]
    assert json.loads(receiver.hits("/after")[0]["body"]) == {"step": 1}
    with app.app_context(), database.connection_context():
        assert AutomationRun.select().count() == 1
