"""Projects, project members, API keys, idempotency keys."""
from peewee import *
import uuid

# Frozen copies of the models as they were at this step; timestamps and ids get their
# values from the application, so no database defaults are needed.


def up(migrator, db):
    class Project(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        slug = CharField(unique=True, max_length=50)
        name = CharField(max_length=200)
        description = TextField(null=True)
        status = CharField(index=True, max_length=16, default='active')
        settings = JSONField(default=dict)
        webhook_secret = CharField(max_length=64)
        previous_webhook_secret = CharField(null=True, max_length=64)
        previous_secret_expires_at = DateTimeField(null=True)
        storage_bytes = BigIntegerField(default=0)
        render_count = BigIntegerField(default=0)
        render_ms_used = BigIntegerField(default=0)
        render_ms_reserved = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'project'
    db.create_tables([Project])

    class ApiKey(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        name = CharField(max_length=200)
        key_hash = CharField(unique=True, max_length=64)
        key_prefix = CharField(max_length=12)
        scopes = JSONField(default=list)
        rate_limit_rpm = IntegerField()
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'api_key'
    db.create_tables([ApiKey])

    class IdempotencyKey(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        principal = CharField(max_length=80)
        key = CharField()
        request_hash = CharField(max_length=64)
        status_code = IntegerField(null=True)
        response_body = TextField(null=True)
        response_headers = TextField(null=True)
        expires_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'idempotency_key'
            indexes = ((('principal', 'key'), True),)
    db.create_tables([IdempotencyKey])

    class ProjectMember(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        email = CharField(max_length=254)
        role = CharField(max_length=16, default='member')
        class Meta:
            database = db
            table_name = 'project_member'
            indexes = ((('project', 'email'), True),)
    db.create_tables([ProjectMember])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('project_member'))
    migrator.migrate(migrator.drop_table('idempotency_key'))
    migrator.migrate(migrator.drop_table('api_key'))
    migrator.migrate(migrator.drop_table('project'))
