"""Shared marshmallow pieces: strict base schema, UTC timestamps, the error envelope."""
import datetime

import marshmallow as ma

from .errors import ERROR_CODES


class FullMatch(ma.validate.Regexp):
    """A pattern the whole string must match: with `re.match`, `^[a-z]+$` accepts `acme\n`."""

    def __call__(self, value):
        if self.regex.fullmatch(value) is None:
            raise ma.ValidationError(self._format_error(value))
        return value


class StrictSchema(ma.Schema):
    """Request bodies: unknown fields are a validation error, never dropped."""

    class Meta:
        unknown = ma.RAISE


def iso_utc(value):
    """ISO 8601 UTC with milliseconds and a `Z`, as every API timestamp (`2026-11-25T20:07:08.123Z`)."""
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)


class UTCTimestamp(ma.fields.DateTime):
    """A dumped datetime in the API's timestamp form (`iso_utc`)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else iso_utc(value)


def timestamp(name, **kwargs):
    """A dump-only timestamp exposed under camelCase `name`."""
    return UTCTimestamp(dump_only=True, data_key=name, **kwargs)


class ErrorBodySchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"example": "VALIDATION_ERROR", "enum": list(ERROR_CODES)})
    message = ma.fields.String(required=True)
    details = ma.fields.Dict(metadata={"description": "Field paths to messages for validation errors; the request id for 500s."})


class ErrorSchema(ma.Schema):
    """Every 4xx/5xx answer has this shape."""

    error = ma.fields.Nested(ErrorBodySchema, required=True)
