"""Storage endpoints: the local provider's signed upload/download links, and S3 event notifications."""
import hmac
import uuid
import mimetypes
import os
from urllib.parse import unquote_plus

import marshmallow as ma
from flask import request, send_file
from flask.views import MethodView
from werkzeug.exceptions import RequestEntityTooLarge

from ..assets.models import Asset
from ..assets.schemas import AssetUploadedSchema
from ..assets.uploads import complete_staged_upload, complete_upload
from ..auth.bearer import bearer_token
from ..errors import ApiError, NotFound, ValidationError, flatten_messages
from ..parser import Blueprint
from ..projects.models import Project
from ..queue import setting, storage
from .local import DOWNLOAD, UPLOAD, LocalStorage
from ..schema_fields import ResponseSchema

blp = Blueprint("storage", __name__, url_prefix="", description="Signed storage links and storage events")

LINK_DOC = "Authenticated by the signed token in the URL, not by an API key."


def _local():
    provider = storage()
    if not isinstance(provider, LocalStorage):
        # With S3, clients talk to the bucket; these routes do not exist.
        raise NotFound("NOT_FOUND", "No route matches this URL")
    return provider


def _too_large(size):
    return ApiError("UPLOAD_TOO_LARGE", "The upload is larger than the declared %d bytes" % size, 413,
                    {"maxBytes": size})


