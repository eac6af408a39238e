"""A project's changes with the event a status change owes: the model writes, this records and queues.

`Project.change` and `Project.archive` write the row under its lock; when the status moved,
project.status_changed ({status, previousStatus}) is recorded in that same transaction and
queued once it has committed. The model cannot record it itself: the outbox's rows reference
projects, so the event layer imports this domain's models, not the other way round.

The event's subscribers carry the rule "a project that is not active starts nothing" into their
domains: archiving cancels queued renders and fails waiting runs; reactivating starts what
waited while the project was suspended.
"""
from ..events import enqueue_event, record_event
from ..extensions import database
from .models import Project


def update_project(project, data):
    """Apply a validated update body (`Project.change`); the project as it now stands."""
    return _recording_status(lambda: Project.change(project.id, data))


def archive_project(project):
    """Archive the project (`Project.archive`); the project as it now stands."""
    return _recording_status(project.archive)


def _recording_status(change):
    """Run `change` (-> project, previous status) and record project.status_changed with it if the
    status moved, in one transaction; queue the event after commit."""
    with database.atomic():
        project, previous = change()
        event = None
        if project.status != previous:
            event = record_event(project.id, "project.status_changed",
                                 {"status": project.status, "previousStatus": previous})
    if event is not None:
        enqueue_event(event)
    return project
