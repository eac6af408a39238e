"""Caption templates and render jobs."""
from peewee import *
import uuid

# Frozen copies of the models at this step; timestamps and ids get their values from the
# application. Renders keep template and asset ids as plain UUIDs (no foreign keys), so
# deleting either never touches render history.


def up(migrator, db):
    class Project(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        class Meta:
            database = db
            table_name = 'project'

    class CaptionTemplate(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        name = CharField(max_length=200)
        description = TextField(null=True)
        style = JSONField(default=dict)
        default_video = JSONField(null=True)
        default_settings = JSONField(default=dict)
        variables = JSONField(default=list)
        is_default = BooleanField(index=True, default=False)
        class Meta:
            database = db
            table_name = 'caption_template'
    db.create_tables([CaptionTemplate])

    class RenderJob(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        status = CharField(index=True, max_length=16, default='queued')
        progress = FloatField(default=0.0)
        template_id = UUIDField(null=True)
        asset_id = UUIDField(null=True)
        video = JSONField()
        captions = JSONField()
        style = JSONField()
        settings = JSONField()
        output = JSONField(null=True)
        output_key = CharField(null=True, max_length=512)
        error = TextField(null=True)
        webhook_url = TextField(null=True)
        started_at = DateTimeField(null=True)
        completed_at = DateTimeField(null=True)
        reserved_ms = BigIntegerField(default=0)
        billed_ms = BigIntegerField(default=0)
        heartbeat_at = DateTimeField(index=True, null=True)
        attempts = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'render_job'
    db.create_tables([RenderJob])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('render_job'))
    migrator.migrate(migrator.drop_table('caption_template'))
