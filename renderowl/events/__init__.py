"""The event layer: an outbox written with each state change, handed to subscribers by type.

Domains record events (`record_event` inside their transaction, `enqueue_event` after commit);
webhook delivery and automations subscribe (`subscribe(name, types, handler)`). Nothing here
imports a subscriber.
"""
from .bus import record_event, subscribe
from .models import EVENT_TYPES, Event, EventSubscription
from .tasks import enqueue_event, process_event

__all__ = ["EVENT_TYPES", "Event", "EventSubscription", "enqueue_event", "process_event", "record_event",
           "subscribe"]
