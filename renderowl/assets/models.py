"""Asset rows."""
import mimetypes
import uuid

from peewee import BigIntegerField, CharField, ForeignKeyField, IntegerField, JSONField, TextField

from ..db import BaseModel, Timestamp, locked, utcnow
from ..errors import ApiError
from ..extensions import database
from ..projects.models import Project

TYPES = ("video", "audio", "image", "font", "template")
STATUSES = ("uploading", "processing", "ready", "failed")
STAGING_PREFIX = "staging/"  # uploads land here, never under an asset's own folder


class Asset(BaseModel):
    """A stored file of a project. `size_bytes` is reserved against the storage quota at create."""

    NOT_FOUND = ("ASSET_NOT_FOUND", "Asset not found")

    project = ForeignKeyField(Project, backref="assets", on_delete="CASCADE")
    name = CharField(max_length=255)
    name_lower = CharField(max_length=255, index=True)  # for case-insensitive search on any database
    description = TextField(null=True)
    type = CharField(max_length=16, index=True)
    status = CharField(max_length=16, default="uploading", index=True)
    size_bytes = BigIntegerField()
    mime_type = CharField(max_length=255)
    metadata = JSONField(default=dict)
    tags = JSONField(default=list)
    error = TextField(null=True)
    storage_key = CharField(max_length=512)
    thumbnail_key = CharField(max_length=512, null=True)
    upload_expires_at = Timestamp(null=True)
    processing_started_at = Timestamp(null=True)  # a stale value means the worker died
    probe_attempts = IntegerField(default=0)  # bounded, so a file that kills workers ends failed
    # Bytes of this asset counted in the project's usage.storage_bytes; zeroed when they are
    # given back (expired upload, delete), so they are never released twice.
    counted_bytes = BigIntegerField(default=0)
    deleted_at = Timestamp(null=True, index=True)
    purged_at = Timestamp(null=True)  # when a deleted asset's objects were removed from storage

    class Meta:
        # Lists are per project, newest first (keyset on created_at, id).
        indexes = ((("project", "created_at", "id"), False),)

    @classmethod
    def is_live(cls):
        """The rule for "the asset exists": not soft-deleted. Every query for live assets uses it."""
        return cls.deleted_at.is_null()

    @classmethod
    def live(cls, *fields):
        """Live (not deleted) assets."""
        return cls.select(*fields).where(cls.is_live())

    @classmethod
    def scope(cls):
        """`for_project` finds live assets only."""
        return (cls.is_live(),)

    @classmethod
    def ready_for_project(cls, project, asset_id):
        """A `ready` asset for rendering: 404 ASSET_NOT_FOUND or 409 ASSET_NOT_READY."""
        asset = cls.for_project(project, asset_id)
        if asset.status != "ready":
            raise ApiError("ASSET_NOT_READY", f"Asset is {asset.status}, not ready", 409)
        return asset

    # --- keys in storage ----------------------------------------------------------------

    @staticmethod
    def folder_for(project_id, asset_id):
        """The storage prefix holding every object of one asset."""
        return "projects/%s/assets/%s/" % (project_id, asset_id)

    @staticmethod
    def original_key(project_id, asset_id, mime_type):
        """Storage key of the uploaded file; the extension lets downloads carry a sensible type."""
        extension = mimetypes.guess_extension(mime_type or "", strict=False) or ""
        return Asset.folder_for(project_id, asset_id) + "original" + extension

    @property
    def thumbnail_target(self):
        """Storage key the asset's JPEG thumbnail is written to."""
        return Asset.folder_for(self.project_id, self.id) + "thumbnail.jpg"

    @property
    def staging_key(self):
        """Where the asset's upload link writes; read only by completion (see assets/uploads.py)."""
        return "%s%s/%s" % (STAGING_PREFIX, self.project_id, self.id)

    @staticmethod
    def parse_staging_key(key):
        """The asset id a staging key belongs to, or None for any other key."""
        parts = (key or "").split("/")
        if len(parts) != 3 or parts[0] + "/" != STAGING_PREFIX:
            return None
        try:
            return uuid.UUID(parts[2])
        except ValueError:
            return None

    @staticmethod
    def parse_key(key):
        """The asset id named by a storage key under `folder_for`, or None."""
        parts = (key or "").split("/")
        if len(parts) != 5 or parts[0] != "projects" or parts[2] != "assets":
            return None
        try:
            return uuid.UUID(parts[3])
        except ValueError:
            return None

    # --- state changes: each one a conditional UPDATE, so racing callers change it once -------

    @classmethod
    def create_reserved(cls, project, quota_bytes, **fields):
        """Reserve `size_bytes` against the quota and create the row, in one transaction.

        429 STORAGE_QUOTA_EXCEEDED when the bytes do not fit. The reservation is a single
        conditional UPDATE, so two concurrent creates can never both take the last free bytes.
        """
        size = fields["size_bytes"]
        with database.atomic():
            if not Project.reserve_storage(project.id, size, quota_bytes):
                raise ApiError("STORAGE_QUOTA_EXCEEDED", "The project's storage quota has no room for %d more bytes" % size,
                               429, {"storageQuotaBytes": quota_bytes, "sizeBytes": size})
            return cls.create(project=project.id, counted_bytes=size, **fields)

    @classmethod
    def start_processing(cls, asset_id):
        """uploading → processing; True for the one caller that made the change."""
        return cls._transition(asset_id, "uploading", status="processing", processing_started_at=utcnow(),
                               upload_expires_at=None, error=None)

    @classmethod
    def _transition(cls, asset_id, from_status, **values):
        values["updated_at"] = utcnow()
        return (cls.update(values)
                .where((cls.id == asset_id) & (cls.status == from_status) & cls.is_live())
                .execute()) == 1

    @classmethod
    def release_bytes(cls, asset_id, extra_where=None, **values):
        """Give the asset's counted bytes back to its project, exactly once; True if this call did."""
        with database.atomic():
            query = cls.select(cls.id, cls.project, cls.counted_bytes).where(cls.id == asset_id)
            asset = locked(query).first()
            if asset is None:
                return False
            where = (cls.id == asset_id) & (cls.counted_bytes == asset.counted_bytes)
            if extra_where is not None:
                where &= extra_where
            values.update(counted_bytes=0, updated_at=utcnow())
            if cls.update(values).where(where).execute() != 1:
                return False
            if asset.counted_bytes:
                Project.add_usage(asset.project_id, storage_bytes=-asset.counted_bytes)
            return True

    def soft_delete(self):
        """Hide the asset and release its bytes; True for the one call that deleted it."""
        return Asset.release_bytes(self.id, Asset.is_live(), deleted_at=utcnow())

    @classmethod
    def expire_upload(cls, asset_id, message):
        """An upload never completed: failed, and its reserved bytes released."""
        return cls.release_bytes(asset_id, (cls.status == "uploading") & cls.is_live(),
                                 status="failed", error=message, upload_expires_at=None)
