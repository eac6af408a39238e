"""RenderJob rows: one caption burn-in of one video, with its quota reservation and its states."""
import uuid

from peewee import BigIntegerField, CharField, FloatField, ForeignKeyField, IntegerField, JSONField, TextField, UUIDField

from ..db import BaseModel, Timestamp, utcnow
from ..extensions import database
from ..projects.models import Project

STATUSES = ("queued", "rendering", "completed", "failed", "cancelled")
TERMINAL = ("completed", "failed", "cancelled")
LIVE = ("queued", "rendering")
ARCHIVED_REASON = "Cancelled: the project was archived"


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

    class Meta:
        # The list, newest first (keyset on created_at, id).
        indexes = ((("project", "created_at", "id"), False),)

    @classmethod
    def assign_unowned(cls, project_id):
        """Give every job that has no project (an import from a single-tenant install) to
        `project_id`; returns how many moved. Jobs that have a project are never touched."""
        return cls.update(project=project_id).where(cls.project.is_null()).execute()

    # --- state changes: each a conditional UPDATE inside atomic(), so only one caller wins ------
    # A worker's writes are fenced on (rendering, its attempt): a job cancelled, or taken over
    # after a stall, can never be settled twice. Settling moves the quota reservation in the
    # same transaction.

    def _fenced(self, attempt):
        return (RenderJob.id == self.id) & (RenderJob.status == "rendering") & (RenderJob.attempts == attempt)

    @classmethod
    def claim(cls, job_id):
        """queued → rendering for this worker (attempts + 1); the claimed job, or None.

        A job of a project that is not active is not claimed: it stays queued (suspended) until
        the project is active again, or is cancelled (archived).
        """
        try:
            job = cls.get_or_none(cls.id == uuid.UUID(str(job_id)))
        except ValueError:
            return None
        if job is None or job.status != "queued":
            return None
        now = utcnow()
        rows = (cls.update(status="rendering", started_at=job.started_at or now, heartbeat_at=now,
                           attempts=cls.attempts + 1, progress=0.0, updated_at=now)
                .where((cls.id == job.id) & (cls.status == "queued") & (cls.attempts == job.attempts)
                       & (cls.project.is_null() | cls.project.in_(
                           Project.select(Project.id).where(Project.status == "active"))))
                .execute())
        return cls.get_by_id(job.id) if rows == 1 else None

    @classmethod
    def queued_for(cls, project_id):
        """The project's queued jobs, oldest first."""
        return cls.select().where((cls.project == project_id) & (cls.status == "queued")).order_by(cls.created_at)

    def beat(self, attempt, progress):
        """Record that attempt `attempt` is alive; False when the job was taken from it."""
        return (RenderJob.update(heartbeat_at=utcnow(), progress=round(progress, 4))
                .where(self._fenced(attempt)).execute()) == 1

    def _settle(self, status, where, usage=None, **fields):
        """Move to a terminal status while `where` holds, releasing the reservation; True if moved."""
        now = utcnow()
        with database.atomic():
            rows = (RenderJob.update(status=status, completed_at=now, updated_at=now, **fields)
                    .where((RenderJob.id == self.id) & where).execute())
            if rows != 1:
                return False
            Project.add_usage(self.project_id, render_ms_reserved=-self.reserved_ms, **(usage or {}))
        return True

    def complete(self, attempt, output, output_key):
        """Bill the output's milliseconds and count one render; True for the attempt that settled it."""
        output_ms = int(round((output.get("durationSeconds") or 0) * 1000))
        return self._settle("completed", self._fenced(attempt),
                            {"render_ms_used": output_ms, "render_count": 1},
                            output=output, output_key=output_key, progress=1.0, error=None, billed_ms=output_ms)

    def fail(self, message, attempt=None):
        """Fail a live job (or only attempt `attempt` of it), releasing its reservation."""
        where = self._fenced(attempt) if attempt is not None else RenderJob.status.in_(LIVE)
        return self._settle("failed", where, error=message[:4000])

    def cancel(self, reason="Cancelled by request", only_queued=False):
        """Cancel a live (or only a queued) job at once; a rendering worker notices on its next beat and stops."""
        where = RenderJob.status == "queued" if only_queued else RenderJob.status.in_(LIVE)
        return self._settle("cancelled", where, error=reason)

    def requeue(self, attempt, stale_before=None):
        """rendering → queued for another worker: a stall (heartbeat older than `stale_before`)
        or a worker handing its job back on a clean stop. True when this call moved it."""
        where = self._fenced(attempt)
        if stale_before is not None:
            where &= RenderJob.heartbeat_at < stale_before
        return (RenderJob.update(status="queued", progress=0.0, heartbeat_at=None, updated_at=utcnow())
                .where(where).execute()) == 1

    @classmethod
    def stalled(cls, stale_before):
        """Rendering jobs whose worker stopped beating before `stale_before`."""
        return cls.select().where((cls.status == "rendering") & (cls.heartbeat_at < stale_before))

    @classmethod
    def touch_lost(cls, lost_before, now=None):
        """Ids of queued jobs untouched since `lost_before`, marked touched now (to enqueue again)."""
        now, touched = now or utcnow(), []
        for job in cls.select(cls.id, cls.updated_at).where((cls.status == "queued") & (cls.updated_at < lost_before)):
            if (cls.update(updated_at=now).where((cls.id == job.id) & (cls.status == "queued")
                                                 & (cls.updated_at == job.updated_at)).execute()) == 1:
                touched.append(str(job.id))
        return touched
