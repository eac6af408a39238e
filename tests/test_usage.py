"""The daily usage reconcile, checked against what the API itself shows (never against the
counters under test)."""
import datetime

from renderowl.assets.models import Asset
from renderowl.assets.tasks import reap_assets
from renderowl.db import utcnow
from renderowl.extensions import database
from renderowl.projects.models import Project
from renderowl.usage.tasks import reconcile_all
from tests.test_assets import assets_url, create, upload, usage


def _expire(app, asset_id):
    """Let the upload link of `asset_id` run out and the reaper fail it."""
    app.config["ASSET_UPLOAD_GRACE_SECONDS"] = 0
    with app.app_context(), database.connection_context():
        Asset.update(upload_expires_at=utcnow() - datetime.timedelta(seconds=1)).where(Asset.id == asset_id).execute()
        reap_assets.call_local()


def test_reconcile_leaves_released_bytes_released(app, client, key, project, master, media):
    ready = upload(client, key, project, media["png"], type="image", mime="image/png")
    garbage = upload(client, key, project, b"not a video at all", name="junk.mp4")
    abandoned = create(client, key, project, 500).json["asset"]["id"]
    _expire(app, abandoned)
    statuses = {a["id"]: a["status"] for a in client.get(assets_url(project), headers=key).json["data"]}
    assert statuses == {ready["id"]: "ready", garbage["id"]: "failed", abandoned: "failed"}
    # The expired upload gave its 500 bytes back; a file that failed probing is still stored.
    held = ready["sizeBytes"] + garbage["sizeBytes"]
    assert usage(client, master, project) == held
    with app.app_context(), database.connection_context():
        assert reconcile_all() == {}
        Project.update(storage_bytes=1).where(Project.id == project["id"]).execute()  # drift
        assert reconcile_all()[project["id"]] == {"storage_bytes": (1, held)}
    assert usage(client, master, project) == held
