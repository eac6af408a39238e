"""Storage against a hostile project key: nothing uploaded runs in a browser, upload links die
with `uploading`, staged bytes never swap under a ready asset, storage events are bounded.

Runs on local storage (SQLite) and on S3 (moto, with PostgreSQL + Redis)."""
import io

import pytest
import requests

from renderowl.assets.models import Asset
from renderowl.assets.tasks import reap_assets
from renderowl.extensions import database
from renderowl.storage import expiry
from tests.conftest import bearer
from tests.test_assets import assets_url, complete, create, download, is_local, put_bytes, upload, usage

HOOK_SECRET = "storage-hook-secret"


def row(app, asset_id):
    with app.app_context(), database.connection_context():
        return Asset.get_by_id(asset_id)


def stored_bytes(app, key):
    storage = app.extensions["renderowl_storage"]
    if is_local_storage(app):
        path = storage.path_for(key)
        with open(path, "rb") as fh:
            return fh.read()
    return storage.client.get_object(Bucket=storage.bucket, Key=storage.object_key(key))["Body"].read()


def is_local_storage(app):
    return not hasattr(app.extensions["renderowl_storage"], "bucket")


def sweep(app):
    with app.app_context():
        reap_assets.call_local()


def test_downloads_are_attachments_of_the_declared_type_with_nosniff(client, key, project, media):
    asset = upload(client, key, project, media["png"], type="image", mime="image/png", name="still <b>.png")
    assert asset["status"] == "ready"
    status, body, headers = download(client, asset["urls"]["original"])
    assert status == 200 and body == media["png"]
    assert headers["Content-Type"] == "image/png"
    assert headers["Content-Disposition"].startswith("attachment")
    if is_local({"uploadUrl": asset["urls"]["original"]}):
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in headers["Content-Security-Policy"]
    status, _, headers = download(client, asset["urls"]["thumbnail"])
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert headers["Content-Disposition"].startswith("attachment")


def test_a_failed_assets_link_is_dead(client, key, project):
    created = create(client, key, project, 2700).json
    link = created["asset"]["urls"]["original"]
    assert put_bytes(client, created, b"this is not a video at all " * 100) == 200
    if not is_local(created):
        assert complete(client, key, project, created["asset"]["id"]).status_code == 200
    asset = client.get(assets_url(project, "/" + created["asset"]["id"]), headers=key).json
    assert asset["status"] == "failed" and asset["urls"] == {}
    if is_local(created):  # presigned S3 links cannot be revoked; they stay attachments of video/mp4
        status, body, _ = download(client, link)
        assert status == 404 and b"OBJECT_NOT_FOUND" in body


def test_local_download_links_stop_while_the_project_is_not_active(client, master, key, project, media):
    asset = upload(client, key, project, media["png"], type="image", mime="image/png")
    link = asset["urls"]["original"]
    if not is_local({"uploadUrl": link}):
        pytest.skip("presigned S3 links are served by S3")
    url = "/api/v1/projects/%s" % project["id"]
    for status in ("suspended", "archived"):
        client.patch(url, json={"status": status}, headers=master)
        assert download(client, link)[0] == 404, status
    client.patch(url, json={"status": "active"}, headers=master)
    assert download(client, link)[0] == 200


def test_upload_link_is_dead_once_the_asset_left_uploading(app, client, master, key, project, media):
    data = media["png"]
    created = create(client, key, project, len(data), type="image", mime="image/png").json
    asset_id = created["asset"]["id"]
    assert put_bytes(client, created, data) == 200
    if not is_local(created):
        assert complete(client, key, project, asset_id).status_code == 200
    ready = client.get(assets_url(project, "/" + asset_id), headers=key).json
    assert ready["status"] == "ready"
    final_key = row(app, asset_id).storage_key
    used = usage(client, master, project)

    # The same link again, with other bytes of the same size.
    other = bytes(reversed(data))
    status = put_bytes(client, created, other)
    if is_local(created):
        assert status == 409  # UPLOAD_ALREADY_COMPLETED
    else:
        assert status == 200  # S3 takes it, into the staging key only
    assert stored_bytes(app, final_key) == data
    assert complete(client, key, project, asset_id).json["status"] == "ready"  # a no-op
    sweep(app)
    storage = app.extensions["renderowl_storage"]
    assert storage.head(row(app, asset_id).staging_key) is None
    assert stored_bytes(app, final_key) == data
    assert usage(client, master, project) == used

    # After DELETE, the link writes nothing that stays.
    assert client.delete(assets_url(project, "/" + asset_id), headers=key).status_code == 204
    status = put_bytes(client, created, other)
    assert status == (404 if is_local(created) else 200)
    sweep(app)
    assert storage.list_keys("staging/") == []
    assert usage(client, master, project) == used - len(data)


def test_renders_read_only_the_final_key(app, client, key, project, media):
    asset = upload(client, key, project, media["mp4"])
    assert asset["status"] == "ready"
    with app.app_context(), database.connection_context():
        fresh = Asset.get_by_id(asset["id"])
    storage = app.extensions["renderowl_storage"]
    assert storage.head(fresh.storage_key) == len(media["mp4"])
    assert storage.head(fresh.staging_key) is None
    assert fresh.storage_key.startswith("projects/%s/assets/%s/" % (project["id"], asset["id"]))


