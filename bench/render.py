"""A 30 s 1280x720 render through the API vs the same FFmpeg command run directly.

    .venv/bin/python bench/render.py              # --seconds 30 --size 1280x720 --rounds 1 --keep
    .venv/bin/python bench/render.py --batch 8    # 8 renders at once vs 8 commands back to back

Starts `gunicorn -w 1 wsgi:app` and `huey_consumer wsgi.huey` on the embedded default (SQLite,
local storage, SQLite queue) in temporary directories, uploads a generated clip as an asset,
then per round: runs the FFmpeg command the worker would run (built with
`build_ffmpeg_command`, run with `run_ffmpeg`, same ASS, style and settings) and times it; then
POSTs the render and times submit -> `completed` (queue pick-up, storage fetch, probe, ASS,
FFmpeg, storing the MP4, settling). Prints both wall times, where the API's went (queue wait,
worker, the client's poll), the ratio API/direct (goal ≤ 1.05×)
and the API's realtime factor, clip seconds / wall seconds (goal ≥ 2×).
"""
import argparse
import datetime
import os
import shutil
import tempfile
import time

from common import (MASTER, captions_for, embedded_env, free_port, make_clip, start_consumer, start_gunicorn,
                    tempdir, upload_clip, wait_for)

import requests
from renderowl.media import build_ass, build_ffmpeg_command, probe, run_ffmpeg


def _epoch(timestamp):
    """Seconds since 1970 of an API timestamp (`2026-12-02T16:25:03.123Z`, UTC)."""
    return datetime.datetime.fromisoformat(timestamp.rstrip("Z")).replace(tzinfo=datetime.timezone.utc).timestamp()


