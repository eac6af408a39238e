"""Automation and run schemas: triggers and actions are validated per `type`."""
import re
import zoneinfo

import marshmallow as ma
from croniter import CroniterBadDateError, croniter
from marshmallow import validate

from ..assets.models import TYPES as ASSET_TYPES
from ..pagination import ListArgsSchema, page_schema
from ..schema_fields import Integer, ResponseSchema, StrictSchema, Tagged, strict_bool, timestamp
from .loops import DEPTH_HEADER, MAX_DEPTH
from .statuses import RUN_STATUSES, STEP_STATUSES

HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
MAX_ACTIONS = 20
DEFAULT_TRIGGER_RPM = 60
MAX_TRIGGER_RPM = 6000


# The shapes the spec states; the server also checks what no pattern can (croniter's rules, the
# zone database).
CRON_SHAPE = r"^\s*\S+(\s+\S+){4}\s*$"
TIMEZONE_SHAPE = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"


def _valid_cron(value):
    # Five fields only: croniter also takes a sixth (seconds), which a minute sweeper can't honour.
    if len(value.split()) != 5 or not croniter.is_valid(value):
        raise ma.ValidationError("Not a valid 5-field cron expression (e.g. '*/5 * * * *').")
    try:  # `0 0 30 2 *` is well-formed but never fires (February has no 30th)
        croniter(value).get_next()
    except (CroniterBadDateError, ValueError, OverflowError):
        raise ma.ValidationError("This cron expression never fires.") from None


def _valid_timezone(value):
    if re.fullmatch(TIMEZONE_SHAPE, value) is None:
        raise ma.ValidationError(f"Unknown IANA timezone '{value}'.")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ma.ValidationError(f"Unknown IANA timezone '{value}'.")


def _no_depth_header(value):
    if any(str(name).lower() == DEPTH_HEADER.lower() for name in value):
        raise ma.ValidationError(f"'{DEPTH_HEADER}' is set by the server (the run's depth).")


def _any_case(name):
    """`^[Aa][Bb]...$`: a pattern for `name` in any case (ECMA regexes have no inline `(?i)`)."""
    return "^%s$" % "".join("[%s%s]" % (c.upper(), c.lower()) if c.isalpha() else re.escape(c) for c in name)


# A `{{...}}` reference may supply the whole URL; otherwise it starts as an http(s) URL.
TARGET_URL_PATTERN = r"^(?:https?://|\{\{)"


def _valid_target_url(value):
    if re.match(TARGET_URL_PATTERN, value) is None:
        raise ma.ValidationError("Must be an http(s) URL (variables like {{trigger.url}} are allowed).")


def _captions_shape(value):
    # Checked in full when the step runs (after substitution); a number or boolean never fits.
    if not isinstance(value, (list, dict, str)):
        raise ma.ValidationError("Must be a cue list, {srt}/{vtt} or a `{{variable}}` string.")


class WebhookTriggerSchema(StrictSchema):
    type = ma.fields.Constant("webhook", required=True)
    rateLimitRpm = Integer(
        load_default=DEFAULT_TRIGGER_RPM, validate=validate.Range(min=1, max=MAX_TRIGGER_RPM), metadata={
            "description": "Calls of the public trigger URL admitted per minute (sliding window, across all web "
                           "workers when Redis is configured); more answer 429 `RATE_LIMIT_EXCEEDED` with "
                           "`Retry-After` and start nothing."})


class ScheduleTriggerSchema(StrictSchema):
    type = ma.fields.Constant("schedule", required=True)
    cron = ma.fields.String(required=True, validate=_valid_cron, metadata={
        "example": "*/5 * * * *", "pattern": CRON_SHAPE,
        "description": "Five fields (minute hour day-of-month month day-of-week) that croniter accepts and "
                       "that fire at least once (`0 0 30 2 *` never does: 400)."})
    timezone = ma.fields.String(load_default="UTC", validate=_valid_timezone, metadata={
        "pattern": TIMEZONE_SHAPE, "example": "Europe/Paris",
        "description": "IANA name; the cron is read in this zone. An unknown zone is a 400."})


