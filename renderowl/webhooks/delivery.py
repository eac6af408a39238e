"""Delivering events: signed POSTs through the guarded client, retry state in the database.

Each (event, url) pair is an EventDestination whose `next_attempt_at` says when the next
attempt is due. An attempt is claimed with a conditional UPDATE (attempts = n -> n + 1) that
also pushes `next_attempt_at` out by a lease, so two workers never send the same attempt and a
worker killed mid-request only delays the attempt until the lease runs out. Retries are not
huey's delayed retries (they never run in immediate mode and die with a Redis flush): the
delivery subscriber tells the event layer when it next wants the event, and the event sweeper
hands it back then.
"""
import datetime
import json
import logging
from dataclasses import dataclass

from ..db import Prepared, Slot, row_slots, row_values, utcnow
from ..events import Event
from .. import metrics
from ..extensions import database
from ..outbound import OutboundBlocked, OutboundClient, OutboundError
from ..projects.models import Project
from ..queue import current
from ..schema_fields import iso_utc
from ..signing import SIGNATURE_HEADER, sign_payload
from . import settings
from .models import EventDestination, WebhookDelivery

log = logging.getLogger(__name__)

SNIPPET_CHARS = 500
RESPONSE_CAP = 4096


def event_body(event):
    """The exact bytes sent (and signed) for `event`; the same on every attempt."""
    return json.dumps({
        "id": str(event.id),
        "type": event.type,
        "createdAt": iso_utc(event.created_at),
        "projectId": str(event.project_id),
        "data": event.data,
    }, separators=(",", ":")).encode()


@dataclass
class Outcome:
    """What one attempt produced."""

    status_code: int = None
    error: str = None
    duration_ms: int = 0
    snippet: str = None
    final: bool = False  # no point retrying (blocked URL, 410)

    @property
    def ok(self):
        return self.error is None


def _client():
    return OutboundClient.from_config(current().config, timeout=settings.delivery_timeout(),
                                      max_response_bytes=RESPONSE_CAP)


def send(event, project, url, now=None):
    """POST `event` to `url` once, signed with every project secret valid at `now`."""
    body = event_body(event)
    headers = {
        "Content-Type": "application/json",
        "Renderowl-Webhook-Id": str(event.id),
        SIGNATURE_HEADER: sign_payload(body, project.signing_secrets(now)),
    }
    try:
        resp = _client().request("POST", url, headers=headers, data=body)
    except OutboundBlocked as exc:
        # The guard's verdict does not change on retry; re-resolving a bad name is not worth hours.
        return Outcome(error=f"refused: {exc}", final=True)
    except OutboundError as exc:
        return Outcome(error=str(exc))
    outcome = Outcome(status_code=resp.status_code, duration_ms=resp.elapsed_ms,
                      snippet=resp.text[:SNIPPET_CHARS] or None)
    if resp.is_redirect:
        outcome.error = f"HTTP {resp.status_code}: redirects are not followed"
    elif resp.status_code == 410:
        outcome.error, outcome.final = "HTTP 410: endpoint gone; delivery stopped", True
    elif not resp.ok:
        outcome.error = f"HTTP {resp.status_code}"
    return outcome


# The delivery subscriber's statements, compiled once (see Prepared): it runs them for every event.
_DESTINATIONS = Prepared(lambda: EventDestination.select().where(
    EventDestination.event == Slot(EventDestination.event)))
_CREATE_DESTINATION = Prepared(lambda: EventDestination.insert(row_slots(EventDestination)).on_conflict_ignore()
                               .returning(EventDestination.id))
_CLAIM_DESTINATION = Prepared(lambda: EventDestination.update(
    attempts=EventDestination.attempts + 1, next_attempt_at=Slot(EventDestination.next_attempt_at, "lease"),
    updated_at=Slot(EventDestination.updated_at, "now"),
).where((EventDestination.id == Slot(EventDestination.id)) & (EventDestination.attempts == Slot(EventDestination.attempts))
        & (EventDestination.state == "pending")))
_INSERT_DELIVERY = Prepared(lambda: WebhookDelivery.insert(row_slots(WebhookDelivery)))
# A late answer from a worker whose lease ran out must not undo a newer attempt: attempts match.
_MOVE_DESTINATION = Prepared(lambda: EventDestination.update({
    EventDestination.state: Slot(EventDestination.state),
    EventDestination.next_attempt_at: Slot(EventDestination.next_attempt_at),
    EventDestination.last_status_code: Slot(EventDestination.last_status_code),
    EventDestination.updated_at: Slot(EventDestination.updated_at, "now"),
}).where((EventDestination.id == Slot(EventDestination.id)) & (EventDestination.attempts == Slot(EventDestination.attempts))))
_UNCHANGED = object()