def direct(clip, job, duration, work):
    """The worker's FFmpeg command for this job, run directly; returns seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        ass = os.path.join(scratch, "captions.ass")
        settings = job["settings"]
        with open(ass, "w", encoding="utf-8") as fh:
            fh.write(build_ass(job["captions"], job["style"], settings["width"], settings["height"]))
        cmd = build_ffmpeg_command(clip, ass, os.path.join(scratch, "out.mp4"), settings,
                                   audio_codec=probe(clip).get("audioCodec"))
        run_ffmpeg(cmd, duration)
    return time.perf_counter() - started


def batch(args, api, body, job, clip, asset, work):
    """Per round: N direct commands back to back, then N renders submitted at once; prints ratios."""
    ratios = []
    for index in range(1, args.rounds + 1):
        direct_s = sum(direct(clip, job, asset["metadata"]["durationSeconds"], work) for _ in range(args.batch))
        started = time.time()
        ids, finished = [], []
        for _ in range(args.batch):
            submitted = requests.post(api + "/renders", headers=MASTER, timeout=10, json=body)
            assert submitted.status_code == 202, submitted.text
            ids.append(submitted.json()["id"])
        for ident in ids:  # polled every 0.5 s, timed to the jobs' own completedAt (as one render is)
            done = wait_for(lambda: requests.get(api + "/renders/" + ident, headers=MASTER, timeout=10).json(),
                            lambda j: j["status"] in ("completed", "failed", "cancelled"), 1800, "the render",
                            interval=0.5)
            assert done["status"] == "completed", done
            finished.append(_epoch(done["completedAt"]))
        api_s = max(finished) - started
        ratios.append(api_s / direct_s)
        print(f"  batch round {index}: {args.batch} direct FFmpeg commands back to back {direct_s:6.2f} s   "
              f"{args.batch} renders submitted at once {api_s:6.2f} s   ratio {ratios[-1]:.3f}x (goal <= 1.05x)")
    print(f"render batch of {args.batch} x {args.seconds} s {args.size}: ratio min {min(ratios):.3f}x / "
          f"median {sorted(ratios)[len(ratios) // 2]:.3f}x / max {max(ratios):.3f}x (goal <= 1.05x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--batch", type=int, default=0,
                        help="per round, N renders submitted at once vs the same N commands back to back")
    args = parser.parse_args()

    base_dir = tempdir("renderowl-bench-render-")
    port = free_port()
    env = embedded_env(base_dir, port)
    work = os.path.join(base_dir, "work")
    clip = os.path.join(base_dir, "clip.mp4")
    make_clip(clip, args.seconds, args.size)
    server, base = start_gunicorn(env, os.path.join(base_dir, "gunicorn.log"), workers=1, port=port)
    # Plain `huey_consumer wsgi.huey`: the SQLite queue's poll back-off is capped by the app.
    consumer = start_consumer(env, os.path.join(base_dir, "consumer.log"))
    results = []
    try:
        api, asset = upload_clip(base, "bench-render", clip)
        body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": captions_for(args.seconds)}
        job = requests.post(api + "/renders", headers=MASTER, timeout=10, json={**body, "dryRun": True}).json()
        if args.batch:
            return batch(args, api, body, job, clip, asset, work)
        for _ in range(args.rounds):
            direct_s = direct(clip, job, asset["metadata"]["durationSeconds"], work)
            started = time.time()
            submitted = requests.post(api + "/renders", headers=MASTER, timeout=10, json=body)
            assert submitted.status_code == 202, submitted.text
            # Polled every 0.5 s: a tighter poll is web-worker CPU taken from FFmpeg on 2 cores. The
            # render's time is submit -> the job's own completedAt (same host, same clock); the
            # client's view (when its poll saw it) is printed beside it.
            done = wait_for(lambda: requests.get(api + "/renders/" + submitted.json()["id"], headers=MASTER, timeout=10).json(),
                            lambda j: j["status"] in ("completed", "failed", "cancelled"), 600, "the render", interval=0.5)
            seen_s = time.time() - started
            assert done["status"] == "completed", done
            api_s = _epoch(done["completedAt"]) - started
            results.append((direct_s, api_s, dict(done, seen_s=seen_s)))
    finally:
        consumer.stop()
        server.stop()
        if not args.keep:
            shutil.rmtree(base_dir, ignore_errors=True)

    print(f"render {args.seconds} s {args.size} clip, {len(job['captions'])} captions, "
          f"preset {job['settings']['preset']} crf {job['settings']['crf']} (embedded default: sqlite, local storage)")
    for index, (direct_s, api_s, done) in enumerate(results, 1):
        ratio, rtf, output = api_s / direct_s, args.seconds / api_s, done["output"]
        print(f"  round {index}: direct FFmpeg {direct_s:6.2f} s   through the API {api_s:6.2f} s   "
              f"(output {output['durationSeconds']} s, {output['sizeBytes'] / 1e6:.1f} MB)")
        created, started, completed = (_epoch(done[k]) for k in ("createdAt", "startedAt", "completedAt"))
        queued, worked = started - created, completed - started
        print(f"    of which: waiting in the queue {queued:5.2f} s, in the worker {worked:5.2f} s "
              f"(worker - direct {worked - direct_s:+5.2f} s); the client's 0.5 s poll saw it after {done['seen_s']:5.2f} s")
        print(f"    ratio API/direct: {ratio:.3f}x   goal <= 1.05x   {'ok' if ratio <= 1.05 else 'OVER'}")
        print(f"    realtime factor:  {rtf:.2f}x    goal >= 2x     {'ok' if rtf >= 2 else 'UNDER'}")
    if len(results) > 1:
        # One round is at the mercy of the neighbours; the median of paired rounds is the figure.
        ratios = sorted(api_s / direct_s for direct_s, api_s, _ in results)
        median = ratios[len(ratios) // 2] if len(ratios) % 2 else sum(ratios[len(ratios) // 2 - 1:][:2]) / 2
        print(f"  median ratio API/direct over {len(results)} rounds: {median:.3f}x   goal <= 1.05x   "
              f"{'ok' if median <= 1.05 else 'OVER'}")


if __name__ == "__main__":
    main()
