"""Asset schemas: validation and OpenAPI from the same classes."""
import copy

import marshmallow as ma
from marshmallow import validate

from ..pagination import ListArgsSchema, page_schema
from ..queue import storage
from ..schema_fields import FullMatch, Integer, ResponseSchema, StrictSchema, UTCTimestamp, timestamp
from ..projects.schemas import MAX_BYTES
from .models import STATUSES, TYPES

# Signed download links in asset JSON stay valid this long.

MIME_TYPE = FullMatch(r"[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*", error="Must be a lowercase MIME type like video/mp4.")
# What each asset type may be declared as. Downloads are served as this type, so nothing that
# a browser would run (text/html, image/svg+xml, ...) can be stored under any type.
MIME_TYPES_FOR = {
    "video": "video/*", "audio": "audio/*",
    "image": ("image/png", "image/jpeg", "image/webp", "image/gif"),
    "font": ("font/ttf", "font/otf", "font/woff", "font/woff2"),
    "template": ("application/json",),
}


def mime_type_fits(asset_type, mime_type):
    """True when `mime_type` is allowed for an asset of `asset_type`."""
    allowed = MIME_TYPES_FOR.get(asset_type)
    if isinstance(allowed, str):
        return mime_type.startswith(allowed[:-1])
    return allowed is not None and mime_type in allowed
TAG = ma.fields.String(validate=validate.Length(min=1, max=64))


class AssetMetadataSchema(ResponseSchema):
    """What probing found; null until the asset is ready (and for fields a type lacks)."""

    width = ma.fields.Integer(allow_none=True)
    height = ma.fields.Integer(allow_none=True)
    durationSeconds = ma.fields.Float(allow_none=True)
    codec = ma.fields.String(allow_none=True)
    fps = ma.fields.Float(allow_none=True)


class AssetSchema(ResponseSchema):
    """An asset as returned by the API."""

    id = ma.fields.UUID(dump_only=True)
    projectId = ma.fields.UUID(attribute="project_id", dump_only=True)
    name = ma.fields.String(dump_only=True)
    description = ma.fields.String(dump_only=True, allow_none=True)
    type = ma.fields.String(dump_only=True, metadata={"enum": list(TYPES)})
    status = ma.fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    sizeBytes = ma.fields.Integer(attribute="size_bytes", dump_only=True)
    mimeType = ma.fields.String(attribute="mime_type", dump_only=True)
    metadata = ma.fields.Method("_metadata", dump_only=True,
                                metadata={"type": "object", "description": "width, height, durationSeconds, codec, fps."})
    urls = ma.fields.Method("_urls", dump_only=True, metadata={
        "type": "object", "description": "`original` (and `thumbnail` when there is one): signed links valid at least 1 hour (local storage: to the next whole minute, the same link all that minute), "
        "served as attachments of the declared type. Empty for a `failed` asset."})
    tags = ma.fields.List(ma.fields.String(), dump_only=True)
    error = ma.fields.Method("_error", dump_only=True, metadata={
        "type": "string", "optional": True, "description": "Why the asset failed; present only when `status` is `failed`."})
    createdAt = timestamp("createdAt", attribute="created_at")
    updatedAt = timestamp("updatedAt", attribute="updated_at")

    def _metadata(self, asset):
        stored = asset.metadata or {}
        return {name: stored.get(name) for name in ("width", "height", "durationSeconds", "codec", "fps")}

    def _urls(self, asset):
        # A failed asset's bytes are whatever was uploaded, not the media it claimed: no link.
        if asset.status == "failed":
            return {}
        provider = storage()
        urls = {"original": provider.download_url(asset.storage_key, filename=asset.name, content_type=asset.mime_type)}
        if asset.thumbnail_key:
            urls["thumbnail"] = provider.download_url(asset.thumbnail_key, filename="thumbnail.jpg",
                                                      content_type="image/jpeg")
        return urls

    def _error(self, asset):
        return asset.error if asset.error else ma.missing


class AssetCreateSchema(StrictSchema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=255))
    type = ma.fields.String(required=True, validate=validate.OneOf(TYPES))
    mimeType = ma.fields.String(required=True, validate=[validate.Length(max=255), MIME_TYPE])
    sizeBytes = Integer(required=True, validate=validate.Range(min=1, max=MAX_BYTES), metadata={
        "description": "Exact size of the file to upload; the upload is refused if it differs."})
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    tags = ma.fields.List(TAG, load_default=list, validate=validate.Length(max=50))

    @ma.validates_schema
    def _mime_type_fits_type(self, data, **kwargs):
        if "type" in data and "mimeType" in data and not mime_type_fits(data["type"], data["mimeType"]):
            allowed = MIME_TYPES_FOR[data["type"]]
            raise ma.ValidationError("A %s asset must be %s." % (
                data["type"], allowed if isinstance(allowed, str) else " or ".join(allowed)), "mimeType")


def document(spec):
    """Document AssetCreate as a `oneOf` by `type`, each variant with the MIME types it takes."""
    base = spec.components.schemas["AssetCreate"]
    refs = {}
    for kind, allowed in MIME_TYPES_FOR.items():
        variant = copy.deepcopy(base)
        variant["properties"]["type"] = {"type": "string", "enum": [kind]}
        mime = variant["properties"]["mimeType"]
        if isinstance(allowed, str):
            mime["pattern"] = "^%s/[a-z0-9][a-z0-9.+-]*$" % allowed[:-2]
        else:
            mime.pop("pattern", None)
            mime["enum"] = list(allowed)
        name = kind.capitalize() + "AssetCreate"
        spec.components.schema(name, component=variant)
        refs[kind] = "#/components/schemas/" + name
    spec.components.schemas["AssetCreate"] = {
        "description": "A new asset; its `mimeType` must fit its `type`.",
        "oneOf": [{"$ref": ref} for ref in refs.values()],
        "discriminator": {"propertyName": "type", "mapping": refs}}


class AssetUpdateSchema(StrictSchema):
    name = ma.fields.String(validate=validate.Length(min=1, max=255))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=2000))
    tags = ma.fields.List(TAG, validate=validate.Length(max=50))


class AssetCreatedSchema(ResponseSchema):
    """The new asset and where to PUT its bytes."""

    asset = ma.fields.Nested(AssetSchema)
    uploadUrl = ma.fields.String(metadata={"description": "Signed; valid 15 minutes."})
    uploadMethod = ma.fields.String(metadata={"enum": ["PUT"]})
    uploadHeaders = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), metadata={
        "description": "Headers the PUT must carry exactly (they are part of the signature)."})
    expiresAt = UTCTimestamp()


class AssetUploadedSchema(ResponseSchema):
    """Answer to a local upload: the asset, now processing."""

    asset = ma.fields.Nested(AssetSchema)


class AssetListArgsSchema(ListArgsSchema):
    type = ma.fields.String(validate=validate.OneOf(TYPES))
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    tag = ma.fields.String(validate=validate.Length(min=1, max=64), metadata={"description": "Assets carrying this exact tag."})
    q = ma.fields.String(validate=validate.Length(min=1, max=255), metadata={"description": "Case-insensitive search in the name."})


AssetPageSchema = page_schema(AssetSchema, "AssetPage")
