"""Render jobs through HTTP on both backends, rendered for real with FFmpeg.

Assets are made ready through the assets API (create, PUT the bytes, complete, probe).
Tests that need jobs to stay `queued` build a second app on the same database with the
queue's immediate mode off, so nothing consumes what they enqueue.
"""
import threading

import pytest

from renderowl import create_app
from renderowl.extensions import database, huey
from renderowl.media import probe
from renderowl.projects.models import Project
from renderowl.renders.models import RenderJob
from tests.render_media import assert_captions_burned, download, make_clip, upload_asset

CAPTIONS = [{"start": 0.0, "end": 2.0, "text": "Hello world"}]
SRT = "1\n00:00:00,000 --> 00:00:02,000\nHello from SRT\n"


def renders(project, suffix=""):
    return f"/api/v1/projects/{project['id']}/renders{suffix}"


def project_row(project):
    return Project.get_by_id(project["id"])


def submit(client, project, key, **body):
    body.setdefault("captions", CAPTIONS)
    return client.post(renders(project), json=body, headers=key)


def finished(client, project, key, job_id):
    job = client.get(renders(project, "/" + job_id), headers=key).json
    assert job["status"] == "completed", job
    return job


def check_output(client, job, source, tmp_path, seconds=2.0):
    out = download(client, job["output"]["url"], tmp_path / f"{job['id']}.mp4")
    info = probe(out)
    assert info["durationSeconds"] == pytest.approx(seconds, abs=0.15)
    assert job["output"]["durationSeconds"] == pytest.approx(seconds, abs=0.15)
    assert (job["output"]["width"], job["output"]["height"]) == (info["width"], info["height"]) == (320, 240)
    assert job["output"]["sizeBytes"] == (tmp_path / f"{job['id']}.mp4").stat().st_size
    assert info["hasAudio"] is True
    assert_captions_burned(source, out)
    return out


@pytest.fixture
def queued_app(app, make_queued_app):
    """The same database and storage, but tasks are only enqueued, never run.

    Its pool fits 20 request threads at once, so none of them waits for a connection."""
    quiet, _ = make_queued_app(DB_POOL_SIZE=32)
    huey.flush()
    yield quiet
    huey.flush()


# --- rendering for real ---

def test_render_asset_with_caption_list(client, project, key, asset, clip, tmp_path):
    resp = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]},
                  settings={"preset": "ultrafast"}, webhookUrl="https://hooks.example.com/r")
    assert resp.status_code == 202, resp.json
    job = resp.json
    assert job["status"] == "queued" and job["progress"] == 0 and job["output"] is None
    assert job["style"]["fontSize"] == 48 and job["style"]["position"] == "bottom"  # resolved defaults
    assert job["settings"] == {"preset": "ultrafast", "crf": 23, "width": 320, "height": 240}
    assert job["captions"] == [{"start": 0.0, "end": 2.0, "text": "Hello world"}]
    done = finished(client, project, key, job["id"])
    assert done["progress"] == 1 and done["startedAt"] and done["completedAt"] and done["error"] is None
    check_output(client, done, clip, tmp_path)
    usage = client.get(f"/api/v1/projects/{project['id']}", headers=key).json["usage"]
    assert usage["renderCount"] == 1 and usage["renderMinutesUsed"] == pytest.approx(2 / 60, abs=0.003)
    assert project_row(project).render_ms_reserved == 0
    # The completion event goes to the project's hooks and the job's own webhookUrl.
    from renderowl.events import Event
    event = Event.get(Event.type == "render.completed")
    assert event.data["id"] == job["id"] and "https://hooks.example.com/r" in event.urls
    listing = client.get(renders(project, "?status=completed"), headers=key).json
    assert [j["id"] for j in listing["data"]] == [job["id"]]


def test_render_with_srt(client, project, key, asset, clip, tmp_path):
    resp = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}, captions={"srt": SRT},
                  style={"backgroundColor": "#000000AA"})
    assert resp.status_code == 202, resp.json
    assert resp.json["captions"] == [{"start": 0.0, "end": 2.0, "text": "Hello from SRT"}]
    check_output(client, finished(client, project, key, resp.json["id"]), clip, tmp_path)


