"""Asset rows."""
import uuid

from peewee import BigIntegerField, CharField, ForeignKeyField, IntegerField, JSONField, TextField

from ..db import BaseModel, Timestamp
from ..errors import ApiError, NotFound
from ..projects.models import Project

TYPES = ("video", "audio", "image", "font", "template")
STATUSES = ("uploading", "processing", "ready", "failed")


class Asset(BaseModel):
    """A stored file of a project. `size_bytes` is reserved against the storage quota at create."""

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
        # Lists are per project, newest first.
        indexes = ((("project", "created_at"), False),)

    @classmethod
    def for_project(cls, project, asset_id):
        """A live asset of `project`, else 404 ASSET_NOT_FOUND (other projects' too)."""
        try:
            ident = uuid.UUID(str(asset_id))
        except ValueError:
            raise NotFound("ASSET_NOT_FOUND", "Asset not found")
        asset = cls.get_or_none((cls.id == ident) & (cls.project == project.id) & cls.deleted_at.is_null())
        if asset is None:
            raise NotFound("ASSET_NOT_FOUND", "Asset not found")
        return asset

    @classmethod
    def ready_for_project(cls, project, asset_id):
        """A `ready` asset for rendering: 404 ASSET_NOT_FOUND or 409 ASSET_NOT_READY."""
        asset = cls.for_project(project, asset_id)
        if asset.status != "ready":
            raise ApiError("ASSET_NOT_READY", f"Asset is {asset.status}, not ready", 409)
        return asset
