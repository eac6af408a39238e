"""Uploads: where a client sends an asset's bytes, and what happens once they are stored."""
import mimetypes

from ..errors import ApiError
from ..queue import storage
from .models import Asset

UPLOAD_URL_SECONDS = 15 * 60


def original_key(project_id, asset_id, mime_type):
    """Storage key of the uploaded file; the extension lets downloads carry a sensible type."""
    extension = mimetypes.guess_extension(mime_type or "", strict=False) or ""
    return Asset.folder_for(project_id, asset_id) + "original" + extension


def thumbnail_key(asset):
    """Storage key of the asset's JPEG thumbnail."""
    return Asset.folder_for(asset.project_id, asset.id) + "thumbnail.jpg"


def upload_target(asset):
    """A signed PUT for exactly the declared size and content type, valid 15 minutes."""
    return storage().upload_target(asset.storage_key, asset.size_bytes, asset.mime_type,
                                   expires_in=UPLOAD_URL_SECONDS, claims={"assetId": str(asset.id)})


def complete_upload(asset):
    """Move an uploaded asset to `processing` and queue its probe; a no-op past `uploading`.

    The stored object must exist with the declared size (S3 emulators do not enforce the
    signed Content-Length), else 409 UPLOAD_INCOMPLETE and the asset stays `uploading`.
    Call outside any transaction: the probe is queued only once the change is committed.
    """
    if asset.status != "uploading":
        return asset
    stored = storage().head(asset.storage_key)
    if stored != asset.size_bytes:
        message = ("No uploaded file was found" if stored is None
                   else "The uploaded file has %d bytes, not the declared %d" % (stored, asset.size_bytes))
        raise ApiError("UPLOAD_INCOMPLETE", message, 409,
                       {"expectedBytes": asset.size_bytes, "storedBytes": stored})
    if Asset.start_processing(asset.id):
        from .tasks import probe_asset
        probe_asset(str(asset.id))
    return Asset.get_by_id(asset.id)