def test_render_with_template_and_variables(client, project, key, asset, clip, tmp_path):
    tpl = client.post(f"/api/v1/projects/{project['id']}/templates", headers=key, json={
        "name": "Brand", "style": {"textColor": "{{color}}", "fontSize": "{{size}}", "uppercase": "{{loud}}",
                                   "position": "{{where}}", "fontFamily": "{{font}}"},
        "defaultVideo": {"type": "asset", "assetId": "{{video}}"},
        "defaultSettings": {"preset": "ultrafast"},
        "variables": [{"key": "color", "type": "color", "required": True},
                      {"key": "size", "type": "number", "default": 40},
                      {"key": "loud", "type": "boolean", "default": False},
                      {"key": "where", "type": "select", "options": ["top", "bottom"], "default": "bottom"},
                      {"key": "font", "type": "string"},
                      {"key": "video", "type": "string", "required": True}]}).json
    resp = submit(client, project, key, templateId=tpl["id"], style={"outlineWidth": 1},
                  templateVariables={"color": "#FF0000", "size": 44, "loud": True, "video": asset["id"]})
    assert resp.status_code == 202, resp.json
    job = resp.json
    assert job["templateId"] == tpl["id"] and job["video"] == {"type": "asset", "assetId": asset["id"]}
    # Whole-string placeholders keep their type; the unset optional font falls back to the default.
    assert (job["style"]["textColor"], job["style"]["fontSize"], job["style"]["uppercase"]) == ("#FF0000", 44, True)
    assert job["style"]["fontFamily"] == "Roboto" and job["style"]["outlineWidth"] == 1
    assert job["settings"]["preset"] == "ultrafast"
    check_output(client, finished(client, project, key, job["id"]), clip, tmp_path)
    # Request beats template variables beats template defaults.
    resp = submit(client, project, key, templateId=tpl["id"], dryRun=True, style={"fontSize": 30},
                  settings={"preset": "fast"}, templateVariables={"color": "#00FF00", "video": asset["id"]})
    assert resp.status_code == 200 and resp.json["style"]["fontSize"] == 30 and resp.json["settings"]["preset"] == "fast"


@pytest.fixture
def url_app(config):
    return create_app(type("UrlConfig", (config,), {"OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"]}))


def test_render_url_video(url_app, project, key, clip, video_server, tmp_path):
    client = url_app.test_client()
    resp = submit(client, project, key, video={"type": "url", "url": video_server})
    assert resp.status_code == 202, resp.json
    check_output(client, finished(client, project, key, resp.json["id"]), clip, tmp_path)


def test_url_video_to_loopback_is_refused_by_default(client, project, key, video_server):
    resp = submit(client, project, key, video={"type": "url", "url": video_server})
    assert resp.status_code == 202
    job = client.get(renders(project, "/" + resp.json["id"]), headers=key).json
    assert job["status"] == "failed" and "not allowed" in job["error"] and job["output"] is None
    assert "loopback" not in job["error"]
    row = project_row(project)
    assert (row.render_ms_reserved, row.render_count, row.render_ms_used) == (0, 0, 0)


# --- refusals ---

def test_missing_and_wrong_variables(client, project, key, asset):
    tpl = client.post(f"/api/v1/projects/{project['id']}/templates", headers=key, json={
        "name": "T", "style": {"textColor": "{{color}}"},
        "variables": [{"key": "color", "type": "color", "required": True},
                      {"key": "mode", "type": "select", "options": ["a", "b"]}]}).json
    video = {"type": "asset", "assetId": asset["id"]}
    cases = [({}, "templateVariables.color"),
             ({"color": "red"}, "templateVariables.color"),
             ({"color": "#FFFFFF", "mode": "c"}, "templateVariables.mode"),
             ({"color": "#FFFFFF", "nope": 1}, "templateVariables.nope")]
    for variables, field in cases:
        resp = submit(client, project, key, video=video, templateId=tpl["id"], templateVariables=variables)
        assert resp.status_code == 400, resp.json
        assert resp.json["error"]["code"] == "INVALID_TEMPLATE_VARIABLES" and field in resp.json["error"]["details"]
    resp = submit(client, project, key, video=video, templateVariables={"x": 1})
    assert resp.status_code == 400 and resp.json["error"]["code"] == "INVALID_TEMPLATE_VARIABLES"
    assert RenderJob.select().count() == 0


