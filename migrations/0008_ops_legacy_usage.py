"""Render jobs may lack a project (imported from a single-tenant install, then assigned by
`python -m renderowl assign-default-project`); the daily usage rollup."""
from peewee import *
import uuid

# Frozen copies of the models at this step; timestamps and ids get their values from the
# application.


def up(migrator, db):
    migrator.migrate(migrator.drop_not_null('render_job', 'project_id'))

    class Project(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        class Meta:
            database = db
            table_name = 'project'

    class UsageDaily(Model):
        id = UUIDField(primary_key=True, default=uuid.uuid4)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        project = ForeignKeyField(Project, on_delete='CASCADE')
        day = DateField()
        storage_bytes = BigIntegerField(default=0)
        render_count = IntegerField(default=0)
        render_ms = BigIntegerField(default=0)
        deliveries = IntegerField(default=0)
        runs = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'usage_daily'
            indexes = ((('project', 'day'), True),)
    db.create_tables([UsageDaily])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('usage_daily'))
    migrator.migrate(migrator.add_not_null('render_job', 'project_id'))
