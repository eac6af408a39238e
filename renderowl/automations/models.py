"""Automation and AutomationRun rows."""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, JSONField, TextField, UUIDField

from ..db import BaseModel, Timestamp
from ..projects.models import Project

TRIGGER_TYPES = ("webhook", "schedule", "asset_upload")
RUN_STATUSES = ("running", "completed", "failed")
STEP_STATUSES = ("pending", "running", "waiting", "completed", "failed")


class Automation(BaseModel):
    """A trigger and the actions it runs. Run counters are kept in columns (lists need no joins)."""

    NOT_FOUND = ("AUTOMATION_NOT_FOUND", "Automation not found")

    project = ForeignKeyField(Project, backref="automations", on_delete="CASCADE")
    name = CharField(max_length=200)
    description = TextField(null=True)
    enabled = BooleanField(default=True)
    trigger_type = CharField(max_length=32, index=True)
    trigger = JSONField(default=dict)  # as the client gave it, without endpoint/secret
    actions = JSONField(default=list)
    # Webhook triggers: the public URL token and the secret that authenticates callers.
    endpoint = CharField(max_length=64, null=True, unique=True)
    secret = CharField(max_length=64, null=True)
    # Schedule triggers: the next due moment (UTC); claimed with a conditional UPDATE.
    next_run_at = Timestamp(null=True, index=True)
    runs_total = IntegerField(default=0)
    runs_completed = IntegerField(default=0)
    runs_failed = IntegerField(default=0)
    last_run_at = Timestamp(null=True)



class AutomationRun(BaseModel):
    """One execution: per-step state, the trigger it started from, and where it stands."""

    NOT_FOUND = ("RUN_NOT_FOUND", "Run not found")

    automation = ForeignKeyField(Automation, backref="run_rows", on_delete="CASCADE")
    project = ForeignKeyField(Project, on_delete="CASCADE")
    status = CharField(max_length=16, default="running", index=True)
    trigger = JSONField(default=dict)
    input = JSONField(null=True)
    output = JSONField(null=True)
    error = TextField(null=True)
    steps = JSONField(default=list)
    current_step = IntegerField(default=0)
    # Set while a render action waits for its job; render.completed/failed resumes the run.
    waiting_render_job_id = UUIDField(null=True, index=True)
    # Touched as steps progress; a `running` run with a stale heartbeat lost its worker.
    heartbeat_at = Timestamp(null=True, index=True)
    completed_at = Timestamp(null=True)
    # The event that started the run (asset_upload), so handling an event twice starts one run.
    source_event_id = UUIDField(null=True)

    class Meta:
        indexes = ((("automation", "source_event_id"), True),)

    @classmethod
    def for_automation(cls, automation, run_id):
        """The automation's run, else 404 RUN_NOT_FOUND."""
        return cls.get_scoped(run_id, cls.automation == automation.id)