def test_validation_errors(client, project, key, asset):
    video = {"type": "asset", "assetId": asset["id"]}
    bad = [
        ({"video": video, "captions": [{"start": 1, "end": 0.5, "text": "x"}]}, "captions.0.end"),
        ({"video": video, "captions": [{"start": -1, "end": 1, "text": "x"}]}, "captions.0.start"),
        ({"video": video, "captions": {"srt": "not srt at all"}}, "captions.srt"),
        ({"video": video}, "captions"),
        ({"captions": CAPTIONS}, "video"),
        ({"video": {"type": "asset"}, "captions": CAPTIONS}, "video.assetId"),
        ({"video": video, "captions": CAPTIONS, "style": {"glow": 1}}, "style.glow"),
        ({"video": video, "captions": CAPTIONS, "settings": {"preset": "warp"}}, "settings.preset"),
        ({"video": video, "captions": CAPTIONS, "surprise": 1}, "surprise"),
    ]
    for body, field in bad:
        resp = client.post(renders(project), json=body, headers=key)
        assert resp.status_code == 400 and resp.json["error"]["code"] == "VALIDATION_ERROR", (body, resp.json)
        assert field in resp.json["error"]["details"], (field, resp.json)
    resp = submit(client, project, key, video=video, templateId="00000000-0000-0000-0000-000000000000")
    assert resp.status_code == 404 and resp.json["error"]["code"] == "TEMPLATE_NOT_FOUND"


def test_other_projects_asset_is_not_found(client, make_project, make_key, project, key, asset):
    from tests.conftest import bearer
    other = make_project()
    resp = submit(client, other, bearer(make_key(other)["key"]), video={"type": "asset", "assetId": asset["id"]})
    assert resp.status_code == 404 and resp.json["error"]["code"] == "ASSET_NOT_FOUND"
    resp = submit(client, project, key, video={"type": "asset", "assetId": "00000000-0000-0000-0000-000000000001"})
    assert resp.status_code == 404 and resp.json["error"]["code"] == "ASSET_NOT_FOUND"


def test_quota_exhausted(client, project, key, master, asset):
    client.patch(f"/api/v1/projects/{project['id']}", json={"settings": {"renderQuotaMinutes": 0}}, headers=master)
    for body in ({}, {"dryRun": True}):
        resp = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}, **body)
        assert resp.status_code == 429 and resp.json["error"]["code"] == "PROJECT_QUOTA_EXCEEDED"
    assert RenderJob.select().count() == 0 and project_row(project).render_ms_reserved == 0


