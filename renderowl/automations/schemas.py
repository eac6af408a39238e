"""Automation and run schemas: triggers and actions are validated per `type`."""
import re
import zoneinfo

import marshmallow as ma
from croniter import CroniterBadDateError, croniter
from marshmallow import validate

from ..assets.models import TYPES as ASSET_TYPES
from ..pagination import ListArgsSchema, page_schema
from ..schema_fields import StrictSchema, timestamp
from .loops import DEPTH_HEADER, MAX_DEPTH
from .statuses import RUN_STATUSES, STEP_STATUSES

HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
MAX_ACTIONS = 20
DEFAULT_TRIGGER_RPM = 60
MAX_TRIGGER_RPM = 6000


def _valid_cron(value):
    # Five fields only: croniter also takes a sixth (seconds), which a minute sweeper can't honour.
    if len(value.split()) != 5 or not croniter.is_valid(value):
        raise ma.ValidationError("Not a valid 5-field cron expression (e.g. '*/5 * * * *').")
    try:  # `0 0 30 2 *` is well-formed but never fires (February has no 30th)
        croniter(value).get_next()
    except (CroniterBadDateError, ValueError, OverflowError):
        raise ma.ValidationError("This cron expression never fires.") from None


def _valid_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ma.ValidationError(f"Unknown IANA timezone '{value}'.")


def _no_depth_header(value):
    if any(str(name).lower() == DEPTH_HEADER.lower() for name in value):
        raise ma.ValidationError(f"'{DEPTH_HEADER}' is set by the server (the run's depth).")


def _valid_target_url(value):
    # A `{{...}}` reference may supply any part; what is literal must still be http(s).
    literal = re.sub(r"\{\{.*?\}\}", "x", value)
    if not (literal.startswith("http://") or literal.startswith("https://") or value.startswith("{{")):
        raise ma.ValidationError("Must be an http(s) URL (variables like {{trigger.url}} are allowed).")


class WebhookTriggerSchema(StrictSchema):
    type = ma.fields.Constant("webhook", required=True)
    rateLimitRpm = ma.fields.Integer(
        load_default=DEFAULT_TRIGGER_RPM, validate=validate.Range(min=1, max=MAX_TRIGGER_RPM), metadata={
            "description": "Calls of the public trigger URL admitted per minute (sliding window, across all web "
                           "workers when Redis is configured); more answer 429 `RATE_LIMIT_EXCEEDED` with "
                           "`Retry-After` and start nothing."})


class ScheduleTriggerSchema(StrictSchema):
    type = ma.fields.Constant("schedule", required=True)
    cron = ma.fields.String(required=True, validate=_valid_cron, metadata={"example": "*/5 * * * *"})
    timezone = ma.fields.String(load_default="UTC", validate=_valid_timezone,
                                metadata={"description": "IANA name; the cron is read in this zone."})


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
    captions = ma.fields.Raw(metadata={"description": "As in POST /renders: a cue list or {srt}/{vtt}."})
    style = ma.fields.Dict()


class WebhookActionSchema(StrictSchema):
    type = ma.fields.Constant("webhook", required=True)
    url = ma.fields.String(required=True, validate=[validate.Length(min=1, max=2048), _valid_target_url], metadata={
        "description": "Called through the SSRF guard, no redirects followed; a 2xx answer completes the step. "
                       "Every call carries `Idempotency-Key`, the same for repeats of one step attempt "
                       "(after a worker crash) and new on a retry, so receivers can drop duplicates."})
    method = ma.fields.String(load_default="POST", validate=validate.OneOf(HTTP_METHODS))
    headers = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(min=1, max=200)),
                             values=ma.fields.String(validate=validate.Length(max=4000)), validate=_no_depth_header,
                             metadata={"description": f"Sent with the call, besides `Idempotency-Key` and "
                                                      f"`{DEPTH_HEADER}` (the run's depth), which the server sets."})
    body = ma.fields.Raw(allow_none=True, metadata={"description": "Sent as JSON."})


TRIGGERS = {"webhook": WebhookTriggerSchema, "schedule": ScheduleTriggerSchema,
            "asset_upload": AssetUploadTriggerSchema}
ACTIONS = {"render": RenderActionSchema, "webhook": WebhookActionSchema}


def component_name(cls):
    """The OpenAPI component a variant schema is documented as (`WebhookTrigger`...)."""
    return cls.__name__.replace("Schema", "")


def _one_of(schemas):
    refs = {name: "#/components/schemas/" + component_name(cls) for name, cls in schemas.items()}
    return {"oneOf": [{"$ref": ref} for ref in refs.values()],
            "discriminator": {"propertyName": "type", "mapping": refs}}


def document(spec):
    """Register every trigger and action variant as a component, so `oneOf` shows their fields."""
    for cls in {**TRIGGERS, **{"a_" + k: v for k, v in ACTIONS.items()}}.values():
        if component_name(cls) not in spec.components.schemas:
            spec.components.schema(component_name(cls), schema=cls)


class Tagged(ma.fields.Field):
    """A JSON object validated by the schema its `type` names."""

    def __init__(self, schemas, **kwargs):
        metadata = {"openapi": _one_of(schemas), **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)
        self.schemas = schemas

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ma.ValidationError("Must be an object.")
        kind = value.get("type")
        if not isinstance(kind, str) or kind not in self.schemas:
            raise ma.ValidationError({"type": [f"Must be one of: {', '.join(self.schemas)}."]})
        return self.schemas[kind]().load(value)

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class AutomationCreateSchema(StrictSchema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    enabled = ma.fields.Boolean(load_default=True)
    trigger = Tagged(TRIGGERS, required=True)
    actions = ma.fields.List(Tagged(ACTIONS), required=True,
                             validate=validate.Length(min=1, max=MAX_ACTIONS))


class AutomationUpdateSchema(StrictSchema):
    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    enabled = ma.fields.Boolean()
    trigger = Tagged(TRIGGERS, metadata={
        "description": "Replacing a webhook trigger by another webhook trigger keeps its endpoint and secret."})
    actions = ma.fields.List(Tagged(ACTIONS), validate=validate.Length(min=1, max=MAX_ACTIONS))


class RunStatsSchema(ma.Schema):
    total = ma.fields.Integer(attribute="runs_total")
    completed = ma.fields.Integer(attribute="runs_completed")
    failed = ma.fields.Integer(attribute="runs_failed")
    lastRunAt = timestamp("lastRunAt", attribute="last_run_at", allow_none=True)


class AutomationSchema(ma.Schema):
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


class StepSchema(ma.Schema):
    index = ma.fields.Integer()
    type = ma.fields.String()
    status = ma.fields.String(metadata={"enum": list(STEP_STATUSES)})
    output = ma.fields.Raw(allow_none=True)
    error = ma.fields.String(allow_none=True)
    renderJobId = ma.fields.String(allow_none=True)
    startedAt = ma.fields.String(allow_none=True)
    completedAt = ma.fields.String(allow_none=True)


class RunSchema(ma.Schema):
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


class TriggerAcceptedSchema(ma.Schema):
    runId = ma.fields.UUID(dump_only=True)


AutomationPageSchema = page_schema(AutomationSchema, "AutomationPage")
RunPageSchema = page_schema(RunSchema, "AutomationRunPage")
