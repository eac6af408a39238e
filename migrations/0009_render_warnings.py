"""Caption warnings found when a render was submitted ([{cue, code, message}])."""
from peewee import JSONField


def up(migrator, db):
    migrator.migrate(migrator.add_column('render_job', 'warnings', JSONField(null=True)))