def ensure_destinations(event, project, now):
    """The event's destinations, and the ids of those this call created with their first attempt.

    Created once, all together, on the first call: the project's webhookUrl, then the event's own
    urls, in one transaction that also claims attempt 1 of each (as `_claim` would), so a crash
    leaves all of them or none, each under a lease. A concurrent dispatcher's rows stand; only
    the rows this call inserted are its to send.
    """
    existing = _DESTINATIONS.rows(EventDestination, event=event.id)
    if existing:
        return existing, set()
    urls = []
    for url in [(project.effective_settings or {}).get("webhookUrl"), *(event.urls or [])]:
        if url and url not in urls:
            urls.append(url)
    lease = now + datetime.timedelta(seconds=settings.delivery_lease())
    created = [EventDestination(event=event.id, project=event.project_id, url=url, attempts=1, next_attempt_at=lease,
                                last_status_code=None, created_at=now, updated_at=now) for url in urls]
    claimed = set()
    with database.atomic():
        for dest in created:
            if _CREATE_DESTINATION.execute(**row_values(dest)).fetchall():  # nothing when another made it first
                claimed.add(dest.id)
    if len(claimed) == len(created):
        return created, claimed
    return _DESTINATIONS.rows(EventDestination, event=event.id), claimed


def _claim(dest, now):
    """Take the next attempt of `dest`; its number, or None when another worker has it."""
    lease = now + datetime.timedelta(seconds=settings.delivery_lease())
    rows = _CLAIM_DESTINATION.rowcount(id=dest.id, attempts=dest.attempts, lease=lease, now=now)
    return dest.attempts + 1 if rows == 1 else None


def _record(event, dest, attempt, outcome, now, reschedule=True):
    """Store the attempt and move the destination on, in one transaction.

    `reschedule` (an attempt the schedule made): a failure is retried on the schedule, and
    nothing changes if a newer attempt took the destination meanwhile. A redelivery on request
    only settles the destination when it succeeds. True when the destination is now as this
    attempt left it, and `dest` says so too.
    """
    schedule = settings.retry_schedule()
    if outcome.ok:
        state, next_at = "delivered", None
    elif outcome.final or (reschedule and attempt > len(schedule)):
        state, next_at = "failed", None
    elif reschedule:
        state, next_at = "pending", now + datetime.timedelta(seconds=schedule[attempt - 1])
    else:
        state = next_at = _UNCHANGED
    delivery = WebhookDelivery(
        event=event.id, destination=dest.id, project=event.project_id, url=dest.url, attempt=attempt,
        status_code=outcome.status_code, error=outcome.error, duration_ms=outcome.duration_ms,
        response_snippet=outcome.snippet)
    with database.atomic():
        _INSERT_DELIVERY.execute(**row_values(delivery))
        if outcome.status_code == 410 and Project.clear_webhook_url(event.project_id, dest.url):
            log.info("webhookUrl of project %s disabled after HTTP 410", event.project_id)
        if reschedule:
            applied = _MOVE_DESTINATION.rowcount(id=dest.id, attempts=attempt, state=state, next_attempt_at=next_at,
                                                 last_status_code=outcome.status_code, now=now) == 1
        else:
            changes = {EventDestination.last_status_code: outcome.status_code, EventDestination.updated_at: now}
            if state is not _UNCHANGED:
                changes.update({EventDestination.state: state, EventDestination.next_attempt_at: next_at})
            applied = EventDestination.update(changes).where(EventDestination.id == dest.id).execute() == 1
    metrics.observe_delivery("delivered" if outcome.ok else "gone" if outcome.status_code == 410 else "failed")
    if applied and state is not _UNCHANGED:
        dest.state, dest.next_attempt_at = state, next_at
    return applied


def deliver_due(event, project, now=None):
    """Attempt every destination of `event` that is due at `now`.

    Returns when the event is next due (a scheduled retry, or the lease of an attempt in
    flight elsewhere), or None once every destination has a final outcome.
    """
    now = now or utcnow()
    destinations, claimed = ensure_destinations(event, project, now)
    # Known without reading the destinations back while this call settled every one of them.
    known = True
    for dest in destinations:
        if dest.id in claimed:
            attempt = 1
        elif dest.state != "pending" or (dest.next_attempt_at and dest.next_attempt_at > now):
            known = known and dest.state != "pending"
            continue
        else:
            attempt = _claim(dest, now)
            if attempt is None:
                known = False
                continue
        known = _record(event, dest, attempt, send(event, project, dest.url, now), now) and known
    if known:
        due = [dest.next_attempt_at for dest in destinations if dest.state == "pending"]
        return min(due) if due else None
    next_due = (EventDestination.select(EventDestination.next_attempt_at)
                .where((EventDestination.event == event.id) & (EventDestination.state == "pending"))
                .order_by(EventDestination.next_attempt_at).first())
    return next_due.next_attempt_at if next_due else None


def redeliver(delivery):
    """Send the delivery's event to its URL again now, as a new recorded attempt.

    A success settles the destination (no more scheduled retries); a failure leaves its
    schedule as it was.
    """
    event = Event.get_by_id(delivery.event_id)
    project = Project.get_by_id(event.project_id)
    dest = EventDestination.get_by_id(delivery.destination_id)
    # Take a number without touching the lease of a scheduled attempt.
    (EventDestination.update(attempts=EventDestination.attempts + 1)
     .where(EventDestination.id == dest.id).execute())
    attempt = EventDestination.select(EventDestination.attempts).where(
        EventDestination.id == dest.id).scalar()
    _record(event, dest, attempt, send(event, project, dest.url), utcnow(), reschedule=False)
