"""Schedule triggers as data: each automation stores its next due moment; one task fires them.

`next_run_at` is computed with croniter in the trigger's timezone and stored in UTC. Firing
claims the slot with `UPDATE ... SET next_run_at = <next> WHERE next_run_at = <old>`, so of
several consumers checking at once exactly one starts the run; the claim and the run's start
share one transaction, so a crash between them loses neither.
"""
from ..db import utcnow
from ..extensions import database
from ..schema_fields import iso_utc
from .cron import next_run_after
from ..projects.models import Project
from .models import Automation, AutomationRun


def fire_due(now=None):
    """Start one run for every enabled schedule that is due at `now`; returns the runs to queue."""
    now = now or utcnow()
    # A project that is not active starts nothing: its slots stay due and fire (once) on reactivation.
    due = Automation.select().join(Project).where(
        (Automation.trigger_type == "schedule") & (Automation.enabled == True)  # noqa: E712
        & (Automation.next_run_at <= now) & (Project.status == "active"))
    runs = []
    for automation in due:
        trigger = {"type": "schedule", "scheduledAt": iso_utc(automation.next_run_at),
                   "cron": automation.trigger["cron"],
                   "timezone": automation.trigger.get("timezone") or "UTC"}
        with database.atomic():
            if not claim_slot(automation, now):
                continue  # another consumer fired it
            runs.append(AutomationRun.start(automation, trigger))
    return runs


def claim_slot(automation, now):
    """Move the schedule past `now` if it still stands where `automation` read it; True if we did."""
    # Missed slots (downtime) collapse into this one firing; the next is after `now`.
    new = next_run_after(automation.trigger, now)
    return (Automation.update(next_run_at=new)
            .where((Automation.id == automation.id) & (Automation.next_run_at == automation.next_run_at))
            .execute()) == 1
