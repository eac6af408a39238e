"""Writes under load on the embedded default: a mixed minute against 2 web workers + a consumer.

    .venv/bin/python bench/writes.py              # --seconds 60 --clients 16 --rounds 1

Starts `gunicorn -w 2 wsgi:app` and `huey_consumer wsgi.huey` on SQLite (local storage, SQLite
queue), uploads a short clip as a ready asset, then for `--seconds` keeps `--clients` concurrent
clients busy with a mix drawn at random per request: 70% reads (`GET /projects/:id`, an asset,
the asset list), 20% creates (`POST /assets`, `POST /templates`), 10% renders via dry run
(`POST /renders` with `dryRun`). Prints requests/s, errors (any status other than the one
expected), "database is locked" in the servers' logs, and p50/p99/max latency per kind. The
baseline in the same run: the same clients against `GET /healthz` (`SELECT 1`).
"""
import argparse
import os
import random
import shutil
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import requests  # noqa: E402

from bench.common import (MASTER, captions_for, embedded_env, free_port, make_clip, start_consumer,  # noqa: E402
                          start_gunicorn, tempdir, upload_clip)


def mix(api, asset_id, key):
    """(weight, kind, method, url, json body, expected status) of each request in the mix."""
    headers = {"Authorization": "Bearer " + key}
    template = {"name": "t", "style": {"fontSize": 48}}
    asset = {"name": "more.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": 1000}
    dry = {"video": {"type": "asset", "assetId": asset_id}, "captions": captions_for(4), "dryRun": True}
    return headers, [
        (40, "read", "get", api, None, 200),
        (15, "read", "get", api + "/assets/" + asset_id, None, 200),
        (15, "read", "get", api + "/assets?limit=20", None, 200),
        (10, "create", "post", api + "/assets", asset, 201),
        (10, "create", "post", api + "/templates", template, 201),
        (10, "render", "post", api + "/renders", dry, 200),
    ]


def load(base, plan, headers, seconds, clients):
    """Run `clients` threads for `seconds`; returns [(kind, seconds, ok, detail)]."""
    results, lock = [], threading.Lock()
    weights = [p[0] for p in plan]
    deadline = time.monotonic() + seconds

    def client(seed):
        rng, session, mine = random.Random(seed), requests.Session(), []
        while time.monotonic() < deadline:
            _, kind, method, url, body, expected = rng.choices(plan, weights)[0]
            started = time.perf_counter()
            try:
                resp = getattr(session, method)(url, json=body, headers=headers, timeout=30)
                ok, detail = resp.status_code == expected, resp.status_code
                if not ok:
                    detail = "%s %s" % (resp.status_code, resp.text[:200])
            except requests.RequestException as exc:
                ok, detail = False, repr(exc)
            mine.append((kind, time.perf_counter() - started, ok, detail))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    base_dir = tempdir("renderowl-bench-writes-")
    port = free_port()
    env = embedded_env(base_dir, port)
    clip = os.path.join(base_dir, "clip.mp4")
    make_clip(clip, 4, "320x240")
    server, base = start_gunicorn(env, os.path.join(base_dir, "gunicorn.log"), workers=2, port=port)
    consumer = start_consumer(env, os.path.join(base_dir, "consumer.log"))
    try:
        api, asset = upload_clip(base, "bench-writes", clip)
        key = requests.post(api + "/api-keys", headers=MASTER, timeout=10,
                            json={"name": "load", "rateLimitRpm": 100000}).json()["key"]
        headers, plan = mix(api, asset["id"], key)
        for index in range(1, args.rounds + 1):
            health = load(base, [(1, "healthz", "get", base + "/healthz", None, 200)], {}, 10, args.clients)
            results = load(base, plan, headers, args.seconds, args.clients)
            errors = [r for r in results if not r[2]]
            health_rps = len(health) / 10
            rps = len(results) / args.seconds
            print("round %d: %d requests in %d s with %d clients: %.0f req/s (GET /healthz alone: %.0f req/s, "
                  "ratio %.2fx); errors %d" % (index, len(results), args.seconds, args.clients, rps, health_rps,
                                                rps / health_rps, len(errors)))
            for kind in ("read", "create", "render"):
                times = [r[1] for r in results if r[0] == kind]
                print("  %-6s %5d requests  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms"
                      % (kind, len(times), quantile(times, 0.5), quantile(times, 0.99), max(times) * 1000))
            times = [r[1] for r in results]
            print("  all    %5d requests  p50 %6.1f ms  p99 %6.1f ms"
                  % (len(times), quantile(times, 0.5), quantile(times, 0.99)))
            for sample in sorted({str(r[3]) for r in errors})[:5]:
                print("  error:", sample)
    finally:
        consumer.stop()
        server.stop()
    locked = sum(p.output().count("database is locked") for p in (server, consumer))
    print("'database is locked' in the web and consumer logs: %d" % locked)
    if not args.keep:
        shutil.rmtree(base_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
