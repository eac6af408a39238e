"""Event delivery: events recorded by a producer, delivered signed by the consumers to a receiver.

Usage: .venv/bin/python bench/events.py [--events 2000] [--steady-seconds 30] [--backends sqlite,postgres]

Per backend, `huey_consumer wsgi.huey` (one on the embedded default, two on PostgreSQL + Redis,
4 threads each) delivers to a loopback receiver that verifies each signature. Events come from a
producer process running the app's own code (`record_event` in a transaction, then
`enqueue_event`, as a render or an upload does), half render.completed, half asset.ready.
Three phases:
- backlog: `--events` recorded and enqueued before the consumers start; delivered/s from the
  first arrival to the last (the consumers, the database and the receiver; no producer beside).
- end to end: `--events` more recorded as fast as one producer can while the consumers run;
  delivered/s from the first commit to the last arrival (bounded by the producer's rate too).
- steady: 20 events/s for `--steady-seconds`: p50/p99 from commit to arrival.
Targets: >= 200/s SQLite, >= 500/s PostgreSQL, p99 <= 500 ms. Also printed: duplicates, bad
signatures, "database is locked" in the consumers' logs; CPU per event of each process during
the backlog and end-to-end phases (from /proc: the consumers, this database's PostgreSQL
backends, the producer, this process, which is the receiver), which says what the 2 cores went
to; and a baseline: the same number of signed POSTs sent to the receiver by the app's outbound
client, from as many processes and threads as the consumers have, and the ratio to it.
"""
import argparse
import collections
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.auth_read import setup  # noqa: E402
from bench.common import ROOT, env_for, tempdir  # noqa: E402
from tests.procs import start_consumer, wait_for  # noqa: E402

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


def produce(count, rate, out_path, flush):
    """(In the producer process.) Record `count` events, at `rate`/s or as fast as possible."""
    import wsgi
    from renderowl.events import enqueue_event, record_event
    from renderowl.extensions import database, huey
    from renderowl.projects.models import Project
    if flush:
        huey.flush()  # nothing left in this queue from an earlier run
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


def run_producer(env, work, count, rate, flush=False):
    """{event id: commit time}, and the producer's CPU seconds."""
    out = os.path.join(work, "produced-%d-%s.txt" % (time.time_ns(), rate or "max"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, os.path.abspath(__file__), "--produce", str(count), "--rate", str(rate),
                    "--out", out] + (["--flush"] if flush else []), cwd=ROOT, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out) as fh:
        produced = dict((line.split()[0], float(line.split()[1])) for line in fh)
    return produced, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def cpu_seconds(pid):
    """utime + stime of a live process (all its threads), from /proc."""
    try:
        with open("/proc/%d/stat" % pid) as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pg_backends(dbname):
    """Pids of PostgreSQL backends serving `dbname` (their title names the database)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/cmdline" % entry, "rb") as fh:
                    title = fh.read().decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres: ") and (" %s " % dbname) in title:
                pids.append(int(entry))
    return pids


class CpuMeter:
    """CPU seconds of the consumers, this database's PostgreSQL backends and this process."""

    def __init__(self, consumers, dbname):
        self.consumers, self.dbname = consumers, dbname

    def sample(self):
        backends = pg_backends(self.dbname) if self.dbname else []
        return {"consumers": sum(cpu_seconds(c.proc.pid) for c in self.consumers),
                "postgres": sum(cpu_seconds(pid) for pid in backends),
                "receiver": time.process_time()}

    @staticmethod
    def per_event(before, after, producer, count):
        used = {k: after[k] - before[k] for k in after}
        used["producer"] = producer
        return {k: v / count * 1000 for k, v in used.items()}


