"""CaptionStyle, video, settings and template schemas: validation and OpenAPI in one place."""
import copy
import math

import marshmallow as ma
from marshmallow import validate

from ..media.limits import (DEFAULT_CRF, DEFAULT_PRESET, FONT_FAMILY_MAX_CHARS, PRESETS, SETTINGS_BOUNDS,
                            STYLE_BOUNDS)
from ..media.style import DEFAULT_STYLE, POSITIONS
from ..pagination import ListArgsSchema, page_schema
from ..schema_fields import FullMatch, Integer, ResponseSchema, StrictSchema, Tagged, http_url, strict_bool, timestamp
from ..substitution import PLACEHOLDER_RE, find_placeholders
from .variables import COLOR_RE, KEY_RE, TYPES, value_error


class StrictNumber(ma.fields.Field):
    """A JSON number (never a string or a boolean), kept as int or float as given."""

    def __init__(self, minimum=None, maximum=None, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"].setdefault("type", "number")
        kwargs["metadata"].update({k: v for k, v in (("minimum", minimum), ("maximum", maximum)) if v is not None})
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _deserialize(self, value, attr, data, **kwargs):
        # An int is checked without float(): 10**400 would overflow the conversion.
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not (isinstance(value, int) or math.isfinite(value)):
            raise ma.ValidationError("Not a valid number.")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise ma.ValidationError(f"Must be from {self.minimum} to {self.maximum}.")
        return value


def _bounded_number(name, bounds, **metadata):
    """A JSON number within bounds[name] (limits.py, the one table of bounds)."""
    return StrictNumber(*bounds[name], metadata=metadata)


def _bounded_int(name, bounds, **kwargs):
    """A whole number within bounds[name]."""
    low, high = bounds[name]
    return Integer(validate=validate.Range(min=low, max=high), **kwargs)


def _color(name, **kwargs):
    return ma.fields.String(validate=FullMatch(COLOR_RE, error="Must be a colour like #RRGGBB or #RRGGBBAA."),
                            metadata={"default": DEFAULT_STYLE[name], "example": DEFAULT_STYLE[name] or "#00000080",
                                      **kwargs.pop("metadata", {})}, **kwargs)


class CaptionStyleSchema(StrictSchema):
    """How captions look. Every field is optional; omitted fields take the documented default.

    Lines are measured in the font's real widths and kept inside the title-safe area (5% of
    the frame on every side); libass never wraps on its own."""

    fontFamily = ma.fields.String(validate=validate.Length(min=1, max=FONT_FAMILY_MAX_CHARS), metadata={
        "default": DEFAULT_STYLE["fontFamily"],
        "description": "Font family; Roboto ships with the server and is the fallback. Lines are measured in "
                       "Roboto; another family (libass may find a wider one on the host) gets 35% more room."})
    fontSize = _bounded_number("fontSize", STYLE_BOUNDS, default=DEFAULT_STYLE["fontSize"],
                               description="Pixels at the output height (smaller when the frame cannot hold a line).")
    textColor = _color("textColor")
    highlightColor = _color("highlightColor", metadata={"description": "Colour of the word being spoken (wordHighlight)."})
    outlineColor = _color("outlineColor")
    outlineWidth = _bounded_number("outlineWidth", STYLE_BOUNDS, default=DEFAULT_STYLE["outlineWidth"])
    backgroundColor = _color("backgroundColor", allow_none=True,
                             metadata={"description": "One box behind each caption's lines, `#RRGGBBAA`; null for none."})
    position = ma.fields.String(validate=validate.OneOf(POSITIONS), metadata={"default": DEFAULT_STYLE["position"]})
    marginV = _bounded_int("marginV", STYLE_BOUNDS, metadata={
        "default": DEFAULT_STYLE["marginV"],
        "description": "Vertical margin in pixels from the top/bottom edge; never less than the title-safe 5%."})
    maxCharsPerLine = _bounded_int("maxCharsPerLine", STYLE_BOUNDS, allow_none=True, metadata={
        "default": DEFAULT_STYLE["maxCharsPerLine"],
        "description": "At most this many characters on a line (Netflix: 42); 0 or null: only the frame's width limits a line."})
    maxLines = _bounded_int("maxLines", STYLE_BOUNDS, metadata={
        "default": DEFAULT_STYLE["maxLines"],
        "description": "Lines per caption on screen; a caption needing more is split into consecutive captions over its span."})
    maxCharsPerSecond = _bounded_number("maxCharsPerSecond", STYLE_BOUNDS, default=DEFAULT_STYLE["maxCharsPerSecond"],
                                        description="Reading speed over which a caption gets a READING_SPEED warning.")
    uppercase = strict_bool(metadata={"default": DEFAULT_STYLE["uppercase"]})
    wordHighlight = strict_bool(metadata={"default": DEFAULT_STYLE["wordHighlight"],
                                    "description": "Colour each word with highlightColor while it is spoken."})


class _AssetIdAsText:
    @ma.post_load
    def _text_ids(self, data, **kwargs):
        if "assetId" in data:
            data["assetId"] = str(data["assetId"])
        return data


class AssetVideoSchema(_AssetIdAsText, StrictSchema):
    """The input video is one of the project's ready assets."""

    type = ma.fields.Constant("asset", required=True)
    assetId = ma.fields.UUID(required=True)


class UrlVideoSchema(StrictSchema):
    """The input video is fetched from a public URL."""

    type = ma.fields.Constant("url", required=True)
    url = http_url(required=True, metadata={"description": "Fetched by the worker through the outbound guard."})


VIDEOS = {"asset": AssetVideoSchema, "url": UrlVideoSchema}


def video_field(**kwargs):
    """The input video: `{type: asset, assetId}` or `{type: url, url}`."""
    return Tagged(VIDEOS, "Video", **kwargs)


class RenderSettingsSchema(StrictSchema):
    """Output encoding: MP4, H.264 video and AAC audio."""

    width = _bounded_int("width", SETTINGS_BOUNDS, metadata={
        "description": "Output width; with only one of width/height the aspect ratio is kept. Default: the input's."})
    height = _bounded_int("height", SETTINGS_BOUNDS)
    fps = _bounded_number("fps", SETTINGS_BOUNDS, description="Output frame rate. Default: the input's.")
    preset = ma.fields.String(validate=validate.OneOf(PRESETS), metadata={
        "default": DEFAULT_PRESET, "description": "x264 speed/size trade-off."})
    crf = _bounded_int("crf", SETTINGS_BOUNDS, metadata={
        "default": DEFAULT_CRF, "description": "x264 quality (lower is better and bigger)."})


class Templatable(ma.fields.Field):
    """A template field: the inner field's value, or a string with `{{variables}}`.

    Documented as `anyOf: [the inner field's schema, a string holding a placeholder]`."""

    placeholder_pattern = PLACEHOLDER_RE.pattern

    def __init__(self, inner, **kwargs):
        metadata = dict(inner.metadata)
        metadata["description"] = (metadata.get("description", "") + " May be a `{{variable}}`.").strip()
        metadata.pop("type", None)
        super().__init__(allow_none=inner.allow_none, metadata=metadata, **kwargs)
        self.inner = inner

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and PLACEHOLDER_RE.search(value):
            return value
        return self.inner.deserialize(value, attr, data, **kwargs)


def _templatable(schema_cls, name):
    fields = {key: Templatable(copy.deepcopy(field)) for key, field in schema_cls._declared_fields.items()}
    return type(name, (StrictSchema,), {**fields, "__doc__": schema_cls.__doc__})


TemplateStyleSchema = _templatable(CaptionStyleSchema, "TemplateStyleSchema")
TemplateSettingsSchema = _templatable(RenderSettingsSchema, "TemplateSettingsSchema")


class TemplateAssetVideoSchema(_AssetIdAsText, StrictSchema):
    """A template's default asset video; `assetId` may be a `{{variable}}`."""

    type = ma.fields.Constant("asset", required=True)
    assetId = Templatable(ma.fields.UUID(), required=True)


class TemplateUrlVideoSchema(StrictSchema):
    """A template's default URL video; `url` may be a `{{variable}}`."""

    type = ma.fields.Constant("url", required=True)
    url = Templatable(http_url(), required=True)


TEMPLATE_VIDEOS = {"asset": TemplateAssetVideoSchema, "url": TemplateUrlVideoSchema}


class VariableSchema(StrictSchema):
    """A typed variable; its value replaces `{{key}}` in the template."""

    key = ma.fields.String(required=True, validate=FullMatch(KEY_RE, error="Must match ^[a-zA-Z_][a-zA-Z0-9_]*$."))
    type = ma.fields.String(required=True, validate=validate.OneOf(TYPES))
    label = ma.fields.String(validate=validate.Length(max=200))
    required = strict_bool(load_default=False)
    default = ma.fields.Raw(allow_none=True, metadata={"description": "Must fit `type` (a select's default must be one of `options`)."})
    options = ma.fields.List(ma.fields.Raw(), validate=validate.Length(min=1),
                             metadata={"description": "Required for (and only for) `select`."})

    @ma.validates_schema
    def _typed(self, data, **kwargs):
        kind = data.get("type")
        if kind == "select" and not data.get("options"):
            raise ma.ValidationError("Required for a select variable.", "options")
        if kind != "select" and "options" in data:
            raise ma.ValidationError("Only select variables take options.", "options")
        if data.get("default") is not None and kind:
            problem = value_error(data, data["default"])
            if problem:
                raise ma.ValidationError(f"Default {problem}.", "default")


def _check_variables(variables):
    keys = [v["key"] for v in variables]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ma.ValidationError("Duplicate variable keys: " + ", ".join(duplicates), "variables")


def undeclared_placeholders(data, variables):
    """{field: message} for each of style/defaultVideo/defaultSettings using an undeclared `{{name}}`."""
    declared = {v["key"] for v in variables or []}
    problems = {}
    for field in ("style", "defaultVideo", "defaultSettings"):
        unknown = sorted(find_placeholders(data.get(field)) - declared)
        if unknown:
            problems[field] = "Undeclared variable(s): " + ", ".join(unknown)
    return problems


class TemplateCreateSchema(StrictSchema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    style = ma.fields.Nested(TemplateStyleSchema, load_default=dict)
    defaultVideo = Tagged(TEMPLATE_VIDEOS, "TemplateVideo", allow_none=True)
    defaultSettings = ma.fields.Nested(TemplateSettingsSchema, load_default=dict)
    variables = ma.fields.List(ma.fields.Nested(VariableSchema), load_default=list)
    isDefault = strict_bool(load_default=False, metadata={
        "description": "Used by renders that name no template; setting it clears the project's other default."})

    @ma.validates_schema
    def _declared(self, data, **kwargs):
        _check_variables(data.get("variables") or [])
        problems = undeclared_placeholders(data, data.get("variables"))
        if problems:
            raise ma.ValidationError(problems)


class TemplateUpdateSchema(StrictSchema):
    """Fields given replace the stored ones (style, variables... as a whole)."""

    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    style = ma.fields.Nested(TemplateStyleSchema)
    defaultVideo = Tagged(TEMPLATE_VIDEOS, "TemplateVideo", allow_none=True)
    defaultSettings = ma.fields.Nested(TemplateSettingsSchema)
    variables = ma.fields.List(ma.fields.Nested(VariableSchema))
    isDefault = strict_bool()

    @ma.validates_schema
    def _unique(self, data, **kwargs):
        _check_variables(data.get("variables") or [])


class TemplateSchema(ResponseSchema):
    """A caption template as returned by the API."""

    id = ma.fields.UUID(dump_only=True)
    projectId = ma.fields.UUID(attribute="project_id", dump_only=True)
    name = ma.fields.String(dump_only=True)
    description = ma.fields.String(dump_only=True, allow_none=True)
    style = ma.fields.Dict(dump_only=True, metadata={"description": "CaptionStyle (may hold `{{variables}}`)."})
    defaultVideo = ma.fields.Dict(attribute="default_video", dump_only=True, allow_none=True)
    defaultSettings = ma.fields.Dict(attribute="default_settings", dump_only=True)
    variables = ma.fields.List(ma.fields.Dict(), dump_only=True)
    isDefault = ma.fields.Boolean(attribute="is_default", dump_only=True)
    createdAt = timestamp("createdAt", attribute="created_at")
    updatedAt = timestamp("updatedAt", attribute="updated_at")


class TemplateListArgsSchema(ListArgsSchema):
    pass


TemplatePageSchema = page_schema(TemplateSchema, "TemplatePage")