def test_s3_complete_compares_the_stored_content_type(app, client, key, project, media):
    data = media["png"]
    created = create(client, key, project, len(data), type="image", mime="image/png").json
    if is_local(created):
        pytest.skip("local uploads refuse another Content-Type at the PUT (403 UPLOAD_SIGNATURE_INVALID)")
    storage = app.extensions["renderowl_storage"]
    staged = row(app, created["asset"]["id"]).staging_key
    # What a link holder can do with a lenient S3: store the bytes as HTML.
    storage.client.put_object(Bucket=storage.bucket, Key=storage.object_key(staged), Body=data, ContentType="text/html")
    resp = complete(client, key, project, created["asset"]["id"])
    assert resp.status_code == 409 and resp.json["error"]["code"] == "UPLOAD_INCOMPLETE"
    assert resp.json["error"]["details"] == {"declaredType": "image/png", "storedType": "text/html"}
    assert client.get(assets_url(project, "/" + created["asset"]["id"]), headers=key).json["status"] == "uploading"
    storage.client.put_object(Bucket=storage.bucket, Key=storage.object_key(staged), Body=data, ContentType="image/png")
    assert complete(client, key, project, created["asset"]["id"]).json["status"] == "ready"


def test_s3_links_carry_attachment_and_type_overrides(app):
    storage = app.extensions["renderowl_storage"]
    if is_local_storage(app):
        pytest.skip("S3 only")
    storage.client.put_object(Bucket=storage.bucket, Key=storage.object_key("projects/p/x.html"),
                              Body=b"<script>alert(1)</script>", ContentType="text/html")
    resp = requests.get(storage.download_url("projects/p/x.html", content_type="video/mp4"), timeout=10)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "video/mp4"
    assert resp.headers["Content-Disposition"].startswith("attachment")


def test_storage_events_are_deduplicated_and_queued(app, client, key, project, media):
    app.config["STORAGE_WEBHOOK_SECRET"] = HOOK_SECRET
    data = media["png"]
    created = create(client, key, project, len(data), type="image", mime="image/png").json
    asset = row(app, created["asset"]["id"])
    storage = app.extensions["renderowl_storage"]
    staged = asset.staging_key
    if is_local(created):
        storage.write_stream(staged, io.BytesIO(data), len(data))
    else:
        assert put_bytes(client, created, data) == 200
    object_key = storage.object_key(staged) if hasattr(storage, "object_key") else staged
    record = {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": getattr(storage, "bucket", "local")},
                                                       "object": {"key": object_key, "size": len(data)}}}
    resp = client.post("/webhooks/storage", json={"Records": [record] * 100}, headers=bearer(HOOK_SECRET))
    assert resp.status_code == 202
    assert resp.json == {"received": 100, "assets": [{"id": created["asset"]["id"], "status": "ready"}]}
    # The final key of an asset (a copy event) names no upload: nothing to do.
    final = dict(record, s3={"object": {"key": storage.object_key(asset.storage_key) if hasattr(storage, "object_key")
                                        else asset.storage_key}})
    resp = client.post("/webhooks/storage", json={"Records": [final]}, headers=bearer(HOOK_SECRET))
    assert resp.status_code == 202 and resp.json["assets"] == []


def test_signed_download_of_an_unsafe_key_is_404_not_500(app, client):
    storage = app.extensions["renderowl_storage"]
    if not is_local_storage(app):
        pytest.skip("local links only")
    token = storage.sign({"key": "projects/../../etc/passwd", "purpose": "download"}, expiry(60))
    resp = client.get("/storage/download/" + token)
    assert resp.status_code == 404 and resp.json["error"]["code"] == "OBJECT_NOT_FOUND"


def test_a_replayed_create_carries_a_fresh_link_while_uploading(client, key, project, media, monkeypatch):
    import renderowl.assets.uploads as uploads
    headers = {**key, "Idempotency-Key": "replay-fresh-link"}
    data = media["png"]
    monkeypatch.setattr(uploads, "UPLOAD_LINK_SECONDS", -1)  # the first answer's link is born expired
    first = create(client, headers, project, len(data), type="image", mime="image/png").json
    if is_local(first):  # (moto does not enforce presigned expiry; S3 answers 403 AccessDenied)
        assert put_bytes(client, first, data) == 403
    monkeypatch.setattr(uploads, "UPLOAD_LINK_SECONDS", 900)
    replay = create(client, headers, project, len(data), type="image", mime="image/png")
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json["asset"]["id"] == first["asset"]["id"]
    assert replay.json["uploadUrl"] != first["uploadUrl"] and replay.json["expiresAt"] > first["expiresAt"]
    assert put_bytes(client, replay.json, data) == 200
    if not is_local(replay.json):
        assert complete(client, key, project, first["asset"]["id"]).status_code == 200
    assert client.get(assets_url(project, "/" + first["asset"]["id"]), headers=key).json["status"] == "ready"
    # Past `uploading`, a replay is the first answer again: its link is dead like any other.
    again = create(client, headers, project, len(data), type="image", mime="image/png").json
    assert again["uploadUrl"] == first["uploadUrl"]
