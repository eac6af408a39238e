"""Where a delivered event's time goes: the dispatch task in-process, its queries and its CPU.

Usage: .venv/bin/python bench/profile_events.py [--events 500] [--top 12] [--backend sqlite]
Records `--events` events (half render.completed, half asset.ready) for a project whose
webhookUrl is a loopback receiver in another process (so its CPU is not counted here), then runs
the consumer's task body (`process_event.call_local`, app context and connection included) for
each, one after another: wall and CPU time per event, statements and transactions per event by
kind, then the same again under cProfile with the top functions by own time.
"""
import argparse
import cProfile
import collections
import io
import logging
import multiprocessing
import os
import pstats
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.auth_read import setup  # noqa: E402
from bench.common import print_top, tempdir  # noqa: E402


# (package, file, function) whose cumulative time makes the per-event breakdown.
STEPS = {("renderowl", "queue.py", "inner"), ("events", "bus.py", "dispatch"), ("events", "bus.py", "_claim"),
         ("events", "bus.py", "_settle"), ("webhooks", "tasks.py", "deliver_event"),
         ("webhooks", "delivery.py", "deliver_due"), ("webhooks", "delivery.py", "ensure_destinations"),
         ("webhooks", "delivery.py", "_claim"), ("webhooks", "delivery.py", "send"),
         ("webhooks", "delivery.py", "_record"), ("renderowl", "outbound.py", "request"),
         ("renderowl", "outbound.py", "_target"), ("renderowl", "outbound.py", "from_config"),
         ("automations", "hooks.py", "on_event"), ("automations", "tasks.py", "admit_waiting"),
         ("automations", "hooks.py", "start_asset_upload_runs"), ("peewee", "peewee.py", "commit"),
         ("peewee", "peewee.py", "get_or_none")}


def _group(filename, func):
    """The layer a function belongs to, for the own-time summary."""
    if "sqlite3" in func or "psycopg" in filename or "psycopg" in func or "cursor" in func.lower():
        return "database driver"
    if "socket" in func or "select" in func or "ssl" in filename:
        return "sockets"
    for name, layer in (("peewee", "peewee"), ("playhouse", "peewee"), ("urllib3", "http client"),
                        ("http/client", "http client"), ("email/", "http client"), ("renderowl", "renderowl"),
                        ("huey", "huey"), ("flask", "flask"), ("werkzeug", "flask"), ("json", "json"),
                        ("uuid", "uuid"), ("datetime", "datetime"), ("hmac", "signing"), ("hashlib", "signing")):
        if name in filename or name in func:
            return layer
    return "other"


def _receive(port_queue):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


class QueryCounter(logging.Handler):
    """peewee logs every statement at DEBUG as (sql, params): count them by their first word."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.kinds = collections.Counter()

    def emit(self, record):
        if isinstance(record.msg, tuple):  # (the pool logs plain strings to a child logger)
            self.kinds[record.msg[0].split(None, 1)[0].upper()] += 1


def build(backend, events):
    work = tempdir("renderowl-bench-profile-events-")
    cfg, project_id, _, _ = setup(backend, work)
    ports = multiprocessing.Queue()
    receiver = multiprocessing.Process(target=_receive, args=(ports,), daemon=True)
    receiver.start()
    url = "http://127.0.0.1:%d/hook" % ports.get(timeout=10)
    from config import Config
    from renderowl import create_app
    settings = {k: v for k, v in vars(cfg).items() if k.isupper()}
    settings.update(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"], HUEY_IMMEDIATE=False)
    app = create_app(type("BenchConfig", (Config,), settings))
    from renderowl.events import enqueue_event, record_event
    from renderowl.extensions import database, huey
    from renderowl.projects.models import Project
    with app.app_context(), database.connection_context():
        Project.update(settings={"webhookUrl": url}).where(Project.id == project_id).execute()
        ids = []
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(events):
            # What bench/events.py's producer (and a render's settlement) does.
            with database.atomic():
                event = record_event(project_id, ("render.completed", "asset.ready")[i % 2], {"n": i})
            enqueue_event(event)
            ids.append(str(event.id))
        print("== recording one event and enqueueing it (%s): %.2f ms wall, %.2f ms CPU" % (
            backend, (time.perf_counter() - wall) / events * 1000, (time.process_time() - cpu) / events * 1000))
        huey.flush()  # nobody consumes them here; the dispatches below are called directly
    return app, ids, receiver


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--backend", default="sqlite")
    args = parser.parse_args()
    app, ids, receiver = build(args.backend, 2 * args.events)
    from renderowl.events.tasks import process_event
    first, second = ids[:args.events], ids[args.events:]
    counter = QueryCounter()
    peewee_log = logging.getLogger("peewee")
    peewee_log.addHandler(counter)
    peewee_log.setLevel(logging.DEBUG)
    peewee_log.propagate = False
    from bench.events import cpu_seconds
    from renderowl.db import is_postgres
    from renderowl.extensions import database
    with app.app_context(), database.connection_context():  # the tasks' own contexts reuse this one
        backend_pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0] if is_postgres() else None
        for event_id in first[:20]:
            process_event.call_local(event_id)  # warm up (imports, the pool, compiled queries)
        counter.kinds.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        server = cpu_seconds(backend_pid) if backend_pid else 0.0
        for event_id in first[20:]:
            process_event.call_local(event_id)
        n = len(first) - 20
        wall, cpu = (time.perf_counter() - wall) / n * 1000, (time.process_time() - cpu) / n * 1000
        server = (cpu_seconds(backend_pid) - server) / n * 1000 if backend_pid else None
        kinds = {k: v / n for k, v in sorted(counter.kinds.items())}
        peewee_log.removeHandler(counter)
        peewee_log.setLevel(logging.WARNING)
        print("== dispatch of one event (%s): %.2f ms wall, %.2f ms CPU%s; statements per event: %s"
              % (args.backend, wall, cpu, "" if server is None else " (+ %.2f ms in its PostgreSQL backend)" % server,
                 ", ".join("%s %.1f" % kv for kv in kinds.items())))
        profile = cProfile.Profile()
        profile.enable()
        for event_id in second:
            process_event.call_local(event_id)
        profile.disable()
    receiver.terminate()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = stats.total_tt
    print("   profiled (wall clock): %.2f ms per event; top %d by own time" % (total / len(second) * 1000, args.top))
    print("   by step (cumulative, wall clock, profiled):")
    for (filename, line, func), (cc, nc, tt, ct, _) in sorted(stats.stats.items(), key=lambda item: -item[1][3]):
        if (os.path.basename(os.path.dirname(filename)), os.path.basename(filename), func) in STEPS:
            print("  %7.1f us/event  %4.1f calls/event  %s.%s" % (
                ct / len(second) * 1e6, nc / len(second), os.path.basename(filename)[:-3], func))
    groups = collections.Counter()
    for (filename, line, func), (cc, nc, tt, ct, _) in stats.stats.items():
        groups[_group(filename, func)] += tt
    print("   own time by layer: " + ", ".join("%s %.0f us (%.0f%%)" % (name, tt / len(second) * 1e6, 100 * tt / total)
                                              for name, tt in groups.most_common()))
    print_top(stats, len(second), args.top, "event")


if __name__ == "__main__":
    main()
