"""Where each event goes (destinations with their retry state) and every delivery attempt."""
from peewee import CharField, ForeignKeyField, IntegerField, TextField

from ..db import BaseModel, Timestamp
from ..events import Event
from ..projects.models import Project

DESTINATION_STATES = ("pending", "delivered", "failed")


class EventDestination(BaseModel):
    """Where one event goes and how far its delivery got: the retry schedule lives here."""

    event = ForeignKeyField(Event, backref="destinations", on_delete="CASCADE")
    project = ForeignKeyField(Project, on_delete="CASCADE")
    url = TextField()
    state = CharField(max_length=16, default="pending", index=True)
    attempts = IntegerField(default=0)
    # When the next attempt is due; while an attempt is in flight, when its lease runs out.
    next_attempt_at = Timestamp(null=True, index=True)
    last_status_code = IntegerField(null=True)

    class Meta:
        indexes = ((("event", "url"), True),)


class WebhookDelivery(BaseModel):
    """One attempt to deliver an event to one URL, whatever its outcome."""

    NOT_FOUND = ("DELIVERY_NOT_FOUND", "Webhook delivery not found")

    event = ForeignKeyField(Event, backref="deliveries", on_delete="CASCADE")
    destination = ForeignKeyField(EventDestination, backref="deliveries", on_delete="CASCADE")
    project = ForeignKeyField(Project, backref="webhook_deliveries", on_delete="CASCADE")
    url = TextField()
    attempt = IntegerField()
    status_code = IntegerField(null=True)
    error = TextField(null=True)
    duration_ms = IntegerField(default=0)
    response_snippet = TextField(null=True)

    class Meta:
        # The list, newest first (keyset on created_at, id).
        indexes = ((("project", "created_at", "id"), False),)
