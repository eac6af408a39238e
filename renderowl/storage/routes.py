"""Storage endpoints: the local provider's signed upload/download links, and S3 event notifications."""
import hmac
import os
from urllib.parse import unquote_plus

import marshmallow as ma
from flask import request, send_file
from flask.views import MethodView
from werkzeug.exceptions import RequestEntityTooLarge

from ..assets.models import Asset
from ..assets.schemas import AssetUploadedSchema
from ..assets.uploads import complete_upload
from ..auth.bearer import bearer_token
from ..errors import ApiError, NotFound
from ..parser import Blueprint
from ..queue import setting, storage
from .local import DOWNLOAD, UPLOAD, LocalStorage

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
    @blp.alt_response(409, description="`UPLOAD_INCOMPLETE` (fewer bytes than declared), `UPLOAD_ALREADY_COMPLETED`")
    @blp.alt_response(413, description="`UPLOAD_TOO_LARGE`: more bytes than the declared `sizeBytes`")
    @blp.doc(security=[], description=LINK_DOC)
    @blp.doc(operationId="storage.upload")
    def put(self, token):
        """Upload an asset's bytes to local storage (the `uploadUrl` of a new asset)

        The body is streamed to a temporary file and renamed into place, so a failed or
        oversized upload leaves nothing behind. A complete upload starts processing at once.
        """
        provider = _local()
        claims = provider.verify(token, UPLOAD)
        size = claims["size"]
        asset = Asset.live().where(Asset.id == claims.get("assetId")).first()
        if asset is None or asset.storage_key != claims["key"]:
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


@blp.route("/storage/download/<token>")
class LocalDownload(MethodView):
    @blp.alt_response(200, description="The file; `Range` requests are answered with 206")
    @blp.alt_response(403, description="`DOWNLOAD_SIGNATURE_INVALID`, `DOWNLOAD_EXPIRED`")
    @blp.alt_response(404, description="`OBJECT_NOT_FOUND`")
    @blp.doc(security=[], description=LINK_DOC)
    @blp.doc(operationId="storage.download")
    def get(self, token):
        """Download a file from local storage (the `urls` of an asset)"""
        provider = _local()
        claims = provider.verify(token, DOWNLOAD)
        path = provider.path_for(claims["key"])
        if not os.path.isfile(path):
            raise NotFound("OBJECT_NOT_FOUND", "The file no longer exists")
        filename = claims.get("filename")
        return send_file(path, conditional=True, as_attachment=bool(filename), download_name=filename,
                         max_age=0)


class StorageEventResultSchema(ma.Schema):
    received = ma.fields.Integer(metadata={"description": "ObjectCreated records in the notification."})
    assets = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "`{id, status}` of each asset a record named (`uploading` if its file is not complete)."})


@blp.route("/webhooks/storage")
class StorageEvents(MethodView):
    @blp.response(200, StorageEventResultSchema)
    @blp.alt_response(401, description="`UNAUTHENTICATED`: missing or wrong storage webhook secret")
    @blp.doc(security=[])
    @blp.doc(operationId="storage.receiveEvents")
    def post(self):
        """Receive an S3/MinIO event notification and complete the uploads it reports

        Authenticate with `RENDEROWL_STORAGE_WEBHOOK_SECRET` as `Authorization: Bearer <secret>`
        or `X-Renderowl-Storage-Secret`. The body is the S3 event format (`Records[].s3.object.key`);
        records that name no asset are ignored, so replays and unrelated objects are harmless.
        """
        _check_secret()
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError("INVALID_JSON", "Request body must be an S3 event notification (JSON)", 400)
        records = [r for r in body.get("Records") or [] if isinstance(r, dict)
                   and "ObjectCreated" in str(r.get("eventName", ""))]
        results = []
        for record in records:
            asset = _asset_for(record)
            if asset is None:
                continue
            try:
                asset = complete_upload(asset)
            except ApiError as error:
                if error.code != "UPLOAD_INCOMPLETE":
                    raise
            results.append({"id": str(asset.id), "status": asset.status})
        return {"received": len(records), "assets": results}


def _check_secret():
    expected = setting("STORAGE_WEBHOOK_SECRET")
    given = bearer_token(request.headers) or request.headers.get("X-Renderowl-Storage-Secret", "")
    if not given:
        raise ApiError("UNAUTHENTICATED", "Send the storage webhook secret as a Bearer token", 401)
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError("UNAUTHENTICATED", "Invalid storage webhook secret", 401)


def _asset_for(record):
    """The live asset whose original file a notification record names, or None."""
    s3 = record.get("s3") or {}
    object_key = unquote_plus(str((s3.get("object") or {}).get("key", "")))
    provider = storage()
    bucket = getattr(provider, "bucket", None)
    if bucket and (s3.get("bucket") or {}).get("name") not in (None, bucket):
        return None
    key = provider.key_for(object_key) if hasattr(provider, "key_for") else object_key
    asset_id = Asset.parse_key(key)
    if asset_id is None:
        return None
    return Asset.live().where((Asset.id == asset_id) & (Asset.storage_key == key)).first()
