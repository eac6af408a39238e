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


# An http(s) URL as the server takes it (webhook receivers, `video.url`): a host name or an IP
# literal, an optional port, then only characters RFC 3986 allows in a URI. The same text is the
# OpenAPI `pattern`, in Python's and ECMA's common syntax; kept simple, since generators (and
# schemathesis' coverage phase) work through every alternative of it.
HTTP_URL_PATTERN = (r"^https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
                    r"(?:[/?#][A-Za-z0-9._~!$&'()*+,;=:@/?#%-]*)?$")
MAX_URL_LENGTH = 2048


def http_url(**kwargs):
    """A string field holding an http(s) URL (`HTTP_URL_PATTERN`, at most 2048 characters)."""
    metadata = {"example": "https://example.com/hooks/renderowl",
                **kwargs.pop("metadata", {})}
    return ma.fields.String(validate=[ma.validate.Length(max=MAX_URL_LENGTH),
                                      FullMatch(HTTP_URL_PATTERN, error="Must be an http(s) URL.")],
                            metadata=metadata, **kwargs)


class Integer(ma.fields.Integer):
    """A JSON integer as JSON Schema counts them (`561.0` too); never `"561"`, `true` or `2.5`."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or (isinstance(value, float) and not value.is_integer()):
            raise self.make_error("invalid")
        return int(value)


class StrictBoolean(ma.fields.Boolean):
    """A JSON boolean only: `0`, `1`, `"true"` are refused, as the spec's `type: boolean` says
    (`truthy={True}` alone would not do: `0 in {False}` holds in Python)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def strict_bool(**kwargs):
    """A `StrictBoolean` field."""
    return StrictBoolean(**kwargs)


class ResponseSchema(ma.Schema):
    """What the API answers: every field is always present (OpenAPI `required`), null where it
    allows null, unless its metadata says `"optional": True` (e.g. shown to the master key only)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.metadata.get("optional"):
                field.required = True
        self._plan = None

    def _serialize(self, obj, *, many=False):
        """marshmallow's own dump loop (`Field.serialize` per field), with what it works out per
        field and object on every call (the attribute path, the output key, how to read the
        value) worked out once per schema: the read routes' dump costs a third less."""
        if many and obj is not None:
            return [self._serialize(item) for item in obj]
        plan = self._plan
        if plan is None:
            plan = self._plan = [
                (field.data_key if field.data_key is not None else name, name, field, field.attribute or name,
                 "." in (field.attribute or name), field._CHECK_ATTRIBUTE)
                for name, field in self.dump_fields.items()]
        plain = type(obj) is not dict and not hasattr(obj, "__getitem__")
        result = {}
        for key, name, field, attribute, dotted, check in plan:
            value = None
            if check:
                if type(obj) is dict and not dotted:
                    value = obj.get(attribute, ma.missing)
                elif plain and not dotted:
                    value = getattr(obj, attribute, ma.missing)
                else:
                    value = ma.utils.get_value(obj, attribute, ma.missing)
                if value is ma.missing:
                    default = field.dump_default
                    value = default() if callable(default) else default
                    if value is ma.missing:
                        continue
            value = field._serialize(value, name, obj)
            if value is not ma.missing:
                result[key] = value
        return result


class StrictSchema(ma.Schema):
    """Request bodies: unknown fields are a validation error, never dropped."""

    class Meta:
        unknown = ma.RAISE


def iso_utc(value):
    """ISO 8601 UTC with milliseconds and a `Z`, as every API timestamp (`2026-11-25T20:07:08.123Z`)."""
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds") + "Z"


class UTCTimestamp(ma.fields.DateTime):
    """A dumped datetime in the API's timestamp form (`iso_utc`)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else iso_utc(value)


def timestamp(name, **kwargs):
    """A dump-only timestamp exposed under camelCase `name`."""
    return UTCTimestamp(dump_only=True, data_key=name, **kwargs)


class ErrorBodySchema(ResponseSchema):
    code = ma.fields.String(required=True, metadata={"example": "VALIDATION_ERROR", "enum": list(ERROR_CODES)})
    message = ma.fields.String(required=True)
    details = ma.fields.Dict(metadata={"optional": True, "description": "Field paths to messages for validation errors; the request id for 500s."})


class ErrorSchema(ResponseSchema):
    """Every 4xx/5xx answer has this shape."""

    error = ma.fields.Nested(ErrorBodySchema, required=True)


def component_name(cls):
    """The OpenAPI component a variant schema is documented as (`WebhookTrigger`...)."""
    return cls.__name__.replace("Schema", "")


# Every Tagged union by its component name; `openapi.finish` registers them and their variants.
UNIONS = {}


class Tagged(ma.fields.Field):
    """A JSON object validated by the schema its `type` names: OpenAPI `oneOf` + `discriminator`.

    The union is the component `name` (`Trigger`, `Video`...), each variant the component of its
    schema class; a nullable field is `oneOf: [union, null]`.
    """

    def __init__(self, schemas, name, **kwargs):
        refs = {kind: "#/components/schemas/" + component_name(cls) for kind, cls in schemas.items()}
        UNIONS[name] = ({"oneOf": [{"$ref": ref} for ref in refs.values()],
                         "discriminator": {"propertyName": "type", "mapping": refs}}, schemas)
        union = {"$ref": "#/components/schemas/" + name}
        openapi = {"oneOf": [union, {"type": "null"}]} if kwargs.get("allow_none") else union
        metadata = {"openapi": openapi, **kwargs.pop("metadata", {})}
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


def register_unions(spec):
    """Add every Tagged union and its variants to the spec's components."""
    for name, (union, schemas) in UNIONS.items():
        for cls in schemas.values():
            if component_name(cls) not in spec.components.schemas:
                spec.components.schema(component_name(cls), schema=cls)
        if name not in spec.components.schemas:
            spec.components.schema(name, component=union)
