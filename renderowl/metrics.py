"""Prometheus metrics, correct across gunicorn workers and huey consumers (multiprocess mode).

Every process of a host writes its samples to files in one directory (`PROMETHEUS_MULTIPROC_DIR`,
default `var/metrics`); `/metrics` merges them. Files of processes that died (a recycled gunicorn
worker, a killed consumer) are folded into one archive file per metric type, so totals never go
backwards and the directory does not grow with every restart. Queue figures are read from the
queue and the database at scrape time, so any process reports the same global values.
"""
import fcntl
import glob
import os
import time

from config import Config

# prometheus_client picks its storage when first imported: the directory must be known by then.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", Config.METRICS_DIR)
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

HTTP_REQUESTS = Counter("renderowl_http_requests_total", "HTTP requests answered, by route template and status",
                        ["method", "route", "status"])
HTTP_LATENCY = Histogram("renderowl_http_request_duration_seconds", "Time to answer an HTTP request",
                         ["method", "route"])
RENDERS = Counter("renderowl_renders_total", "Render jobs settled, by outcome (completed, failed, cancelled)",
                  ["outcome"])
RENDER_SECONDS = Histogram("renderowl_render_duration_seconds",
                           "Wall time from a job's first claim to its settlement, by outcome", ["outcome"],
                           buckets=(1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, float("inf")))
DELIVERIES = Counter("renderowl_webhook_deliveries_total",
                     "Webhook delivery attempts, by outcome (delivered, failed, gone)", ["outcome"])
RUNS = Counter("renderowl_automation_runs_total", "Automation runs finished, by outcome (completed, failed)",
               ["outcome"])


def directory():
    return os.environ["PROMETHEUS_MULTIPROC_DIR"]


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def fold_dead_processes(path=None):
    """Merge the files of dead processes into `<type>_archive.db` and delete them; returns the
    pids folded. Holds a lock so two scrapes never fold (and count) the same file twice."""
    path = path or directory()
    folded = set()
    with open(os.path.join(path, ".fold.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for name in glob.glob(os.path.join(path, "*_*.db")):
            typ, _, rest = os.path.basename(name)[:-3].partition("_")
            if typ not in ("counter", "histogram") or not rest.isdigit() or _alive(int(rest)):
                continue
            archive = MmapedDict(os.path.join(path, "%s_archive.db" % typ))
            try:
                for key, value, timestamp, _ in MmapedDict.read_all_values_from_file(name):
                    archive.write_value(key, archive.read_value(key)[0] + value, timestamp)
            finally:
                archive.close()
            os.remove(name)
            folded.add(int(rest))
        for name in glob.glob(os.path.join(path, "gauge_*_*.db")):
            pid = os.path.basename(name)[:-3].rsplit("_", 1)[1]
            if pid.isdigit() and not _alive(int(pid)):
                mark_process_dead(int(pid), path)
                folded.add(int(pid))
    return folded


class QueueCollector:
    """Global figures read at scrape time: the task queue's depth, the oldest queued render."""

    def __init__(self, read):
        self.read = read

    def collect(self):
        figures = self.read()
        depth = GaugeMetricFamily("renderowl_queue_depth", "Tasks waiting in the queue")
        depth.add_metric([], figures["depth"])
        age = GaugeMetricFamily("renderowl_queue_oldest_age_seconds",
                                "Age of the oldest queued render job (0 when none waits)")
        age.add_metric([], figures["oldest_age_seconds"] or 0)
        jobs = GaugeMetricFamily("renderowl_render_jobs", "Render jobs not yet settled, by status", labels=["status"])
        for status, count in figures["jobs"].items():
            jobs.add_metric([status], count)
        return [depth, age, jobs]


def exposition(read_queue):
    """The text exposition of every process's samples plus the queue figures."""
    fold_dead_processes()
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    registry.register(QueueCollector(read_queue))
    return generate_latest(registry)


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_REQUEST_SERIES = {}  # (method, route, status) -> its counter and histogram children


def observe_request(method, route, status, started):
    """Count one answered request under its route template (never the raw URL: bounded labels)."""
    if method not in _METHODS:
        method = "OTHER"  # any token is a method to HTTP: unknown ones share one series
    series = _REQUEST_SERIES.get((method, route, status))
    if series is None:
        # `labels()` validates and looks its child up under a lock on every call: once per series.
        series = _REQUEST_SERIES.setdefault((method, route, status), (
            HTTP_REQUESTS.labels(method, route, str(status)), HTTP_LATENCY.labels(method, route)))
    series[0].inc()
    series[1].observe(time.perf_counter() - started)


def observe_render(outcome, seconds=None):
    """One render settled (`completed`, `failed`, `cancelled`), after `seconds` of work if known."""
    RENDERS.labels(outcome).inc()
    if seconds is not None:
        RENDER_SECONDS.labels(outcome).observe(max(0.0, seconds))


def observe_delivery(outcome):
    """One webhook delivery attempt: `delivered`, `failed` or `gone` (410)."""
    DELIVERIES.labels(outcome).inc()


def observe_run(outcome):
    """One automation run finished: `completed` or `failed`."""
    RUNS.labels(outcome).inc()


def init_app(app):
    """Time and count every request by its route template."""
    from flask import g, request

    @app.before_request
    def _start_timer():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _observe(response):
        started = g.pop("metrics_started", None)
        if started is not None:
            rule = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
            observe_request(request.method, rule, response.status_code, started)
        return response
