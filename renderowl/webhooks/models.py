"""Event rows (an outbox written with the state change) and their delivery attempts."""
from peewee import CharField, ForeignKeyField, IntegerField, JSONField, TextField

from ..db import BaseModel, Timestamp
from ..projects.models import Project

EVENT_TYPES = ("asset.ready", "asset.failed", "render.completed", "render.failed",
               "automation.run.completed", "automation.run.failed")


class Event(BaseModel):
    """Something that happened in a project; delivered to its webhook URLs by huey tasks."""

    project = ForeignKeyField(Project, backref="events", on_delete="CASCADE")
    type = CharField(max_length=64, index=True)
    data = JSONField(default=dict)
    # Extra destinations besides the project's webhookUrl (a render's own webhookUrl).
    urls = JSONField(default=list)
    # null until every destination has a final outcome; the sweeper re-enqueues the rest.
    dispatched_at = Timestamp(null=True, index=True)