def wait_delivered(receiver, ids, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if ids <= {i for i, _ in receiver.seen()}:
            return True
        time.sleep(0.05)
    return False


def direct_baseline(receiver, count, processes, threads):
    """The same number of signed POSTs sent to the receiver by the app's outbound client, from
    `processes` processes of `threads` threads (as the consumers are): what the receiver and the
    client can do without the rest."""
    before = len(receiver.seen())
    senders = [subprocess.Popen([sys.executable, os.path.abspath(__file__), "--direct", str(count // processes),
                                 "--threads", str(threads), "--url", receiver.url], cwd=ROOT)
               for _ in range(processes)]
    for sender in senders:
        sender.wait()
    # From the first arrival to the last, like the backlog: the senders' start-up does not count.
    times = sorted(at for _, at in receiver.seen()[before:])
    return (len(times) - 1) / (times[-1] - times[0])


def send_direct(count, threads, url):
    """(In a baseline process.) `count` signed POSTs to `url` from `threads` threads."""
    from renderowl.outbound import OutboundClient
    from renderowl_client.webhooks import sign_payload
    client = OutboundClient(allow_cidrs=["127.0.0.0/8"], connect_timeout=5, read_timeout=10)
    per = count // threads

    def send(t):
        for i in range(per):
            body = json.dumps({"id": "direct-%d-%d-%d" % (os.getpid(), t, i), "type": "render.completed",
                               "data": {"n": i}}).encode()
            try:
                client.request("POST", url, data=body, headers={
                    "Content-Type": "application/json", "Renderowl-Signature": sign_payload(body, [SECRET])})
            except Exception:
                pass  # counted by what arrived

    workers = [threading.Thread(target=send, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


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
    dbname = urlparse(cfg.DATABASE_URL).path.lstrip("/") if backend == "postgres" else None
    result = {}

    # Backlog: every event recorded and enqueued before a consumer runs.
    backlog, _ = run_producer(env, work, count, 0, flush=True)
    consumers = [start_consumer(env, os.path.join(work, "consumer-%d.log" % n), workers=4)
                 for n in range(1 if backend == "sqlite" else 2)]
    meter = CpuMeter(consumers, dbname)
    result["consumers"] = len(consumers)
    try:
        # CPU from the first arrival on: a consumer's start-up (imports, the app) is not delivery.
        wait_for(lambda: receiver.seen(), 60, "the first backlog event", consumers)
        before, started = meter.sample(), len(receiver.seen())
        if not wait_delivered(receiver, set(backlog), 300):
            raise RuntimeError("not every backlog event arrived; see %s" % work)
        result["backlog_cpu"] = CpuMeter.per_event(before, meter.sample(), 0.0, count - started)
        first = _first_arrivals(receiver)
        times = sorted(first[i] for i in backlog)
        result["backlog"] = (count - 1) / (times[-1] - times[0])

        before = meter.sample()
        produced, producer_cpu = run_producer(env, work, count, 0)
        if not wait_delivered(receiver, set(produced), 300):
            raise RuntimeError("not every event arrived; see %s" % work)
        result["cpu"] = CpuMeter.per_event(before, meter.sample(), producer_cpu, count)
        first = _first_arrivals(receiver)
        last = max(first[i] for i in produced)
        result["throughput"] = count / (last - min(produced.values()))
        result["produce_rate"] = count / (max(produced.values()) - min(produced.values()))

        steady, _ = run_producer(env, work, 20 * steady_seconds, 20)
        if not wait_delivered(receiver, set(steady), 120):
            raise RuntimeError("not every steady event arrived; see %s" % work)
        first = _first_arrivals(receiver)
        latencies = sorted((first[i] - t) * 1000 for i, t in steady.items())
        result["p50"] = statistics.median(latencies)
        result["p99"] = latencies[int(len(latencies) * 0.99) - 1]
        result["max"] = latencies[-1]
        arrivals = collections.Counter(ident for ident, _ in receiver.seen())
        result["duplicates"] = sum(arrivals[i] - 1 for i in [*backlog, *produced, *steady])
    finally:
        for c in consumers:
            c.stop()
    result["baseline"] = direct_baseline(receiver, count, len(consumers), 4)
    result["bad_signatures"] = receiver.bad
    result["locked"] = sum(c.output().count("database is locked") for c in consumers)
    return result


def _first_arrivals(receiver):
    first = {}
    for ident, at in receiver.seen():
        first.setdefault(ident, at)
    return first


def _cpu_line(cpu):
    return ", ".join("%s %.2f" % (k, cpu[k]) for k in ("consumers", "postgres", "producer", "receiver") if cpu[k] > 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--steady-seconds", type=int, default=30)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--produce", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--flush", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--direct", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=4, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.produce:
        return produce(args.produce, args.rate, args.out, args.flush)
    if args.direct:
        return send_direct(args.direct, args.threads, args.url)
    targets = {"sqlite": 200, "postgres": 500}
    for backend in args.backends.split(","):
        r = measure(backend, args.events, args.steady_seconds)
        print("%-9s %d consumer(s); direct POSTs to the receiver by the outbound client %.0f/s" % (
            backend, r["consumers"], r["baseline"]))
        print("%-9s backlog of %d: delivered %.0f/s (target >= %d/s) -> %.2fx direct; CPU ms/event: %s" % (
            backend, args.events, r["backlog"], targets[backend], r["backlog"] / r["baseline"],
            _cpu_line(r["backlog_cpu"])))
        print("%-9s end to end, %d: delivered %.0f/s (producer recorded %.0f/s); CPU ms/event: %s" % (
            backend, args.events, r["throughput"], r["produce_rate"], _cpu_line(r["cpu"])))
        print("%-9s at 20 events/s: commit -> arrival p50 %.0f ms, p99 %.0f ms (target <= 500 ms), max %.0f ms"
              % (backend, r["p50"], r["p99"], r["max"]))
        print("%-9s duplicates %d, bad signatures %d, 'database is locked' in consumer logs %d"
              % (backend, r["duplicates"], r["bad_signatures"], r["locked"]))


if __name__ == "__main__":
    main()
