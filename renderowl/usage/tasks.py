"""Daily recomputation of every project's usage counters from the rows they summarize."""
import logging

from huey import crontab
from peewee import fn

from ..assets.models import Asset
from ..db import locked
from ..extensions import database
from ..projects.models import Project, month_start
from ..queue import periodic_task, setting
from ..renders.models import RenderJob
from .history import rollup_pending

log = logging.getLogger(__name__)


def _truth(project_id):
    """What the counters should be: bytes live assets still hold, completed renders, renders in flight."""
    # counted_bytes, not size_bytes: an expired or failed upload gave its bytes back.
    storage = Asset.live(fn.COALESCE(fn.SUM(Asset.counted_bytes), 0)).where(Asset.project == project_id).scalar()
    done = RenderJob.select(fn.COUNT(RenderJob.id), fn.COALESCE(fn.SUM(RenderJob.billed_ms), 0)).where(
        (RenderJob.project == project_id) & (RenderJob.status == "completed")).tuples().get()
    reserved = (RenderJob.select(fn.COALESCE(fn.SUM(RenderJob.reserved_ms), 0))
                .where((RenderJob.project == project_id) & RenderJob.status.in_(("queued", "rendering"))).scalar())
    return {"storage_bytes": int(storage), "render_count": int(done[0]), "render_ms_used": int(done[1]),
            "render_ms_reserved": int(reserved)}


def _month_truth(project_id, month):
    """(renders, milliseconds) completed since `month` began: a render counts when it completes."""
    count, ms = RenderJob.select(fn.COUNT(RenderJob.id), fn.COALESCE(fn.SUM(RenderJob.billed_ms), 0)).where(
        (RenderJob.project == project_id) & (RenderJob.status == "completed")
        & (RenderJob.completed_at >= month)).tuples().get()
    return int(count), int(ms)


def reconcile_project(project_id):
    """Correct one project's counters; returns {column: (was, now)} for what drifted."""
    with database.atomic():
        # Holding the project row makes concurrent add_usage calls wait, so their deltas land
        # on the corrected values instead of being lost or counted twice.
        project = locked(Project.select().where(Project.id == project_id)).get()
        truth = _truth(project_id)
        drift = {name: (getattr(project, name), value) for name, value in truth.items()
                 if getattr(project, name) != value}
        changes = {getattr(Project, name): now for name, (_, now) in drift.items()}
        month = month_start()
        billed = _month_truth(project_id, month)
        if project.month_usage(month) != billed:
            drift["month_usage"] = (project.month_usage(month), billed)
            changes.update({Project.period_start: month, Project.period_render_count: billed[0],
                            Project.period_render_ms: billed[1]})
        if changes:
            Project.update(changes).where(Project.id == project_id).execute()
    if drift:
        log.warning("usage drift corrected for project %s: %s", project_id, drift)
    return drift


def reconcile_all():
    """Reconcile every project; returns {project_id: drift} for those that drifted."""
    report = {}
    for row in Project.select(Project.id).tuples():
        drift = reconcile_project(row[0])
        if drift:
            report[str(row[0])] = drift
    return report


@periodic_task(crontab(minute="17", hour="3"))
def reconcile_usage():
    """Daily at 03:17 UTC: recompute usage from the truth and correct drift."""
    return reconcile_all()


@periodic_task(crontab(minute="7"))
def rollup_usage():
    """Hourly at :07: write the daily usage rows due up to yesterday (UTC), back-filling any day
    missed while no consumer ran, and rewriting the last one written (renders settled late)."""
    return [day.isoformat() for day in rollup_pending(int(setting("USAGE_BACKFILL_DAYS")))]
