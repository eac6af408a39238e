"""The render worker's limits and recovery: a hung FFmpeg, a worker that stops or dies, jobs
whose queue message was lost, downloads over the cap. Real FFmpeg, real consumer processes."""
import datetime
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import pytest

from renderowl import create_app
from renderowl.extensions import database, huey
from renderowl.projects.models import Project
from renderowl.renders.models import RenderJob
from tests.conftest import bearer
from tests.procs import Process, env_for, free_port, start_consumer, wait_for
from tests.render_media import make_clip, upload_asset
from tests.test_renders import CAPTIONS, renders

media_render = importlib.import_module("renderowl.media.render")  # the module, not media.render()

def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


# --- bug 7: a hung FFmpeg is killed at the render's time limit ---

def test_hung_ffmpeg_is_killed_at_the_time_limit(config, client, project, key, asset, tmp_path):
    pid_file = tmp_path / "ffmpeg.pid"
    hung = tmp_path / "hung-ffmpeg"
    hung.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 300\n")
    hung.chmod(0o755)
    app = create_app(type("HungConfig", (config,), {
        "FFMPEG_BINARY": str(hung), "RENDER_TIME_LIMIT_FACTOR": 0.5, "RENDER_TIME_LIMIT_MIN_SECONDS": 0.5}))
    answer = {}

    def submit():  # immediate mode: the render runs inside the request
        answer["resp"] = app.test_client().post(renders(project), headers=key, json={
            "video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS})

    started = time.monotonic()
    worker = threading.Thread(target=submit, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "the render is still waiting for a hung FFmpeg"
    assert answer["resp"].status_code == 202 and time.monotonic() - started < 20
    job = client.get(renders(project, "/" + answer["resp"].json["id"]), headers=key).json
    # 0.5 × the 2 s input = 1 s; the configured binary ran, hung and was killed.
    assert job["status"] == "failed" and "time limit of 1 s" in job["error"], job
    assert pid_file.exists() and not _alive(int(pid_file.read_text()))
    with app.app_context(), database.connection_context():
        row = Project.get_by_id(project["id"])
        assert (row.render_ms_reserved, row.render_count, row.render_ms_used) == (0, 0, 0)


# --- bug 8: no preexec_fn in a threaded worker, and FFmpeg still dies with its worker ---

def test_ffmpeg_starts_without_preexec_fn(monkeypatch, tmp_path):
    seen = []
    real = subprocess.Popen

    def spy(*args, **kwargs):
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(media_render.subprocess, "Popen", spy)
    media_render.run_ffmpeg(["/bin/sh", "-c", "exit 0"], 1.0)
    assert len(seen) == 1 and seen[0].get("preexec_fn") is None and seen[0]["start_new_session"] is True


def test_ffmpeg_dies_with_its_killed_worker(tmp_path):
    pid_file = tmp_path / "child.pid"
    worker = subprocess.Popen([sys.executable, "-c", (
        "import sys, threading\n"
        "from renderowl.media.render import run_ffmpeg\n"
        # Started from a side thread, as a huey worker thread does.
        "t = threading.Thread(target=run_ffmpeg, args=(['/bin/sh', '-c', 'echo $$ > %s; exec sleep 300'], 1.0))\n"
        "t.start(); t.join()\n") % pid_file], cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (pid_file.exists() and pid_file.read_text().strip()):
        time.sleep(0.05)
    child = int(pid_file.read_text())
    assert _alive(child)
    worker.kill()  # SIGKILL: no cleanup code of the worker runs
    worker.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.05)
    assert not _alive(child)


# --- bug 9: a clean stop hands the render in flight back to the queue ---

@pytest.fixture
def long_job(app, client, master, tmp_path, make_queued_app):
    project = client.post("/api/v1/projects", json={"slug": "hb-" + uuid.uuid4().hex[:8], "name": "Stop"},
                          headers=master).json
    key = bearer(client.post(f"/api/v1/projects/{project['id']}/api-keys", json={"name": "k"},
                             headers=master).json["key"])
    clip = make_clip(tmp_path / "long.mp4", seconds=90, size="640x480", audio=False)
    asset = upload_asset(client, project["id"], key, clip)
    queued, queued_config = make_queued_app()
    job = queued.test_client().post(renders(project), headers=key, json={
        "video": {"type": "asset", "assetId": asset["id"]}, "settings": {"preset": "veryslow"},
        "captions": [{"start": 0, "end": 20, "text": "Handed back"}]}).json
    return queued, queued_config, project, key, job


def _job(app, job_id):
    with app.app_context(), database.connection_context():
        return RenderJob.get_by_id(job_id)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_clean_stop_hands_the_render_back(long_job, tmp_path, stop_signal):
    queued, queued_config, project, key, job = long_job
    env = env_for(queued_config, RENDEROWL_HUEY_NAME=queued_config.HUEY_NAME, RENDEROWL_RENDER_STALE_SECONDS=120)
    first = start_consumer(env, str(tmp_path / "consumer1.log"))
    second = None
    try:
        wait_for(lambda: _job(queued, job["id"]).progress > 0, 60, "the render to make progress", [first])
        stopped_at = time.monotonic()
        first.kill(stop_signal)  # waits for the consumer to exit
        assert time.monotonic() - stopped_at < 15, first.output()
        row = _job(queued, job["id"])
        # Back in the queue at once, not `rendering` until the 2-minute stale sweep.
        assert (row.status, row.heartbeat_at, row.attempts) == ("queued", None, 1), first.output()
        second = start_consumer(env, str(tmp_path / "consumer2.log"))
        wait_for(lambda: _job(queued, job["id"]).attempts == 2, 30, "another worker to take the job", [second])
        cancel = queued.test_client().post(renders(project, f"/{job['id']}/cancel"), headers=key)
        assert cancel.status_code == 200 and cancel.json["status"] == "cancelled"
    finally:
        first.kill()
        if second is not None:
            second.kill()
    with queued.app_context(), database.connection_context():
        assert Project.get_by_id(project["id"]).render_ms_reserved == 0


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stopping_up_hands_the_render_back(long_job, tmp_path, stop_signal):
    """`python -m renderowl up` passes a stop on to its consumer, which hands the render back."""
    queued, queued_config, project, key, job = long_job
    env = env_for(queued_config, RENDEROWL_HUEY_NAME=queued_config.HUEY_NAME)
    up = Process([sys.executable, "-m", "renderowl", "up", "--bind", "127.0.0.1:%d" % free_port(),
                  "--web-workers", "1", "--task-workers", "1"], env, str(tmp_path / "up.log"))
    try:
        wait_for(lambda: _job(queued, job["id"]).progress > 0, 90, "the render to make progress", [up])
        assert "Huey consumer started with 1 thread" in up.output()  # --task-workers is honoured
        os.kill(up.proc.pid, stop_signal)  # `up` alone, as a service manager or a shell would
        up.proc.wait(timeout=30)
        row = _job(queued, job["id"])
        assert (row.status, row.heartbeat_at, row.attempts) == ("queued", None, 1), up.output()
    finally:
        up.kill()
    cancel = queued.test_client().post(renders(project, f"/{job['id']}/cancel"), headers=key)
    assert cancel.status_code == 200 and cancel.json["status"] == "cancelled"


# --- re-queue of jobs whose queue message was lost ---

def test_jobs_stuck_queued_are_enqueued_again(project, key, make_queued_app):
    from renderowl.renders.tasks import reap_stale
    queued, _ = make_queued_app()
    huey.flush()
    job = queued.test_client().post(renders(project), headers=key, json={
        "video": {"type": "url", "url": "https://videos.example.com/a.mp4"}, "captions": CAPTIONS}).json
    huey.flush()  # the message is lost (the web process died between commit and enqueue)
    with queued.app_context(), database.connection_context():
        assert reap_stale() == []  # fresh: not yet presumed lost
        later = datetime.datetime.utcnow() + datetime.timedelta(seconds=queued.config["RENDER_QUEUED_STALE_SECONDS"] + 1)
        assert reap_stale(now=later) == [job["id"]]
        assert huey.pending_count() == 1
        assert reap_stale(now=later) == []  # touched: enqueued once, not on every sweep
        row = RenderJob.get_by_id(job["id"])
        assert row.status == "queued" and row.updated_at == later
    huey.flush()


# --- `video.url` over the download cap, through the task ---

def test_url_video_over_the_download_cap_fails_the_job(config, project, key, clip, video_server):
    cap = os.path.getsize(clip) // 2
    app = create_app(type("CappedConfig", (config,), {"OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"],
                                                      "RENDER_DOWNLOAD_MAX_BYTES": cap}))
    client = app.test_client()
    resp = client.post(renders(project), headers=key, json={"video": {"type": "url", "url": video_server},
                                                            "captions": CAPTIONS})
    assert resp.status_code == 202
    job = client.get(renders(project, "/" + resp.json["id"]), headers=key).json
    assert job["status"] == "failed" and f"over the {cap}-byte limit" in job["error"], job
    assert job["output"] is None
    with app.app_context(), database.connection_context():
        row = Project.get_by_id(project["id"])
        assert (row.render_ms_reserved, row.render_count) == (0, 0)
