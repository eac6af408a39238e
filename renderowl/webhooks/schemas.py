"""Webhook delivery schemas."""
import marshmallow as ma

from ..pagination import ListArgsSchema, page_schema
from ..schema_fields import ResponseSchema, timestamp


class WebhookDeliverySchema(ResponseSchema):
    """One attempt to deliver one event to one URL."""

    id = ma.fields.UUID(dump_only=True)
    eventId = ma.fields.UUID(attribute="event_id", dump_only=True)
    eventType = ma.fields.Function(lambda row: row.event.type, dump_only=True,
                                   metadata={"type": "string", "example": "render.completed"})
    url = ma.fields.String(dump_only=True)
    attempt = ma.fields.Integer(dump_only=True, metadata={"description": "1 for the first attempt."})
    statusCode = ma.fields.Integer(attribute="status_code", dump_only=True, allow_none=True,
                                   metadata={"description": "null when no HTTP answer came back."})
    error = ma.fields.String(dump_only=True, allow_none=True,
                             metadata={"description": "null on a 2xx; else why the attempt failed."})
    durationMs = ma.fields.Integer(attribute="duration_ms", dump_only=True)
    responseSnippet = ma.fields.String(attribute="response_snippet", dump_only=True, allow_none=True,
                                       metadata={"description": "The first 500 characters of the answer."})
    createdAt = timestamp("createdAt", attribute="created_at")


class WebhookDeliveryListArgsSchema(ListArgsSchema):
    eventId = ma.fields.UUID(metadata={"description": "Only attempts for this event."})


class RedeliverySchema(ResponseSchema):
    """A queued resend."""

    status = ma.fields.String(dump_only=True, metadata={"enum": ["queued"]})
    eventId = ma.fields.UUID(dump_only=True)
    url = ma.fields.String(dump_only=True)


WebhookDeliveryPageSchema = page_schema(WebhookDeliverySchema, "WebhookDeliveryPage")
