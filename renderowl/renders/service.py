"""Render submission and settlement: the one code path for the API, dry runs and automations.

Quota bookkeeping lives here only: a submission reserves its estimate, and exactly one of
complete / fail / cancel settles that reservation, each in the transaction that moves the
job to its terminal status (a conditional UPDATE, so two settlers can never both win).
"""
import logging
import math

import marshmallow as ma
from peewee import IntegrityError

from ..assets.models import Asset
from ..captions_templates.models import CaptionTemplate
from ..captions_templates.schemas import CaptionStyleSchema, RenderSettingsSchema, VideoSchema
from ..captions_templates.variables import resolve_values
from ..db import utcnow
from ..errors import ApiError, ValidationError, flatten_messages
from ..extensions import database
from ..media import CaptionError, caption_warnings, check_within, output_size, parse_captions, resolve_style
from ..media.limits import DEFAULT_CRF, DEFAULT_PRESET
from ..projects.models import Project
from ..substitution import SubstitutionError, substitute
from ..events import enqueue_event, record_event
from .models import RenderJob
from .schemas import RenderCreateSchema, RenderJobSchema

log = logging.getLogger(__name__)


def _invalid_variables(details, message="Template variables are missing or invalid"):
    return ApiError("INVALID_TEMPLATE_VARIABLES", message, 400, details)


def _without_none(mapping):
    return {k: v for k, v in (mapping or {}).items() if v is not None}


def merge_render_spec(template, variables, request):
    """Resolve {video, style, settings}: template defaults < template variables < request.

    `template` is a CaptionTemplate or None, `variables` the caller's templateVariables and
    `request` the caller's {video?, style?, settings?}. Raises 400 INVALID_TEMPLATE_VARIABLES
    when variables are unknown, missing, of the wrong type, or make the template invalid.
    """
    if template is None:
        if variables:
            raise _invalid_variables({"templateVariables": "given without a template"})
        base = {"video": None, "style": {}, "settings": {}}
    else:
        try:
            values = resolve_values(template.variables or [], variables or {})
        except ValueError as exc:
            raise _invalid_variables(exc.args[0])
        raw = {"video": template.default_video, "style": template.style or {},
               "settings": template.default_settings or {}}
        try:
            base = substitute(raw, values)
        except SubstitutionError as exc:  # the template was saved before a variable was removed
            raise _invalid_variables({exc.path: str(exc)})
        # An optional variable left unset removes its field, so the default applies.
        base = {"video": base["video"], "style": _without_none(base["style"]), "settings": _without_none(base["settings"])}
        details = {}
        for field, schema in (("style", CaptionStyleSchema()), ("settings", RenderSettingsSchema()),
                              ("video", VideoSchema())):
            if field == "video" and (base["video"] is None or request.get("video")):
                continue
            try:
                base[field] = schema.load(base[field])
            except ma.ValidationError as exc:
                details.update(flatten_messages(exc.messages, field))
        if details:
            raise _invalid_variables(details, "The template's variables produce an invalid render")
    return {
        "video": request.get("video") or base["video"],
        "style": {**base["style"], **(request.get("style") or {})},
        "settings": {**base["settings"], **(request.get("settings") or {})},
    }


def _template_for(project, data):
    if "templateId" not in data:
        return CaptionTemplate.default_for(project)
    if data["templateId"] is None:
        return None
    return CaptionTemplate.for_project(project, data["templateId"])


def resolve_render(project, body):
    """Validate a render request and return everything the job needs (raises ApiError)."""
    try:
        data = RenderCreateSchema().load(body)
    except ma.ValidationError as exc:
        raise ValidationError(flatten_messages(exc.messages))
    template = _template_for(project, data)
    spec = merge_render_spec(template, data.get("templateVariables"), data)
    if not spec["video"]:
        raise ValidationError({"video": "Missing data for required field (the template has no defaultVideo)."})
    try:
        captions = parse_captions(data["captions"])
    except CaptionError as exc:
        raise ValidationError(exc.details)
    style = resolve_style(spec["style"])
    captions = [{k: v for k, v in cue.items() if v is not None} for cue in captions]
    settings = {"preset": DEFAULT_PRESET, "crf": DEFAULT_CRF, **spec["settings"]}
    video, asset, fps = spec["video"], None, settings.get("fps")
    # Estimates: an asset's probed duration; for a URL (not fetched at submit time) the last
    # caption's end. Billing always uses the output's real duration when the job completes.
    estimate = max(cue["end"] for cue in captions)
    if video["type"] == "asset":
        asset = Asset.ready_for_project(project, video["assetId"])
        meta = asset.metadata or {}
        try:
            check_within(captions, meta.get("durationSeconds"))
        except CaptionError as exc:
            raise ValidationError(exc.details)
        estimate = meta.get("durationSeconds") or estimate
        fps = fps or meta.get("fps")
        if meta.get("width") and meta.get("height"):
            width, height = output_size(meta, settings)
            settings.update(width=width, height=height)
    # Frame size and rate are known here for assets (or given in settings); else lines are
    # judged by maxCharsPerLine alone and frames at 25 fps.
    warnings = caption_warnings(captions, style, settings.get("width"), settings.get("height"), fps)
    return {"template": template, "video": video, "asset": asset, "captions": captions, "style": style,
            "settings": settings, "warnings": warnings, "estimate_seconds": float(estimate), "webhook_url": data.get("webhookUrl"),
            "dry_run": data.get("dryRun", False)}


