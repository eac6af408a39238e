"""Events become their own layer: each subscriber keeps its own marker per event.

`event_subscription` replaces the two columns through which webhook delivery and automations
shared the event row (`dispatched_at`, `automations_handled_at`). Existing events keep their
progress: a set column becomes a handled subscription, an unset one a subscription due now.
"""
import datetime
import uuid

from peewee import *


def up(migrator, db):
    class Event(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        type = CharField(index=True, max_length=64)
        dispatched_at = DateTimeField(index=True, null=True)
        automations_handled_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'event'

    class EventSubscription(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        event = ForeignKeyField(Event, on_delete='CASCADE')
        subscriber = CharField(max_length=64)
        handled_at = DateTimeField(null=True)
        due_at = DateTimeField(index=True, null=True)
        attempts = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'event_subscription'
            indexes = ((('event', 'subscriber'), True),)
    db.create_tables([EventSubscription])

    # The same text format the application's Timestamp field writes.
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    automation_types = ("asset.ready", "render.completed", "render.failed")
    rows = []
    for event in Event.select(Event.id, Event.type, Event.dispatched_at, Event.automations_handled_at):
        marks = [("webhooks", event.dispatched_at)]
        if event.type in automation_types:
            marks.append(("automations", event.automations_handled_at))
        for subscriber, handled in marks:
            rows.append({"id": uuid.uuid4(), "created_at": now, "updated_at": now, "event": event.id,
                         "subscriber": subscriber, "handled_at": handled,
                         "due_at": None if handled else now, "attempts": 0})
    for start in range(0, len(rows), 500):
        EventSubscription.insert_many(rows[start:start + 500]).execute()

    migrator.migrate(
        migrator.drop_index('event', 'event_dispatched_at'),
        migrator.drop_column('event', 'dispatched_at'),
        migrator.drop_column('event', 'automations_handled_at'),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.add_column('event', 'dispatched_at', DateTimeField(null=True, index=True)),
        migrator.add_column('event', 'automations_handled_at', DateTimeField(null=True)),
        migrator.drop_table('event_subscription'),
    )
