"""Preview frames through HTTP on both backends, drawn for real with FFmpeg + libass.

The reference for "exactly as the render would draw them" is a real render of the same body:
its MP4 is decoded at `at` and compared with the preview in the caption region.
"""
import functools
import http.server
import io
import os
import threading

import pytest
from PIL import Image

from renderowl import create_app
from renderowl.projects.models import Project
from renderowl.renders.models import RenderJob
from tests.conftest import bearer
from tests.render_media import download, frame_at, region_difference

# `clip` (a 2 s 320x240 25 fps test pattern) and `asset` (it, ready) come from conftest.

CAPTIONS = [{"start": 0.0, "end": 2.0, "text": "Hello preview world"}]
STYLE = {"fontSize": 28, "marginV": 16}  # sized for the 320x240 test clip
CAPTION_BOX = (0, 140, 320, 240)  # where bottom captions are drawn
QUIET_BOX = (0, 0, 320, 110)  # where they are not
FRAME_BYTES = 320 * 240 * 3 // 2  # one cached 320x240 yuv420p frame


def preview(client, project, key, **body):
    body.setdefault("captions", CAPTIONS)
    body.setdefault("style", STYLE)
    return client.post(f"/api/v1/projects/{project['id']}/renders/preview", json=body, headers=key)


def png(resp):
    assert resp.status_code == 200, resp.json
    assert resp.mimetype == "image/png" and resp.headers["Cache-Control"] == "no-store"
    return Image.open(io.BytesIO(resp.data)).convert("RGB")


def cache_files(app):
    folder = os.path.join(app.config["WORK_DIR"], "preview-cache")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


# --- the preview is the render's frame ---

@pytest.mark.parametrize("at, style", [
    (1.0, {}),
    # Not on a frame boundary (25 fps): the frame on screen at 1.37 s, with the word being spoken then.
    (1.37, {"wordHighlight": True, "highlightColor": "#00FF00", "backgroundColor": "#000000AA", "uppercase": True}),
])
def test_preview_matches_the_rendered_frame(client, project, key, asset, clip, tmp_path, at, style):
    body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS, "style": {**STYLE, **style},
            "settings": {"preset": "ultrafast", "crf": 12}}
    job = client.post(f"/api/v1/projects/{project['id']}/renders", json=body, headers=key).json
    job = client.get(f"/api/v1/projects/{project['id']}/renders/{job['id']}", headers=key).json
    assert job["status"] == "completed", job
    rendered = frame_at(download(client, job["output"]["url"], tmp_path / "out.mp4"), at)

    shot = png(preview(client, project, key, **body, at=at, width=320))
    assert shot.size == rendered.size == (320, 240)
    # Same captions: the difference is only the render's H.264 encoding.
    assert region_difference(shot, rendered, CAPTION_BOX) < 3
    # Same frame of the source (testsrc changes every frame).
    assert region_difference(shot, rendered, QUIET_BOX) < 3
    # And the captions are really there: the source alone differs where they are drawn.
    assert region_difference(shot, frame_at(clip, at), CAPTION_BOX) > 8


def test_a_different_style_changes_the_caption_region(app, client, project, key, asset):
    video = {"type": "asset", "assetId": asset["id"]}
    plain = png(preview(client, project, key, video=video, at=1.0, width=320))
    assert len(cache_files(app)) == 1
    for style in ({"textColor": "#FF0000"}, {"backgroundColor": "#0000FFFF"}, {"uppercase": True, "fontSize": 30}):
        other = png(preview(client, project, key, video=video, at=1.0, width=320, style={**STYLE, **style}))
        assert region_difference(plain, other, CAPTION_BOX) > 3, style
        assert region_difference(plain, other, QUIET_BOX) < 0.5, style
    moved = png(preview(client, project, key, video=video, at=1.0, width=320, style={**STYLE, "position": "top"}))
    assert region_difference(plain, moved, QUIET_BOX) > 8 and region_difference(plain, moved, CAPTION_BOX) > 8
    # Five styles, one decoded frame.
    assert len(cache_files(app)) == 1


