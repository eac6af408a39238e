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
from bench.common import print_top, tempdir  # noqa: E402
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


def call(app, path, key, expect="200"):
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
               "wsgi.multiprocess": True, "wsgi.run_once": False, "REMOTE_ADDR": "127.0.0.1",
               "HTTP_HOST": "127.0.0.1"}
    if key:
        environ["HTTP_AUTHORIZATION"] = "Bearer " + key
    status = []
    body = b"".join(app(environ, lambda s, h, exc_info=None: status.append(s)))
    if not status[0].startswith(expect):
        raise RuntimeError("%s -> %s %s" % (path, status[0], body[:300]))
    return body


def cpu_per_request(app, path, key, requests, expect="200"):
    """Mean CPU time (ms) of this process per call, after a warm-up; the best of 3 runs."""
    for _ in range(200):
        call(app, path, key, expect)
    best = None
    for _ in range(3):
        start = time.process_time()
        for _ in range(requests // 3):
            call(app, path, key, expect)
        per = (time.process_time() - start) / (requests // 3) * 1000
        best = per if best is None else min(best, per)
    return best


def floors(app, project_id, requests):
    """What a request costs before any work of ours: the bare Flask app, and ours answering 401."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from bare_app import app as bare
    app.config["AUTH_FAILURES_PER_MINUTE"] = 10 ** 9  # the 401s here are not a guesser
    print("== floors: bare Flask endpoint (bench/bare_app.py) %.3f ms CPU per request; our app answering 401 to "
          "a request without a key (URL map, request hooks, metrics, error envelope; no key lookup) %.3f ms"
          % (cpu_per_request(bare, "/bare", None, requests),
             cpu_per_request(app, "/api/v1/projects/%s" % project_id, None, requests, expect="401")))


def list_breakdown(app, project_id, requests):
    """Where a page of 20 assets goes: each step of the route timed alone, in process (CPU ms)."""
    import json
    from flask.json.provider import DefaultJSONProvider
    from renderowl.assets.models import Asset
    from renderowl.assets.schemas import AssetListArgsSchema, AssetPageSchema, AssetSchema
    from renderowl.extensions import database
    from renderowl.pagination import paginate
    from renderowl.queue import storage

    def timed(step):
        step()
        start = time.process_time()
        for _ in range(requests // 10):
            step()
        return (time.process_time() - start) / (requests // 10) * 1000

    with app.test_request_context(), database.connection_context():
        page = lambda: paginate(Asset.live().where(Asset.project == project_id), Asset, {"limit": 20})  # noqa: E731
        rows, schema, provider = page(), AssetPageSchema(), storage()
        others, args = AssetSchema(exclude=("urls",)), AssetListArgsSchema()
        dumped = schema.dump(rows)
        stdlib = DefaultJSONProvider(app)  # the encoder before orjson, for comparison
        stdlib.sort_keys = False
        asset = rows["data"][0]
        steps = {
            "query arguments (?limit=20) loaded": lambda: args.load({"limit": "20"}),
            "query + 21 rows (paginate)": page,
            "dump of the page (AssetPageSchema)": lambda: schema.dump(rows),
            "  of which: 20 signed download links": lambda: [
                provider.download_url(a.storage_key, filename=a.name, content_type=a.mime_type) for a in rows["data"]],
            "    (the same 20 signed each time, no cache)": lambda: [
                provider._sign_download(a.storage_key, a.name, a.mime_type, 1_900_000_000) for a in rows["data"]],
            "  of which: 20 x the other 13 fields": lambda: others.dump(rows["data"], many=True),
            "JSON encoding of the page (app.json: orjson)": lambda: app.json.dumps(dumped),
            "  (the same with Flask's stdlib encoder)": lambda: stdlib.dumps(dumped),
        }
        assert json.loads(app.json.dumps(dumped))["data"][0]["id"] == str(asset.id)
        print("== a page of 20 assets, step by step (sqlite, in process, CPU ms per call):")
        for name, step in steps.items():
            print("   %-48s %.3f ms" % (name, timed(step)))


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
        # CPU time of this process: the neighbours' load on a shared machine counts less.
        per = cpu_per_request(app, path, key, args.requests)
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
        print_top(stats, args.requests, args.top, "req")
    list_breakdown(app, project_id, args.requests)
    floors(app, project_id, args.requests)  # last: its 401s fill the address's failure log


if __name__ == "__main__":
    main()
