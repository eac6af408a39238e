"""Event processing tasks (delivery and automation hooks are added by the webhooks domain)."""
from ..queue import task


@task(retries=3, retry_delay=10)
def process_event(event_id):
    """Deliver one event to its destinations and wake automations that listen for it."""
    # Delivery is implemented by the webhooks/automations work (issue 5).
    return None
