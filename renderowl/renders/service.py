"""Render submission: the one code path for the API, dry runs and automations.

A submission reserves its estimate against the quota (`Project.reserve_render_ms`) in the
transaction that creates the job; exactly one of `RenderJob.complete/fail/cancel` settles it.
"""
import math

import marshmallow as ma
from peewee import IntegrityError

from ..assets.models import Asset
from ..captions_templates.models import CaptionTemplate
from ..captions_templates.schemas import CaptionStyleSchema, RenderSettingsSchema, video_field
from ..captions_templates.variables import resolve_values
from ..errors import ApiError, ValidationError, flatten_messages
from ..extensions import database
from ..media import CaptionError, caption_warnings, check_within, output_size, parse_captions, resolve_style
from ..media.limits import DEFAULT_CRF, DEFAULT_PRESET
from ..substitution import SubstitutionError, substitute
from .models import RenderJob
from .schemas import RenderCreateSchema
from .tasks import render_job


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
        for field, load in (("style", CaptionStyleSchema().load), ("settings", RenderSettingsSchema().load),
                            ("video", video_field().deserialize)):
            if field == "video" and (base["video"] is None or request.get("video")):
                continue
            try:
                base[field] = load(base[field])
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
        project.check_render_quota()
        return {"dryRun": True, "projectId": project.id, "templateId": template.id if template else None,
                "video": resolved["video"], "captions": resolved["captions"], "style": resolved["style"],
                "settings": resolved["settings"], "warnings": resolved["warnings"],
                "estimatedMinutes": round(resolved["estimate_seconds"] / 60.0, 4)}
    reserve_ms = max(1, math.ceil(resolved["estimate_seconds"] * 1000))
    try:
        with database.atomic():
            project.reserve_render_ms(reserve_ms)
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
    render_job(str(job.id))  # only after commit: the worker must find the row
    return job
