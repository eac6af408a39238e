"""Keyset lists: `GET .../assets?limit=20` first page vs a page 100,000 rows deep, and vs bare.

Usage: .venv/bin/python bench/lists.py [--rows 100020] [--seconds 5] [--rounds 3] [--backends sqlite,postgres]
Seeds one project with `--rows` assets (and a neighbour project with a quarter as many, so the
owner column matters), then alternates wrk runs (bare, first page, deep page). The deep page's
cursor is the one a client would hold after walking 100,000 rows. Prints requests/s of each, the
cost of the deep page relative to the first (target <= 1.2x) and the first page against the bare
endpoint (targets >= 0.3x SQLite, >= 0.25x PostgreSQL).
"""
import argparse
import datetime
import os
import statistics
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.auth_read import setup  # noqa: E402
from bench.common import ROOT, env_for, start_gunicorn, tempdir, wrk  # noqa: E402

DEPTH = 100_000


def insert_assets(db, project_id, rows, neighbour=True):
    """`rows` ready assets in the project (and a quarter as many in another, when `neighbour`)."""
    from renderowl.assets.models import Asset
    from renderowl.projects.models import Project
    start = datetime.datetime(2026, 1, 1)
    owners = [project_id]
    if neighbour:
        owners.append(Project.create(slug="neighbour", name="Neighbour", webhook_secret="whsec_n").id)
    batch = []
    for i in range(rows):
        for owner in (owners if i % 4 == 0 else owners[:1]):
            # Two rows per millisecond: ties on created_at are broken by id, as in production.
            batch.append({"id": uuid.uuid4(), "project": owner, "name": "clip-%d.mp4" % i,
                          "name_lower": "clip-%d.mp4" % i, "type": "video", "status": "ready",
                          "size_bytes": 1000, "mime_type": "video/mp4",
                          "storage_key": "projects/%s/assets/%d.mp4" % (owner, i),
                          "metadata": {"durationMs": 30000, "width": 1280, "height": 720},
                          "created_at": start + datetime.timedelta(milliseconds=i // 2),
                          "updated_at": start})
        if len(batch) >= 1000 or i == rows - 1:
            with db.atomic():
                Asset.insert_many(batch).execute()
            batch = []


def seed(cfg, project_id, rows):
    """`rows` ready assets in the project, a quarter as many in another; the deep page's cursor."""
    from renderowl.assets.models import Asset
    from renderowl.db import make_database
    from renderowl.extensions import database
    from renderowl.pagination import encode_cursor
    db = make_database(cfg.DATABASE_URL)
    database.initialize(db)
    with db.connection_context():
        insert_assets(db, project_id, rows)
        if db.__class__.__name__.startswith("Postgres"):
            db.execute_sql("ANALYZE")
        newest_first = (Asset.select(Asset.created_at, Asset.id).where(Asset.project == project_id)
                        .order_by(Asset.created_at.desc(), Asset.id.desc()))
        last_seen = list(newest_first.offset(DEPTH - 1).limit(1))[0]
    db.close_all()
    return encode_cursor(last_seen)


def measure(backend, rows, seconds, rounds, connections, threads):
    work = tempdir("renderowl-bench-lists-")
    cfg, project_id, key, _ = setup(backend, work)
    cursor = seed(cfg, project_id, rows)
    env = env_for(cfg)
    api, api_base = start_gunicorn(env, os.path.join(work, "api.log"), workers=2, access_log=False)
    bare_env = dict(env, PYTHONPATH=os.path.join(ROOT, "bench"))
    bare, bare_base = start_gunicorn(bare_env, os.path.join(work, "bare.log"), workers=2, app="bare_app:app",
                                     health="/bare", access_log=False)
    headers = {"Authorization": "Bearer " + key}
    urls = {"bare": (bare_base + "/bare", None),
            "first": ("%s/api/v1/projects/%s/assets?limit=20" % (api_base, project_id), headers),
            "deep": ("%s/api/v1/projects/%s/assets?limit=20&cursor=%s" % (api_base, project_id, cursor), headers)}
    runs = {name: [] for name in urls}
    try:
        for url, hdrs in urls.values():
            wrk(url, hdrs, seconds=2, connections=connections, threads=threads)  # warm up
        for _ in range(rounds):
            for name, (url, hdrs) in urls.items():
                runs[name].append(wrk(url, hdrs, seconds=seconds, connections=connections, threads=threads))
    finally:
        api.stop()
        bare.stop()
    return runs


def spread(values):
    return "min %.2f / median %.2f / max %.2f" % (min(values), statistics.median(values), max(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=DEPTH + 20)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    targets = {"sqlite": 0.3, "postgres": 0.25}
    for backend in args.backends.split(","):
        runs = measure(backend, args.rows, args.seconds, args.rounds, args.connections, args.threads)
        # Per round: cost of a deep page relative to the first (time per request), list vs bare.
        depth_cost = [f / d for f, d in zip(runs["first"], runs["deep"])]
        vs_bare = [f / b for f, b in zip(runs["first"], runs["bare"])]
        print("%-9s req/s  bare %s  first page %s  deep page %s" % (
            backend, " ".join("%.0f" % v for v in runs["bare"]), " ".join("%.0f" % v for v in runs["first"]),
            " ".join("%.0f" % v for v in runs["deep"])))
        print("%-9s deep page cost / first page cost: %s (target <= 1.2x)" % (backend, spread(depth_cost)))
        print("%-9s first page / bare: %s (target >= %.2fx)" % (backend, spread(vs_bare), targets[backend]))


if __name__ == "__main__":
    main()
