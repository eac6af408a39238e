"""Automation runs know how deep in a chain of runs they are (a webhook action that triggers an
automation starts a run one deeper), so a loop is refused after a few levels."""
from peewee import IntegerField


def up(migrator, db):
    migrator.migrate(migrator.add_column('automation_run', 'depth', IntegerField(default=0)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('automation_run', 'depth'))