def test_cached_frame_needs_no_source_and_answers_the_same(app, client, project, key, asset):
    video = {"type": "asset", "assetId": asset["id"]}
    first = preview(client, project, key, video=video, at=0.5, width=160)
    assert png(first).size == (160, 120)
    with app.app_context():
        from renderowl.assets.models import Asset
        app.extensions["renderowl_storage"].delete(Asset.get_by_id(asset["id"]).storage_key)
    again = preview(client, project, key, video=video, at=0.5, width=160)
    assert region_difference(png(again), png(first), (0, 0, 160, 120)) == 0
    # A frame never decoded needs the (now missing) source: the server says so, enveloped.
    missing = preview(client, project, key, video=video, at=1.5, width=160)
    assert missing.status_code == 500 and missing.json["error"]["code"] == "INTERNAL_ERROR"


def test_frame_cache_is_bounded_least_recently_used_first(app, client, project, key, asset, monkeypatch):
    monkeypatch.setitem(app.config, "PREVIEW_CACHE_BYTES", 2 * FRAME_BYTES)
    video = {"type": "asset", "assetId": asset["id"]}
    for at in (0.2, 0.6, 0.2, 1.0):  # 0.2 is used again, so 0.6 is the least recently used
        png(preview(client, project, key, video=video, at=at, width=320))
    names = cache_files(app)
    assert len(names) == 2
    from renderowl.media.preview import FrameCache
    source_id = None
    with app.app_context():
        from renderowl.assets.models import Asset
        row = Asset.get_by_id(asset["id"])
        source_id = f"{row.id}/{row.storage_key}"
    assert sorted(FrameCache.key(source_id, t, (320, 240)) for t in (0.2, 1.0)) == names


def test_defaults_at_and_width_and_url_video(config, project, key, clip, asset):
    url_app = create_app(type("UrlConfig", (config,), {"OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"]}))
    client = url_app.test_client()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=os.path.dirname(clip))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = {"type": "url", "url": f"http://127.0.0.1:{server.server_address[1]}/{os.path.basename(clip)}"}
        captions = [{"start": 0.4, "end": 1.2, "text": "Middle of the first caption"}]
        default = preview(client, project, key, video=url, captions=captions)
        assert png(default).size == (640, 480)  # default width, the output's aspect ratio
        explicit = preview(client, project, key, video=url, captions=captions, at=0.8, width=640)
        assert explicit.data == default.data
        from_asset = preview(client, project, key, video={"type": "asset", "assetId": asset["id"]},
                             captions=captions, at=0.8, width=640)
        assert region_difference(png(from_asset), png(default), (0, 0, 640, 480)) < 0.5
        past = preview(client, project, key, video=url, at=3.0)
        assert past.status_code == 400 and "at" in past.json["error"]["details"]
    finally:
        server.shutdown()


def test_template_and_variables_merge_as_for_a_render(client, project, key, asset):
    tpl = client.post(f"/api/v1/projects/{project['id']}/templates", headers=key, json={
        "name": "Loud", "style": {**STYLE, "textColor": "{{color}}", "uppercase": True},
        "defaultVideo": {"type": "asset", "assetId": asset["id"]},
        "variables": [{"key": "color", "type": "color", "required": True}]}).json
    via_template = preview(client, project, key, templateId=tpl["id"], templateVariables={"color": "#00FF00"},
                           style={"position": "center"}, at=1.0, width=320)
    explicit = preview(client, project, key, video={"type": "asset", "assetId": asset["id"]}, at=1.0, width=320,
                       style={**STYLE, "textColor": "#00FF00", "uppercase": True, "position": "center"})
    assert region_difference(png(via_template), png(explicit), (0, 0, 320, 240)) == 0
    missing = preview(client, project, key, templateId=tpl["id"])
    assert missing.status_code == 400 and missing.json["error"]["code"] == "INVALID_TEMPLATE_VARIABLES"


