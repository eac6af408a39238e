"""Helpers for render tests: tiny clips, ready assets through the assets API, frame checks."""
import os
import subprocess
from urllib.parse import urlsplit

import av
import requests
from PIL import ImageChops, ImageStat

from renderowl.media import ffmpeg_binary


def make_clip(path, seconds=2, size="320x240", rate=25, audio=True):
    """A test-pattern H.264 (+ AAC sine) MP4."""
    args = [ffmpeg_binary(), "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}"]
    if audio:
        args += ["-f", "lavfi", "-i", "sine=frequency=440"]
    args += ["-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio:
        args += ["-c:a", "aac"]
    subprocess.run(args + [str(path)], check=True)
    return str(path)


def _send(client, method, url, **kwargs):
    """Requests to this server go through the test client; others (S3) over the network."""
    parts = urlsplit(url)
    if parts.hostname == "localhost":
        target = parts.path + ("?" + parts.query if parts.query else "")
        return getattr(client, method)(target, **kwargs)
    if "data" in kwargs and "headers" in kwargs:
        return requests.request(method.upper(), url, data=kwargs["data"], headers=kwargs["headers"], timeout=30)
    return requests.request(method.upper(), url, timeout=30)


def upload_asset(client, project_id, headers, path, name="clip.mp4"):
    """Create, upload and complete a video asset through the API; returns the ready asset JSON."""
    with open(path, "rb") as fh:
        data = fh.read()
    resp = client.post(f"/api/v1/projects/{project_id}/assets", headers=headers,
                       json={"name": name, "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)})
    assert resp.status_code == 201, resp.json
    created = resp.json
    put = _send(client, "put", created["uploadUrl"], data=data, headers=created["uploadHeaders"])
    assert put.status_code in (200, 204), getattr(put, "json", None) or put.text
    asset_id = created["asset"]["id"]
    done = client.post(f"/api/v1/projects/{project_id}/assets/{asset_id}/complete", headers=headers)
    assert done.status_code == 200, done.json
    asset = client.get(f"/api/v1/projects/{project_id}/assets/{asset_id}", headers=headers).json
    assert asset["status"] == "ready", asset
    return asset


def download(client, url, path):
    """Fetch a signed output URL to `path`."""
    resp = _send(client, "get", url)
    assert resp.status_code == 200
    with open(path, "wb") as fh:
        fh.write(resp.data if hasattr(resp, "data") else resp.content)
    return str(path)


def frame_at(path, seconds):
    """The frame shown at `seconds`, as RGB."""
    with av.open(str(path)) as container:
        chosen = None
        for frame in container.decode(video=0):
            if frame.time > seconds + 0.001:
                break
            chosen = frame
        return chosen.to_image().convert("RGB")


def region_difference(a, b, box):
    """Mean absolute per-channel difference inside `box`."""
    return sum(ImageStat.Stat(ImageChops.difference(a.crop(box), b.crop(box))).mean) / 3


def assert_captions_burned(source, output, at=1.0, caption_box=(0, 120, 320, 200), quiet_box=(0, 0, 320, 80)):
    """The output's frame differs from the input's where captions sit and nowhere else much."""
    before, after = frame_at(source, at), frame_at(output, at)
    assert before.size == after.size
    assert region_difference(before, after, caption_box) > 10
    assert region_difference(before, after, quiet_box) < 3


def file_size(path):
    return os.path.getsize(path)
