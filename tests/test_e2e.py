"""The whole stack as a client sees it: real gunicorn + real huey_consumer over HTTP.

Project and key → upload an MP4 to its signed URL → ready → render with captions → a signed
webhook arrives → download the MP4, on the embedded default and on PostgreSQL + Redis + S3.
"""
import json

import av
import requests

from renderowl import verify_webhook
from tests.procs import env_for, free_port, start_consumer, start_gunicorn, wait_for
from tests.receiver import Receiver
from tests.render_media import make_clip

MASTER = {"Authorization": "Bearer test-master-key-0123456789abcdef"}


def test_upload_render_and_webhook_through_real_processes(config, tmp_path):
    port = free_port()
    receiver = Receiver()
    live = type("LiveConfig", (config,), {"PUBLIC_URL": "http://127.0.0.1:%d" % port,
                                          "OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"]})
    env = env_for(live, RENDEROWL_HUEY_NAME="e2e")
    consumer = start_consumer(env, str(tmp_path / "consumer.log"), workers=2)
    web, base = start_gunicorn(env, tmp_path / "web.log", workers=2, port=port)
    try:
        if hasattr(live, "S3_ENDPOINT_URL") and live.STORAGE_URL.startswith("s3://"):
            import boto3
            boto3.client("s3", endpoint_url=live.S3_ENDPOINT_URL, region_name="us-east-1").create_bucket(
                Bucket=live.STORAGE_URL[5:])
        api = base + "/api/v1"
        project = requests.post(api + "/projects", headers=MASTER, json={
            "slug": "e2e-co", "name": "E2E", "settings": {"webhookUrl": receiver.url("/events")}}).json()
        key = requests.post(api + "/projects/e2e-co/api-keys", headers=MASTER,
                            json={"name": "backend"}).json()["key"]
        auth = {"Authorization": "Bearer " + key}

        data = open(make_clip(tmp_path / "in.mp4", seconds=2), "rb").read()
        created = requests.post(api + "/projects/e2e-co/assets", headers=auth, json={
            "name": "in.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json()
        put = requests.put(created["uploadUrl"], data=data, headers=created["uploadHeaders"], timeout=30)
        assert put.status_code in (200, 204), put.text
        asset_url = api + "/projects/e2e-co/assets/" + created["asset"]["id"]
        if created["asset"]["status"] == "uploading" and live.STORAGE_URL.startswith("s3://"):
            assert requests.post(asset_url + "/complete", headers=auth).status_code == 200
        wait_for(lambda: requests.get(asset_url, headers=auth).json()["status"] in ("ready", "failed"),
                 60, "the asset to be probed", [consumer])
        asset = requests.get(asset_url, headers=auth).json()
        assert asset["status"] == "ready", asset
        assert asset["metadata"]["width"] == 320 and abs(asset["metadata"]["durationSeconds"] - 2) < 0.2

        job = requests.post(api + "/projects/e2e-co/renders", headers=auth, json={
            "video": {"type": "asset", "assetId": asset["id"]},
            "captions": {"srt": "1\n00:00:00,000 --> 00:00:02,000\nHello from the API\n"}}).json()
        assert job["status"] == "queued", job
        job_url = api + "/projects/e2e-co/renders/" + job["id"]
        wait_for(lambda: requests.get(job_url, headers=auth).json()["status"] in ("completed", "failed"),
                 120, "the render", [consumer])
        job = requests.get(job_url, headers=auth).json()
        assert job["status"] == "completed", job
        out = tmp_path / "out.mp4"
        out.write_bytes(requests.get(job["output"]["url"], timeout=30).content)
        with av.open(str(out)) as container:
            assert abs(container.duration / 1e6 - 2) < 0.2
            assert {s.type for s in container.streams} == {"video", "audio"}

        # The project's endpoint hears about both, each signed with the project's secret.
        def event_types():
            return {json.loads(hit["body"])["type"] for hit in receiver.hits("/events")}
        wait_for(lambda: {"asset.ready", "render.completed"} <= event_types(), 60, "the webhooks", [consumer])
        for hit in receiver.hits("/events"):
            assert verify_webhook(hit["body"], hit["headers"]["Renderowl-Signature"], project["webhookSecret"])
        usage = requests.get(api + "/projects/e2e-co", headers=MASTER).json()["usage"]
        assert usage["renderCount"] == 1 and 0.03 < usage["renderMinutesUsed"] < 0.04
    finally:
        web.stop()
        consumer.stop()
        receiver.close()
