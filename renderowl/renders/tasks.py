"""The render worker and its reaper; the job's states are `RenderJob` methods.

A worker claims a job (queued -> rendering, attempts + 1); every later write of that worker is
fenced on its attempt, so a job that was cancelled, or re-queued after a stall, can never be
settled twice.
"""
import datetime
import logging
import os
import tempfile
import threading
import uuid

from ..assets.models import Asset
from ..db import utcnow
from ..extensions import consumer_stopping, database
from ..media import MediaError, RenderCancelled, TimeLimit, render
from ..outbound import OutboundBlocked, OutboundClient, OutboundError
from ..queue import current, recovery_task, setting, storage, task
from ..storage import ObjectNotFound
from ..projects.models import Project
from .models import ARCHIVED_REASON, RenderJob
from .settlement import cancel_job, complete_job, fail_job

log = logging.getLogger(__name__)


class Heartbeat:
    """Writes heartbeat and progress from a side thread; notices when the job was taken away."""

    def __init__(self, job, attempt, interval):
        self.job, self.attempt, self.interval = job, attempt, interval
        self.progress = 0.0
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{job.id}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=10)

    def on_progress(self, fraction):
        self.progress = fraction

    def should_cancel(self):
        return self.lost.is_set() or consumer_stopping.is_set()

    def _run(self):
        while not self._stop.wait(self.interval):
            try:
                with database.connection_context():
                    alive = self.job.beat(self.attempt, self.progress)
            except Exception:  # a busy database must not kill the render; the next beat retries
                log.warning("heartbeat for render %s failed", self.job.id, exc_info=True)
                continue
            if not alive:  # cancelled, or re-queued by the reaper: stop FFmpeg
                self.lost.set()
                return


def _fetch_input(job, path):
    """Put the job's input video at `path`: from storage, or downloaded through the guard."""
    if job.video["type"] == "asset":
        asset = Asset.live().where(Asset.id == job.asset_id).first()
        if asset is None:
            raise MediaError("The input asset was deleted.")
        try:
            storage().fetch_to_file(asset.storage_key, path)
        except ObjectNotFound:
            raise MediaError("The input asset's file is missing from storage.") from None
        return
    client = OutboundClient.from_config(current().config,
                                        max_download_bytes=int(setting("RENDER_DOWNLOAD_MAX_BYTES")),
                                        download_timeout=float(setting("RENDER_DOWNLOAD_TIMEOUT")))
    try:
        response = client.request("GET", job.video["url"], stream_to=path, timeout=(10, 60))
    except (OutboundBlocked, OutboundError) as exc:
        raise MediaError(f"Could not download the video: {exc}") from None
    if not response.ok:
        raise MediaError(f"Could not download the video: HTTP {response.status_code}")


def _render(job, attempt, beat):
    work_root = setting("WORK_DIR") or tempfile.gettempdir()
    os.makedirs(work_root, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"render-{job.id}-", dir=work_root) as scratch:
        source, output = os.path.join(scratch, "input"), os.path.join(scratch, "output.mp4")
        _fetch_input(job, source)
        if beat.should_cancel():
            raise RenderCancelled()
        result = render(source, job.captions, job.style, job.settings, output,
                        on_progress=beat.on_progress, should_cancel=beat.should_cancel, work_dir=scratch,
                        ffmpeg=setting("FFMPEG_BINARY"), time_limit=TimeLimit(
                            setting("RENDER_TIME_LIMIT_FACTOR"), setting("RENDER_TIME_LIMIT_MIN_SECONDS")))
        if beat.should_cancel():
            raise RenderCancelled()
        # One key per attempt: a stalled attempt that wakes up can never overwrite a newer one.
        key = f"projects/{job.project_id}/renders/{job.id}/{attempt}/output.mp4"
        storage().put_file(key, output, "video/mp4")
    if not complete_job(job, attempt, result, key):
        storage().delete(key)  # cancelled or taken over while storing: this output is nobody's


@task()
def render_job(job_id):
    """Render one job; a job that is not queued (done, cancelled, taken) is left alone."""
    if consumer_stopping.is_set():  # dequeued by a worker on its way out: leave it to the next one
        render_job(job_id)
        return
    job = RenderJob.claim(job_id)
    if job is None:
        _unclaimed(job_id)
        return
    attempt = job.attempts
    interval = max(0.5, min(5.0, float(setting("RENDER_STALE_SECONDS")) / 4))
    try:
        with Heartbeat(job, attempt, interval) as beat:
            _render(job, attempt, beat)
    except RenderCancelled:
        if consumer_stopping.is_set() and not beat.lost.is_set() and job.requeue(attempt):
            log.info("render %s handed back to the queue: this worker is stopping", job.id)
            render_job(str(job.id))  # at once, for another worker (or this one once restarted)
        else:
            log.info("render %s cancelled (or taken over) during attempt %s", job.id, attempt)
    except MediaError as exc:
        fail_job(job, exc.message, attempt=attempt)
    except Exception:
        log.exception("render %s crashed", job.id)
        fail_job(job, "Internal error while rendering", attempt=attempt)


def _unclaimed(job_id):
    """A queued job of an archived project is cancelled (one submitted as the project was archived)."""
    try:
        job = RenderJob.get_or_none(RenderJob.id == uuid.UUID(str(job_id)))
    except ValueError:
        return
    if job is None or job.status != "queued" or job.project_id is None:
        return
    if Project.get_by_id(job.project_id).status == "archived":
        cancel_job(job, ARCHIVED_REASON, only_queued=True)


def reap_stale(now=None):
    """Re-queue rendering jobs whose worker stopped beating (failing them after too many tries)."""
    now = now or utcnow()
    stale = now - datetime.timedelta(seconds=float(setting("RENDER_STALE_SECONDS")))
    max_attempts = int(setting("RENDER_MAX_ATTEMPTS"))
    requeued = []
    for job in RenderJob.stalled(stale):
        if job.attempts >= max_attempts:
            fail_job(job, f"The render worker stopped responding ({job.attempts} attempts)", attempt=job.attempts)
        elif job.requeue(job.attempts, stale_before=stale):
            requeued.append(str(job.id))
    # The enqueue after commit can be lost (web process killed in between); claims are atomic,
    # so a duplicate message is harmless.
    lost = now - datetime.timedelta(seconds=float(setting("RENDER_QUEUED_STALE_SECONDS")))
    requeued += RenderJob.touch_lost(lost, now)
    for job_id in requeued:
        render_job(job_id)
    return requeued


@recovery_task
def reap_stale_renders():
    """Every minute: recover renders whose worker died."""
    return reap_stale()