def _quota_ms(project):
    return int(project.effective_settings["renderQuotaMinutes"]) * 60000


def _quota_exceeded(project):
    return ApiError("PROJECT_QUOTA_EXCEEDED", "The project's render quota is used up", 429,
                    {"renderQuotaMinutes": project.effective_settings["renderQuotaMinutes"],
                     "renderMinutesUsed": round(project.render_ms_used / 60000.0, 4)})


def submit_render(project, body, dry_run=False, job_id=None):
    """Validate, merge, reserve quota and queue a render; a dict (no side effects) for dry runs.

    With `job_id`, a second submission returns the job the first one made instead of rendering
    and billing again (an automation step re-run after its worker died).
    """
    if job_id is not None and not dry_run:
        existing = RenderJob.get_or_none(RenderJob.id == job_id)
        if existing is not None:
            return existing
    resolved = resolve_render(project, body)
    dry_run = dry_run or resolved["dry_run"]
    template = resolved["template"]
    if dry_run:
        fresh = Project.get_by_id(project.id)
        if fresh.render_ms_used + fresh.render_ms_reserved >= _quota_ms(fresh):
            raise _quota_exceeded(fresh)
        return {"dryRun": True, "projectId": project.id, "templateId": template.id if template else None,
                "video": resolved["video"], "captions": resolved["captions"], "style": resolved["style"],
                "settings": resolved["settings"], "warnings": resolved["warnings"],
                "estimatedMinutes": round(resolved["estimate_seconds"] / 60.0, 4)}
    reserve_ms = max(1, math.ceil(resolved["estimate_seconds"] * 1000))
    try:
        with database.atomic():
            if not Project.reserve_render_ms(project.id, reserve_ms, _quota_ms(project)):
                raise _quota_exceeded(Project.get_by_id(project.id))
            job = RenderJob.create(
                **({"id": job_id} if job_id is not None else {}),
                project=project.id, status="queued", template_id=template.id if template else None,
                asset_id=resolved["asset"].id if resolved["asset"] else None,
                video=resolved["video"], captions=resolved["captions"], style=resolved["style"],
                settings=resolved["settings"], warnings=resolved["warnings"], webhook_url=resolved["webhook_url"],
                reserved_ms=reserve_ms)
    except IntegrityError:
        if job_id is None:
            raise
        return RenderJob.get_by_id(job_id)  # a concurrent twin won; its reservation stands alone
    from .tasks import render_job
    render_job(str(job.id))  # only after commit: the worker must find the row
    return job


def _event_data(job_id):
    return RenderJobSchema().dump(RenderJob.get_by_id(job_id))


def _settle(job, status, where, fields, event_type, usage):
    """Move `job` to a terminal status if `where` still holds; settle usage and record the event."""
    event = None
    with database.atomic():
        rows = (RenderJob.update(status=status, completed_at=utcnow(), updated_at=utcnow(), **fields)
                .where((RenderJob.id == job.id) & where).execute())
        if rows != 1:
            return False
        Project.add_usage(job.project_id, render_ms_reserved=-job.reserved_ms, **usage)
        if event_type:
            event = record_event(job.project_id, event_type, _event_data(job.id), urls=[job.webhook_url])
    if event is not None:
        try:
            enqueue_event(event)
        except Exception:  # the event row is committed; the webhook sweeper will send it
            log.exception("could not enqueue event %s", event.id)
    return True


def complete_job(job, attempt, output, output_key):
    """Settle a finished render: bill the output's milliseconds, count it, emit render.completed."""
    output_ms = int(round((output.get("durationSeconds") or 0) * 1000))
    return _settle(job, "completed",
                   (RenderJob.status == "rendering") & (RenderJob.attempts == attempt),
                   {"output": output, "output_key": output_key, "progress": 1.0, "error": None,
                    "billed_ms": output_ms},
                   "render.completed", {"render_ms_used": output_ms, "render_count": 1})


def fail_job(job, message, attempt=None):
    """Fail a queued or rendering job (of this attempt, when given), releasing its reservation."""
    where = RenderJob.status.in_(("queued", "rendering"))
    if attempt is not None:
        where = (RenderJob.status == "rendering") & (RenderJob.attempts == attempt)
    return _settle(job, "failed", where, {"error": message[:4000]}, "render.failed", {})


def cancel_job(job):
    """Cancel a queued or rendering job at once; a rendering worker notices and kills FFmpeg."""
    return _settle(job, "cancelled", RenderJob.status.in_(("queued", "rendering")),
                   {"error": "Cancelled by request"}, "render.failed", {})
