"""The Python client (sdk/python) against a live server, on the embedded default and on
PostgreSQL + Redis + S3: the journeys of a real integration, through the client's own API."""
import json
import time

import pytest
import requests

from renderowl_client import (NetworkError, NotFoundError, PermissionDeniedError, RateLimitError,
                              RenderowlClient, RenderowlError, construct_event, verify_webhook)
from tests.conftest import backend_config
from tests.procs import wait_for
from tests.render_media import make_clip
from tests.sdk_live import live_stack


@pytest.fixture(scope="module")
def live(backend, tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("sdk-python-" + backend)
    with live_stack(backend_config(backend, tmp, request), tmp) as stack:
        yield stack


@pytest.fixture(scope="module")
def admin(live):
    return RenderowlClient(api_key=live.master_key, base_url=live.base, timeout=30)


@pytest.fixture(scope="module")
def project(admin, live):
    return admin.projects.create(slug="sdk-py", name="SDK (Python)",
                                 settings={"webhookUrl": live.receiver.url("/hooks")})


@pytest.fixture(scope="module")
def client(admin, project, live):
    key = admin.api_keys.create(project["id"], name="backend")
    assert key["key"].startswith("rk_live_") and key["scopes"]
    return RenderowlClient(api_key=key["key"], base_url=live.base + "/api/v1", max_retries=3)


def test_upload_template_render_and_a_real_webhook(live, admin, client, project, tmp_path):
    clip = make_clip(tmp_path / "clip.mp4", seconds=2)
    progress = []
    asset = client.assets.upload(project["slug"], clip, name="clip.mp4", type="video", mime_type="video/mp4",
                                 on_progress=progress.append, wait=True, timeout=90)
    assert asset["status"] == "ready", asset
    assert asset["metadata"]["width"] == 320 and abs(asset["metadata"]["durationSeconds"] - 2) < 0.2
    sent = [p for p in progress if p["phase"] == "uploading"]
    assert sent[0]["loaded"] == 0 and sent[-1]["loaded"] == sent[-1]["total"] == asset["sizeBytes"]
    assert progress[-1]["phase"] == "processing" and progress[-1]["asset"]["status"] == "ready"

    template = client.templates.create(project["id"], {
        "name": "Lower third", "style": {"textColor": "{{color}}", "position": "bottom"},
        "variables": [{"key": "color", "type": "color", "required": True}]})
    job = client.renders.submit(project["id"], {
        "video": {"type": "asset", "assetId": asset["id"]}, "templateId": template["id"],
        "templateVariables": {"color": "#FFCC00"},
        "captions": [{"start": 0, "end": 1.5, "text": "Hello from the Python client"}]})
    assert job["status"] == "queued" and job["style"]["textColor"] == "#FFCC00"
    png = client.renders.preview(project["id"], {
        "video": {"type": "asset", "assetId": asset["id"]}, "templateId": template["id"],
        "templateVariables": {"color": "#FFCC00"}, "captions": [{"start": 0, "end": 1.5, "text": "Preview"}],
        "width": 160})
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    seen = []
    done = client.renders.wait_for(project["id"], job["id"], timeout=120, interval=0.5,
                                   on_progress=lambda j: seen.append(j["status"]))
    assert done["status"] == "completed", (done, live.logs())
    assert seen[-1] == "completed" and done["output"]["url"]
    assert requests.get(done["output"]["url"], timeout=30).content[4:8] == b"ftyp"
    today = client.usage.get(project["id"])["data"][-1]
    assert today["renderCount"] == 1 and today["renderMinutes"] > 0

    # The server's own webhook, as the receiver got it, verifies with the project's secret.
    def render_events():
        return [h for h in live.receiver.hits("/hooks") if json.loads(h["body"])["type"] == "render.completed"]
    wait_for(lambda: render_events(), 60, "the render.completed webhook", [live.consumer])
    hit = render_events()[0]
    header = hit["headers"]["Renderowl-Signature"]
    event = construct_event(hit["body"], header, project["webhookSecret"])
    assert event["data"]["id"] == job["id"] and event["projectId"] == project["id"]
    assert not verify_webhook(hit["body"] + b" ", header, project["webhookSecret"])
    assert not verify_webhook(hit["body"], header, "whsec_not-the-secret")

    # A rotation: the redelivered event is signed with the new and the old secret; either verifies.
    new_secret = admin.projects.rotate_webhook_secret(project["id"])["webhookSecret"]
    assert new_secret != project["webhookSecret"]
    delivery = next(iter(admin.webhook_deliveries.list(project["id"], event_id=event["id"])))
    admin.webhook_deliveries.redeliver(project["id"], delivery["id"])

    def resent():
        return [h for h in live.receiver.hits("/hooks")
                if json.loads(h["body"])["id"] == event["id"] and h["headers"]["Renderowl-Signature"].count("v1=") == 2]
    wait_for(lambda: resent(), 30, "the redelivery", [live.consumer])
    again = resent()[0]
    for secret in (new_secret, project["webhookSecret"]):
        assert construct_event(again["body"], again["headers"]["Renderowl-Signature"], secret)["id"] == event["id"]


def test_list_walks_45_assets_20_at_a_time(admin, client, project):
    created = set()
    for i in range(45):
        created.add(client.assets.create(project["id"], {"name": "page-%02d.png" % i, "type": "image",
                                                          "mimeType": "image/png", "sizeBytes": 10})["asset"]["id"])
    listing = client.assets.list(project["id"], type="image", limit=20)
    sizes = [len(page) for page in listing.pages()]
    assert sizes == [20, 20, 5]
    ids = [a["id"] for a in listing]
    assert len(ids) == 45 and set(ids) == created
    first = listing.page()
    assert first.has_more and len(first.data) == 20
    second = listing.page(first.next_cursor)
    assert not set(a["id"] for a in first.data) & set(a["id"] for a in second.data)


def test_typed_errors_not_found_scope_and_rate_limit_with_a_retry(admin, client, project, live):
    with pytest.raises(NotFoundError) as missing:
        client.assets.get(project["id"], "00000000-0000-4000-8000-000000000000")
    assert missing.value.code == "ASSET_NOT_FOUND" and missing.value.status == 404
    assert missing.value.request_id and missing.value.message

    read_only = admin.api_keys.create(project["id"], name="reader", scopes=["assets:read"])["key"]
    reader = RenderowlClient(api_key=read_only, base_url=live.base)
    with pytest.raises(PermissionDeniedError) as denied:
        reader.renders.submit(project["id"], {"video": {"type": "url", "url": "https://example.com/a.mp4"},
                                              "captions": [{"start": 0, "end": 1, "text": "x"}]})
    assert denied.value.code == "UNAUTHORIZED_SCOPE" and "renders:write" in denied.value.message

    slow = admin.api_keys.create(project["id"], name="slow", rateLimitRpm=1)["key"]
    impatient = RenderowlClient(api_key=slow, base_url=live.base, max_retries=0)
    with pytest.raises(RateLimitError) as limited:
        for _ in range(6):  # one window per gunicorn worker without Redis
            impatient.projects.get(project["id"])
    assert limited.value.code == "RATE_LIMIT_EXCEEDED" and 1 <= limited.value.retry_after <= 2

    statuses = []
    session = requests.Session()
    session.hooks["response"].append(lambda resp, *a, **k: statuses.append(resp.status_code))
    patient = RenderowlClient(api_key=slow, base_url=live.base, max_retries=3, session=session)
    started = time.monotonic()
    for _ in range(3):
        assert patient.projects.get(project["id"])["id"] == project["id"]
    assert 429 in statuses and statuses[-1] == 200, statuses
    assert time.monotonic() - started >= 0.9  # it waited as Retry-After said

    with pytest.raises(NetworkError) as unreachable:
        RenderowlClient(api_key=slow, base_url="http://127.0.0.1:9", max_retries=1).projects.get("x")
    assert not isinstance(unreachable.value, RenderowlError)


def test_a_create_whose_answer_was_lost_is_replayed_not_duplicated(client, project, live):
    path = "/api/v1/projects/%s/assets" % project["id"]
    requests.post(live.proxy.base + "/__proxy/drop", params={"method": "POST", "path": path}, timeout=5)
    through_proxy = RenderowlClient(api_key=client._transport.api_key, base_url=live.proxy.base, max_retries=2)
    created = through_proxy.assets.create(project["id"], {"name": "only-once.png", "type": "image",
                                                          "mimeType": "image/png", "sizeBytes": 10})
    attempts = live.proxy.log("POST", path)
    assert [a["dropped"] for a in attempts] == [True, False]
    assert attempts[0]["request_headers"]["Idempotency-Key"] == attempts[1]["request_headers"]["Idempotency-Key"]
    assert attempts[1]["response_headers"].get("Idempotent-Replayed") == "true"
    same_name = list(client.assets.list(project["id"], q="only-once"))
    assert [a["id"] for a in same_name] == [created["asset"]["id"]]
