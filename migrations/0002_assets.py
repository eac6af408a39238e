"""Assets: uploaded media, its probe results, quota bookkeeping and soft deletes."""
from peewee import *
import uuid

# A frozen copy of the model at this step; timestamps and ids get their values from the
# application, so no database defaults are needed.


def up(migrator, db):
    class Project(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        class Meta:
            database = db
            table_name = 'project'

    class Asset(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        name = CharField()
        name_lower = CharField(index=True)
        description = TextField(null=True)
        type = CharField(index=True, max_length=16)
        status = CharField(index=True, max_length=16, default='uploading')
        size_bytes = BigIntegerField()
        mime_type = CharField()
        metadata = JSONField(default=dict)
        tags = JSONField(default=list)
        error = TextField(null=True)
        storage_key = CharField(max_length=512)
        thumbnail_key = CharField(null=True, max_length=512)
        upload_expires_at = DateTimeField(null=True)
        processing_started_at = DateTimeField(null=True)
        probe_attempts = IntegerField(default=0)
        counted_bytes = BigIntegerField(default=0)
        deleted_at = DateTimeField(index=True, null=True)
        purged_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'asset'
            indexes = ((('project', 'created_at'), False),)
    db.create_tables([Asset])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('asset'))
