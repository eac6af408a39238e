"""Automation and AutomationRun rows, with the run's state machine.

Every change of a run is a conditional UPDATE on where it stands (status, current step, the
render it waits on), inside `atomic()`, so a second executor of the same run (a sweeper
re-enqueue racing a slow worker) cannot advance it twice. Each method returns whether it won.

A run is `queued` until it is admitted to `running`: at most MAX_RUNNING_RUNS runs of a project
run at once (a run parked on its render counts), and only while the project is active.
Admission counts under the project row's lock (FOR UPDATE on PostgreSQL; SQLite's BEGIN
IMMEDIATE serializes writers), so two consumers admitting at once never exceed the cap.
"""
import secrets

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, JSONField, TextField, UUIDField

from ..assets.models import Asset
from ..captions_templates.models import CaptionTemplate
from ..db import BaseModel, Prepared, Slot, Timestamp, locked, utcnow
from ..errors import ApiError
from ..events import enqueue_event, record_event
from .. import metrics
from ..extensions import database
from ..projects.models import Project
from ..queue import setting
from ..schema_fields import iso_utc
from ..signing import generate_secret
from .cron import next_run_after
from .loops import ensure_not_looping
from .schemas import RunSchema

EDITABLE = ("name", "description", "enabled", "actions")


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

    class Meta:
        # The list, newest first (keyset on created_at, id).
        indexes = ((("project", "created_at", "id"), False),)

    @classmethod
    def create_for(cls, project, data):
        """A new automation of `project` from a validated create body."""
        cls.check_references(project, data["actions"])
        automation = cls(project=project.id, **{name: data.get(name) for name in EDITABLE})
        automation._set_trigger(data["trigger"])
        automation.save(force_insert=True)
        return automation

    @classmethod
    def change(cls, project, automation_id, data):
        """Apply a validated update body, writing only the columns it changes."""
        with database.atomic():
            automation = cls.for_project(project, automation_id)
            if "actions" in data:
                cls.check_references(project, data["actions"])
            fields = [getattr(cls, name) for name in EDITABLE if name in data]
            for name in EDITABLE:
                if name in data:
                    setattr(automation, name, data[name])
            if "trigger" in data:
                fields += automation._set_trigger(data["trigger"])
            elif data.get("enabled") and automation.trigger_type == "schedule":
                # Re-enabled: count from now, not from the slot missed while disabled.
                automation.next_run_at = next_run_after(automation.trigger, utcnow())
                fields.append(cls.next_run_at)
            if fields:
                automation.save(only=fields + [cls.updated_at])
        return automation

    @staticmethod
    def check_references(project, actions):
        """Each render action's `templateId` and `video.assetId` name a template and an asset of
        `project` (else 404 TEMPLATE_NOT_FOUND / ASSET_NOT_FOUND), unless they are `{{references}}`."""
        for action in actions:
            if action["type"] != "render":
                continue
            if "templateId" in action:
                CaptionTemplate.check_reference(project, action["templateId"])
            video = action.get("video") or {}
            if video.get("type") == "asset" and isinstance(video.get("assetId"), str):
                Asset.check_reference(project, video["assetId"])

    def _set_trigger(self, trigger):
        """Store `trigger` and derive its server-side state; the fields this touched."""
        cls = type(self)
        was_webhook = self.trigger_type == "webhook" and self.endpoint
        self.trigger_type, self.trigger, self.next_run_at = trigger["type"], trigger, None
        fields = [cls.trigger_type, cls.trigger, cls.next_run_at]
        if trigger["type"] == "webhook":
            if not was_webhook:
                self.endpoint, self.secret = secrets.token_urlsafe(24), generate_secret()
                # The secret is shown in the response that generated it, and never again.
                self.reveal_secret = True
                fields += [cls.endpoint, cls.secret]
        else:
            self.endpoint = self.secret = None
            fields += [cls.endpoint, cls.secret]
        if trigger["type"] == "schedule":
            self.next_run_at = next_run_after(trigger, utcnow())
        return fields

    def ensure_enabled(self):
        """Raise 409 AUTOMATION_DISABLED unless the automation may run."""
        if not self.enabled:
            raise ApiError("AUTOMATION_DISABLED", "The automation is disabled", 409)

    def new_steps(self):
        """The steps of a fresh run of the current actions, all pending."""
        return [{"index": i, "type": a["type"], "status": "pending", "output": None, "error": None,
                 "startedAt": None, "completedAt": None} for i, a in enumerate(self.actions)]


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
    # 0, or one more than the run whose webhook action started this one (loops.py).
    depth = IntegerField(default=0)

    class Meta:
        indexes = ((("automation", "source_event_id"), True),
                   (("automation", "created_at", "id"), False))  # the runs list (keyset)

    @classmethod
    def for_automation(cls, automation, run_id):
        """The automation's run, else 404 RUN_NOT_FOUND."""
        return cls.get_scoped(run_id, cls.automation == automation.id)

    @classmethod
    def start(cls, automation, trigger, input=None, source_event_id=None, depth=0):
        """A running run, counted on its automation, in one transaction; queue it after commit.

        A second start with the same `source_event_id` raises IntegrityError; a run deeper
        than MAX_DEPTH raises 409 AUTOMATION_LOOP and writes nothing.
        """
        ensure_not_looping(depth)
        now = utcnow()
        with database.atomic():
            # The automation's row before the project's, in every path (a schedule's claim too).
            (Automation.update(runs_total=Automation.runs_total + 1, last_run_at=now)
             .where(Automation.id == automation.id).execute())
            status = "running" if cls._room(automation.project_id) > 0 else "queued"
            run = cls.create(automation=automation.id, project=automation.project_id, status=status,
                             trigger=trigger, input=input, steps=automation.new_steps(),
                             heartbeat_at=now, source_event_id=source_event_id, depth=depth)
        return run

    @classmethod
    def _room(cls, project_id):
        """Runs the project may still start now; call in a transaction (it locks the project row)."""
        project = locked(Project.select(Project.id, Project.status).where(Project.id == project_id)).first()
        if project is None or project.status != "active":
            return 0
        running = cls.select().where((cls.project == project_id) & (cls.status == "running")).count()
        return max(0, int(setting("MAX_RUNNING_RUNS")) - running)

    @classmethod
    def admit(cls, project_id):
        """queued -> running for the project's oldest waiting runs that fit under the cap; their ids."""
        # Asked each time a run ends (and by the minute sweep): nearly always nobody waits.
        if not _ANY_WAITING.execute(project=project_id).fetchone():
            return []
        waiting = cls.select(cls.id).where((cls.project == project_id) & (cls.status == "queued"))
        now = utcnow()
        with database.atomic():
            room = cls._room(project_id)
            if room <= 0:
                return []
            ids = [row.id for row in waiting.order_by(cls.created_at, cls.id).limit(room)]
            (cls.update(status="running", heartbeat_at=now, updated_at=now)
             .where(cls.id.in_(ids) & (cls.status == "queued")).execute())
        return ids

    @classmethod
    def projects_waiting(cls):
        """Ids of active projects with queued runs (for the sweep that admits them)."""
        query = (cls.select(cls.project).join(Project)
                 .where((cls.status == "queued") & (Project.status == "active")).distinct())
        return [row.project_id for row in query]

    def _step(self, index, **fields):
        steps = [dict(s) for s in self.steps]
        steps[index].update(fields)
        return steps

    def _advance(self, index, changes, waiting_on=None):
        """Apply `changes` if the run is still running at step `index` (and waiting on `waiting_on`)."""
        now = utcnow()
        where = ((AutomationRun.id == self.id) & (AutomationRun.status == "running")
                 & (AutomationRun.current_step == index))
        if waiting_on is not None:
            where &= AutomationRun.waiting_render_job_id == waiting_on
        with database.atomic():
            won = AutomationRun.update(**changes, heartbeat_at=now, updated_at=now).where(where).execute() == 1
        if won:
            for name, value in changes.items():
                setattr(self, name, value)
        return won

    def begin_step(self, index):
        """Mark step `index` running (keeping its first start time)."""
        steps = self._step(index, status="running", error=None,
                           startedAt=self.steps[index].get("startedAt") or iso_utc(utcnow()))
        return self._advance(index, {"steps": steps})

    def wait_for_render(self, index, job_id):
        """Park step `index` on render `job_id`; its render.* event resumes the run."""
        steps = self._step(index, status="waiting", renderJobId=str(job_id))
        return self._advance(index, {"steps": steps, "waiting_render_job_id": job_id})

    def complete_step(self, index, output, waiting_on=None):
        """Step `index` completed with `output`; the run moves to the next step."""
        steps = self._step(index, status="completed", output=output, error=None, completedAt=iso_utc(utcnow()))
        return self._advance(index, {"steps": steps, "current_step": index + 1, "waiting_render_job_id": None},
                             waiting_on)

    def fail_step(self, index, message, output=None, waiting_on=None):
        """Step `index` failed, and with it the run; later steps stay pending."""
        fresh = AutomationRun.get_by_id(self.id)
        steps = fresh._step(index, status="failed", error=message, output=output, completedAt=iso_utc(utcnow()))
        return self._end("failed", error=message, steps=steps, index=index, waiting_on=waiting_on)

    def finish(self):
        """Every step done: the run completes with the last step's output."""
        done = [s for s in self.steps if s.get("status") == "completed"]
        return self._end("completed", output=done[-1].get("output") if done else None)

    def hold(self):
        """running -> queued while its project is not active: the run gives up its place and goes on
        from its current step once admitted again (the project active, under the cap)."""
        now = utcnow()
        with database.atomic():
            return (AutomationRun.update(status="queued", heartbeat_at=now, updated_at=now)
                    .where((AutomationRun.id == self.id) & (AutomationRun.status == "running")
                           & (AutomationRun.current_step == self.current_step)
                           & AutomationRun.waiting_render_job_id.is_null()).execute()) == 1

    def abandon(self, message):
        """queued -> failed (its project was archived): the run ends with `message` and its event."""
        return self._end("failed", from_status="queued", error=message)

    @classmethod
    def waiting_in(cls, project_id):
        """The project's queued runs, oldest first."""
        return cls.select().where((cls.project == project_id) & (cls.status == "queued")).order_by(cls.created_at)

    def _end(self, status, index=None, waiting_on=None, from_status="running", **fields):
        """Terminal transition: run row, counter and event in one transaction; event queued after."""
        now = utcnow()
        where = (AutomationRun.id == self.id) & (AutomationRun.status == from_status)
        if index is not None:
            where &= AutomationRun.current_step == index
        if waiting_on is not None:
            where &= AutomationRun.waiting_render_job_id == waiting_on
        with database.atomic():
            rows = (AutomationRun.update(status=status, completed_at=now, heartbeat_at=now, updated_at=now,
                                         waiting_render_job_id=None, **fields).where(where).execute())
            if rows != 1:
                return False
            counter = Automation.runs_completed if status == "completed" else Automation.runs_failed
            Automation.update({counter: counter + 1}).where(Automation.id == self.automation_id).execute()
            fresh = AutomationRun.get_by_id(self.id)
            event = record_event(fresh.project_id, "automation.run." + status, RunSchema().dump(fresh))
        enqueue_event(event)
        metrics.observe_run(status)
        return True

    def retry(self):
        """A failed run runs again from its failed step (409 RUN_NOT_FAILED otherwise); queue it after."""
        if self.status != "failed":
            raise ApiError("RUN_NOT_FAILED", f"Only a failed run can be retried; this one is {self.status}", 409)
        index = self.current_step
        steps = [dict(s) for s in self.steps]
        if index < len(steps):
            steps[index].update(status="pending", error=None, output=None, startedAt=None, completedAt=None,
                                renderJobId=None)
        now = utcnow()
        with database.atomic():
            (Automation.update(runs_failed=Automation.runs_failed - 1, last_run_at=now)
             .where(Automation.id == self.automation_id).execute())
            # Like a new run, a retried one waits when the project is at its cap of running runs.
            status = "running" if AutomationRun._room(self.project_id) > 0 else "queued"
            rows = (AutomationRun.update(status=status, error=None, completed_at=None, steps=steps,
                                         heartbeat_at=now, updated_at=now)
                    .where((AutomationRun.id == self.id) & (AutomationRun.status == "failed")).execute())
            if rows != 1:
                raise ApiError("RUN_NOT_FAILED", "The run is no longer failed", 409)
        return AutomationRun.get_by_id(self.id)


_ANY_WAITING = Prepared(lambda: AutomationRun.select(AutomationRun.id).where(
    (AutomationRun.project == Slot(AutomationRun.project)) & (AutomationRun.status == "queued")).limit(1))
