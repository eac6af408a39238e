"""Recording events: call `record_event` inside the transaction of the state change."""
from .models import EVENT_TYPES, Event


def record_event(project_id, type, data, urls=None):
    """Write an event row in the caller's transaction; call `enqueue_event(event)` after commit."""
    if type not in EVENT_TYPES:
        raise ValueError("unknown event type %r" % type)
    return Event.create(project=project_id, type=type, data=data, urls=[u for u in (urls or []) if u])


def enqueue_event(event):
    """Hand a committed event to the delivery task (and to automations that react to it)."""
    from . import tasks
    tasks.process_event(str(event.id))
