"""Generate the caption-style gallery of the Templates guide with `POST /renders/preview`.

    python docs/gallery/make_gallery.py --url http://127.0.0.1:8000 --key "$KEY" [--project acme]
    python docs/gallery/make_gallery.py --url http://127.0.0.1:8000 --master-key "$RENDEROWL_MASTER_KEY"

Runs against a live server: uploads a generated 4 s 1280x720 clip as an asset (once per run),
then asks the server for one preview per style (positions top/center/bottom, word highlight,
background box, uppercase) and writes each PNG, 480 wide, into `docs/images/`. Every image is
exactly what the server answers: the frame a render of that body would show at `at`.
With a project key, it needs `assets:write` and `renders:write` and works in the key's project;
with the master key it creates (or reuses) the project `caption-gallery`.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import imageio_ffmpeg
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "images")
WIDTH = 480
AT = 2.3  # inside the caption, on the third word
CAPTIONS = [{"start": 1.0, "end": 3.5, "text": "Every word lands right on time",
             "words": [{"start": 1.0, "end": 1.4, "text": "Every"}, {"start": 1.4, "end": 1.9, "text": "word"},
                       {"start": 1.9, "end": 2.5, "text": "lands"}, {"start": 2.5, "end": 2.8, "text": "right"},
                       {"start": 2.8, "end": 3.1, "text": "on"}, {"start": 3.1, "end": 3.5, "text": "time"}]}]
BASE_STYLE = {"fontSize": 64, "maxCharsPerLine": 24}
# (file name, what it shows, style over BASE_STYLE)
GALLERY = [
    ("preview-position-bottom", "position: bottom (the default)", {"position": "bottom"}),
    ("preview-position-center", "position: center", {"position": "center"}),
    ("preview-position-top", "position: top", {"position": "top"}),
    ("preview-word-highlight", "wordHighlight with highlightColor",
     {"wordHighlight": True, "highlightColor": "#FFD700"}),
    ("preview-background-box", "backgroundColor: a box behind the text",
     {"backgroundColor": "#000000B3", "outlineWidth": 0}),
    ("preview-uppercase", "uppercase, with a thick outline",
     {"uppercase": True, "outlineWidth": 5, "outlineColor": "#1E1B4B"}),
]


def make_clip(path):
    """A 4 s 1280x720 gradient, generated with the FFmpeg that imageio-ffmpeg ships."""
    source = ("gradients=s=1280x720:c0=0x0f172a:c1=0x1d4ed8:c2=0x7c3aed:c3=0x0f766e:nb_colors=4:speed=0.01"
              ":type=linear:x0=0:y0=0:x1=1280:y1=720:seed=7,format=yuv420p")
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", source, "-t", "4", "-r", "30", "-c:v", "libx264", "-preset", "veryfast",
                    "-pix_fmt", "yuv420p", path], check=True)


def check(resp, *ok):
    if resp.status_code not in ok:
        sys.exit(f"{resp.request.method} {resp.url} answered {resp.status_code}: {resp.text[:500]}")
    return resp


def project_for(base, headers, args):
    if args.project:
        return check(requests.get(f"{base}/projects/{args.project}", headers=headers, timeout=10), 200).json()
    if args.master_key:
        found = requests.get(f"{base}/projects/caption-gallery", headers=headers, timeout=10)
        if found.status_code == 200:
            return found.json()
        return check(requests.post(f"{base}/projects", headers=headers, timeout=10,
                                   json={"slug": "caption-gallery", "name": "Caption gallery"}), 201).json()
    sys.exit("--project is needed with a project key")


def upload_clip(base, headers, project_id, path):
    """Create, upload and wait for a video asset; returns its id."""
    with open(path, "rb") as fh:
        data = fh.read()
    created = check(requests.post(f"{base}/projects/{project_id}/assets", headers=headers, timeout=10, json={
        "name": "gallery-clip.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data),
        "tags": ["docs-gallery"]}), 201).json()
    check(requests.put(created["uploadUrl"], data=data, headers=created["uploadHeaders"], timeout=60), 200, 204)
    asset_url = f"{base}/projects/{project_id}/assets/{created['asset']['id']}"
    check(requests.post(asset_url + "/complete", headers=headers, timeout=10), 200, 409)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        asset = check(requests.get(asset_url, headers=headers, timeout=10), 200).json()
        if asset["status"] in ("ready", "failed"):
            if asset["status"] == "failed":
                sys.exit(f"the gallery clip failed to process: {asset.get('error')}")
            return asset["id"]
        time.sleep(0.3)
    sys.exit("the gallery clip was not ready within 2 minutes (is a worker running?)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=os.environ.get("RENDEROWL_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--key", default=os.environ.get("RENDEROWL_KEY"), help="a project key (rk_live_...)")
    parser.add_argument("--master-key", default=os.environ.get("RENDEROWL_MASTER_KEY"))
    parser.add_argument("--project", help="project id or slug (needed with --key)")
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    token = args.key or args.master_key
    if not token:
        sys.exit("give --key (with --project) or --master-key")
    base = args.url.rstrip("/") + "/api/v1"
    headers = {"Authorization": "Bearer " + token}
    project = project_for(base, headers, args)
    with tempfile.TemporaryDirectory() as scratch:
        clip = os.path.join(scratch, "gallery.mp4")
        make_clip(clip)
        asset_id = upload_clip(base, headers, project["id"], clip)
    os.makedirs(args.out, exist_ok=True)
    for name, caption, style in GALLERY:
        body = {"video": {"type": "asset", "assetId": asset_id}, "captions": CAPTIONS,
                "style": {**BASE_STYLE, **style}, "at": AT, "width": WIDTH}
        resp = check(requests.post(f"{base}/projects/{project['id']}/renders/preview", headers=headers,
                                   json=body, timeout=60), 200)
        path = os.path.join(args.out, name + ".png")
        with open(path, "wb") as fh:
            fh.write(resp.content)
        print(f"{path}  {len(resp.content) / 1024:.0f} KiB  {caption}  style={style}")


if __name__ == "__main__":
    main()
