"""CaptionTemplate rows: a project's reusable caption style with typed variables."""

from peewee import BooleanField, CharField, ForeignKeyField, JSONField, TextField

from ..assets.models import Asset
from ..db import BaseModel, locked, utcnow
from ..extensions import database
from ..projects.models import Project


class CaptionTemplate(BaseModel):
    """Style, default video and settings, with `{{variables}}` filled in at render time."""

    NOT_FOUND = ("TEMPLATE_NOT_FOUND", "Template not found")

    project = ForeignKeyField(Project, backref="caption_templates", on_delete="CASCADE")
    name = CharField(max_length=200)
    description = TextField(null=True)
    style = JSONField(default=dict)
    default_video = JSONField(null=True)
    default_settings = JSONField(default=dict)
    variables = JSONField(default=list)
    is_default = BooleanField(default=False, index=True)

    class Meta:
        # The list, newest first (keyset on created_at, id).
        indexes = ((("project", "created_at", "id"), False),)

    @classmethod
    def default_for(cls, project):
        """The project's default template, or None."""
        return cls.get_or_none((cls.project == project.id) & (cls.is_default == True))  # noqa: E712

    @staticmethod
    def check_references(project, body):
        """A create/update body's `defaultVideo.assetId` names an asset of `project` (else 404
        ASSET_NOT_FOUND), unless it is a `{{variable}}`."""
        video = body.get("defaultVideo") or {}
        if video.get("type") == "asset":
            Asset.check_reference(project, video.get("assetId"))

    def store(self, insert=False):
        """Save; when `is_default`, clear the project's other default in the same transaction."""
        with database.atomic():
            if self.is_default:
                # Lock the project row so two concurrent "make default" calls serialize.
                locked(Project.select(Project.id).where(Project.id == self.project_id)).get()
                (CaptionTemplate.update(is_default=False, updated_at=utcnow())
                 .where((CaptionTemplate.project == self.project_id) & (CaptionTemplate.id != self.id)
                        & (CaptionTemplate.is_default == True))  # noqa: E712
                 .execute())
            self.save(force_insert=insert)
        return self
