"""Event tasks: dispatch one event, sweep what is due, purge what is settled."""
import datetime
import logging

from huey import crontab

from ..db import utcnow
from ..queue import periodic_task, recovery_task, setting, task
from . import bus
from .models import Event

log = logging.getLogger(__name__)


@task()
def process_event(event_id, now=None):
    """Hand the event to each of its subscribers that is due (safe to repeat)."""
    bus.dispatch(event_id, now)


def enqueue_event(event):
    """After the recording transaction committed: dispatch the event (the sweeper covers a loss)."""
    try:
        process_event(str(event.id))
    except Exception:  # the event is committed; sweep_events hands it over later
        log.exception("could not enqueue event %s", event.id)


def sweep_events(now=None):
    """Enqueue process_event for every event with a due subscriber; `now` is the clock."""
    ids = bus.due_event_ids(now)
    for event_id in ids:
        process_event(str(event_id), now)
    return len(ids)


@recovery_task
def sweep_due_events():
    """Every minute: retries that are due, and events whose enqueue or handler was lost."""
    return sweep_events()


@periodic_task(crontab(minute="41", hour="4"))
def purge_old_events(now=None):
    """Daily: forget events (and what hangs off them) older than EVENT_RETENTION_DAYS once settled."""
    cutoff = (now or utcnow()) - datetime.timedelta(days=float(setting("EVENT_RETENTION_DAYS")))
    # Subscriptions, destinations and deliveries go with their event (ON DELETE CASCADE).
    return Event.delete().where(Event.id.in_(bus.settled_before(cutoff))).execute()
