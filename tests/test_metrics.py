"""`/metrics` and `/healthz` through HTTP: who may scrape, series by route template (never by raw
URL), queue depth and age, and the files of dead processes folded in without losing counts."""
import os
import subprocess
import sys

import pytest
from prometheus_client.parser import text_string_to_metric_families

from renderowl import metrics
from renderowl.extensions import huey
from tests.conftest import bearer
from tests.render_media import make_clip, upload_asset

pytestmark = pytest.mark.config(METRICS_TOKEN="prom-token-0123456789", OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"])
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Metrics"}]


def scrape(client, headers):
    resp = client.get("/metrics", headers=headers)
    assert resp.status_code == 200, resp.data
    assert resp.content_type.startswith("text/plain")
    return resp.get_data(as_text=True)


def samples(text):
    """{(name, frozenset(labels)): value} of a scrape."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, frozenset(s.labels.items()))] = s.value
    return out


def value(text, name, **labels):
    return samples(text).get((name, frozenset(labels.items())), 0.0)


def test_only_the_master_key_or_the_metrics_token_may_scrape(client, master, key):
    assert client.get("/metrics").json["error"]["code"] == "UNAUTHENTICATED"
    assert client.get("/metrics", headers=bearer("wrong")).json["error"]["code"] == "INVALID_API_KEY"
    denied = client.get("/metrics", headers=key)
    assert denied.status_code == 403 and denied.json["error"]["code"] == "MASTER_KEY_REQUIRED"
    assert "renderowl_http_requests_total" in scrape(client, master)
    assert "renderowl_queue_depth" in scrape(client, bearer("prom-token-0123456789"))


def test_requests_are_counted_by_route_template(client, master, project, key):
    route = "/api/v1/projects/<project_id>/renders"
    before = scrape(client, master)
    for _ in range(3):
        assert client.get("/api/v1/projects/%s/renders" % project["id"], headers=key).status_code == 200
    assert client.get("/api/v1/projects/%s/renders" % project["slug"], headers=bearer("rk_live_" + "y" * 32)).status_code == 401
    assert client.get("/no/such/route/%s" % project["id"]).status_code == 404
    after = scrape(client, master)
    assert value(after, "renderowl_http_requests_total", method="GET", route=route, status="200") - \
        value(before, "renderowl_http_requests_total", method="GET", route=route, status="200") == 3
    assert value(after, "renderowl_http_requests_total", method="GET", route=route, status="401") - \
        value(before, "renderowl_http_requests_total", method="GET", route=route, status="401") == 1
    assert value(after, "renderowl_http_requests_total", method="GET", route="<unmatched>", status="404") >= 1
    latency = value(after, "renderowl_http_request_duration_seconds_count", method="GET", route=route) - \
        value(before, "renderowl_http_request_duration_seconds_count", method="GET", route=route)
    assert latency == 4
    # Labels are bounded: no project id or slug ever becomes one, nor a made-up method.
    assert project["id"] not in after and project["slug"] not in after
    for method in ("BREW", "PROPFIND"):
        assert client.open("/api/v1/projects/%s" % project["id"], method=method).status_code == 405
    final = scrape(client, master)
    assert "BREW" not in final and "PROPFIND" not in final
    assert value(final, "renderowl_http_requests_total", method="OTHER", route="<unmatched>",
                 status="405") - value(after, "renderowl_http_requests_total", method="OTHER",
                                       route="<unmatched>", status="405") == 2


def test_healthz_and_metrics_report_the_queue(client, make_queued_app, master, project, key, tmp_path):
    asset = upload_asset(client, project["id"], key, make_clip(tmp_path / "c.mp4", seconds=1))
    quiet, _ = make_queued_app()  # the same database; tasks are queued, nothing consumes them
    huey.flush()
    queued_client = quiet.test_client()
    health = queued_client.get("/healthz").json
    assert health == {"status": "ok", "database": "ok", "queue": "ok", "queueDepth": 0,
                      "oldestQueuedJobAgeSeconds": 0.0}
    jobs = []
    for _ in range(3):
        resp = queued_client.post("/api/v1/projects/%s/renders" % project["id"], headers=key, json={
            "video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS})
        assert resp.status_code == 202
        jobs.append(resp.json["id"])
    health = queued_client.get("/healthz").json
    assert health["queueDepth"] == 3 and health["oldestQueuedJobAgeSeconds"] > 0
    text = scrape(queued_client, master)
    assert value(text, "renderowl_queue_depth") == 3
    assert value(text, "renderowl_render_jobs", status="queued") == 3
    assert 0 < value(text, "renderowl_queue_oldest_age_seconds") < 60
    # A settled render is counted by its outcome.
    cancel = queued_client.post("/api/v1/projects/%s/renders/%s/cancel" % (project["id"], jobs[0]), headers=key)
    assert cancel.status_code == 200
    later = scrape(queued_client, master)
    assert value(later, "renderowl_renders_total", outcome="cancelled") - \
        value(text, "renderowl_renders_total", outcome="cancelled") == 1
    assert value(later, "renderowl_render_jobs", status="queued") == 2


def test_healthz_is_503_when_the_database_is_unreachable(make_queued_app, backend, tmp_path):
    # A directory is no database file; nothing listens on port 1.
    broken = "sqlite:///%s" % tmp_path if backend == "sqlite" else \
        "postgresql://nobody@127.0.0.1:1/none"
    app, _ = make_queued_app(DATABASE_URL=broken)
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503 and resp.json["status"] == "error" and resp.json["database"] != "ok"


def test_healthz_is_503_when_the_queue_is_unreachable(make_queued_app):
    app, _ = make_queued_app(REDIS_URL="redis://127.0.0.1:1/0")
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503 and resp.json["queue"] != "ok" and resp.json["database"] == "ok"


CHILD = """
import os, sys
from renderowl import metrics
metrics.observe_render("completed", 3.0)
metrics.observe_delivery("delivered")
metrics.observe_delivery("delivered")
if sys.argv[1] == "kill":
    os.kill(os.getpid(), 9)
"""


def test_files_of_dead_processes_are_folded_without_losing_counts(client, master):
    before = scrape(client, master)
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}
    pids = []
    for how in ("exit", "kill"):
        child = subprocess.Popen([sys.executable, "-c", CHILD, how], env=env)
        assert child.wait(timeout=60) in (0, -9)
        pids.append(child.pid)
    files = os.listdir(metrics.directory())
    assert any(name.endswith("_%d.db" % pids[1]) for name in files)
    first = scrape(client, master)
    second = scrape(client, master)
    for text in (first, second):
        assert value(text, "renderowl_webhook_deliveries_total", outcome="delivered") - \
            value(before, "renderowl_webhook_deliveries_total", outcome="delivered") == 4
        assert value(text, "renderowl_render_duration_seconds_count", outcome="completed") - \
            value(before, "renderowl_render_duration_seconds_count", outcome="completed") == 2
        assert value(text, "renderowl_render_duration_seconds_bucket", outcome="completed", le="5.0") - \
            value(before, "renderowl_render_duration_seconds_bucket", outcome="completed", le="5.0") == 2
    files = os.listdir(metrics.directory())
    assert not any(name.endswith(("_%d.db" % pids[0], "_%d.db" % pids[1])) for name in files)
    assert "counter_archive.db" in files and "histogram_archive.db" in files


def test_automation_runs_and_delivery_attempts_are_counted_by_outcome(client, master, make_project, make_key):
    from tests.receiver import Receiver
    receiver = Receiver()
    try:
        project = make_project(settings={"webhookUrl": receiver.url("/events")})
        key = bearer(make_key(project)["key"])
        receiver.respond("/events", 500, 410)
        auto = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
            "name": "a", "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": receiver.url("/ok")}]}).json
        before = scrape(client, master)
        for _ in range(2):
            run = client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], auto["id"]), headers=key, json={})
            assert run.json["status"] == "completed", run.json
        after = scrape(client, master)
    finally:
        receiver.close()

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)
    assert delta("renderowl_automation_runs_total", outcome="completed") == 2
    # Event 1: a 500 (retry scheduled later); event 2: 410 stops it.
    assert delta("renderowl_webhook_deliveries_total", outcome="failed") == 1
    assert delta("renderowl_webhook_deliveries_total", outcome="gone") == 1
