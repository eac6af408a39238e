"""What the automations engine does with events: start asset_upload runs, resume render waits."""
import logging

from peewee import IntegrityError

from ..extensions import database
from . import engine
from .models import Automation

log = logging.getLogger(__name__)


def on_event(event):
    """Called by process_event for every event; safe to call twice for the same event."""
    if event.type == "asset.ready":
        start_asset_upload_runs(event)
    elif event.type in ("render.completed", "render.failed"):
        data = event.data or {}
        job_id = data.get("id")
        if job_id:
            status = data.get("status") or event.type.split(".")[1]
            engine.resume_after_render(job_id, "completed" if event.type == "render.completed" else status,
                                       data.get("output"), data.get("error"))


def asset_matches(trigger, asset):
    """True when the asset passes the trigger's filter (type equal, every filter tag present)."""
    wanted = (trigger or {}).get("filter") or {}
    if wanted.get("type") and asset.get("type") != wanted["type"]:
        return False
    tags = set(asset.get("tags") or [])
    return all(tag in tags for tag in wanted.get("tags") or [])


def start_asset_upload_runs(event):
    """One run per enabled matching asset_upload automation; the event id makes it once only."""
    asset = event.data or {}
    automations = Automation.select().where(
        (Automation.project == event.project_id) & (Automation.trigger_type == "asset_upload")
        & (Automation.enabled == True))  # noqa: E712 (peewee expression)
    started = []
    for automation in automations:
        if not asset_matches(automation.trigger, asset):
            continue
        trigger = {"type": "asset_upload", "assetId": asset.get("id"), "asset": asset,
                   "eventId": str(event.id)}
        try:
            with database.atomic():
                run = engine.start_run(automation, trigger, input={"assetId": asset.get("id")},
                                       source_event_id=event.id, enqueue=False)
        except IntegrityError:
            continue  # this event already started a run of this automation
        started.append(run)
    for run in started:
        engine.queue_run(run.id)
    return started
