"""Render request and RenderJob schemas."""
import marshmallow as ma
from marshmallow import validate

from ..captions_templates.schemas import CaptionStyleSchema, RenderSettingsSchema, video_field
from ..media.limits import MAX_CAPTION_SECONDS, MAX_CUE_CHARS, MAX_CUES
from ..pagination import ListArgsSchema, page_schema
from ..schema_fields import ResponseSchema, StrictSchema, http_url, strict_bool, timestamp
from .models import STATUSES


class CaptionsField(ma.fields.Raw):
    """A list of `{start, end, text, words?}` (seconds) or `{"srt": "..."}` / `{"vtt": "..."}`.

    Checked in depth by the caption parser: at most %(cues)d cues (SRT/VTT cues too) of at most
    %(chars)d characters; `0 <= start < end <= %(seconds)d`; ordered by start; `words` inside
    their cue. A malformed SRT/VTT cue is a 400 naming the cue and its line. With an asset
    video, a cue starting at or after the video's end is a 400 (a URL video's render fails).
    Long cues are split into consecutive cues on screen (`style.maxLines`)."""

    def __init__(self, **kwargs):
        cue = {"type": "object", "additionalProperties": False, "required": ["start", "end", "text"], "properties": {
            "start": {"type": "number", "minimum": 0, "maximum": MAX_CAPTION_SECONDS},
            "end": {"type": "number", "minimum": 0, "maximum": MAX_CAPTION_SECONDS},
            "text": {"type": "string", "minLength": 1, "maxLength": MAX_CUE_CHARS},
            "words": {"type": "array", "items": {"type": "object", "required": ["start", "end", "text"], "properties": {
                "start": {"type": "number", "minimum": 0, "maximum": MAX_CAPTION_SECONDS},
                "end": {"type": "number", "minimum": 0, "maximum": MAX_CAPTION_SECONDS}, "text": {"type": "string"}}}}}}
        description = self.__doc__ % {"cues": MAX_CUES, "chars": MAX_CUE_CHARS, "seconds": MAX_CAPTION_SECONDS}
        super().__init__(metadata={"description": description, "oneOf": [
            {"type": "array", "minItems": 1, "maxItems": MAX_CUES, "items": cue},
            {"type": "object", "properties": {"srt": {"type": "string"}}, "required": ["srt"], "additionalProperties": False},
            {"type": "object", "properties": {"vtt": {"type": "string"}}, "required": ["vtt"], "additionalProperties": False},
        ]}, **kwargs)


class CaptionWarningSchema(ResponseSchema):
    """Something a viewer will find hard to read; the render goes ahead anyway.

    Judged at the output's size and frame rate: known for asset videos and from
    `settings.width/height/fps`; for a URL video without them, lines are judged by
    `maxCharsPerLine` alone and frames at 25 fps."""

    cue = ma.fields.Integer(metadata={"description": "Index of the caption in `captions`."})
    code = ma.fields.String(metadata={"enum": ["READING_SPEED", "TOO_SHORT", "TOO_LONG", "FLASH_GAP", "LINE_TOO_LONG"],
                                      "description": "READING_SPEED: over style.maxCharsPerSecond; TOO_SHORT: under 5/6 s on "
                                      "screen; TOO_LONG: over 7 s without a change; FLASH_GAP: a gap under 2 frames "
                                      "after the previous caption; LINE_TOO_LONG: a single word wider than a line "
                                      "(the caption is drawn smaller)."})
    message = ma.fields.String()


def _warnings_field():
    return ma.fields.List(ma.fields.Nested(CaptionWarningSchema), dump_only=True, metadata={
        "description": "Caption readability warnings (Netflix/BBC subtitle rules); the render goes ahead anyway."})


class RenderCreateSchema(StrictSchema):
    """A render request. Precedence: template defaults < template variables < this request."""

    video = video_field(metadata={"description": "Required unless the template has a defaultVideo."})
    captions = CaptionsField(required=True)
    style = ma.fields.Nested(CaptionStyleSchema, load_default=dict)
    settings = ma.fields.Nested(RenderSettingsSchema, load_default=dict)
    templateId = ma.fields.UUID(allow_none=True, metadata={
        "description": "Omitted: the project's default template (isDefault), if any; null: no template."})
    templateVariables = ma.fields.Dict(keys=ma.fields.String(), load_default=dict)
    webhookUrl = http_url(allow_none=True, metadata={
        "description": "Also receives this job's render.completed / render.failed events."})
    dryRun = strict_bool(load_default=False, metadata={
        "description": "Validate and resolve only: 200 with the resolved job and estimatedMinutes; nothing is queued or reserved."})


class RenderOutputSchema(ResponseSchema):
    url = ma.fields.String(metadata={"description": "Signed download link, valid for an hour from this response."})
    durationSeconds = ma.fields.Float()
    sizeBytes = ma.fields.Integer()
    width = ma.fields.Integer()
    height = ma.fields.Integer()


class RenderJobSchema(ResponseSchema):
    """A render job as returned by the API."""

    id = ma.fields.UUID(dump_only=True)
    projectId = ma.fields.UUID(attribute="project_id", dump_only=True)
    status = ma.fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    progress = ma.fields.Float(dump_only=True, metadata={"description": "0 to 1"})
    templateId = ma.fields.UUID(attribute="template_id", dump_only=True, allow_none=True)
    video = ma.fields.Dict(dump_only=True)
    captions = ma.fields.List(ma.fields.Dict(), dump_only=True)
    style = ma.fields.Dict(dump_only=True, metadata={"description": "The resolved CaptionStyle."})
    settings = ma.fields.Dict(dump_only=True)
    warnings = _warnings_field()
    output = ma.fields.Method("_output", dump_only=True, allow_none=True,
                              metadata={"type": "object", "description": "RenderOutput once completed."})
    error = ma.fields.String(dump_only=True, allow_none=True)
    createdAt = timestamp("createdAt", attribute="created_at")
    startedAt = timestamp("startedAt", attribute="started_at", allow_none=True)
    completedAt = timestamp("completedAt", attribute="completed_at", allow_none=True)

    def _output(self, job):
        if not job.output or not job.output_key:
            return None
        from ..queue import storage
        url = storage().download_url(job.output_key, filename=f"render-{job.id}.mp4", content_type="video/mp4")
        return {"url": url, **job.output}


class DryRunSchema(ResponseSchema):
    """What a render would be: nothing is queued or reserved."""

    dryRun = ma.fields.Boolean(dump_only=True)
    projectId = ma.fields.UUID(dump_only=True)
    templateId = ma.fields.UUID(dump_only=True, allow_none=True)
    video = ma.fields.Dict(dump_only=True)
    captions = ma.fields.List(ma.fields.Dict(), dump_only=True)
    style = ma.fields.Dict(dump_only=True)
    settings = ma.fields.Dict(dump_only=True)
    warnings = _warnings_field()
    estimatedMinutes = ma.fields.Float(dump_only=True, metadata={
        "description": "Asset videos: the asset's duration; URL videos: the last caption's end (the file is not fetched)."})


class RenderListArgsSchema(ListArgsSchema):
    status = ma.fields.String(validate=validate.OneOf(STATUSES))


RenderJobPageSchema = page_schema(RenderJobSchema, "RenderJobPage")
