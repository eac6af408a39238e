"""A 30 s 1280x720 render through the API vs the same FFmpeg command run directly.

    .venv/bin/python bench/render.py              # --seconds 30 --size 1280x720 --rounds 1 --keep

Starts `gunicorn -w 1 wsgi:app` and `huey_consumer wsgi.huey` on the embedded default (SQLite,
local storage, SQLite queue) in temporary directories, uploads a generated clip as an asset,
then per round: runs the FFmpeg command the worker would run (built with
`build_ffmpeg_command`, run with `run_ffmpeg`, same ASS, style and settings) and times it; then
POSTs the render and times submit -> `completed` (queue pick-up, storage fetch, probe, ASS,
FFmpeg, storing the MP4, settling). Prints both wall times, the ratio API/direct (goal ≤ 1.1×)
and the API's realtime factor, clip seconds / wall seconds (goal ≥ 2×).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

from common import ROOT, Process, env_for, free_port, start_gunicorn, tempdir

import requests

sys.path.insert(0, ROOT)
from renderowl.media import build_ass, build_ffmpeg_command, ffmpeg_binary, run_ffmpeg  # noqa: E402

MASTER_KEY = "bench-master-key-0123456789abcdef"
BIN = os.path.dirname(sys.executable)


def make_clip(path, seconds, size):
    subprocess.run([ffmpeg_binary(), "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                    "-t", str(seconds), "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", path], check=True)


def captions_for(seconds):
    return [{"start": float(t), "end": float(min(t + 2, seconds)), "text": f"Caption number {t // 2 + 1} on screen"}
            for t in range(0, int(seconds), 2)]


def wait_for(fetch, done, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if done(value):
            return value
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}: {value}")


def direct(clip, job, duration, work):
    """The worker's FFmpeg command for this job, run directly; returns seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        ass = os.path.join(scratch, "captions.ass")
        settings = job["settings"]
        with open(ass, "w", encoding="utf-8") as fh:
            fh.write(build_ass(job["captions"], job["style"], settings["width"], settings["height"]))
        run_ffmpeg(build_ffmpeg_command(clip, ass, os.path.join(scratch, "out.mp4"), settings), duration)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    base_dir = tempdir("renderowl-bench-render-")
    storage_dir, work = os.path.join(base_dir, "storage"), os.path.join(base_dir, "work")
    os.makedirs(work)
    port = free_port()
    config = type("BenchConfig", (), {
        "DATABASE_URL": "sqlite:///" + os.path.join(base_dir, "renderowl.db"), "MASTER_KEY": MASTER_KEY,
        "STORAGE_URL": "file://" + storage_dir, "HUEY_SQLITE_PATH": os.path.join(base_dir, "huey.db"),
        "WORK_DIR": work, "PUBLIC_URL": "http://127.0.0.1:%d" % port, "SIGNING_SECRET": "bench-signing-secret",
    })
    env = env_for(config)
    subprocess.run([sys.executable, "-m", "renderowl", "migrate"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    clip = os.path.join(base_dir, "clip.mp4")
    make_clip(clip, args.seconds, args.size)
    server, base = start_gunicorn(env, os.path.join(base_dir, "gunicorn.log"), workers=1, port=port)
    # Plain `huey_consumer wsgi.huey`: the SQLite queue's poll back-off is capped by the app.
    consumer = Process([os.path.join(BIN, "huey_consumer"), "wsgi.huey", "-w", "1", "-k", "thread"],
                       env, os.path.join(base_dir, "consumer.log"))
    results = []
    try:
        h = {"Authorization": "Bearer " + MASTER_KEY}
        project = requests.post(base + "/api/v1/projects", headers=h, timeout=10,
                                json={"slug": "bench-render", "name": "Bench"}).json()
        api = f"{base}/api/v1/projects/{project['id']}"
        with open(clip, "rb") as fh:
            data = fh.read()
        created = requests.post(api + "/assets", headers=h, timeout=10, json={
            "name": "clip.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json()
        requests.put(created["uploadUrl"], data=data, headers=created["uploadHeaders"], timeout=60).raise_for_status()
        asset = wait_for(lambda: requests.get(api + "/assets/" + created["asset"]["id"], headers=h, timeout=10).json(),
                         lambda a: a["status"] in ("ready", "failed"), 120, "the asset")
        assert asset["status"] == "ready", asset
        body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": captions_for(args.seconds)}
        job = requests.post(api + "/renders", headers=h, timeout=10, json={**body, "dryRun": True}).json()
        for _ in range(args.rounds):
            direct_s = direct(clip, job, asset["metadata"]["durationSeconds"], work)
            started = time.perf_counter()
            submitted = requests.post(api + "/renders", headers=h, timeout=10, json=body)
            assert submitted.status_code == 202, submitted.text
            done = wait_for(lambda: requests.get(api + "/renders/" + submitted.json()["id"], headers=h, timeout=10).json(),
                            lambda j: j["status"] in ("completed", "failed", "cancelled"), 600, "the render")
            api_s = time.perf_counter() - started
            assert done["status"] == "completed", done
            results.append((direct_s, api_s, done["output"]))
    finally:
        consumer.stop()
        server.stop()
        if not args.keep:
            shutil.rmtree(base_dir, ignore_errors=True)

    print(f"render {args.seconds} s {args.size} clip, {len(job['captions'])} captions, "
          f"preset {job['settings']['preset']} crf {job['settings']['crf']} (embedded default: sqlite, local storage)")
    for index, (direct_s, api_s, output) in enumerate(results, 1):
        ratio, rtf = api_s / direct_s, args.seconds / api_s
        print(f"  round {index}: direct FFmpeg {direct_s:6.2f} s   through the API {api_s:6.2f} s   "
              f"(output {output['durationSeconds']} s, {output['sizeBytes'] / 1e6:.1f} MB)")
        print(f"    ratio API/direct: {ratio:.3f}x   goal <= 1.1x   {'ok' if ratio <= 1.1 else 'OVER'}")
        print(f"    realtime factor:  {rtf:.2f}x    goal >= 2x     {'ok' if rtf >= 2 else 'UNDER'}")
    if len(results) > 1:
        # One round is at the mercy of the neighbours; the median of paired rounds is the figure.
        ratios = sorted(api_s / direct_s for direct_s, api_s, _ in results)
        median = ratios[len(ratios) // 2] if len(ratios) % 2 else sum(ratios[len(ratios) // 2 - 1:][:2]) / 2
        print(f"  median ratio API/direct over {len(results)} rounds: {median:.3f}x   goal <= 1.1x   "
              f"{'ok' if median <= 1.1 else 'OVER'}")


if __name__ == "__main__":
    main()
