"""Project and ProjectMember rows, with usage kept as atomic counters."""
import datetime
import uuid

from peewee import BigIntegerField, Case, CharField, ForeignKeyField, JSONField, TextField

from ..db import BaseModel, Timestamp, locked, utcnow
from ..errors import ApiError, NotFound
from ..extensions import database

GIB = 1024 ** 3

DEFAULT_SETTINGS = {
    "renderQuotaMinutes": 1000,
    "storageQuotaBytes": 10 * GIB,
    "maxAssetSizeBytes": 5 * GIB,
    "webhookUrl": None,
    "defaultRateLimitRpm": 100,
    "quotaPeriod": "month",
}
QUOTA_PERIODS = ("month", "total")

STATUSES = ("active", "suspended", "archived")
# Columns an update body sets as given (settings are merged instead).
EDITABLE = ("name", "description", "status")


def month_start(now=None):
    """The first moment of the UTC calendar month of `now` (naive UTC): a billing period's start."""
    now = now or utcnow()
    return datetime.datetime(now.year, now.month, 1)


class Project(BaseModel):
    """A tenant. Usage lives in integer columns so quota checks are single UPDATEs."""

    slug = CharField(max_length=50, unique=True)
    name = CharField(max_length=200)
    description = TextField(null=True)
    status = CharField(max_length=16, default="active", index=True)
    settings = JSONField(default=dict)
    webhook_secret = CharField(max_length=64)
    # During a rotation the old secret keeps signing until this moment.
    previous_webhook_secret = CharField(max_length=64, null=True)
    previous_secret_expires_at = Timestamp(null=True)
    # Usage counters (bytes reserved at upload creation count against the quota too).
    storage_bytes = BigIntegerField(default=0)
    render_count = BigIntegerField(default=0)
    render_ms_used = BigIntegerField(default=0)
    render_ms_reserved = BigIntegerField(default=0)
    # Renders billed in the month that starts at `period_start`. A settlement in a later month
    # starts the counters again (one conditional UPDATE), and a read of an older period counts
    # zero, so a month rolls over without a job at midnight. Kept whatever `quotaPeriod` says.
    period_start = Timestamp(null=True)
    period_render_count = BigIntegerField(default=0)
    period_render_ms = BigIntegerField(default=0)

    class Meta:
        # The list, newest first (keyset on created_at, id).
        indexes = ((("created_at", "id"), False),)

    @property
    def effective_settings(self):
        """Stored settings over the defaults."""
        return {**DEFAULT_SETTINGS, **(self.settings or {})}

    @property
    def monthly(self):
        """True when usage and the render quota count the current UTC month (`quotaPeriod`)."""
        return self.effective_settings["quotaPeriod"] == "month"

    def month_usage(self, now=None):
        """(renders, milliseconds) billed in the current UTC month."""
        if self.period_start == month_start(now):
            return self.period_render_count, self.period_render_ms
        return 0, 0

    def period_usage(self, now=None):
        """(period start, renders, milliseconds) that usage and the quota count now."""
        if not self.monthly:
            return self.created_at, self.render_count, self.render_ms_used
        return (month_start(now), *self.month_usage(now))

    @property
    def usage(self):
        start, count, ms = self.period_usage()
        return {
            "storageBytes": self.storage_bytes,
            "renderCount": count,
            "renderMinutesUsed": round(ms / 60000.0, 4),
            "periodStart": start,
        }

    def _used_ms_sql(self, now=None):
        """SQL for the milliseconds the render quota counts: this month's, or the lifetime's."""
        if not self.monthly:
            return Project.render_ms_used
        return Case(None, [(Project.period_start == month_start(now), Project.period_render_ms)], 0)

    def signing_secrets(self, now=None):
        """Secrets that sign outbound events now: the current one, plus the old during overlap."""
        now = now or utcnow()
        secrets = [self.webhook_secret]
        if self.previous_webhook_secret and self.previous_secret_expires_at and self.previous_secret_expires_at > now:
            secrets.append(self.previous_webhook_secret)
        return secrets

    def ensure_active(self):
        """403 PROJECT_SUSPENDED / PROJECT_ARCHIVED unless the project is active: the one rule for
        "may this project's key, trigger or schedule start anything"."""
        if self.status == "suspended":
            raise ApiError("PROJECT_SUSPENDED", "Project is suspended", 403)
        if self.status == "archived":
            raise ApiError("PROJECT_ARCHIVED", "Project is archived", 403)

    @classmethod
    def lookup(cls, ident):
        """Find by UUID or slug; 404 PROJECT_NOT_FOUND otherwise."""
        query = cls.select()
        try:
            query = query.where(cls.id == uuid.UUID(str(ident)))
        except ValueError:
            query = query.where(cls.slug == str(ident))
        project = query.first()
        if project is None:
            raise NotFound("PROJECT_NOT_FOUND", "Project not found")
        return project

    @classmethod
    def add_usage(cls, project_id, **deltas):
        """Atomically add to usage counters (e.g. storage_bytes=-123)."""
        updates = {getattr(cls, name): getattr(cls, name) + delta for name, delta in deltas.items()}
        now = updates[cls.updated_at] = utcnow()
        if "render_ms_used" in deltas or "render_count" in deltas:
            # Billed renders also count in the current month; the first of a new month restarts it.
            month = month_start(now)
            same = cls.period_start == month
            count, ms = deltas.get("render_count", 0), deltas.get("render_ms_used", 0)
            updates.update({cls.period_render_count: Case(None, [(same, cls.period_render_count + count)], count),
                            cls.period_render_ms: Case(None, [(same, cls.period_render_ms + ms)], ms),
                            cls.period_start: month})
        return cls.update(updates).where(cls.id == project_id).execute()

    @classmethod
    def reserve_storage(cls, project_id, size_bytes, quota_bytes):
        """Reserve bytes only if they fit under the quota; True when reserved (race-safe)."""
        rows = (cls.update({cls.storage_bytes: cls.storage_bytes + size_bytes})
                .where((cls.id == project_id) & (cls.storage_bytes + size_bytes <= quota_bytes))
                .execute())
        return rows == 1

    # --- the render quota: the one place its rule is written -----------------------------------

    @property
    def render_quota_ms(self):
        """The render quota in milliseconds."""
        return int(self.effective_settings["renderQuotaMinutes"]) * 60000

    def _has_render_room(self):
        """The quota rule: renders start while minutes used in the period (`quotaPeriod`) plus
        minutes in flight are under it. A reservation held across a month's end still counts."""
        return self._used_ms_sql() + Project.render_ms_reserved < self.render_quota_ms

    def _quota_exceeded(self):
        fresh = Project.get_by_id(self.id)
        return ApiError("PROJECT_QUOTA_EXCEEDED", "The project's render quota is used up", 429,
                        {"renderQuotaMinutes": fresh.effective_settings["renderQuotaMinutes"],
                         "renderMinutesUsed": round(fresh.period_usage()[2] / 60000.0, 4)})

    def check_render_quota(self):
        """429 PROJECT_QUOTA_EXCEEDED unless a render could start now (dry runs: nothing reserved)."""
        query = Project.select(Project.id).where((Project.id == self.id) & self._has_render_room())
        if not query.exists():
            raise self._quota_exceeded()

    def reserve_render_ms(self, ms):
        """Hold `ms` against the render quota, or 429 PROJECT_QUOTA_EXCEEDED (one conditional UPDATE)."""
        rows = (Project.update({Project.render_ms_reserved: Project.render_ms_reserved + ms})
                .where((Project.id == self.id) & self._has_render_room())
                .execute())
        if rows != 1:
            raise self._quota_exceeded()

    # --- status changes: each returns (the project as changed, its status before) so the caller
    # records project.status_changed in the same transaction (projects/status.py). The outbox's
    # rows reference projects, so this module cannot import the event layer to record it itself.

    @classmethod
    def change(cls, project_id, data):
        """Apply a validated update body under the row lock, settings merged; (project, previous status).

        Only the columns the body names are written, never the usage counters, which renders
        move meanwhile.
        """
        with database.atomic():
            project = locked(cls.select().where(cls.id == project_id)).get()
            previous = project.status
            changed = [cls.updated_at]
            for name in EDITABLE:
                if name in data:
                    setattr(project, name, data[name])
                    changed.append(getattr(cls, name))
            if "settings" in data:
                project.settings = {**(project.settings or {}), **data["settings"]}
                changed.append(cls.settings)
            project.save(only=changed)
        return project, previous

    def archive(self):
        """Archive the project under its row lock, touching only its status; (project, previous status)."""
        with database.atomic():
            previous = locked(Project.select(Project.status).where(Project.id == self.id)).get().status
            Project.update(status="archived", updated_at=utcnow()).where(Project.id == self.id).execute()
            return Project.get_by_id(self.id), previous

    @classmethod
    def rotate_webhook_secret(cls, project_id, new_secret, overlap_hours=24):
        """`new_secret` signs from now on; the current one keeps signing for `overlap_hours`.

        One UPDATE of the secret columns only (the old secret is read by the database, not
        from a row read earlier), so usage counters written meanwhile are kept.
        """
        now = utcnow()
        return (cls.update({cls.previous_webhook_secret: cls.webhook_secret, cls.webhook_secret: new_secret,
                            cls.previous_secret_expires_at: now + datetime.timedelta(hours=overlap_hours),
                            cls.updated_at: now})
                .where(cls.id == project_id).execute()) == 1

    @classmethod
    def clear_webhook_url(cls, project_id, url):
        """Switch `settings.webhookUrl` off if it is still `url` (call in a transaction); True if it was."""
        project = locked(cls.select(cls.id, cls.settings).where(cls.id == project_id)).first()
        if project is None or (project.settings or {}).get("webhookUrl") != url:
            return False
        cls.update({cls.settings: {**project.settings, "webhookUrl": None}, cls.updated_at: utcnow()}).where(
            cls.id == project_id).execute()
        return True


class ProjectMember(BaseModel):
    """A person with a role in a project (managed by the operator's own tooling for now)."""

    project = ForeignKeyField(Project, backref="members", on_delete="CASCADE")
    email = CharField(max_length=254)
    role = CharField(max_length=16, default="member")  # owner|admin|member|viewer

    class Meta:
        indexes = ((("project", "email"), True),)
