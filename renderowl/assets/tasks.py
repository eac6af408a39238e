"""Background work on assets: probe and thumbnail, remove deleted objects, reap stale rows.

Every task takes an asset id, re-reads the row and changes it with a conditional UPDATE, so
running one twice (a retry, the reaper re-queueing a probe whose worker died) changes nothing
twice. Events are recorded in the transaction of the status change and queued after commit.
"""
import datetime
import logging
import os
import tempfile

from ..db import utcnow
from ..extensions import database
from ..media import MediaError, make_thumbnail, probe
from ..queue import recovery_task, setting, storage, task
from ..storage import ObjectNotFound
from ..events import enqueue_event, record_event
from .models import STAGING_PREFIX, Asset
from .schemas import AssetSchema

log = logging.getLogger(__name__)

MAX_PROBE_ATTEMPTS = 3
THUMBNAIL_MAX_WIDTH = 640
METADATA_FIELDS = ("width", "height", "durationSeconds", "codec", "fps")
# What probing must find for each declared type (an audio asset may come in a video container).
EXPECTED_KINDS = {"video": ("video",), "image": ("image",), "audio": ("audio", "video")}


@task()
def probe_asset(asset_id):
    """Probe a `processing` asset's file, thumbnail it, and set `ready` or `failed`."""
    asset = Asset.live().where(Asset.id == asset_id).first()
    if asset is None or asset.status != "processing":
        return
    (Asset.update(probe_attempts=Asset.probe_attempts + 1, processing_started_at=utcnow())
     .where((Asset.id == asset.id) & (Asset.status == "processing")).execute())
    if asset.probe_attempts + 1 > MAX_PROBE_ATTEMPTS:
        _finish(asset, "failed", error="Processing was interrupted %d times; giving up." % MAX_PROBE_ATTEMPTS)
        return
    if not promote_upload(asset):
        _finish(asset, "failed", error="The uploaded file is missing from storage.")
        return
    try:
        metadata, thumbnail = _examine(asset)
    except MediaError as error:
        _finish(asset, "failed", error=error.message)
        return
    _finish(asset, "ready", metadata=metadata, thumbnail_key=thumbnail)


def _examine(asset):
    """Fetch the file to WORK_DIR, probe it, store a thumbnail; return (metadata, thumbnail key)."""
    if asset.type not in EXPECTED_KINDS:  # fonts and templates are stored as they are
        if storage().head(asset.storage_key) is None:
            raise MediaError("The uploaded file is missing from storage.")
        return {}, None
    work_dir = setting("WORK_DIR")
    os.makedirs(work_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="asset-") as folder:
        source = os.path.join(folder, "original")
        try:
            storage().fetch_to_file(asset.storage_key, source)
        except ObjectNotFound:
            raise MediaError("The uploaded file is missing from storage.") from None
        # A big fetch can take a while: show the reaper this worker is alive.
        Asset.update(processing_started_at=utcnow()).where(
            (Asset.id == asset.id) & (Asset.status == "processing")).execute()
        info = probe(source)
        if info["kind"] not in EXPECTED_KINDS[asset.type] or (asset.type == "audio" and not info["hasAudio"]):
            raise MediaError("The file was declared as %s but contains %s." % (asset.type, info["kind"]))
        metadata = {name: info.get(name) for name in METADATA_FIELDS}
        if asset.type == "audio":
            metadata.update(width=None, height=None, fps=None)
            return metadata, None
        target = os.path.join(folder, "thumbnail.jpg")
        make_thumbnail(source, target, THUMBNAIL_MAX_WIDTH)
        key = asset.thumbnail_target
        storage().put_file(key, target, "image/jpeg")
        return metadata, key


def _finish(asset, status, **values):
    """processing → ready|failed with its event, once; the event is queued after commit."""
    event = None
    with database.atomic():
        changed = (Asset.update(status=status, processing_started_at=None, updated_at=utcnow(), **values)
                   .where((Asset.id == asset.id) & (Asset.status == "processing") & Asset.is_live())
                   .execute())
        if changed:
            fresh = Asset.get_by_id(asset.id)
            event = record_event(fresh.project_id, "asset." + status, AssetSchema().dump(fresh))
    if event is not None:
        enqueue_event(event)
    elif values.get("thumbnail_key") and not Asset.live().where(Asset.id == asset.id).exists():
        # Deleted while we probed: its purge may already have run, so our thumbnail is ours to remove.
        storage().delete(values["thumbnail_key"])


