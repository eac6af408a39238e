"""Event processing: delivery to webhook URLs, automation hooks, and the sweeper that retries."""
import datetime
import logging

from huey import crontab

from ..db import utcnow
from ..projects.models import Project
from ..queue import current, periodic_task, recovery_task, task
from . import delivery
from .models import Event, WebhookDelivery

log = logging.getLogger(__name__)


@task()
def process_event(event_id):
    """Wake automations that listen for the event, then deliver whatever is due (safe to repeat)."""
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        return
    if event.automations_handled_at is None:
        from ..automations import hooks
        try:
            hooks.on_event(event)
        except Exception:
            # Left unmarked: the sweeper hands the event over again later.
            log.exception("automation hooks failed for event %s", event_id)
        else:
            Event.update(automations_handled_at=utcnow()).where(
                (Event.id == event.id) & Event.automations_handled_at.is_null()).execute()
    if event.dispatched_at is None:
        project = Project.get_or_none(Project.id == event.project_id)
        if project is not None:
            delivery.deliver_due(event, project)


@task()
def redeliver(delivery_id):
    """Resend one recorded delivery's event to its URL now."""
    row = WebhookDelivery.get_or_none(WebhookDelivery.id == delivery_id)
    if row is not None:
        delivery.redeliver(row)


def sweep_events(now=None):
    """Enqueue process_event for every due retry and every event a dead worker left behind."""
    ids = delivery.due_event_ids(now)
    for event_id in ids:
        process_event(str(event_id))
    return len(ids)


@recovery_task
def sweep_deliveries():
    """Every minute: retries that are due, and events whose first enqueue was lost."""
    return sweep_events()



@periodic_task(crontab(minute="41", hour="4"))
def purge_old_events(now=None):
    """Daily: forget events (and their delivery log) older than EVENT_RETENTION_DAYS once settled."""
    cutoff = (now or utcnow()) - datetime.timedelta(days=float(current().config["EVENT_RETENTION_DAYS"]))
    # Deliveries and destinations go with their event (ON DELETE CASCADE).
    return (Event.delete()
            .where((Event.created_at < cutoff) & Event.dispatched_at.is_null(False)
                   & Event.automations_handled_at.is_null(False))
            .execute())
