"""The scaled-out stack under load: PostgreSQL + Redis + S3 (moto), 2 gunicorn processes and 2
huey consumers, one consumer SIGKILLed and restarted mid-way.

20 assets across 3 projects go the whole way (upload → ready → asset_upload automation → render
→ signed webhooks). Checked: every render completes exactly once, every event is delivered and
signed, rate limits are exact across both web processes, the schedule never fires twice for one
slot, and /metrics (scraped during the run and after) counts exactly the work done.
"""
import collections
import concurrent.futures
import json
import os
import time

import boto3
import pytest
import requests

from renderowl import verify_webhook
from tests.conftest import MASTER_KEY, bearer
from tests.procs import env_for, start_consumer, start_gunicorn, wait_for
from tests.receiver import Receiver
from tests.render_media import make_clip
from tests.test_metrics import samples as series

MASTER = bearer(MASTER_KEY)
METRICS_TOKEN = "scale-metrics-token-0123456789"
ASSETS_PER_PROJECT = (7, 7, 6)
RATE_LIMIT = 30
KNOBS = {  # short recovery times, so the killed consumer's work is picked up within the test
    "RENDEROWL_RENDER_STALE_SECONDS": "4", "RENDEROWL_RENDER_QUEUED_STALE_SECONDS": "8",
    "RENDEROWL_ASSET_STALE_SECONDS": "8", "RENDEROWL_WEBHOOK_LEASE_SECONDS": "8",
    "RENDEROWL_AUTOMATION_STALE_SECONDS": "8", "RENDEROWL_WEBHOOK_RETRY_SCHEDULE": "1,2,4",
    "RENDEROWL_METRICS_TOKEN": METRICS_TOKEN, "RENDEROWL_HUEY_NAME": "scale",
}


def metric(values, name, **labels):
    return values.get((name, frozenset(labels.items())), 0.0)


def scrape(base):
    resp = requests.get(base + "/metrics", headers=bearer(METRICS_TOKEN), timeout=30)
    assert resp.status_code == 200, resp.text
    return series(resp.text)


def test_two_web_processes_two_consumers_one_killed(config, backend, tmp_path):
    if backend != "postgres":
        pytest.skip("the scale-out run is PostgreSQL + Redis + S3")
    receiver = Receiver()
    live = type("ScaleConfig", (config,), {"OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"]})
    boto3.client("s3", endpoint_url=live.S3_ENDPOINT_URL, region_name="us-east-1").create_bucket(
        Bucket=live.STORAGE_URL[5:])
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = env_for(live, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir), **KNOBS)
    consumers = [start_consumer(env, str(tmp_path / ("consumer%d.log" % i)), workers=2) for i in range(2)]
    webs = [start_gunicorn(env, tmp_path / ("web%d.log" % i), workers=2) for i in range(2)]
    bases = [base for _, base in webs]
    procs = consumers + [proc for proc, _ in webs]
    try:
        _run(bases, consumers, procs, env, receiver, tmp_path)
    finally:
        for proc in procs:
            proc.stop()
        receiver.close()