# --- what it costs: no job, no quota; 10 of the rate limit; one at a time per worker ---

def test_no_job_no_quota(client, project, key, asset):
    before = client.get(f"/api/v1/projects/{project['id']}", headers=key).json["usage"]
    png(preview(client, project, key, video={"type": "asset", "assetId": asset["id"]}))
    assert RenderJob.select().count() == 0
    row = Project.get_by_id(project["id"])
    assert (row.render_ms_reserved, row.render_ms_used, row.render_count) == (0, 0, 0)
    assert client.get(f"/api/v1/projects/{project['id']}", headers=key).json["usage"] == before


def test_a_preview_counts_ten_against_the_rate_limit(client, project, make_key, asset):
    key = bearer(make_key(project, rateLimitRpm=25)["key"])
    video = {"type": "asset", "assetId": asset["id"]}
    first = preview(client, project, key, video=video, width=64)
    assert first.status_code == 200 and first.headers["X-RateLimit-Remaining"] == "15"
    assert preview(client, project, key, video=video, width=64).headers["X-RateLimit-Remaining"] == "5"
    refused = preview(client, project, key, video=video, width=64)
    assert refused.status_code == 429 and refused.json["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # The refusal recorded nothing: five plain requests still fit, the sixth does not.
    for remaining in range(4, -1, -1):
        resp = client.get(f"/api/v1/projects/{project['id']}/renders", headers=key)
        assert resp.status_code == 200 and resp.headers["X-RateLimit-Remaining"] == str(remaining)
    assert client.get(f"/api/v1/projects/{project['id']}/renders", headers=key).status_code == 429


def test_a_key_under_ten_rpm_gets_one_preview_per_window(client, project, make_key, asset):
    key = bearer(make_key(project, rateLimitRpm=4)["key"])
    video = {"type": "asset", "assetId": asset["id"]}
    assert preview(client, project, key, video=video, width=64).headers["X-RateLimit-Remaining"] == "0"
    assert preview(client, project, key, video=video, width=64).status_code == 429


def test_busy_worker_answers_429_after_a_short_wait(app, client, project, key, asset, monkeypatch):
    monkeypatch.setitem(app.config, "PREVIEW_WAIT_SECONDS", 0.2)
    video = {"type": "asset", "assetId": asset["id"]}
    png(preview(client, project, key, video=video, width=64))  # creates the worker's slot
    slot = app.extensions["renderowl_preview_slot"]
    assert slot.acquire(timeout=1)  # another request is drawing
    try:
        busy = preview(client, project, key, video=video, width=64)
    finally:
        slot.release()
    assert busy.status_code == 429 and busy.json["error"]["code"] == "PREVIEW_BUSY"
    assert busy.headers["Retry-After"] == "1"
    png(preview(client, project, key, video=video, width=64))


def test_ffmpeg_wall_clock_limit(app, client, project, key, asset, monkeypatch):
    monkeypatch.setitem(app.config, "PREVIEW_TIMEOUT_SECONDS", 0.001)
    resp = preview(client, project, key, video={"type": "asset", "assetId": asset["id"]})
    assert resp.status_code == 504 and resp.json["error"]["code"] == "PREVIEW_TIMEOUT"
    assert cache_files(app) == []  # nothing half-written is kept


# --- refusals, enveloped ---

def test_not_ready_asset_is_409(client, project, key):
    created = client.post(f"/api/v1/projects/{project['id']}/assets", headers=key, json={
        "name": "later.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": 1000}).json
    resp = preview(client, project, key, video={"type": "asset", "assetId": created["asset"]["id"]})
    assert resp.status_code == 409 and resp.json["error"]["code"] == "ASSET_NOT_READY"


@pytest.mark.parametrize("at", [2.0, 7.5])
def test_at_past_the_end_is_400_naming_at(client, project, key, asset, at):
    resp = preview(client, project, key, video={"type": "asset", "assetId": asset["id"]}, at=at)
    assert resp.status_code == 400 and resp.json["error"]["code"] == "VALIDATION_ERROR"
    assert list(resp.json["error"]["details"]) == ["at"]


def test_default_at_past_the_end_is_400_naming_at(client, project, key, asset):
    resp = preview(client, project, key, video={"type": "asset", "assetId": asset["id"]},
                   captions=[{"start": 1.5, "end": 7, "text": "later"}])  # starts inside the 2 s clip
    assert resp.status_code == 400 and list(resp.json["error"]["details"]) == ["at"]


@pytest.mark.parametrize("extra, field", [
    ({"at": -1}, "at"), ({"at": "1"}, "at"), ({"width": 1281}, "width"), ({"width": 0}, "width"),
    ({"width": 320.5}, "width"),
])
def test_bad_at_or_width(client, project, key, asset, extra, field):
    resp = preview(client, project, key, video={"type": "asset", "assetId": asset["id"]}, **extra)
    assert resp.status_code == 400 and list(resp.json["error"]["details"]) == [field]


@pytest.mark.parametrize("body", [
    {"captions": []},
    {"captions": [{"start": 2, "end": 1, "text": "backwards"}]},
    {"captions": {"srt": "not srt at all"}},
    {"style": {"position": "left"}},
    {"style": {"colour": "#FFFFFF"}},
    {"settings": {"crf": 99}},
    {"templateVariables": {"x": 1}},
    {"templateId": "00000000-0000-0000-0000-000000000000"},
    {"video": {"type": "asset", "assetId": "00000000-0000-0000-0000-000000000000"}},
    {"unknownField": True},
    # The contract's caption limits bound a preview's work as they bound a render's.
    {"captions": [{"start": i * 0.001, "end": 1.9, "text": "x"} for i in range(2001)]},
    {"captions": [{"start": 0, "end": 1.9, "text": "y" * 501}]},
    {"captions": [{"start": 5, "end": 7, "text": "wholly past the end of the asset"}]},
])
def test_validation_is_the_renders(client, project, key, asset, body):
    full = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS, **body}
    rendered = client.post(f"/api/v1/projects/{project['id']}/renders", json=full, headers=key)
    previewed = client.post(f"/api/v1/projects/{project['id']}/renders/preview", json=full, headers=key)
    assert rendered.status_code in (400, 404) and previewed.status_code == rendered.status_code
    assert previewed.json == rendered.json


