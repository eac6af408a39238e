"""Where a keyed read's time goes: cProfile over in-process WSGI calls, top functions by own time.

Usage: .venv/bin/python bench/profile_read.py [--requests 3000] [--top 10] [--backend sqlite]
Calls the app's WSGI callable directly (what gunicorn's worker does, minus the socket) for
`GET /api/v1/projects/:id`, `GET /api/v1/projects/:id/renders/:jobId` and a page of 20 assets with a real key, and
prints the mean CPU time per request and the top functions by their own (tottime) share.
"""
import argparse
import cProfile
import io
import os
import pstats
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.auth_read import setup  # noqa: E402
from bench.common import tempdir  # noqa: E402
from bench.lists import insert_assets  # noqa: E402


def build(backend):
    work = tempdir("renderowl-bench-profile-")
    cfg, project_id, key, job_id = setup(backend, work)
    from renderowl.db import make_database
    from renderowl.extensions import database
    db = make_database(cfg.DATABASE_URL)
    database.initialize(db)
    with db.connection_context():
        insert_assets(db, project_id, 25, neighbour=False)  # the list route's page of 20
    db.close_all()
    from config import Config
    from renderowl import create_app
    settings = {k: v for k, v in vars(cfg).items() if k.isupper()}
    return create_app(type("BenchConfig", (Config,), settings)), project_id, job_id, key


def call(app, path, key):
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
               "wsgi.multiprocess": True, "wsgi.run_once": False, "REMOTE_ADDR": "127.0.0.1",
               "HTTP_AUTHORIZATION": "Bearer " + key, "HTTP_HOST": "127.0.0.1"}
    status = []
    body = b"".join(app(environ, lambda s, h, exc_info=None: status.append(s)))
    if not status[0].startswith("200"):
        raise RuntimeError("%s -> %s %s" % (path, status[0], body[:300]))
    return body


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--backend", default="sqlite")
    args = parser.parse_args()
    app, project_id, job_id, key = build(args.backend)
    for name, path in (("GET /projects/:id", "/api/v1/projects/%s" % project_id),
                       ("GET /projects/:id/renders/:jobId", "/api/v1/projects/%s/renders/%s" % (project_id, job_id)),
                       ("GET /projects/:id/assets?limit=20", "/api/v1/projects/%s/assets?limit=20" % project_id)):
        for _ in range(200):
            call(app, path, key)  # warm up
        # CPU time of this process: the neighbours' load on a shared machine does not count.
        start = time.process_time()
        for _ in range(args.requests):
            call(app, path, key)
        per = (time.process_time() - start) / args.requests * 1000
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(args.requests):
            call(app, path, key)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        total = stats.total_tt
        print("== %s (%s): %.3f ms CPU per request unprofiled; top %d by own time of %.3f ms profiled"
              % (name, args.backend, per, args.top, total / args.requests * 1000))
        rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:args.top]
        for (filename, line, func), (cc, nc, tt, ct, _) in rows:
            where = "%s:%d" % (os.path.basename(filename), line) if line else filename
            print("  %5.1f%%  %7.1f us/req  %6d calls/req  %s %s" % (
                100 * tt / total, tt / args.requests * 1e6, nc // args.requests, func, where))


if __name__ == "__main__":
    main()