def _run(bases, consumers, procs, env, receiver, tmp_path):
    killed_pid = both_busy = held = None
    api = [base + "/api/v1" for base in bases]
    data = open(make_clip(tmp_path / "in.mp4", seconds=1, size="160x120"), "rb").read()
    projects = []
    for i, count in enumerate(ASSETS_PER_PROJECT):
        slug = "scale-%d" % i
        project = requests.post(api[i % 2] + "/projects", headers=MASTER, json={
            "slug": slug, "name": slug, "settings": {"webhookUrl": receiver.url("/events/" + slug)}}).json()
        key = requests.post(api[i % 2] + "/projects/%s/api-keys" % slug, headers=MASTER,
                            json={"name": "work", "rateLimitRpm": 10000}).json()["key"]
        auto = requests.post(api[i % 2] + "/projects/%s/automations" % slug, headers=bearer(key), json={
            "name": "caption uploads", "trigger": {"type": "asset_upload", "filter": {"type": "video"}},
            "actions": [{"type": "render", "video": {"type": "asset", "assetId": "{{trigger.assetId}}"},
                         "captions": [{"start": 0, "end": 1, "text": "Scaled {{trigger.asset.name}}"}]}]})
        assert auto.status_code == 201, auto.text
        projects.append({"slug": slug, "id": project["id"], "secret": project["webhookSecret"], "key": key,
                         "count": count, "assets": []})
    # One schedule, every minute: two consumers both check it each minute; it must fire once.
    schedule = requests.post(api[0] + "/projects/scale-0/automations", headers=bearer(projects[0]["key"]), json={
        "name": "minutely", "trigger": {"type": "schedule", "cron": "* * * * *"},
        "actions": [{"type": "webhook", "url": receiver.url("/scheduled"),
                     "body": {"at": "{{trigger.scheduledAt}}"}}]}).json()

    def upload(project, n):
        auth = bearer(project["key"])
        base = api[n % 2]
        created = requests.post(base + "/projects/%s/assets" % project["slug"], headers=auth, timeout=30, json={
            "name": "clip-%d.mp4" % n, "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)})
        assert created.status_code == 201, created.text
        body = created.json()
        put = requests.put(body["uploadUrl"], data=data, headers=body["uploadHeaders"], timeout=30)
        assert put.status_code in (200, 204), put.text
        done = requests.post(base + "/projects/%s/assets/%s/complete" % (project["slug"], body["asset"]["id"]),
                             headers=auth, timeout=30)
        assert done.status_code == 200, done.text
        return body["asset"]["id"]

    jobs = [(p, n) for p in projects for n in range(p["count"])]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        first = list(pool.map(lambda pn: (pn[0], upload(*pn)), jobs[:10]))

        def renders_of(project):
            return requests.get(api[0] + "/projects/%s/renders?limit=100" % project["slug"], headers=MASTER,
                                timeout=30).json()["data"]

        # Mid-way: once renders are being worked on, SIGKILL one consumer and start it again.
        # Best: more renders in progress than one consumer has threads, so the killed one holds one.
        def rendering():
            return sum(j["status"] == "rendering" for p in projects for j in renders_of(p))
        deadline = time.time() + 60
        while rendering() < 3 and time.time() < deadline:
            time.sleep(0.05)
        wait_for(lambda: rendering() >= 1, 120, "a render in progress", procs)
        both_busy = rendering() >= 3  # each consumer runs 2 threads: the killed one holds a render
        during = scrape(bases[1])
        killed_pid = consumers[0].proc.pid
        # Which metric files the consumer held when killed: it may not have counted anything yet.
        held = {n.split("_")[0] for n in os.listdir(env["PROMETHEUS_MULTIPROC_DIR"]) if n.endswith("_%d.db" % killed_pid)}
        consumers[0].kill()
        consumers[0] = start_consumer(env, str(tmp_path / "consumer0-restarted.log"), workers=2)
        procs.append(consumers[0])
        rest = list(pool.map(lambda pn: (pn[0], upload(*pn)), jobs[10:]))
    for project, asset_id in first + rest:
        project["assets"].append(asset_id)

    # Rate limits are exact across both web processes: 40 requests, alternating, 30 allowed.
    limited = requests.post(api[0] + "/projects/scale-1/api-keys", headers=MASTER,
                            json={"name": "limited", "rateLimitRpm": RATE_LIMIT}).json()["key"]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: requests.get(api[i % 2] + "/projects/scale-1/renders?limit=1",
                                                        headers=bearer(limited), timeout=30).status_code, range(40)))
    assert collections.Counter(statuses) == {200: RATE_LIMIT, 429: 40 - RATE_LIMIT}, statuses

    # Everything settles: 20 renders completed, one per asset.
    def settled():
        return all(len(renders_of(p)) == p["count"] and all(j["status"] in ("completed", "failed")
                                                           for j in renders_of(p)) for p in projects)
    wait_for(settled, 240, "every render to settle", procs)

    def upload_runs(project):
        autos = requests.get(api[1] + "/projects/%s/automations" % project["slug"], headers=MASTER).json()["data"]
        return [a for a in autos if a["trigger"]["type"] == "asset_upload"][0]["runs"]
    # Each run resumes when its render's event reaches the automations subscriber.
    wait_for(lambda: all(upload_runs(p)["completed"] + upload_runs(p)["failed"] == p["count"] for p in projects),
             120, "every automation run to finish", procs)
    # And a schedule slot has passed (both consumers checked it).
    wait_for(lambda: len(receiver.hits("/scheduled")) >= 1, 90, "the schedule to fire", procs)

    total = sum(p["count"] for p in projects)
    rendered = {}
    for project in projects:
        jobs = renders_of(project)
        assert [j["status"] for j in jobs] == ["completed"] * project["count"], jobs
        by_asset = collections.Counter(j["video"]["assetId"] for j in jobs)
        assert by_asset == collections.Counter(project["assets"]), by_asset  # exactly one render per asset
        usage = requests.get(api[1] + "/projects/" + project["slug"], headers=MASTER).json()["usage"]
        assert usage["renderCount"] == project["count"]
        rendered.update({j["id"]: project for j in jobs})
        runs = upload_runs(project)
        assert runs["completed"] == project["count"] and runs["failed"] == 0, runs
    assert len(rendered) == total

    # Every event delivered, signed with its project's secret; render.completed once per job.
    def delivered_ids():
        return {h["headers"]["Renderowl-Webhook-Id"] for p in projects for h in receiver.hits("/events/" + p["slug"])}
    expected_events = 3 * total  # asset.ready, render.completed, automation.run.completed per asset
    scheduled_runs = lambda: requests.get(  # noqa: E731
        api[0] + "/projects/scale-0/automations/%s/runs?limit=100" % schedule["id"], headers=MASTER).json()["data"]
    wait_for(lambda: len(delivered_ids()) >= expected_events + len(scheduled_runs())
             and all(r["status"] != "running" for r in scheduled_runs()), 120, "every event delivered", procs)
    render_events = {}  # event id -> job id
    for project in projects:
        for hit in receiver.hits("/events/" + project["slug"]):
            assert verify_webhook(hit["body"], hit["headers"]["Renderowl-Signature"], project["secret"])
            event = json.loads(hit["body"])
            assert event["projectId"] == project["id"]
            if event["type"] == "render.completed":
                render_events[event["id"]] = event["data"]["id"]
    assert collections.Counter(render_events.values()) == collections.Counter(set(rendered)), render_events

    # The schedule: one run per slot, never two.
    slots = collections.Counter(r["trigger"]["scheduledAt"] for r in scheduled_runs())
    assert slots and max(slots.values()) == 1, slots
    assert collections.Counter(json.loads(h["body"])["at"] for h in receiver.hits("/scheduled")) == slots

    # /metrics, as Prometheus sees it: present mid-way, and the totals match the work.
    for name in ("renderowl_http_requests_total", "renderowl_queue_depth", "renderowl_render_jobs"):
        assert any(key[0] == name for key in during), name
    assert metric(during, "renderowl_renders_total", outcome="completed") < total
    after = scrape(bases[0])
    assert metric(after, "renderowl_http_requests_total", method="POST", route="/api/v1/projects/<project_id>/assets",
                  status="201") == total
    assert metric(after, "renderowl_http_requests_total", method="GET", route="/api/v1/projects/<project_id>/renders",
                  status="429") == 40 - RATE_LIMIT
    assert metric(after, "renderowl_renders_total", outcome="completed") == total
    count = metric(after, "renderowl_render_duration_seconds_count", outcome="completed")
    assert count == total and 0 < metric(after, "renderowl_render_duration_seconds_sum", outcome="completed") / count < 60
    deliveries = sum(len(_all_deliveries(api[1], p["slug"])) for p in projects)
    assert metric(after, "renderowl_webhook_deliveries_total", outcome="delivered") == deliveries
    assert metric(after, "renderowl_automation_runs_total", outcome="completed") == total + len(scheduled_runs())
    assert metric(after, "renderowl_render_jobs", status="queued") == 0
    assert metric(after, "renderowl_queue_oldest_age_seconds") == 0
    import psycopg2
    with psycopg2.connect(env["RENDEROWL_DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM render_job WHERE attempts > 1")
        reclaimed = cur.fetchone()[0]
    # A render the killed consumer held was taken over and still completed only once (above).
    assert reclaimed >= 1 or not both_busy
    print("scale-out figures: renders re-claimed after the kill=%d; " % reclaimed, end="")
    print("renders=%d deliveries=%d runs=%d scheduled=%d mid-way completed=%d "
          "http POST assets 201=%d 429s=%d render seconds avg=%.2f" % (
              metric(after, "renderowl_renders_total", outcome="completed"), deliveries,
              metric(after, "renderowl_automation_runs_total", outcome="completed"), len(scheduled_runs()),
              metric(during, "renderowl_renders_total", outcome="completed"),
              metric(after, "renderowl_http_requests_total", method="POST",
                     route="/api/v1/projects/<project_id>/assets", status="201"),
              metric(after, "renderowl_http_requests_total", method="GET",
                     route="/api/v1/projects/<project_id>/renders", status="429"),
              metric(after, "renderowl_render_duration_seconds_sum", outcome="completed") / count))
    # The killed consumer's samples were folded in, not lost: each type it held has an archive
    # (its totals are in the figures checked above) and no file of the dead pid remains.
    names = os.listdir(env["PROMETHEUS_MULTIPROC_DIR"])
    print("scale-out: the killed consumer held metric files of types %s" % sorted(held))
    assert all("%s_archive.db" % typ in names for typ in held & {"counter", "histogram"}), (held, names)
    assert not any(n.endswith("_%d.db" % killed_pid) for n in names), names


def _all_deliveries(api, slug):
    rows, cursor = [], None
    while True:
        url = api + "/projects/%s/webhook-deliveries?limit=100" % slug + ("&cursor=" + cursor if cursor else "")
        page = requests.get(url, headers=MASTER, timeout=30).json()
        rows += page["data"]
        if not page["hasMore"]:
            return [r for r in rows if r.get("statusCode") and 200 <= r["statusCode"] < 300]
        cursor = page["nextCursor"]
