"""Billing periods: what a project rendered in its current period (a UTC calendar month), kept
beside the lifetime counters and rolled over by the first write of a new month."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('project', 'period_start', DateTimeField(null=True)),
        migrator.add_column('project', 'period_render_count', BigIntegerField(default=0)),
        migrator.add_column('project', 'period_render_ms', BigIntegerField(default=0)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('project', 'period_render_ms'),
        migrator.drop_column('project', 'period_render_count'),
        migrator.drop_column('project', 'period_start'),
    )
