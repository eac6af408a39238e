"""Event delivery: events recorded by a producer, delivered signed by the consumers to a receiver.

Usage: .venv/bin/python bench/events.py [--events 2000] [--steady-seconds 30] [--backends sqlite,postgres]

Per backend: a producer process (the app's own code: `record_event` in a transaction, then
`enqueue_event`, as a render or an upload does) records `--events` render.completed/asset.ready
events as fast as it can; `huey_consumer wsgi.huey` (one on the embedded default, two on
PostgreSQL + Redis, 4 threads each) delivers them to a loopback receiver that verifies each
signature. Then a steady 20 events/s for `--steady-seconds`. Prints delivered events/s (targets
>= 200/s SQLite, >= 500/s PostgreSQL), p50/p99 from commit to arrival at 20/s (target p99 <=
500 ms), duplicates, bad signatures, and "database is locked" in the consumers' logs. The
baseline in the same run: the same signed POSTs sent straight to the receiver by as many threads.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.auth_read import setup  # noqa: E402
from bench.common import ROOT, env_for, tempdir  # noqa: E402
from tests.procs import start_consumer  # noqa: E402

SECRET = "whsec_bench"
TYPES = ("render.completed", "asset.ready")


class Receiver(ThreadingHTTPServer):
    """Records (event id, arrival time) of every POST whose signature verifies."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.arrivals, self.bad = [], 0
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/hook" % self.server_address[1]

    def seen(self):
        with self.lock:
            return list(self.arrivals)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        from renderowl_client.webhooks import verify_webhook
        arrived = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        ok = verify_webhook(body, self.headers.get("Renderowl-Signature", ""), SECRET)
        with self.server.lock:
            if ok:
                self.server.arrivals.append((json.loads(body)["id"], arrived))
            else:
                self.server.bad += 1
        self.send_response(200 if ok else 400)
        self.send_header("Content-Length", "0")
        self.end_headers()


def produce(count, rate, out_path):
    """(In the producer process.) Record `count` events, at `rate`/s or as fast as possible."""
    import wsgi
    from renderowl.events import enqueue_event, record_event
    from renderowl.extensions import database
    from renderowl.projects.models import Project
    with wsgi.app.app_context(), database.connection_context():
        project_id = Project.get(Project.slug == "bench").id
        start = time.time()
        with open(out_path, "w") as out:
            for i in range(count):
                if rate:
                    time.sleep(max(0.0, start + i / rate - time.time()))
                with database.atomic():
                    event = record_event(project_id, TYPES[i % 2], {"n": i})
                committed = time.time()
                enqueue_event(event)
                out.write("%s %.6f\n" % (event.id, committed))


def run_producer(env, work, count, rate):
    out = os.path.join(work, "produced-%s.txt" % (rate or "max"))
    subprocess.run([sys.executable, os.path.abspath(__file__), "--produce", str(count), "--rate", str(rate),
                    "--out", out], cwd=ROOT, env=env, check=True)
    with open(out) as fh:
        return dict((line.split()[0], float(line.split()[1])) for line in fh)


def wait_delivered(receiver, ids, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if ids <= {i for i, _ in receiver.seen()}:
            return True
        time.sleep(0.05)
    return False


def direct_baseline(receiver, count, threads):
    """The same number of signed POSTs sent straight to the receiver: what it can take."""
    import requests
    from renderowl_client.webhooks import sign_payload
    before = len(receiver.seen())
    per = count // threads

    def send(t):
        for i in range(per):
            body = json.dumps({"id": "direct-%d-%d" % (t, i), "type": "render.completed", "data": {}}).encode()
            try:  # like the outbound client: one connection per delivery
                requests.post(receiver.url, data=body, timeout=10, headers={
                    "Content-Type": "application/json", "Renderowl-Signature": sign_payload(body, [SECRET])})
            except requests.RequestException:
                pass  # counted by what arrived

    start = time.time()
    workers = [threading.Thread(target=send, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    sent = len(receiver.seen()) - before
    return sent / (time.time() - start)


def measure(backend, count, steady_seconds):
    from renderowl.db import make_database
    from renderowl.extensions import database
    from renderowl.projects.models import Project
    work = tempdir("renderowl-bench-events-")
    cfg, project_id, _, _ = setup(backend, work)
    receiver = Receiver()
    cfg.OUTBOUND_ALLOW_CIDRS = ["127.0.0.0/8"]
    db = make_database(cfg.DATABASE_URL)
    database.initialize(db)
    with db.connection_context():
        Project.update(settings={"defaultRateLimitRpm": 10 ** 5, "webhookUrl": receiver.url}).where(
            Project.id == project_id).execute()
    db.close_all()
    env = env_for(cfg)
    consumers = [start_consumer(env, os.path.join(work, "consumer-%d.log" % n), workers=4)
                 for n in range(1 if backend == "sqlite" else 2)]
    threads = 4 * len(consumers)
    result = {"consumers": len(consumers)}
    try:
        time.sleep(2)  # the consumers' start-up sweeps
        produced = run_producer(env, work, count, 0)
        if not wait_delivered(receiver, set(produced), 300):
            raise RuntimeError("not every event arrived; see %s" % work)
        arrivals = {}
        for ident, at in receiver.seen():
            arrivals.setdefault(ident, []).append(at)
        last = max(min(arrivals[i]) for i in produced)
        result["throughput"] = count / (last - min(produced.values()))
        result["produce_rate"] = count / (max(produced.values()) - min(produced.values()))
        result["duplicates"] = sum(len(arrivals[i]) - 1 for i in produced)

        steady = run_producer(env, work, 20 * steady_seconds, 20)
        if not wait_delivered(receiver, set(steady), 120):
            raise RuntimeError("not every steady event arrived; see %s" % work)
        first = {}
        for ident, at in receiver.seen():
            first.setdefault(ident, at)
        latencies = sorted((first[i] - t) * 1000 for i, t in steady.items())
        result["p50"] = statistics.median(latencies)
        result["p99"] = latencies[int(len(latencies) * 0.99) - 1]
        result["max"] = latencies[-1]
        result["baseline"] = direct_baseline(receiver, count, threads)
        result["bad_signatures"] = receiver.bad
    finally:
        for c in consumers:
            c.stop()
    result["locked"] = sum(c.output().count("database is locked") for c in consumers)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--steady-seconds", type=int, default=30)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--produce", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.produce:
        return produce(args.produce, args.rate, args.out)
    targets = {"sqlite": 200, "postgres": 500}
    for backend in args.backends.split(","):
        r = measure(backend, args.events, args.steady_seconds)
        print("%-9s %d events, %d consumer(s): delivered %.0f/s (target >= %d/s; producer recorded %.0f/s); "
              "direct POSTs to the receiver %.0f/s -> ratio %.2fx" % (
                  backend, args.events, r["consumers"], r["throughput"], targets[backend], r["produce_rate"],
                  r["baseline"], r["throughput"] / r["baseline"]))
        print("%-9s at 20 events/s: commit -> arrival p50 %.0f ms, p99 %.0f ms (target <= 500 ms), max %.0f ms"
              % (backend, r["p50"], r["p99"], r["max"]))
        print("%-9s duplicates %d, bad signatures %d, 'database is locked' in consumer logs %d"
              % (backend, r["duplicates"], r["bad_signatures"], r["locked"]))


if __name__ == "__main__":
    main()
