"""A real `huey_consumer` SIGKILLed mid-render: the job still ends terminal and is billed once.

The first consumer claims the job and is killed while FFmpeg runs (its FFmpeg dies with it,
through PR_SET_PDEATHSIG). The job is left `rendering` with a heartbeat that stops moving;
the second consumer's startup reaper finds it older than RENDEROWL_RENDER_STALE_SECONDS,
re-queues it (attempt 2) and renders it to completion; the reservation is settled.
"""
import os
import time
import uuid

import pytest

from renderowl.extensions import database
from renderowl.projects.models import Project
from renderowl.renders.models import RenderJob
from tests.conftest import bearer
from tests.procs import env_for, start_consumer, wait_for
from tests.render_media import make_clip, upload_asset

STALE_SECONDS = 2


@pytest.fixture
def worker_app(make_queued_app):
    """The test's app, queueing to the real queue that a separate consumer process reads."""
    return make_queued_app()


def _job(app, job_id):
    with app.app_context(), database.connection_context():
        return RenderJob.get_by_id(job_id)



def _ffmpeg_for(job_id):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                line = fh.read().decode(errors="replace")
        except OSError:
            continue
        if "ffmpeg" in line and job_id in line:
            found.append(pid)
    return found


@pytest.fixture
def ready_asset(app, client, master, tmp_path):
    """A project, a key and a ready 20 s 640x480 asset, made before the worker app switches the queue."""
    project = client.post("/api/v1/projects", json={"slug": "rf-" + uuid.uuid4().hex[:8], "name": "Fault"},
                          headers=master).json
    key = bearer(client.post(f"/api/v1/projects/{project['id']}/api-keys", json={"name": "k"}, headers=master).json["key"])
    clip = make_clip(tmp_path / "long.mp4", seconds=20, size="640x480", audio=False)
    return project, key, upload_asset(client, project["id"], key, clip)


def test_killed_worker_mid_render_job_ends_terminal(ready_asset, worker_app, tmp_path):
    project, key, asset = ready_asset
    worker_app, worker_config = worker_app
    client = worker_app.test_client()
    env = env_for(worker_config, RENDEROWL_HUEY_NAME=worker_config.HUEY_NAME,
                  RENDEROWL_RENDER_STALE_SECONDS=STALE_SECONDS)
    job = client.post(f"/api/v1/projects/{project['id']}/renders", headers=key, json={
        "video": {"type": "asset", "assetId": asset["id"]}, "settings": {"preset": "veryslow"},
        "captions": [{"start": 0, "end": 20, "text": "Survives a crash"}]}).json
    assert job["status"] == "queued", job

    first = start_consumer(env, str(tmp_path / "consumer1.log"))
    second = None
    try:
        wait_for(lambda: _job(worker_app, job["id"]).progress > 0, 60, "the first worker to be mid-render", [first])
        assert _ffmpeg_for(job["id"]), (_job(worker_app, job["id"]).__data__, first.output())
        first.kill()  # SIGKILL: no cleanup, the task it held is lost
        row = _job(worker_app, job["id"])
        assert row.status == "rendering" and row.attempts == 1 and 0 < row.progress < 1
        wait_for(lambda: not _ffmpeg_for(job["id"]), 5, "the orphaned FFmpeg to die")
        time.sleep(STALE_SECONDS + 0.5)

        second = start_consumer(env, str(tmp_path / "consumer2.log"))
        wait_for(lambda: _job(worker_app, job["id"]).status in ("completed", "failed", "cancelled"), 120,
              "the job to end", [second])
        row = _job(worker_app, job["id"])
        assert row.status == "completed", (row.error, second.output())
        assert row.attempts == 2 and row.output["durationSeconds"] == pytest.approx(20, abs=0.2)
        done = client.get(f"/api/v1/projects/{project['id']}/renders/{job['id']}", headers=key).json
        assert done["output"]["url"]
        with worker_app.app_context(), database.connection_context():
            usage = Project.get_by_id(project["id"])
        assert usage.render_ms_reserved == 0 and usage.render_count == 1 and usage.render_ms_used == row.billed_ms
    finally:
        first.kill()
        if second is not None:
            second.kill()
