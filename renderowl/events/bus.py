"""Recording events and handing them to subscribers, each at least once and on its own schedule.

`record_event` writes the event and one EventSubscription per interested subscriber in the
caller's transaction; after commit the caller hands the event to the dispatcher
(`enqueue_event`). A subscriber is claimed with a conditional UPDATE on its attempt count, so
two dispatchers of one event never run the same subscriber at once. A handler returns None
when it is done with the event, or a moment to be called again (a webhook retry); if it
raises, it is called again after a back-off. Either way the other subscribers go on.
"""
import datetime
import logging
from dataclasses import dataclass
from typing import Callable

from ..db import Prepared, Slot, row_slots, row_values, utcnow
from ..extensions import database
from .models import EVENT_TYPES, INTERNAL_EVENT_TYPES, Event, EventSubscription

KNOWN_TYPES = EVENT_TYPES + INTERNAL_EVENT_TYPES

log = logging.getLogger(__name__)

# The after-commit enqueue normally dispatches at once; past this a sweeper takes over.
GRACE_SECONDS = 30
RETRY_SECONDS = 60


@dataclass(frozen=True)
class Subscriber:
    name: str
    types: frozenset
    handler: Callable  # handler(event, now) -> None (done) or a datetime to be called again
    lease: Callable  # seconds a running handler is presumed alive


_subscribers = {}


def subscribe(name, types, handler, lease=lambda: RETRY_SECONDS):
    """Hand every future event of `types` to `handler(event, now)` under the marker `name`."""
    unknown = set(types) - set(KNOWN_TYPES)
    if unknown:
        raise ValueError("unknown event types %r" % sorted(unknown))
    _subscribers[name] = Subscriber(name, frozenset(types), handler, lease)


def subscribers_for(type):
    """Names of the subscribers that want events of `type`."""
    return sorted(s.name for s in _subscribers.values() if type in s.types)


# Written with every state change that has an event (compiled once, see Prepared): the event,
# then its subscriptions in one INSERT (one statement per number of subscribers).
_INSERT_EVENT = Prepared(lambda: Event.insert(row_slots(Event)))
_INSERT_SUBSCRIPTIONS = {}


def _insert_subscriptions(count):
    statement = _INSERT_SUBSCRIPTIONS.get(count)
    if statement is None:
        statement = _INSERT_SUBSCRIPTIONS.setdefault(count, Prepared(lambda: EventSubscription.insert_many(
            [row_slots(EventSubscription, "_%d" % n) for n in range(count)])))
    return statement


def record_event(project_id, type, data, urls=None):
    """Write an event and its subscriptions in the caller's transaction; enqueue it after commit."""
    if type not in KNOWN_TYPES:
        raise ValueError("unknown event type %r" % type)
    event = Event(project=project_id, type=type, data=data, urls=[u for u in (urls or []) if u])
    due = event.created_at + datetime.timedelta(seconds=GRACE_SECONDS)
    names = subscribers_for(type)
    values = {}
    for n, name in enumerate(names):
        values.update(row_values(EventSubscription(event=event.id, subscriber=name, due_at=due, handled_at=None),
                                 "_%d" % n))
    with database.atomic():
        _INSERT_EVENT.execute(**row_values(event))
        if names:
            _insert_subscriptions(len(names)).execute(**values)
    return event


# The dispatcher's statements, compiled once (see Prepared): it runs them for every event.
_PENDING = Prepared(lambda: EventSubscription.select().where(
    (EventSubscription.event == Slot(EventSubscription.event)) & EventSubscription.handled_at.is_null()))
_CLAIM = Prepared(lambda: EventSubscription.update(
    attempts=EventSubscription.attempts + 1, updated_at=Slot(EventSubscription.updated_at, "now"),
    due_at=Slot(EventSubscription.due_at, "lease"),
).where((EventSubscription.id == Slot(EventSubscription.id)) & (EventSubscription.attempts == Slot(EventSubscription.attempts))
        & EventSubscription.handled_at.is_null()
        & ((EventSubscription.attempts == 0) | (EventSubscription.due_at <= Slot(EventSubscription.due_at, "now")))))
_SETTLE = Prepared(lambda: EventSubscription.update(
    due_at=Slot(EventSubscription.due_at, "again"), handled_at=Slot(EventSubscription.handled_at),
    updated_at=Slot(EventSubscription.updated_at, "now"),
).where((EventSubscription.id == Slot(EventSubscription.id)) & (EventSubscription.attempts == Slot(EventSubscription.attempts))
        & EventSubscription.handled_at.is_null()))


def _claim(subscription, seconds, now):
    """Take `subscription` for one handler run, leased for `seconds`; True if this caller has it.

    Fresh: not handled, and never tried or due (a retry, or a lease that ran out).
    """
    # One statement, so its own transaction: an explicit one would only add BEGIN and COMMIT round
    # trips (SQLite takes the write lock at a write statement's start, as BEGIN IMMEDIATE would).
    rows = _CLAIM.rowcount(id=subscription.id, attempts=subscription.attempts, now=now,
                           lease=now + datetime.timedelta(seconds=seconds))
    return rows == 1


def _settle(subscription, attempt, again, now):
    """Done (again is None) or due again at `again`, unless a newer run took the subscription."""
    _SETTLE.rowcount(id=subscription.id, attempts=attempt, again=again, now=now,  # one statement (see _claim)
                     handled_at=now if again is None else None)


def dispatch(event_id, now=None):
    """Run every subscriber of the event that is not done and not running elsewhere."""
    now = now or utcnow()
    event = Event.fetch(event_id)
    if event is None:
        return
    # Read the whole list before claiming anything. Iterating a live cursor would keep a read
    # snapshot open across the claims and the handlers' network calls; on SQLite (WAL) a write
    # from a connection whose snapshot is older than another's commit fails at once with
    # "database is locked", whatever the busy timeout.
    pending = _PENDING.rows(EventSubscription, event=event.id)
    for subscription in pending:
        subscriber = _subscribers.get(subscription.subscriber)
        if subscriber is None or not _claim(subscription, float(subscriber.lease()), now):
            continue
        attempt = subscription.attempts + 1
        try:
            again = subscriber.handler(event, now)
        except Exception:
            log.exception("subscriber %s failed on event %s", subscriber.name, event.id)
            again = now + datetime.timedelta(seconds=RETRY_SECONDS)
        _settle(subscription, attempt, again, now)


def due_event_ids(now=None, limit=500):
    """Events with a subscriber that is due: a lost enqueue, a retry, a handler whose lease ran out."""
    now = now or utcnow()
    query = (EventSubscription.select(EventSubscription.event)
             .where(EventSubscription.handled_at.is_null() & (EventSubscription.due_at <= now))
             .order_by(EventSubscription.due_at).limit(limit))
    ids = []
    for row in query:
        if row.event_id not in ids:
            ids.append(row.event_id)
    return ids


def settled_before(cutoff):
    """Events older than `cutoff` that every subscriber is done with."""
    open_ = EventSubscription.select(EventSubscription.event).where(EventSubscription.handled_at.is_null())
    return Event.select(Event.id).where((Event.created_at < cutoff) & Event.id.not_in(open_))
