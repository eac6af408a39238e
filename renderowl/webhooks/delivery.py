"""Delivering events: signed POSTs through the guarded client, retry state in the database.

Each (event, url) pair is an EventDestination whose `next_attempt_at` says when the next
attempt is due. An attempt is claimed with a conditional UPDATE (attempts = n -> n + 1) that
also pushes `next_attempt_at` out by a lease, so two workers never send the same attempt and a
worker killed mid-request only delays the attempt until the lease runs out. Retries are not
huey's delayed retries (they never run in immediate mode and die with a Redis flush): a
periodic sweeper re-enqueues whatever is due.
"""
import datetime
import json
import logging
from dataclasses import dataclass

from flask import current_app
from peewee import IntegrityError

from ..db import locked, utcnow
from ..extensions import database
from ..outbound import OutboundBlocked, OutboundClient, OutboundError
from ..projects.models import Project
from ..schema_fields import iso_utc
from . import settings
from .models import Event, EventDestination, WebhookDelivery
from .signing import SIGNATURE_HEADER, sign_payload

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
    timeout = settings.delivery_timeout()
    return OutboundClient.from_config(current_app.config, connect_timeout=min(5.0, timeout),
                                      read_timeout=timeout, total_timeout=timeout + 5,
                                      max_response_bytes=RESPONSE_CAP)


def send(event, project, url):
    """POST `event` to `url` once, signed with every current project secret."""
    body = event_body(event)
    headers = {
        "Content-Type": "application/json",
        "Renderowl-Webhook-Id": str(event.id),
        SIGNATURE_HEADER: sign_payload(body, project.signing_secrets()),
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


def ensure_destinations(event, project):
    """Create the event's destinations once: the project's webhookUrl, then the event's own urls."""
    existing = list(EventDestination.select().where(EventDestination.event == event.id))
    if existing or event.dispatched_at is not None:
        return existing
    urls = []
    for url in [(project.effective_settings or {}).get("webhookUrl"), *(event.urls or [])]:
        if url and url not in urls:
            urls.append(url)
    now = utcnow()
    for url in urls:
        try:
            with database.atomic():
                EventDestination.create(event=event.id, project=event.project_id, url=url,
                                        next_attempt_at=now)
        except IntegrityError:
            pass  # another worker made it first
    return list(EventDestination.select().where(EventDestination.event == event.id))


def _claim(dest):
    """Take the next attempt of `dest`; its number, or None when another worker has it."""
    now = utcnow()
    lease = now + datetime.timedelta(seconds=settings.delivery_lease())
    rows = (EventDestination
            .update(attempts=EventDestination.attempts + 1, next_attempt_at=lease, updated_at=now)
            .where((EventDestination.id == dest.id) & (EventDestination.attempts == dest.attempts)
                   & (EventDestination.state == "pending"))
            .execute())
    return dest.attempts + 1 if rows == 1 else None


def _disable_webhook_url(project_id, url):
    """A 410 from the project's webhookUrl switches it off (only if it is still that URL)."""
    project = locked(Project.select().where(Project.id == project_id)).first()
    if project and (project.settings or {}).get("webhookUrl") == url:
        project.settings = {**project.settings, "webhookUrl": None}
        project.save()
        log.info("webhookUrl of project %s disabled after HTTP 410", project_id)


def _record(event, dest, attempt, outcome, reschedule=True):
    """Store the attempt and move the destination on, in one transaction."""
    now = utcnow()
    with database.atomic():
        delivery = WebhookDelivery.create(
            event=event.id, destination=dest.id, project=event.project_id, url=dest.url,
            attempt=attempt, status_code=outcome.status_code, error=outcome.error,
            duration_ms=outcome.duration_ms, response_snippet=outcome.snippet)
        if outcome.status_code == 410:
            _disable_webhook_url(event.project_id, dest.url)
        changes = {EventDestination.last_status_code: outcome.status_code,
                   EventDestination.updated_at: now}
        schedule = settings.retry_schedule()
        if outcome.ok:
            changes.update({EventDestination.state: "delivered", EventDestination.next_attempt_at: None})
        elif outcome.final or (reschedule and attempt > len(schedule)):
            changes.update({EventDestination.state: "failed", EventDestination.next_attempt_at: None})
        elif reschedule:
            changes[EventDestination.next_attempt_at] = now + datetime.timedelta(seconds=schedule[attempt - 1])
        query = EventDestination.update(changes).where(EventDestination.id == dest.id)
        if reschedule:
            # A late answer from a worker whose lease ran out must not undo a newer attempt.
            query = query.where(EventDestination.attempts == attempt)
        query.execute()
    return delivery


def deliver_due(event, project):
    """Attempt every destination of `event` that is due; mark the event dispatched when all are final."""
    destinations = ensure_destinations(event, project)
    now = utcnow()
    for dest in destinations:
        if dest.state != "pending" or (dest.next_attempt_at and dest.next_attempt_at > now):
            continue
        attempt = _claim(dest)
        if attempt is None:
            continue
        _record(event, dest, attempt, send(event, project, dest.url))
    pending = (EventDestination.select()
               .where((EventDestination.event == event.id) & (EventDestination.state == "pending"))
               .exists())
    if not pending:
        Event.update(dispatched_at=utcnow()).where(
            (Event.id == event.id) & Event.dispatched_at.is_null()).execute()


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
    return _record(event, dest, attempt, send(event, project, dest.url), reschedule=False)


def due_event_ids(now=None, grace_seconds=30, limit=500):
    """Events a sweeper should hand to process_event again.

    Due retries, and events older than `grace_seconds` that are still undispatched or unseen
    by automations with nothing scheduled later (their enqueue was lost with a dead process).
    """
    now = now or utcnow()
    due = (EventDestination.select(EventDestination.event)
           .where((EventDestination.state == "pending") & (EventDestination.next_attempt_at <= now))
           .distinct().limit(limit))
    ids = [row.event_id for row in due]
    cutoff = now - datetime.timedelta(seconds=grace_seconds)
    later = (EventDestination.select(EventDestination.event)
             .where((EventDestination.state == "pending") & (EventDestination.next_attempt_at > now)))
    stuck = (Event.select(Event.id)
             .where((Event.created_at < cutoff)
                    & (Event.dispatched_at.is_null() | Event.automations_handled_at.is_null())
                    & Event.id.not_in(later))
             .order_by(Event.created_at).limit(limit))
    for row in stuck:
        if row.id not in ids:
            ids.append(row.id)
    return ids

