"""The producer side of events: `record_event` against the peewee-built statements it replaced.

Usage: .venv/bin/python bench/record_event.py [--calls 500] [--rounds 3] [--backends sqlite,postgres]
In one process, on a migrated database (SQLite in a temporary directory; PostgreSQL at
RENDEROWL_BENCH_PG_URL), alternates rounds of the baseline (`Event.create` and `insert_many`
in a transaction, as before the prepared INSERTs) and `record_event`, and prints the CPU per call
of each (best round) and their ratio. Every state change with an event runs this.
"""
import argparse
import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.auth_read import setup  # noqa: E402
from bench.common import tempdir  # noqa: E402


def baseline(project_id, type, data, urls=None):
    """record_event as it was: each statement built and compiled by peewee per call."""
    from renderowl.db import utcnow
    from renderowl.events import bus
    from renderowl.events.models import Event, EventSubscription
    from renderowl.extensions import database
    with database.atomic():
        event = Event.create(project=project_id, type=type, data=data, urls=[u for u in (urls or []) if u])
        due = utcnow() + datetime.timedelta(seconds=bus.GRACE_SECONDS)
        rows = [{"event": event.id, "subscriber": name, "due_at": due} for name in bus.subscribers_for(type)]
        if rows:
            EventSubscription.insert_many(rows).execute()
    return event


def run(backend, calls, rounds):
    import renderowl.automations.hooks  # noqa: F401  (the subscribers register on import)
    import renderowl.webhooks.tasks  # noqa: F401
    from renderowl.db import make_database
    from renderowl.events import bus
    from renderowl.events.models import Event, EventSubscription
    from renderowl.extensions import database
    cfg, project_id, _, _ = setup(backend, tempdir("renderowl-bench-events-"))
    db = make_database(cfg.DATABASE_URL)
    database.initialize(db)
    data = {"renderJobId": "0" * 36, "status": "completed", "durationSeconds": 30.0, "url": "https://example.com/x"}
    best = {}
    with db.connection_context():
        for _ in range(50):
            baseline(project_id, "render.completed", data)
            bus.record_event(project_id, "render.completed", data)
        for _ in range(rounds):
            for name, record in (("baseline", baseline), ("record_event", bus.record_event)):
                start = time.process_time()
                for _ in range(calls):
                    record(project_id, "render.completed", data)
                per = (time.process_time() - start) / calls * 1e6
                best[name] = min(best.get(name, per), per)
        events, subscriptions = Event.select().count(), EventSubscription.select().count()
    db.close_all()
    assert events == 2 * (50 + rounds * calls), events  # both wrote every event...
    assert subscriptions == events * len(bus.subscribers_for("render.completed")), subscriptions  # ...and its subscriptions
    print("%-8s record_event %.0f us CPU per call, baseline (peewee-built statements) %.0f us -> %.2fx"
          % (backend, best["record_event"], best["baseline"], best["record_event"] / best["baseline"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        run(backend, args.calls, args.rounds)


if __name__ == "__main__":
    main()
