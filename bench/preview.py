"""Preview frames of a 720p asset through the API (cold and warm cache) vs bare FFmpeg.

    .venv/bin/python bench/preview.py             # --requests 30 --seconds 30 --size 1280x720 --keep

Starts `gunicorn -w 1 wsgi:app` and `huey_consumer wsgi.huey` (for the asset's probe) on the
embedded default in temporary directories, uploads a generated `testsrc2` clip as an asset,
then per round, on a frame never asked for before:
  - bare: the FFmpeg single-frame command, nothing else (`-ss t -i clip -frames:v 1 -an`,
    scaled to 640 wide, PNG to stdout);
  - cold: `POST /renders/preview` at that frame (a cache miss: seek, decode, scale, burn, PNG);
  - warm: `POST /renders/preview` at one frame already decoded, in another style each round
    (what trying styles on one frame costs).
Latencies are client-side wall times over HTTP (auth, validation, template merge included).
Prints median and p95 of each, and the goals: warm median <= 250 ms, cold median <= 2x bare.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import time

from common import (MASTER, captions_for, embedded_env, ffmpeg_binary, free_port, make_clip, start_consumer,
                    start_gunicorn, tempdir, upload_clip)

import requests

WIDTH = 640
STYLES = [
    {}, {"position": "top"}, {"position": "center", "fontSize": 64}, {"wordHighlight": True},
    {"backgroundColor": "#000000AA"}, {"uppercase": True, "textColor": "#FFD700"},
    {"outlineWidth": 6, "outlineColor": "#1E3A8A"}, {"fontSize": 36, "marginV": 120},
]


def bare(clip, at):
    """The plain single-frame FFmpeg command; returns (seconds, PNG bytes)."""
    started = time.perf_counter()
    png = subprocess.run([ffmpeg_binary(), "-hide_banner", "-nostdin", "-loglevel", "error", "-ss", f"{at:.3f}",
                          "-i", clip, "-frames:v", "1", "-an", "-vf", f"scale={WIDTH}:-2",
                          "-f", "image2pipe", "-c:v", "png", "pipe:1"], capture_output=True, check=True).stdout
    return time.perf_counter() - started, png


def timed_preview(url, headers, body):
    started = time.perf_counter()
    resp = requests.post(url, headers=headers, json=body, timeout=30)
    elapsed = time.perf_counter() - started
    if resp.status_code != 200 or resp.headers.get("Content-Type") != "image/png":
        raise RuntimeError(f"preview answered {resp.status_code}: {resp.text[:300]}")
    return elapsed, resp.content


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="rounds (one bare, one cold, one warm each)")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    base_dir = tempdir("renderowl-bench-preview-")
    port = free_port()
    env = embedded_env(base_dir, port)
    clip = os.path.join(base_dir, "clip.mp4")
    make_clip(clip, args.seconds, args.size)
    server, base = start_gunicorn(env, os.path.join(base_dir, "gunicorn.log"), workers=1, port=port,
                                  access_log=False)
    consumer = start_consumer(env, os.path.join(base_dir, "consumer.log"))
    bare_s, cold_s, warm_s, sizes = [], [], [], []
    try:
        api, asset = upload_clip(base, "bench-preview", clip)
        body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": captions_for(args.seconds)}
        url = api + "/renders/preview"
        warm_at = 1.0
        timed_preview(url, MASTER, {**body, "at": warm_at, "width": WIDTH})  # decodes the warm frame once
        span = args.seconds - 2.0
        for i in range(args.requests):
            # A different frame each round, spread over the clip (so over its GOPs), never cached.
            at = round(1.5 + (i * 7.31) % span, 3)
            seconds, _ = bare(clip, at)
            bare_s.append(seconds)
            seconds, png = timed_preview(url, MASTER, {**body, "at": at, "width": WIDTH})
            cold_s.append(seconds)
            sizes.append(len(png))
            seconds, _ = timed_preview(url, MASTER, {**body, "at": warm_at, "width": WIDTH,
                                                "style": STYLES[i % len(STYLES)]})
            warm_s.append(seconds)
    finally:
        consumer.stop()
        server.stop()
        if not args.keep:
            shutil.rmtree(base_dir, ignore_errors=True)

    ms = 1000.0
    print(f"preview of a {args.size} {args.seconds} s asset at width {WIDTH}, {args.requests} rounds "
          f"(embedded default: sqlite, local storage; gunicorn -w 1; client-side wall times)")
    for name, values in (("bare FFmpeg", bare_s), ("cold preview", cold_s), ("warm preview", warm_s)):
        print(f"  {name:13s} median {statistics.median(values) * ms:6.1f} ms   p95 {p95(values) * ms:6.1f} ms")
    warm_median, ratio = statistics.median(warm_s) * ms, statistics.median(cold_s) / statistics.median(bare_s)
    print(f"  warm median {warm_median:.1f} ms   goal <= 250 ms   {'ok' if warm_median <= 250 else 'OVER'}")
    print(f"  cold/bare median {ratio:.2f}x   goal <= 2x   {'ok' if ratio <= 2 else 'OVER'}")
    print(f"  PNG size median {statistics.median(sizes) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
