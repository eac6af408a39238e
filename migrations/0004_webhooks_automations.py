"""Event outbox, webhook delivery state and attempts; automations and their runs."""
from peewee import *
import uuid

# Frozen copies of the models at this step; timestamps and ids get their values from the
# application. A run keeps its render job and source event ids as plain UUIDs (no foreign keys).


def up(migrator, db):
    class Project(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        class Meta:
            database = db
            table_name = 'project'

    class Automation(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        name = CharField(max_length=200)
        description = TextField(null=True)
        enabled = BooleanField(default=True)
        trigger_type = CharField(index=True, max_length=32)
        trigger = JSONField(default=dict)
        actions = JSONField(default=list)
        endpoint = CharField(unique=True, null=True, max_length=64)
        secret = CharField(null=True, max_length=64)
        next_run_at = DateTimeField(index=True, null=True)
        runs_total = IntegerField(default=0)
        runs_completed = IntegerField(default=0)
        runs_failed = IntegerField(default=0)
        last_run_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'automation'
    db.create_tables([Automation])

    class AutomationRun(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        automation = ForeignKeyField(Automation, on_delete='CASCADE')
        project = ForeignKeyField(Project, on_delete='CASCADE')
        status = CharField(index=True, max_length=16, default='running')
        trigger = JSONField(default=dict)
        input = JSONField(null=True)
        output = JSONField(null=True)
        error = TextField(null=True)
        steps = JSONField(default=list)
        current_step = IntegerField(default=0)
        waiting_render_job_id = UUIDField(index=True, null=True)
        heartbeat_at = DateTimeField(index=True, null=True)
        completed_at = DateTimeField(null=True)
        source_event_id = UUIDField(null=True)
        class Meta:
            database = db
            table_name = 'automation_run'
            indexes = ((('automation', 'source_event_id'), True),)
    db.create_tables([AutomationRun])

    class Event(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        type = CharField(index=True, max_length=64)
        data = JSONField(default=dict)
        urls = JSONField(default=list)
        dispatched_at = DateTimeField(index=True, null=True)
        automations_handled_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'event'
    db.create_tables([Event])

    class EventDestination(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        event = ForeignKeyField(Event, on_delete='CASCADE')
        project = ForeignKeyField(Project, on_delete='CASCADE')
        url = TextField()
        state = CharField(index=True, max_length=16, default='pending')
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField(index=True, null=True)
        last_status_code = IntegerField(null=True)
        class Meta:
            database = db
            table_name = 'event_destination'
            indexes = ((('event', 'url'), True),)
    db.create_tables([EventDestination])

    class WebhookDelivery(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        event = ForeignKeyField(Event, on_delete='CASCADE')
        destination = ForeignKeyField(EventDestination, on_delete='CASCADE')
        project = ForeignKeyField(Project, on_delete='CASCADE')
        url = TextField()
        attempt = IntegerField()
        status_code = IntegerField(null=True)
        error = TextField(null=True)
        duration_ms = IntegerField(default=0)
        response_snippet = TextField(null=True)
        class Meta:
            database = db
            table_name = 'webhook_delivery'
    db.create_tables([WebhookDelivery])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('webhook_delivery'))
    migrator.migrate(migrator.drop_table('event_destination'))
    migrator.migrate(migrator.drop_table('event'))
    migrator.migrate(migrator.drop_table('automation_run'))
    migrator.migrate(migrator.drop_table('automation'))
