"""Automations as an event subscriber: asset.ready starts asset_upload runs, render.* resumes waits."""
from peewee import IntegrityError

from ..db import Prepared, Slot
from ..events import subscribe
from ..projects.models import Project
from . import engine
from .models import Automation, AutomationRun
from .tasks import admit_waiting, execute_run


def on_event(event, now=None):
    """Subscriber: safe to call twice for the same event (runs are keyed by the event id)."""
    if event.type == "project.status_changed":
        return on_project_status(event)
    failed = 0
    if event.type == "asset.ready":
        runs = start_asset_upload_runs(event)
    else:
        data = event.data or {}
        job_id = data.get("id")
        if not job_id:
            return None
        status = "completed" if event.type == "render.completed" else data.get("status") or "failed"
        runs, failed = engine.resume_after_render(job_id, status, data.get("output"), data.get("error"))
    for run in runs:
        execute_run(str(run.id))  # admits a waiting run itself once this one ends
    if failed:
        # A run failed with its render here, outside execute_run: its place goes to one that waits.
        admit_waiting(event.project_id)
    return None


subscribe("automations", ("asset.ready", "render.completed", "render.failed", "project.status_changed"), on_event)


def on_project_status(event):
    """Active again: admit the runs that waited. Archived: the runs that wait fail, none will start."""
    status = (event.data or {}).get("status")
    if status == "active":
        admit_waiting(event.project_id)
    elif status == "archived":
        for run in AutomationRun.waiting_in(event.project_id):
            run.abandon(engine.ARCHIVED)
    return None


def asset_matches(trigger, asset):
    """True when the asset passes the trigger's filter (type equal, every filter tag present)."""
    wanted = (trigger or {}).get("filter") or {}
    if wanted.get("type") and asset.get("type") != wanted["type"]:
        return False
    tags = set(asset.get("tags") or [])
    return all(tag in tags for tag in wanted.get("tags") or [])


# Run for every asset.ready event: compiled once (see Prepared). A suspended project's runs are
# started queued and wait for it; an archived one starts none.
_ASSET_UPLOAD_AUTOMATIONS = Prepared(lambda: Automation.select().join(Project).where(
    (Automation.project == Slot(Automation.project)) & (Automation.trigger_type == "asset_upload")
    & (Automation.enabled == True) & (Project.status != "archived")))  # noqa: E712 (peewee expression)


def start_asset_upload_runs(event):
    """One run per enabled matching asset_upload automation; the event id makes it once only."""
    asset = event.data or {}
    automations = _ASSET_UPLOAD_AUTOMATIONS.rows(Automation, project=event.project_id)
    started = []
    for automation in automations:
        if not asset_matches(automation.trigger, asset):
            continue
        trigger = {"type": "asset_upload", "assetId": asset.get("id"), "asset": asset,
                   "eventId": str(event.id)}
        try:
            started.append(AutomationRun.start(automation, trigger, input={"assetId": asset.get("id")},
                                               source_event_id=event.id))
        except IntegrityError:
            continue  # this event already started a run of this automation
    return started
