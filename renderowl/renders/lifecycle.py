"""Renders follow their project's status: archiving cancels queued renders, reactivating starts them.

A worker never claims a job of a project that is not active (`RenderJob.claim`); the job stays
queued. This subscriber to project.status_changed does the rest: an archived project's queued
renders are cancelled (their quota reservations released, render.failed emitted), and the
queued renders of a project that is active again are handed to the workers once more.
"""
from ..events import subscribe
from .models import ARCHIVED_REASON, RenderJob
from .settlement import cancel_job
from .tasks import render_job


def cancel_queued(project_id):
    """Cancel every queued render of an archived project; how many."""
    return sum(1 for job in RenderJob.queued_for(project_id) if cancel_job(job, ARCHIVED_REASON, only_queued=True))


def on_project_status(event, now=None):
    """Subscriber: safe to repeat (cancelling is conditional, a duplicate enqueue claims nothing)."""
    status = (event.data or {}).get("status")
    if status == "archived":
        cancel_queued(event.project_id)
    elif status == "active":
        for job in RenderJob.queued_for(event.project_id):
            render_job(str(job.id))
    return None


subscribe("renders", ("project.status_changed",), on_project_status)