def test_url_video_goes_through_the_outbound_guard(client, project, key):
    resp = preview(client, project, key, video={"type": "url", "url": "http://127.0.0.1:9/clip.mp4"})
    assert resp.status_code == 400 and resp.json["error"]["code"] == "VALIDATION_ERROR"
    assert "not allowed" in resp.json["error"]["details"]["video.url"]


def test_needs_renders_write(client, project, make_key, asset):
    reader = bearer(make_key(project, scopes=["renders:read"])["key"])
    resp = preview(client, project, reader, video={"type": "asset", "assetId": asset["id"]})
    assert resp.status_code == 403 and resp.json["error"]["code"] == "UNAUTHORIZED_SCOPE"


def test_documented_as_png(client):
    operation = client.get("/openapi.json").json["paths"]["/api/v1/projects/{project_id}/renders/preview"]["post"]
    assert operation["responses"]["200"]["content"] == {"image/png": {"schema": {"type": "string", "format": "binary"}}}
    assert {"400", "404", "409", "429", "504"} <= set(operation["responses"])
    assert "PREVIEW_BUSY" in operation["responses"]["429"]["description"]
    assert "Counts as 10 requests" in operation["description"] and "same ASS" in operation["description"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = client.get("/openapi.json").json["components"]["schemas"][body]["properties"]
    assert {"at", "width", "captions", "style", "video", "templateId"} <= set(properties)
