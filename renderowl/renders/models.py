"""RenderJob rows: one caption burn-in of one video, with its quota reservation."""

from peewee import BigIntegerField, CharField, FloatField, ForeignKeyField, IntegerField, JSONField, TextField, UUIDField

from ..db import BaseModel, Timestamp
from ..projects.models import Project

STATUSES = ("queued", "rendering", "completed", "failed", "cancelled")
TERMINAL = ("completed", "failed", "cancelled")


class RenderJob(BaseModel):
    """A render; `reserved_ms` is held against the quota until the job is settled."""

    NOT_FOUND = ("RENDER_NOT_FOUND", "Render job not found")

    # Null only for jobs imported from a single-tenant install, until an operator runs
    # `python -m renderowl assign-default-project SLUG`; no route ever shows such a job.
    project = ForeignKeyField(Project, backref="render_jobs", on_delete="CASCADE", null=True)
    status = CharField(max_length=16, default="queued", index=True)
    progress = FloatField(default=0.0)
    # Plain ids, not foreign keys: deleting a template or an asset must not touch render history.
    template_id = UUIDField(null=True)
    asset_id = UUIDField(null=True)
    video = JSONField()
    captions = JSONField()
    style = JSONField()
    settings = JSONField()
    warnings = JSONField(null=True)  # [{cue, code, message}] found when it was submitted
    output = JSONField(null=True)  # {durationSeconds, sizeBytes, width, height}; url is signed at read time
    output_key = CharField(max_length=512, null=True)
    error = TextField(null=True)
    webhook_url = TextField(null=True)
    started_at = Timestamp(null=True)
    completed_at = Timestamp(null=True)
    reserved_ms = BigIntegerField(default=0)
    billed_ms = BigIntegerField(default=0)  # the output's duration, added to usage on completion
    heartbeat_at = Timestamp(null=True, index=True)
    attempts = IntegerField(default=0)


    @classmethod
    def assign_unowned(cls, project_id):
        """Give every job that has no project (an import from a single-tenant install) to
        `project_id`; returns how many moved. Jobs that have a project are never touched."""
        return cls.update(project=project_id).where(cls.project.is_null()).execute()
