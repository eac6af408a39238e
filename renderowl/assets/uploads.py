"""Uploads: where a client sends an asset's bytes, and what happens once they are stored."""
from ..errors import ApiError
from ..queue import storage
from ..storage import UPLOAD_LINK_SECONDS
from .models import Asset
from .tasks import probe_asset


def upload_target(asset):
    """A signed PUT for exactly the declared size and content type, valid until the asset's
    `upload_expires_at`."""
    return storage().upload_target(asset.storage_key, asset.size_bytes, asset.mime_type,
                                   expires_in=UPLOAD_LINK_SECONDS, claims={"assetId": str(asset.id)})


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
        probe_asset(str(asset.id))
    return Asset.get_by_id(asset.id)
