"""Event rows (the outbox, written with the state change) and each subscriber's progress on them."""
from peewee import CharField, ForeignKeyField, IntegerField, JSONField

from ..db import BaseModel, Timestamp
from ..projects.models import Project

EVENT_TYPES = ("asset.ready", "asset.failed", "render.completed", "render.failed",
               "automation.run.completed", "automation.run.failed")
# Events between domains only, never delivered to a project's webhookUrl (webhooks subscribe to
# EVENT_TYPES): a project's status changed ({status, previousStatus}).
INTERNAL_EVENT_TYPES = ("project.status_changed",)


class Event(BaseModel):
    """Something that happened in a project; every subscriber to its type is handed it."""

    project = ForeignKeyField(Project, backref="events", on_delete="CASCADE")
    type = CharField(max_length=64, index=True)
    data = JSONField(default=dict)
    # Extra destinations besides the project's webhookUrl (a render's own webhookUrl).
    urls = JSONField(default=list)


class EventSubscription(BaseModel):
    """One subscriber's handling of one event: its own marker, so subscribers never block each other.

    `due_at` says when the dispatcher should call the subscriber (again): a grace period after
    the event is recorded (the after-commit enqueue normally comes first), the end of the lease
    while a handler runs, the moment a subscriber asked to be called back, or a back-off after
    it failed. Null once `handled_at` is set.
    """

    event = ForeignKeyField(Event, backref="subscriptions", on_delete="CASCADE")
    subscriber = CharField(max_length=64)
    handled_at = Timestamp(null=True)
    due_at = Timestamp(null=True, index=True)
    attempts = IntegerField(default=0)

    class Meta:
        indexes = ((("event", "subscriber"), True),)