class AssetFilterSchema(StrictSchema):
    type = ma.fields.String(validate=validate.OneOf(ASSET_TYPES))
    tags = ma.fields.List(ma.fields.String(validate=validate.Length(min=1, max=100)),
                          metadata={"description": "The asset must carry every one of these tags."})


class AssetUploadTriggerSchema(StrictSchema):
    type = ma.fields.Constant("asset_upload", required=True)
    filter = ma.fields.Nested(AssetFilterSchema)


class RenderActionSchema(StrictSchema):
    type = ma.fields.Constant("render", required=True)
    templateId = ma.fields.String(validate=validate.Length(min=1, max=200))
    templateVariables = ma.fields.Dict(keys=ma.fields.String())
    video = ma.fields.Dict()
    captions = ma.fields.Raw(validate=_captions_shape, metadata={
        "description": "As in POST /renders: a cue list or {srt}/{vtt}; or a `{{variable}}` string.",
        "openapi": {"type": ["array", "object", "string"]}})
    style = ma.fields.Dict()


class WebhookActionSchema(StrictSchema):
    type = ma.fields.Constant("webhook", required=True)
    url = ma.fields.String(required=True, validate=[validate.Length(min=1, max=2048), _valid_target_url], metadata={
        "pattern": TARGET_URL_PATTERN,
        "description": "Called through the SSRF guard, no redirects followed; a 2xx answer completes the step. "
                       "Every call carries `Idempotency-Key`, the same for repeats of one step attempt "
                       "(after a worker crash) and new on a retry, so receivers can drop duplicates."})
    method = ma.fields.String(load_default="POST", validate=validate.OneOf(HTTP_METHODS))
    headers = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(min=1, max=200)),
                             values=ma.fields.String(validate=validate.Length(max=4000)), validate=_no_depth_header,
                             metadata={"description": f"Sent with the call, besides `Idempotency-Key` and "
                                                      f"`{DEPTH_HEADER}` (the run's depth), which the server sets.",
                                       "openapi": {"propertyNames": {"minLength": 1, "maxLength": 200,
                                                                     "not": {"pattern": _any_case(DEPTH_HEADER)}}}})
    body = ma.fields.Raw(allow_none=True, metadata={"description": "Sent as JSON."})


TRIGGERS = {"webhook": WebhookTriggerSchema, "schedule": ScheduleTriggerSchema,
            "asset_upload": AssetUploadTriggerSchema}
ACTIONS = {"render": RenderActionSchema, "webhook": WebhookActionSchema}


