"""Uploads: where a client sends an asset's bytes, and what happens once they are stored.

A client never writes an asset's own file. Its upload link names the asset's staging key;
completion checks the staged object (size, and the stored Content-Type where the store keeps
one), moves the asset on from `uploading`, then moves the staged bytes to the asset's final key
(at once for a local rename; in the probe for S3, whose copy of a big object is no work for a
request). So an upload link is dead once its asset has left `uploading`: whatever it writes
later lands in staging, never under a `ready` asset, and the reaper's sweep removes it.
"""
from ..errors import ApiError
from ..queue import storage, task
from ..schema_fields import iso_utc
from ..storage import UPLOAD_LINK_SECONDS
from .models import Asset
from .tasks import probe_asset, promote_upload


def upload_target(asset):
    """A signed PUT to the staging key for exactly the declared size and content type, valid
    until the asset's `upload_expires_at`."""
    return storage().upload_target(asset.staging_key, asset.size_bytes, asset.mime_type,
                                   expires_in=UPLOAD_LINK_SECONDS, claims={"assetId": str(asset.id)})


def complete_upload(asset):
    """Move an uploaded asset to `processing` and queue its probe; a no-op past `uploading`.

    The staged object must exist with the declared size (S3 emulators do not enforce the
    signed Content-Length) and, where the store records one, the declared Content-Type; else
    409 UPLOAD_INCOMPLETE and the asset stays `uploading`.
    Call outside any transaction: the probe is queued only once the change is committed.
    """
    if asset.status != "uploading":
        return asset
    stored = storage().stat(asset.staging_key)
    if stored is None or stored.size != asset.size_bytes:
        size = None if stored is None else stored.size
        message = ("No uploaded file was found" if stored is None
                   else "The uploaded file has %d bytes, not the declared %d" % (size, asset.size_bytes))
        raise ApiError("UPLOAD_INCOMPLETE", message, 409, {"expectedBytes": asset.size_bytes, "storedBytes": size})
    if stored.content_type is not None and _media_type(stored.content_type) != _media_type(asset.mime_type):
        raise ApiError("UPLOAD_INCOMPLETE", "The uploaded file was stored as %s, not the declared %s"
                       % (stored.content_type, asset.mime_type), 409,
                       {"declaredType": asset.mime_type, "storedType": stored.content_type})
    if Asset.start_processing(asset.id):
        if storage().instant_move:
            promote_upload(asset)  # a rename: the file is in place before anyone sees `processing`
        probe_asset(str(asset.id))
    return Asset.get_by_id(asset.id)


@task()
def complete_staged_upload(asset_id):
    """A storage event says an upload arrived: complete it if the staged object is right."""
    asset = Asset.live().where(Asset.id == asset_id).first()
    if asset is None or asset.status != "uploading":
        return
    try:
        complete_upload(asset)
    except ApiError as error:
        if error.code != "UPLOAD_INCOMPLETE":  # not there yet, or not as declared: the client may retry
            raise


def fresh_upload_link(created):
    """A replayed asset-create answer, with a new upload link while the asset is `uploading`
    (the first one may have expired: a client retrying after a timeout must still upload)."""
    asset = Asset.live().where(Asset.id == created["asset"]["id"]).first()
    if asset is None or asset.status != "uploading":
        return created
    target = upload_target(asset)
    # The reaper fails an upload some time after its link expires: this link is the one now.
    Asset.update(upload_expires_at=target.expires_at.replace(tzinfo=None)).where(
        (Asset.id == asset.id) & (Asset.status == "uploading")).execute()
    return dict(created, uploadUrl=target.url, uploadHeaders=target.headers, expiresAt=iso_utc(target.expires_at))


def _media_type(value):
    return (value or "").split(";")[0].strip().lower()
