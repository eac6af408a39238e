"""Keyed reads vs a bare Flask endpoint under the same gunicorn settings (issue 13, target 1).

Usage: .venv/bin/python bench/auth_read.py [--seconds 5] [--rounds 3] [--connections 8,32]
                                           [--backends sqlite,postgres]
For each backend it starts `gunicorn -w 2 wsgi:app` (real auth: key lookup, scope, rate limit,
the dump) and `gunicorn -w 2 bare_app:app`, and for each route (`GET /projects/:id`,
`GET /projects/:id/renders/:jobId`) and each wrk `-t2 -cN` it alternates bare and keyed runs.
Each round's ratio is keyed/bare of the two runs next to each other (drift on a shared machine
hits both alike); it prints min/median/max of the rounds' ratios. Targets: >= 0.6x on SQLite,
>= 0.45x on PostgreSQL + Redis. A last line per -cN is the app's floor: the same URL without a
key, a 401 that does no key lookup, rate limit or dump.
"""
import argparse
import os
import statistics
import sys
import types
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import ROOT, cpu_per_request, env_for, start_gunicorn, tempdir, wrk  # noqa: E402

MASTER = "bench-master-key-0123456789abcdef"
# Its own database, so a benchmark never wipes the one the test suite uses.
PG_URL = os.environ.get("RENDEROWL_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/renderowl_bench")
REDIS_URL = os.environ.get("RENDEROWL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
TARGETS = {"sqlite": 0.6, "postgres": 0.45}


def ensure_pg_database(url):
    """CREATE DATABASE for the benchmark if it does not exist yet."""
    import psycopg2
    from urllib.parse import urlparse
    name = urlparse(url).path.lstrip("/")
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cur.fetchone() is None:
            cur.execute('CREATE DATABASE "%s"' % name)
    conn.close()


def setup(backend, work):
    """Migrate a fresh database; create a project, a key and a completed render.

    Returns (config-like, project id, key, render job id).
    """
    from renderowl.cli import migrate_database
    from renderowl.db import make_database
    from renderowl.extensions import database
    cfg = types.SimpleNamespace(MASTER_KEY=MASTER, HUEY_SQLITE_PATH=os.path.join(work, "huey.db"),
                                STORAGE_URL="file://" + os.path.join(work, "storage"),
                                WORK_DIR=os.path.join(work, "work"), PUBLIC_URL="http://127.0.0.1")
    if backend == "sqlite":
        cfg.DATABASE_URL = "sqlite:///" + os.path.join(work, "bench.db")
    else:
        cfg.DATABASE_URL, cfg.REDIS_URL = PG_URL, REDIS_URL
        ensure_pg_database(PG_URL)
    db = make_database(cfg.DATABASE_URL)
    database.initialize(db)
    with db.connection_context():
        if backend == "postgres":
            db.execute_sql("DROP SCHEMA public CASCADE")
            db.execute_sql("CREATE SCHEMA public")
        migrate_database(db)
        from renderowl.auth.models import ApiKey
        from renderowl.projects.models import Project
        from renderowl.renders.models import RenderJob
        project = Project.create(slug="bench", name="Bench", settings={"defaultRateLimitRpm": 10 ** 6},
                                 webhook_secret="whsec_bench")
        _, key = ApiKey.issue(project, "bench", rate_limit_rpm=10 ** 6)
        job = RenderJob.create(
            id=uuid.uuid4(), project=project.id, status="completed", progress=1.0,
            video={"url": "https://example.com/clip.mp4"}, style={"fontSize": 48}, settings={"format": "mp4"},
            captions=[{"start": i * 2.0, "end": i * 2.0 + 1.5, "text": "Caption %d" % i} for i in range(15)],
            output={"durationSeconds": 30.0, "sizeBytes": 4200000, "width": 1280, "height": 720},
            output_key="projects/%s/renders/x.mp4" % project.id)
    db.close_all()
    return cfg, str(project.id), key, str(job.id)


def measure(backend, seconds, rounds, connections):
    """{(route, connections): [ratio per round]}, plus the requests/s behind them."""
    work = tempdir("renderowl-bench-")
    cfg, project_id, key, job_id = setup(backend, work)
    env = env_for(cfg)
    env["RENDEROWL_AUTH_FAILURES_PER_MINUTE"] = str(10 ** 9)  # the floor's 401s are not a guesser
    api, api_base = start_gunicorn(env, os.path.join(work, "api.log"), workers=2, access_log=False)
    bare_env = dict(env, PYTHONPATH=os.path.join(ROOT, "bench"))
    bare, bare_base = start_gunicorn(bare_env, os.path.join(work, "bare.log"), workers=2, app="bare_app:app",
                                     health="/bare", access_log=False)
    routes = {"GET /projects/:id": "%s/api/v1/projects/%s" % (api_base, project_id),
              "GET /projects/:id/renders/:jobId": "%s/api/v1/projects/%s/renders/%s" % (api_base, project_id, job_id)}
    headers = {"Authorization": "Bearer " + key}
    # The floor: the same URL without a key answers 401 through the URL map, the request hooks,
    # metrics and the error envelope, with no key lookup, rate limit or dump.
    floor_url = routes["GET /projects/:id"]
    results = {}

    def keyed(url, conns, with_headers=True):
        return cpu_per_request(lambda: wrk(url, headers if with_headers else None, seconds=seconds,
                                           connections=conns, threads=2, any_status=not with_headers), seconds)

    try:
        for url in routes.values():
            wrk(url, headers, seconds=2, threads=2)  # warm up both
        wrk(bare_base + "/bare", seconds=2, threads=2)
        for conns in connections:
            cases = [(name, url, True) for name, url in routes.items()]
            cases.append(("floor: the same URL answering 401 without a key", floor_url, False))
            for name, url, with_headers in cases:
                runs = results[(name, conns)] = []
                for _ in range(rounds):
                    bare_run = keyed(bare_base + "/bare", conns, False)
                    runs.append((bare_run, keyed(url, conns, with_headers)))
    finally:
        api.stop()
        bare.stop()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", default="8,32")
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    connections = [int(c) for c in args.connections.split(",")]
    for backend in args.backends.split(","):
        for (route, conns), runs in measure(backend, args.seconds, args.rounds, connections).items():
            ratios = sorted(api[0] / bare[0] for bare, api in runs)
            print("%-8s -c%-3d %-50s bare %6.0f req/s  keyed %6.0f req/s  ratio min %.2fx median %.2fx max %.2fx"
                  " (target >= %.2fx)" % (
                      backend, conns, route, statistics.median(b[0] for b, _ in runs),
                      statistics.median(a[0] for _, a in runs), ratios[0], statistics.median(ratios), ratios[-1],
                      TARGETS[backend]), flush=True)
            for label, side in (("bare", 0), ("keyed", 1)):
                groups = {}
                for run in runs:
                    for group, micros in run[side][1].items():
                        groups.setdefault(group, []).append(micros)
                shown = {group: statistics.median(values) for group, values in groups.items()}
                print("%-8s -c%-3d   CPU per request, %-5s (median of rounds): %s; total %.0f us" % (
                    backend, conns, label, ", ".join("%s %.0f us" % (g, shown[g]) for g in
                                                     ("gunicorn", "postgres", "redis", "wrk", "other") if g in shown),
                    sum(shown.values())), flush=True)

if __name__ == "__main__":
    main()
