"""A render job's terminal states with their events: the model settles, this records and queues.

`RenderJob.complete/fail/cancel` each move the job and its quota reservation in one conditional
UPDATE; the event is recorded in that same transaction and queued once it has committed.
"""
import logging

from .. import metrics
from ..extensions import database
from ..events import enqueue_event, record_event
from .models import RenderJob
from .schemas import RenderJobSchema

log = logging.getLogger(__name__)


def _settled(job, changed, event_type, outcome):
    """After a state change of `job`: record its event in the same transaction, queue it after."""
    with database.atomic():
        if not changed():
            return False
        fresh = RenderJob.get_by_id(job.id)
        event = record_event(job.project_id, event_type, RenderJobSchema().dump(fresh), urls=[job.webhook_url])
    try:
        enqueue_event(event)
    except Exception:  # the event row is committed; the webhook sweeper will send it
        log.exception("could not enqueue event %s", event.id)
    worked = (fresh.completed_at - fresh.started_at).total_seconds() if fresh.started_at else None
    metrics.observe_render(outcome, worked)
    return True


def complete_job(job, attempt, output, output_key):
    """Settle a finished render (`RenderJob.complete`) and emit render.completed."""
    return _settled(job, lambda: job.complete(attempt, output, output_key), "render.completed", "completed")


def fail_job(job, message, attempt=None):
    """Fail a live job (`RenderJob.fail`) and emit render.failed."""
    return _settled(job, lambda: job.fail(message, attempt), "render.failed", "failed")


def cancel_job(job, reason="Cancelled by request", only_queued=False):
    """Cancel a live job (`RenderJob.cancel`) and emit render.failed."""
    return _settled(job, lambda: job.cancel(reason, only_queued), "render.failed", "cancelled")