def test_concurrent_submissions_never_overshoot(project, key, master, asset, queued_app):
    # Each job reserves its asset's 25 s; a 1-minute quota admits exactly 3 (0, 25, 50 < 60).
    from renderowl.assets.models import Asset
    Asset.update(metadata={**asset["metadata"], "durationSeconds": 25}).where(Asset.id == asset["id"]).execute()
    queued_app.test_client().patch(f"/api/v1/projects/{project['id']}", json={"settings": {"renderQuotaMinutes": 1}},
                                   headers=master)
    statuses, barrier = [], threading.Barrier(20)

    def one():
        client = queued_app.test_client()
        barrier.wait()
        resp = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]})
        statuses.append((resp.status_code, resp.json["error"]["code"] if resp.status_code >= 400 else None))

    threads = [threading.Thread(target=one) for _ in range(20)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    accepted = [s for s in statuses if s[0] == 202]
    assert len(statuses) == 20 and len(accepted) == 3, statuses
    assert all(s == (429, "PROJECT_QUOTA_EXCEEDED") for s in statuses if s[0] != 202)
    assert RenderJob.select().count() == 3 and project_row(project).render_ms_reserved == 75000
    assert huey.pending_count() == 3


# --- cancel, dry run, idempotency ---

def test_cancel_queued_job(project, key, asset, queued_app):
    client = queued_app.test_client()
    job = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}).json
    assert project_row(project).render_ms_reserved == 2000
    resp = client.post(renders(project, f"/{job['id']}/cancel"), headers=key)
    assert resp.status_code == 200 and resp.json["status"] == "cancelled" and resp.json["completedAt"]
    assert project_row(project).render_ms_reserved == 0
    again = client.post(renders(project, f"/{job['id']}/cancel"), headers=key)
    assert again.status_code == 200 and again.json["status"] == "cancelled"
    # The queued message finds a cancelled job and does nothing.
    from renderowl.renders.tasks import render_job
    with queued_app.app_context():
        render_job.call_local(job["id"])
    row = RenderJob.get_by_id(job["id"])
    assert row.status == "cancelled" and row.attempts == 0 and project_row(project).render_count == 0
    from renderowl.events import Event
    assert Event.get(Event.type == "render.failed").data["status"] == "cancelled"


@pytest.fixture
def long_asset(client, project, key, tmp_path):
    return upload_asset(client, project["id"], key, make_clip(tmp_path / "long.mp4", seconds=20, audio=False))


def test_cancel_rendering_job_kills_ffmpeg(project, key, long_asset, queued_app, monkeypatch):
    import time
    from renderowl.renders.tasks import render_job
    monkeypatch.setitem(queued_app.config, "RENDER_STALE_SECONDS", 4)  # heartbeat (and cancel check) every second
    client = queued_app.test_client()
    job = submit(client, project, key, video={"type": "asset", "assetId": long_asset["id"]},
                 captions=[{"start": 0, "end": 20, "text": "Never finished"}], settings={"preset": "veryslow"}).json

    def work():
        with queued_app.app_context():
            render_job.call_local(job["id"])

    worker = threading.Thread(target=work)
    worker.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        row = RenderJob.get_by_id(job["id"])
        if row.status == "rendering" and row.progress > 0:
            break
        time.sleep(0.2)
    assert row.status == "rendering" and 0 < row.progress < 1
    resp = client.post(renders(project, f"/{job['id']}/cancel"), headers=key)
    assert resp.status_code == 200 and resp.json["status"] == "cancelled"
    started = time.monotonic()
    worker.join(timeout=30)
    assert not worker.is_alive() and time.monotonic() - started < 10
    row = RenderJob.get_by_id(job["id"])
    assert row.status == "cancelled" and row.output is None and row.output_key is None
    assert project_row(project).render_ms_reserved == 0 and project_row(project).render_count == 0
    assert not [p for p in _processes() if "ffmpeg" in p and job["id"] in p]


def _processes():
    import os
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                found.append(fh.read().decode(errors="replace"))
        except OSError:
            continue
    return found


def test_cancel_finished_job_is_refused(client, project, key, asset):
    job = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}).json
    resp = client.post(renders(project, f"/{job['id']}/cancel"), headers=key)
    assert resp.status_code == 409 and resp.json["error"]["code"] == "RENDER_NOT_CANCELLABLE"
    missing = client.post(renders(project, "/00000000-0000-0000-0000-000000000000/cancel"), headers=key)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "RENDER_NOT_FOUND"


def test_dry_run_queues_nothing(project, key, asset, queued_app):
    client = queued_app.test_client()
    resp = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}, dryRun=True,
                  captions={"srt": SRT})
    assert resp.status_code == 200, resp.json
    body = resp.json
    assert body["dryRun"] is True and body["estimatedMinutes"] == pytest.approx(2 / 60, abs=0.001)
    assert body["style"]["fontSize"] == 48 and body["captions"][0]["text"] == "Hello from SRT"
    assert RenderJob.select().count() == 0 and huey.pending_count() == 0
    assert project_row(project).render_ms_reserved == 0