@blp.route("/storage/upload/<token>")
class LocalUpload(MethodView):
    @blp.response(200, AssetUploadedSchema)
    @blp.alt_response(403, description="`UPLOAD_SIGNATURE_INVALID`, `UPLOAD_EXPIRED`")
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`: the asset was deleted")
    @blp.alt_response(409, description="`UPLOAD_INCOMPLETE` (fewer bytes than declared), `UPLOAD_ALREADY_COMPLETED` "
                                       "(the asset has left `uploading`: the link is dead)")
    @blp.alt_response(413, description="`UPLOAD_TOO_LARGE`: more bytes than the declared `sizeBytes`")
    @blp.doc(security=[], description=LINK_DOC)
    @blp.doc(operationId="storage.upload")
    def put(self, token):
        """Upload an asset's bytes to local storage (the `uploadUrl` of a new asset)

        The body is streamed to a temporary file and renamed into place, so a failed or
        oversized upload leaves nothing behind. A complete upload starts processing at once.
        The link works only while its asset is `uploading`.
        """
        provider = _local()
        claims = provider.verify(token, UPLOAD)
        size = claims["size"]
        asset = Asset.live().where(Asset.id == claims.get("assetId")).first()
        if asset is None or asset.staging_key != claims["key"]:
            raise NotFound("ASSET_NOT_FOUND", "Asset not found")
        if asset.status != "uploading":
            raise ApiError("UPLOAD_ALREADY_COMPLETED", "This asset's file was already uploaded", 409)
        if request.mimetype != claims["contentType"].split(";")[0].strip().lower():
            raise ApiError("UPLOAD_SIGNATURE_INVALID",
                           "Content-Type must be %s, as signed" % claims["contentType"], 403)
        if request.content_length is not None and request.content_length > size:
            raise _too_large(size)
        # The app-wide limit is for JSON bodies; this body may be as big as it was declared.
        # One byte more is allowed through so that write_stream, which reads one past the
        # size to tell "exactly sizeBytes" from "more", answers an overrun itself.
        request.max_content_length = size + 1
        try:
            written = provider.write_stream(claims["key"], request.stream, size)
        except RequestEntityTooLarge:
            raise _too_large(size) from None
        if written != size:
            provider.delete(claims["key"])
            raise ApiError("UPLOAD_INCOMPLETE", "Received %d of the declared %d bytes" % (written, size), 409,
                           {"expectedBytes": size, "storedBytes": written})
        return {"asset": complete_upload(asset)}


# Downloads never run in a browser: an attachment of the declared type, no sniffing, and a
# CSP sandbox in case something renders it anyway.
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, max-age=0",
}


@blp.route("/storage/download/<token>")
class LocalDownload(MethodView):
    @blp.alt_response(200, description="The file, as an attachment of its declared type; `Range` requests are answered with 206")
    @blp.alt_response(403, description="`DOWNLOAD_SIGNATURE_INVALID`, `DOWNLOAD_EXPIRED`")
    @blp.alt_response(404, description="`OBJECT_NOT_FOUND`: the file is gone, its asset failed or was deleted, "
                                       "or its project is not active")
    @blp.doc(security=[], description=LINK_DOC)
    @blp.doc(operationId="storage.download")
    def get(self, token):
        """Download a file from local storage (the `urls` of an asset, a render's `output.url`)"""
        provider = _local()
        claims = provider.verify(token, DOWNLOAD)
        gone = NotFound("OBJECT_NOT_FOUND", "The file no longer exists")
        try:
            path = provider.path_for(claims["key"])
        except ValueError:  # a key no provider would make, however it was signed
            raise gone from None
        if not os.path.isfile(path) or not _servable(claims["key"]):
            raise gone
        name = claims.get("filename") or claims["key"].rsplit("/", 1)[-1]
        content_type = (claims.get("contentType") or mimetypes.guess_type(name)[0]
                        or "application/octet-stream")
        response = send_file(path, mimetype=content_type, conditional=True, as_attachment=True,
                             download_name=name, max_age=0)
        response.headers.update(DOWNLOAD_HEADERS)
        return response


def _servable(key):
    """A link serves only while its project is active and, for an asset's file, the asset is
    live and not failed (a failed asset's bytes are whatever was uploaded, not media)."""
    parts = key.split("/")
    if len(parts) < 2 or parts[0] != "projects":
        return False
    project = Project.get_or_none(Project.id == _uuid(parts[1]))
    if project is None or project.status != "active":
        return False
    asset_id = Asset.parse_key(key)
    if asset_id is None:
        return True
    asset = Asset.live(Asset.status).where(Asset.id == asset_id).first()
    return asset is not None and asset.status != "failed"


def _uuid(text):
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


class StorageEventResultSchema(ResponseSchema):
    received = ma.fields.Integer(metadata={"description": "ObjectCreated records in the notification."})
    assets = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "`{id, status}` of each asset a record named, once each; the check of its upload is queued "
                       "(`status` is `uploading` until it has run)."})


class _Lenient(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # S3 and MinIO records carry many fields this route does not need


class _S3Object(_Lenient):
    key = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1024))


class _S3Bucket(_Lenient):
    name = ma.fields.String()


class _S3Entity(_Lenient):
    bucket = ma.fields.Nested(_S3Bucket)
    object = ma.fields.Nested(_S3Object, required=True)


class _S3Record(_Lenient):
    eventName = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    s3 = ma.fields.Nested(_S3Entity, required=True)


MAX_RECORDS = 100


class StorageEventSchema(_Lenient):
    """The S3 event notification format (what S3 and MinIO send)."""

    Records = ma.fields.List(ma.fields.Nested(_S3Record), required=True, validate=ma.validate.Length(
        max=MAX_RECORDS, error="At most %d records per notification." % MAX_RECORDS))


@blp.route("/webhooks/storage")
class StorageEvents(MethodView):
    @blp.response(202, StorageEventResultSchema)
    @blp.alt_response(400, description="`VALIDATION_ERROR`: not an S3 event notification, or over %d records" % MAX_RECORDS)
    @blp.alt_response(401, description="`UNAUTHENTICATED`: missing or wrong storage webhook secret")
    @blp.doc(security=[])
    @blp.doc(operationId="storage.receiveEvents")
    def post(self):
        """Receive an S3/MinIO event notification and queue the completion of the uploads it reports

        Authenticate with `RENDEROWL_STORAGE_WEBHOOK_SECRET` as `Authorization: Bearer <secret>`
        or `X-Renderowl-Storage-Secret`. The body is the S3 event format (`Records[].s3.object.key`,
        at most 100 records); records that name no uploading asset are ignored, so replays and
        unrelated objects are harmless, and each asset is checked once however often it is named.
        """
        _check_secret()
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError("INVALID_JSON", "Request body must be an S3 event notification (JSON)", 400)
        try:
            records = StorageEventSchema().load(body)["Records"]
        except ma.ValidationError as error:
            raise ValidationError(flatten_messages(error.messages)) from None
        created = [r for r in records if "ObjectCreated" in r["eventName"]]
        ids = list(dict.fromkeys(filter(None, (_asset_id_for(r["s3"]) for r in created))))
        assets = list(Asset.live(Asset.id).where(Asset.id.in_(ids))) if ids else []
        for asset in assets:
            complete_staged_upload(str(asset.id))
        statuses = {a.id: a.status for a in Asset.select(Asset.id, Asset.status).where(
            Asset.id.in_([a.id for a in assets]))} if assets else {}
        return {"received": len(created),
                "assets": [{"id": str(i), "status": statuses[i]} for i in ids if i in statuses]}, 202


def _check_secret():
    expected = setting("STORAGE_WEBHOOK_SECRET")
    given = bearer_token(request.headers) or request.headers.get("X-Renderowl-Storage-Secret", "")
    if not given:
        raise ApiError("UNAUTHENTICATED", "Send the storage webhook secret as a Bearer token", 401)
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError("UNAUTHENTICATED", "Invalid storage webhook secret", 401)


def _asset_id_for(s3):
    """The id of the asset whose staged upload a record names, or None."""
    provider = storage()
    bucket = getattr(provider, "bucket", None)
    if bucket and (s3.get("bucket") or {}).get("name") not in (None, bucket):
        return None
    object_key = unquote_plus(s3["object"]["key"])
    key = provider.key_for(object_key) if hasattr(provider, "key_for") else object_key
    return Asset.parse_staging_key(key)