class AutomationCreateSchema(StrictSchema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    enabled = strict_bool(load_default=True)
    trigger = Tagged(TRIGGERS, "Trigger", required=True)
    actions = ma.fields.List(Tagged(ACTIONS, "Action"), required=True,
                             validate=validate.Length(min=1, max=MAX_ACTIONS))


class AutomationUpdateSchema(StrictSchema):
    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    enabled = strict_bool()
    trigger = Tagged(TRIGGERS, "Trigger", metadata={
        "description": "Replacing a webhook trigger by another webhook trigger keeps its endpoint and secret."})
    actions = ma.fields.List(Tagged(ACTIONS, "Action"), validate=validate.Length(min=1, max=MAX_ACTIONS))


class RunStatsSchema(ResponseSchema):
    total = ma.fields.Integer(attribute="runs_total")
    completed = ma.fields.Integer(attribute="runs_completed")
    failed = ma.fields.Integer(attribute="runs_failed")
    lastRunAt = timestamp("lastRunAt", attribute="last_run_at", allow_none=True)


class AutomationSchema(ResponseSchema):
    """An automation as returned by the API."""

    id = ma.fields.UUID(dump_only=True)
    projectId = ma.fields.UUID(attribute="project_id", dump_only=True)
    name = ma.fields.String(dump_only=True)
    description = ma.fields.String(dump_only=True, allow_none=True)
    enabled = ma.fields.Boolean(dump_only=True)
    trigger = ma.fields.Method("_trigger", dump_only=True, metadata={
        "type": "object", "description": "Webhook triggers carry `endpoint` (POST /webhooks/automations/"
        "<endpoint>) and, in the response that generated it only, `secret`. Schedules carry `nextRunAt`."})
    actions = ma.fields.List(ma.fields.Dict(), dump_only=True)
    runs = ma.fields.Function(lambda row: RunStatsSchema().dump(row), dump_only=True,
                              metadata={"type": "object", "description": "{total, completed, failed, lastRunAt}"})
    createdAt = timestamp("createdAt", attribute="created_at")
    updatedAt = timestamp("updatedAt", attribute="updated_at")

    def _trigger(self, row):
        trigger = dict(row.trigger)
        if row.trigger_type == "webhook":
            trigger.setdefault("rateLimitRpm", DEFAULT_TRIGGER_RPM)  # rows made before the field existed
            trigger["endpoint"] = row.endpoint
            if getattr(row, "reveal_secret", False):
                trigger["secret"] = row.secret
        elif row.trigger_type == "schedule":
            trigger["nextRunAt"] = timestamp("nextRunAt")._serialize(row.next_run_at, None, None)
        return trigger


class RunCreateSchema(StrictSchema):
    input = ma.fields.Dict(keys=ma.fields.String(), load_default=dict, metadata={
        "description": "Merged into the run's `trigger` ({type: 'manual', ...input})."})


class StepSchema(ResponseSchema):
    index = ma.fields.Integer()
    type = ma.fields.String()
    status = ma.fields.String(metadata={"enum": list(STEP_STATUSES)})
    output = ma.fields.Raw(allow_none=True)
    error = ma.fields.String(allow_none=True)
    renderJobId = ma.fields.String(allow_none=True)
    startedAt = ma.fields.String(allow_none=True)
    completedAt = ma.fields.String(allow_none=True)


class RunSchema(ResponseSchema):
    """One execution of an automation."""

    id = ma.fields.UUID(dump_only=True)
    automationId = ma.fields.UUID(attribute="automation_id", dump_only=True)
    projectId = ma.fields.UUID(attribute="project_id", dump_only=True)
    status = ma.fields.String(dump_only=True, metadata={"enum": list(RUN_STATUSES), "description": (
        "`queued` while the run waits for room: at most `RENDEROWL_MAX_RUNNING_RUNS` (default 20) runs of a "
        "project are `running` at once (a run waiting on its render counts), and none while the project is "
        "not active; the oldest waiting run starts when a running one ends.")})
    trigger = ma.fields.Dict(dump_only=True)
    input = ma.fields.Raw(dump_only=True, allow_none=True)
    output = ma.fields.Raw(dump_only=True, allow_none=True,
                           metadata={"description": "The last step's output once completed."})
    error = ma.fields.String(dump_only=True, allow_none=True)
    steps = ma.fields.List(ma.fields.Nested(StepSchema), dump_only=True)
    depth = ma.fields.Integer(dump_only=True, metadata={
        "description": f"0, or one more than the run whose webhook action triggered this one (the request "
                       f"carried `{DEPTH_HEADER}`). A run deeper than {MAX_DEPTH} is refused (409 `AUTOMATION_LOOP`)."})
    triggeredAt = timestamp("triggeredAt", attribute="created_at")
    completedAt = timestamp("completedAt", attribute="completed_at", allow_none=True)


class RunListArgsSchema(ListArgsSchema):
    status = ma.fields.String(validate=validate.OneOf(RUN_STATUSES))


class TriggerAcceptedSchema(ResponseSchema):
    runId = ma.fields.UUID(dump_only=True)


AutomationPageSchema = page_schema(AutomationSchema, "AutomationPage")
RunPageSchema = page_schema(RunSchema, "AutomationRunPage")
