"""Automation tasks: run execution, the minute schedule check, and the stale-run sweeper."""
import logging

from huey import crontab
from peewee import IntegrityError

from ..queue import periodic_task, recovery_task, task
from . import engine, schedules
from .models import AutomationRun

log = logging.getLogger(__name__)


def launch(automation, trigger, input=None, source_event_id=None, depth=0):
    """Start a run of `automation`, queue it once the start has committed; the run as it stands.

    A second launch from the same source (a replayed signed request) answers the first run.
    """
    try:
        run = AutomationRun.start(automation, trigger, input=input, source_event_id=source_event_id, depth=depth)
    except IntegrityError:
        if source_event_id is None:
            raise
        return AutomationRun.get((AutomationRun.automation == automation.id)
                                 & (AutomationRun.source_event_id == source_event_id))
    execute_run(str(run.id))
    return AutomationRun.get_by_id(run.id)


def relaunch(run):
    """Retry a failed run (409 RUN_NOT_FAILED otherwise) and queue it; the run as it stands."""
    run.retry()
    execute_run(str(run.id))
    return AutomationRun.get_by_id(run.id)


def admit_waiting(project_id):
    """Start the project's queued runs that fit under its cap of running runs now; how many."""
    ids = AutomationRun.admit(project_id)
    for run_id in ids:
        execute_run(str(run_id))
    return len(ids)


@task()
def execute_run(run_id):
    """Execute a run from its current step (safe to run twice); a run that ended makes room for one waiting."""
    try:
        engine.execute_run(run_id)
    except Exception as exc:
        # A bug must not leave the run `running` for the sweeper to retry forever.
        log.exception("automation run %s crashed", run_id)
        run = AutomationRun.get_or_none(AutomationRun.id == run_id)
        if run is not None and run.status == "running":
            run.fail_step(min(run.current_step, len(run.steps) - 1),
                          f"Internal error in step {run.current_step}: {exc.__class__.__name__}")
    run = AutomationRun.get_or_none(AutomationRun.id == run_id)
    if run is not None and run.status != "running":
        admit_waiting(run.project_id)


@periodic_task(crontab(minute="*"))
def run_schedules(now=None):
    """Every minute: start the runs of schedules that are due (`now` is injectable for tests)."""
    runs = schedules.fire_due(now)
    for run in runs:
        execute_run(str(run.id))
    return [str(run.id) for run in runs]


def sweep_stale_runs(now=None):
    """Re-enqueue running runs whose worker died (no heartbeat for AUTOMATION_STALE_SECONDS)."""
    ids = engine.stale_run_ids(now)
    for run_id in ids:
        execute_run(str(run_id))
    return len(ids)


def admit_all_waiting():
    """Admit queued runs of every active project with room (an admission lost with its worker)."""
    return sum(admit_waiting(project_id) for project_id in AutomationRun.projects_waiting())


@recovery_task
def sweep_runs():
    """Every minute: pick up runs a killed worker left behind, and admit runs that wait for room."""
    return sweep_stale_runs() + admit_all_waiting()
