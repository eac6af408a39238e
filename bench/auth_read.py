"""Authenticated `GET /api/v1/projects/:id` vs a bare Flask endpoint, same gunicorn settings.

Usage: .venv/bin/python bench/auth_read.py [--seconds 8] [--backends sqlite,postgres]
Prints requests/s of each and the ratio (targets: >= 0.5x on SQLite, >= 0.4x on PostgreSQL).
Runs alternate (bare, api, bare, api) so drift on a shared machine hits both sides alike.
"""
import argparse
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import ROOT, env_for, start_gunicorn, tempdir, wrk  # noqa: E402

MASTER = "bench-master-key-0123456789abcdef"
# Its own database, so a benchmark never wipes the one the test suite uses.
PG_URL = os.environ.get("RENDEROWL_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/renderowl_bench")
REDIS_URL = os.environ.get("RENDEROWL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")


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
    """Migrate a fresh database, create a project and a key; return (config-like, project id, key)."""
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
        project = Project.create(slug="bench", name="Bench", settings={"defaultRateLimitRpm": 10 ** 5},
                                 webhook_secret="whsec_bench")
        _, key = ApiKey.issue(project, "bench", rate_limit_rpm=10 ** 5)
    db.close_all()
    return cfg, str(project.id), key


def measure(backend, seconds, rounds):
    work = tempdir("renderowl-bench-")
    cfg, project_id, key = setup(backend, work)
    env = env_for(cfg)
    api, api_base = start_gunicorn(env, os.path.join(work, "api.log"), workers=2, access_log=False)
    bare_env = dict(env, PYTHONPATH=os.path.join(ROOT, "bench"))
    bare, bare_base = start_gunicorn(bare_env, os.path.join(work, "bare.log"), workers=2, app="bare_app:app",
                                     health="/bare", access_log=False)
    try:
        url = "%s/api/v1/projects/%s" % (api_base, project_id)
        headers = {"Authorization": "Bearer " + key}
        wrk(url, headers, seconds=2)  # warm up both
        wrk(bare_base + "/bare", seconds=2)
        bare_rps, api_rps = [], []
        for _ in range(rounds):
            bare_rps.append(wrk(bare_base + "/bare", seconds=seconds))
            api_rps.append(wrk(url, headers, seconds=seconds))
    finally:
        api.stop()
        bare.stop()
    b, a = sum(bare_rps) / rounds, sum(api_rps) / rounds
    return b, a


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    targets = {"sqlite": 0.5, "postgres": 0.4}
    for backend in args.backends.split(","):
        bare_rps, api_rps = measure(backend, args.seconds, args.rounds)
        ratio = api_rps / bare_rps
        print("%-9s bare %8.0f req/s   authenticated read %8.0f req/s   ratio %.2fx (target >= %.1fx)"
              % (backend, bare_rps, api_rps, ratio, targets[backend]))


if __name__ == "__main__":
    main()