@task()
def purge_asset(asset_id):
    """Remove a deleted asset's objects from storage (its bytes were released at delete)."""
    asset = Asset.get_or_none(Asset.id == asset_id)
    if asset is None or asset.deleted_at is None or asset.purged_at is not None:
        return
    storage().delete_prefix(Asset.folder_for(asset.project_id, asset.id))
    storage().delete(asset.staging_key)
    Asset.update(purged_at=utcnow()).where(Asset.id == asset.id).execute()


@recovery_task
def reap_assets():
    """Re-queue probes whose worker died, expire abandoned uploads, finish interrupted purges."""
    now = utcnow()
    stale = now - datetime.timedelta(seconds=setting("ASSET_PROCESSING_STALE_SECONDS"))
    stuck = Asset.live(Asset.id, Asset.processing_started_at).where(
        (Asset.status == "processing")
        & (Asset.processing_started_at.is_null() | (Asset.processing_started_at < stale)))
    for asset in stuck:
        # Claim it by moving the clock, so concurrent reapers queue it once.
        claimed = (Asset.update(processing_started_at=now)
                   .where((Asset.id == asset.id) & (Asset.status == "processing")
                          & (Asset.processing_started_at == asset.processing_started_at)
                          if asset.processing_started_at else
                          (Asset.id == asset.id) & Asset.processing_started_at.is_null())
                   .execute())
        if claimed:
            log.info("Re-queueing the probe of stale asset %s", asset.id)
            probe_asset(str(asset.id))

    grace = datetime.timedelta(seconds=setting("ASSET_UPLOAD_GRACE_SECONDS"))
    abandoned = Asset.live(Asset.id, Asset.project).where(
        (Asset.status == "uploading") & (Asset.upload_expires_at < now - grace))
    for asset in abandoned:
        event = None
        with database.atomic():
            if Asset.expire_upload(asset.id, "The upload was not completed before its link expired."):
                fresh = Asset.get_by_id(asset.id)
                event = record_event(fresh.project_id, "asset.failed", AssetSchema().dump(fresh))
        if event is not None:
            enqueue_event(event)
            storage().delete(asset.staging_key)  # a partial or wrong-sized upload, if any

    sweep_staging()

    unpurged = Asset.select(Asset.id).where(~Asset.is_live() & Asset.purged_at.is_null()
                                            & (Asset.deleted_at < stale))
    for asset in unpurged:
        purge_asset(str(asset.id))


def sweep_staging():
    """Delete staged uploads no asset will take: its asset is gone, deleted, or past `processing`
    (a replayed upload link wrote them). Such bytes are in no quota, so they must not stay."""
    keys = storage().list_keys(STAGING_PREFIX)
    owners = {key: Asset.parse_staging_key(key) for key in keys}
    ids = [i for i in owners.values() if i is not None]
    waiting = {a.id for a in Asset.live(Asset.id).where(
        Asset.id.in_(ids) & Asset.status.in_(("uploading", "processing")))} if ids else set()
    for key, asset_id in owners.items():
        if asset_id not in waiting:
            log.info("Removing orphan staged upload %s", key)
            storage().delete(key)


def promote_upload(asset):
    """Move the staged bytes to the asset's final key, once: True when the final file exists.

    For a `processing` asset (at completion when the store renames for free, else in the probe).
    Once the final file is there it is never replaced, so the bytes a probe examined are the
    bytes every render reads; a staged object written after that (a replayed link) is deleted.
    """
    provider = storage()
    if provider.head(asset.storage_key) is None:
        try:
            provider.move(asset.staging_key, asset.storage_key)
        except ObjectNotFound:
            # Nothing staged, unless a concurrent run of this probe moved it a moment ago.
            return provider.head(asset.storage_key) is not None
        return True
    provider.delete(asset.staging_key)
    return True
