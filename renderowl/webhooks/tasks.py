"""Webhook delivery as an event subscriber, and redelivery on request."""
from ..events import EVENT_TYPES, subscribe
from ..projects.models import Project
from ..queue import task
from . import delivery, settings
from .models import WebhookDelivery


def deliver_event(event, now):
    """Subscriber: deliver what is due; ask to be called again at the next retry, if any."""
    project = Project.fetch(event.project_id)
    if project is None:
        return None
    return delivery.deliver_due(event, project, now)


# Every event type goes to the project's webhookUrl (and the event's own urls).
subscribe("webhooks", EVENT_TYPES, deliver_event, lease=settings.delivery_lease)


@task()
def redeliver(delivery_id):
    """Resend one recorded delivery's event to its URL now."""
    row = WebhookDelivery.get_or_none(WebhookDelivery.id == delivery_id)
    if row is not None:
        delivery.redeliver(row)