def test_idempotent_submit_renders_and_bills_once(client, project, key, asset):
    headers = {**key, "Idempotency-Key": "render-1"}
    body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS}
    first = client.post(renders(project), json=body, headers=headers)
    second = client.post(renders(project), json=body, headers=headers)
    assert first.status_code == second.status_code == 202
    assert second.headers["Idempotent-Replayed"] == "true" and second.json["id"] == first.json["id"]
    assert RenderJob.select().count() == 1
    row = project_row(project)
    assert row.render_count == 1 and row.render_ms_used == RenderJob.get().billed_ms and row.render_ms_reserved == 0
    other = client.post(renders(project), json={**body, "captions": [{"start": 0, "end": 1, "text": "x"}]}, headers=headers)
    assert other.status_code == 409 and other.json["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_submit_with_a_job_id_renders_and_reserves_once(project, key, asset, queued_app):
    """An automation step re-run after a crash names the same job: no second render, no second bill."""
    import uuid
    from renderowl.projects.models import Project
    from renderowl.renders.service import submit_render
    job_id = uuid.uuid4()
    body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS}
    with queued_app.app_context(), database.connection_context():
        owner = Project.get_by_id(project["id"])
        first = submit_render(owner, body, job_id=job_id)
        reserved = Project.get_by_id(project["id"]).render_ms_reserved
        again = submit_render(owner, body, job_id=job_id)
        assert first.id == again.id == job_id
        assert RenderJob.select().count() == 1
        assert reserved > 0 and Project.get_by_id(project["id"]).render_ms_reserved == reserved


def test_job_not_found_and_scopes(client, make_project, project, key, make_key, master):
    from tests.conftest import bearer
    assert client.get(renders(project, "/nope"), headers=key).json["error"]["code"] == "RENDER_NOT_FOUND"
    reader = bearer(make_key(project, scopes=["renders:read"])["key"])
    resp = submit(client, project, reader, video={"type": "url", "url": "https://example.com/a.mp4"})
    assert resp.status_code == 403 and resp.json["error"]["code"] == "UNAUTHORIZED_SCOPE"


# --- worker recovery and usage reconciliation ---

def test_reaper_requeues_then_fails_stalled_jobs(project, key, asset, queued_app, monkeypatch):
    import datetime
    from renderowl.renders.tasks import reap_stale
    claim = RenderJob.claim
    client = queued_app.test_client()
    job = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}).json
    monkeypatch.setitem(queued_app.config, "RENDER_MAX_ATTEMPTS", 2)
    with queued_app.app_context():
        for attempt in (1, 2):
            assert claim(job["id"]).attempts == attempt  # a worker takes it, then dies
            later = datetime.datetime.utcnow() + datetime.timedelta(minutes=10)
            requeued = reap_stale(now=later)
            if attempt == 1:
                assert requeued == [job["id"]] and RenderJob.get_by_id(job["id"]).status == "queued"
    row = RenderJob.get_by_id(job["id"])
    assert row.status == "failed" and "stopped responding" in row.error
    assert project_row(project).render_ms_reserved == 0


def test_usage_reconciliation_corrects_drift(client, project, key, asset):
    from renderowl.usage.tasks import reconcile_all
    job = submit(client, project, key, video={"type": "asset", "assetId": asset["id"]}).json
    # The truth, from what the API shows: the finished job's output and the asset's size.
    output_ms = round(finished(client, project, key, job["id"])["output"]["durationSeconds"] * 1000)
    assert output_ms > 1500
    Project.update(render_ms_used=999999, render_count=7, render_ms_reserved=5, storage_bytes=1).where(
        Project.id == project["id"]).execute()
    report = reconcile_all()
    assert set(report[project["id"]]) == {"render_ms_used", "render_count", "render_ms_reserved", "storage_bytes"}
    fixed = project_row(project)
    assert (fixed.render_ms_used, fixed.render_count, fixed.render_ms_reserved, fixed.storage_bytes) == \
        (output_ms, 1, 0, asset["sizeBytes"])
    assert reconcile_all() == {}
