"""Deleting an asset while it is being processed: it stays deleted, its bytes are released once,
no `asset.ready` goes out, and nothing the probe wrote is left in storage."""
from renderowl.assets import tasks
from renderowl.assets.models import Asset
from renderowl.extensions import database
from renderowl.usage.tasks import reconcile_all
from renderowl.events import Event
from tests.test_assets import assets_url, complete, create, is_local, put_bytes, usage


def test_deleting_an_asset_while_it_is_processing(app, client, key, project, master, media,
                                                 make_queued_app, monkeypatch):
    queued, _ = make_queued_app()  # uploads complete, but no task runs until the test runs it
    qclient = queued.test_client()
    created = create(qclient, key, project, len(media["mp4"])).json
    asset_id = created["asset"]["id"]
    assert put_bytes(qclient, created, media["mp4"]) == 200
    if not is_local(created):
        assert complete(qclient, key, project, asset_id).status_code == 200
    assert client.get(assets_url(project, "/" + asset_id), headers=key).json["status"] == "processing"
    assert usage(client, master, project) == len(media["mp4"])

    real_probe, deleted = tasks.probe, []

    def probe_then_deleted(path):
        info = real_probe(path)
        # The user deletes the asset while the worker is between probing and storing results,
        # and another worker purges its files at once, before this one stores the thumbnail.
        deleted.append(client.delete(assets_url(project, "/" + asset_id), headers=key).status_code)
        tasks.purge_asset.call_local(asset_id)
        return info

    monkeypatch.setattr(tasks, "probe", probe_then_deleted)
    with app.app_context(), database.connection_context():
        tasks.probe_asset.call_local(asset_id)
    assert deleted == [204]
    assert client.get(assets_url(project, "/" + asset_id), headers=key).status_code == 404
    assert usage(client, master, project) == 0
    with app.app_context(), database.connection_context():
        row = Asset.get_by_id(asset_id)
        assert row.deleted_at is not None and row.status == "processing" and row.counted_bytes == 0
        assert not Event.select().where(Event.type == "asset.ready").exists()
        storage = app.extensions["renderowl_storage"]
        assert storage.head(row.storage_key) is None
        assert storage.head(row.thumbnail_target) is None  # the late thumbnail was not left behind
        assert reconcile_all() == {}
    assert client.delete(assets_url(project, "/" + asset_id), headers=key).status_code == 404
    assert usage(client, master, project) == 0
