"""The daily usage rollup: what each project used on a UTC day, recomputed from the rows.

Computing a day is a pure function of the rows it summarizes, so rolling a day up again gives
the same answer (re-runnable for any day, idempotent). One exception: webhook delivery attempts
are purged after EVENT_RETENTION_DAYS, so a day older than that cannot be recomputed for
`deliveries` — the periodic task never rewrites such a day once it has a row.
"""
import datetime

from peewee import fn

from ..assets.models import Asset
from ..automations.models import AutomationRun
from ..db import utcnow
from ..extensions import database
from ..projects.models import Project
from ..renders.models import RenderJob
from ..webhooks.models import WebhookDelivery
from .models import UsageDaily, row_for_api

DAY = datetime.timedelta(days=1)


def today():
    """The current UTC date."""
    return utcnow().date()


def _bounds(day):
    start = datetime.datetime.combine(day, datetime.time())
    return start, start + DAY


def _grouped(query, project_field, where, project_ids):
    if project_ids is not None:
        where &= project_field.in_(list(project_ids))
    return {pid: values for pid, *values in query.where(where).group_by(project_field).tuples()}


def compute_day(day, project_ids=None):
    """{project_id: {storage_bytes, render_count, render_ms, deliveries, runs}} for `day`.

    Storage is what the project held at the day's end: assets created by then and not deleted by
    then (an upload that expired unfinished gave its bytes back and is not counted). Renders
    count on the day they completed, which is also when they are billed.
    """
    start, end = _bounds(day)
    projects = Project.select(Project.id).where(Project.created_at < end)
    if project_ids is not None:
        projects = projects.where(Project.id.in_(list(project_ids)))
    result = {pid: dict.fromkeys(UsageDaily.COUNTERS, 0) for (pid,) in projects.tuples()}
    if not result:
        return result
    ids = list(result)
    storage = _grouped(Asset.select(Asset.project, fn.SUM(Asset.size_bytes)), Asset.project,
                       (Asset.created_at < end)
                       & (Asset.is_live() | (Asset.deleted_at >= end))
                       & ((Asset.counted_bytes > 0) | ~Asset.is_live()), ids)
    renders = _grouped(RenderJob.select(RenderJob.project, fn.COUNT(RenderJob.id), fn.SUM(RenderJob.billed_ms)),
                       RenderJob.project,
                       (RenderJob.status == "completed") & (RenderJob.completed_at >= start)
                       & (RenderJob.completed_at < end), ids)
    deliveries = _grouped(WebhookDelivery.select(WebhookDelivery.project, fn.COUNT(WebhookDelivery.id)),
                          WebhookDelivery.project,
                          (WebhookDelivery.created_at >= start) & (WebhookDelivery.created_at < end), ids)
    runs = _grouped(AutomationRun.select(AutomationRun.project, fn.COUNT(AutomationRun.id)), AutomationRun.project,
                    (AutomationRun.created_at >= start) & (AutomationRun.created_at < end), ids)
    for pid, row in result.items():
        row["storage_bytes"] = int((storage.get(pid) or [0])[0] or 0)
        count, ms = renders.get(pid) or (0, 0)
        row["render_count"], row["render_ms"] = int(count or 0), int(ms or 0)
        row["deliveries"] = int((deliveries.get(pid) or [0])[0] or 0)
        row["runs"] = int((runs.get(pid) or [0])[0] or 0)
    return result


def rollup_day(day):
    """Write (or rewrite) every project's row for `day`; returns how many rows were written."""
    rows = compute_day(day)
    now = utcnow()
    with database.atomic():
        for pid, counters in rows.items():
            (UsageDaily.insert(project=pid, day=day, created_at=now, updated_at=now, **counters)
             .on_conflict(conflict_target=[UsageDaily.project, UsageDaily.day],
                          update={**{getattr(UsageDaily, k): v for k, v in counters.items()},
                                  UsageDaily.updated_at: now})
             .execute())
    return len(rows)


def days_to_roll(until, backfill_days):
    """Days the periodic rollup should write: from the last day it wrote (again: late
    settlements) or, on a fresh install, from the first project's day (at most `backfill_days`
    back), through `until`."""
    last = UsageDaily.select(fn.MAX(UsageDaily.day)).scalar()
    if isinstance(last, str):
        last = datetime.date.fromisoformat(last)
    if last is None:
        first = Project.select(fn.MIN(Project.created_at)).scalar()
        if first is None:
            return []
        if isinstance(first, str):
            first = datetime.datetime.fromisoformat(first)
        last = max(first.date(), until - datetime.timedelta(days=backfill_days))
    days, day = [], last
    while day <= until:
        days.append(day)
        day += DAY
    return days


def rollup_pending(backfill_days, until=None):
    """Roll up every day that is due up to yesterday (UTC); returns the days written."""
    until = until or today() - DAY
    days = days_to_roll(until, backfill_days)
    for day in days:
        rollup_day(day)
    return days


def history(project, first, last):
    """Daily API rows for `project` from `first` to `last` (dates, inclusive, clamped to the
    project's life): past days from the rollup, today's (and any day the rollup missed) live."""
    first = max(first, project.created_at.date())
    last = min(last, today())
    if first > last:
        return []
    stored = {row.day if isinstance(row.day, datetime.date) else datetime.date.fromisoformat(row.day): row
              for row in UsageDaily.select().where((UsageDaily.project == project.id)
                                                   & (UsageDaily.day >= first) & (UsageDaily.day <= last))}
    rows, day = [], first
    while day <= last:
        if day in stored and day != today():
            rows.append(stored[day].as_api())
        else:
            rows.append(row_for_api(day, compute_day(day, [project.id])[project.id]))
        day += DAY
    return rows
