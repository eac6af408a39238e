"""Project and API-key schemas: validation and OpenAPI from the same classes."""
import marshmallow as ma
from marshmallow import validate

from ..auth.models import SCOPES
from ..pagination import ListArgsSchema, page_schema
from ..schema_fields import FullMatch, Integer, ResponseSchema, StrictSchema, UTCTimestamp, http_url, timestamp
from .models import DEFAULT_SETTINGS, QUOTA_PERIODS, STATUSES

# Upper bounds that keep usage sums and quota reservations far inside a 64-bit counter.
MAX_BYTES = 2 ** 50  # 1 PiB
MAX_QUOTA_MINUTES = 10 ** 9

SLUG = FullMatch(r"^[a-z0-9-]{3,50}$", error="Slug must be 3-50 characters of a-z, 0-9 and '-'.")


class ProjectSettingsSchema(StrictSchema):
    """Per-project settings; omitted keys keep their current (or default) value."""

    renderQuotaMinutes = Integer(validate=validate.Range(min=0, max=MAX_QUOTA_MINUTES),
                                           metadata={"default": DEFAULT_SETTINGS["renderQuotaMinutes"]})
    storageQuotaBytes = Integer(validate=validate.Range(min=0, max=MAX_BYTES),
                                          metadata={"default": DEFAULT_SETTINGS["storageQuotaBytes"]})
    maxAssetSizeBytes = Integer(validate=validate.Range(min=1, max=MAX_BYTES),
                                          metadata={"default": DEFAULT_SETTINGS["maxAssetSizeBytes"]})
    webhookUrl = http_url(allow_none=True, metadata={"default": None, "description": "Receives signed event webhooks."})
    defaultRateLimitRpm = Integer(validate=validate.Range(min=1, max=100000),
                                            metadata={"default": DEFAULT_SETTINGS["defaultRateLimitRpm"]})
    quotaPeriod = ma.fields.String(validate=validate.OneOf(QUOTA_PERIODS), metadata={
        "default": DEFAULT_SETTINGS["quotaPeriod"],
        "description": "`month`: usage and renderQuotaMinutes count the current UTC calendar month (a render "
                       "counts in the month it completes); `total`: the project's whole life."})


class UsageSchema(ResponseSchema):
    storageBytes = ma.fields.Integer()
    renderCount = ma.fields.Integer(metadata={"description": "Renders completed in the period."})
    renderMinutesUsed = ma.fields.Float(metadata={"description": "Output minutes billed in the period."})
    periodStart = UTCTimestamp(metadata={
        "description": "Since when renderCount and renderMinutesUsed count: the first of the current UTC "
                       "month (`quotaPeriod: month`), or the project's creation (`total`)."})


class ProjectSchema(ResponseSchema):
    """A project as returned by the API."""

    id = ma.fields.UUID(dump_only=True)
    slug = ma.fields.String(dump_only=True)
    name = ma.fields.String(dump_only=True)
    description = ma.fields.String(dump_only=True, allow_none=True)
    status = ma.fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    settings = ma.fields.Method("_settings", dump_only=True,
                                metadata={"type": "object", "description": "Settings merged over the defaults."})
    usage = ma.fields.Nested(UsageSchema, dump_only=True)
    webhookSecret = ma.fields.Method("_secret", dump_only=True, metadata={
        "type": "string", "optional": True, "description": "`whsec_…`; shown in master-key responses only."})
    createdAt = timestamp("createdAt", attribute="created_at")
    updatedAt = timestamp("updatedAt", attribute="updated_at")

    def _settings(self, obj):
        return obj.effective_settings

    def _secret(self, obj):
        return obj.webhook_secret if self.context_is_master() else ma.missing

    def context_is_master(self):
        from flask import g
        principal = g.get("principal")
        return bool(principal and principal.is_master)


class ProjectCreateSchema(StrictSchema):
    slug = ma.fields.String(required=True, validate=SLUG)
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    settings = ma.fields.Nested(ProjectSettingsSchema, load_default=dict)


class ProjectUpdateSchema(StrictSchema):
    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    settings = ma.fields.Nested(ProjectSettingsSchema)
    status = ma.fields.String(validate=validate.OneOf(STATUSES), metadata={"description": (
        "A project that is not `active` starts nothing: its keys and public triggers answer 403, schedules "
        "don't fire, queued renders and automation runs wait (`suspended`; they go on once `active` again) "
        "or are cancelled / failed (`archived`), and local download links stop working.")})


class ProjectListArgsSchema(ListArgsSchema):
    status = ma.fields.String(validate=validate.OneOf(STATUSES))


class ApiKeySchema(ResponseSchema):
    """An API key as listed: never the key itself nor its hash."""

    id = ma.fields.UUID(dump_only=True)
    name = ma.fields.String(dump_only=True)
    keyPrefix = ma.fields.String(attribute="key_prefix", dump_only=True)
    scopes = ma.fields.List(ma.fields.String(), dump_only=True)
    rateLimitRpm = ma.fields.Integer(attribute="rate_limit_rpm", dump_only=True)
    createdAt = timestamp("createdAt", attribute="created_at")
    lastUsedAt = timestamp("lastUsedAt", attribute="last_used_at", allow_none=True)
    revokedAt = timestamp("revokedAt", attribute="revoked_at", allow_none=True)


class ApiKeyCreatedSchema(ApiKeySchema):
    """The one response that carries the full key."""

    key = ma.fields.String(dump_only=True, metadata={"description": "Shown once; store it now."})


class ApiKeyCreateSchema(StrictSchema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    scopes = ma.fields.List(ma.fields.String(validate=validate.OneOf(SCOPES)),
                            validate=validate.Length(min=1, error="A key needs at least one scope."),
                            metadata={"description": "Defaults to every scope when omitted; an empty list is refused."})
    rateLimitRpm = Integer(validate=validate.Range(min=1, max=100000), metadata={
        "description": "Defaults to the project's settings.defaultRateLimitRpm."})


ProjectPageSchema = page_schema(ProjectSchema, "ProjectPage")
ApiKeyPageSchema = page_schema(ApiKeySchema, "ApiKeyPage")
