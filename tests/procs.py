"""Real processes for tests: gunicorn and huey_consumer, configured like the test's app."""
import os
import signal
import socket
import subprocess
import sys
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)

ENV_NAMES = {
    "DATABASE_URL": "RENDEROWL_DATABASE_URL", "MASTER_KEY": "RENDEROWL_MASTER_KEY",
    "REDIS_URL": "RENDEROWL_REDIS_URL", "STORAGE_URL": "RENDEROWL_STORAGE_URL",
    "S3_ENDPOINT_URL": "RENDEROWL_S3_ENDPOINT_URL", "HUEY_SQLITE_PATH": "RENDEROWL_HUEY_PATH",
    "PUBLIC_URL": "RENDEROWL_PUBLIC_URL", "SIGNING_SECRET": "RENDEROWL_SIGNING_SECRET",
    "WORK_DIR": "RENDEROWL_WORK_DIR", "STORAGE_WEBHOOK_SECRET": "RENDEROWL_STORAGE_WEBHOOK_SECRET",
}


def env_for(config, **extra):
    """Environment variables that make a process see the same database, queue and storage."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENDEROWL_")}
    for attr, name in ENV_NAMES.items():
        value = getattr(config, attr, None)
        if value:
            env[name] = str(value)
    cidrs = getattr(config, "OUTBOUND_ALLOW_CIDRS", None)
    if cidrs:
        env["RENDEROWL_OUTBOUND_ALLOW_CIDRS"] = ",".join(cidrs)
    env["PYTHONPATH"] = os.pathsep.join([ROOT, os.path.join(ROOT, "sdk", "python")])
    env.update({k: str(v) for k, v in extra.items()})
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    """A child process in its own group, stopped (or killed) with everything it started."""

    def __init__(self, args, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def kill(self, sig=signal.SIGKILL):
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=15)
        self.log.close()

    def stop(self):
        self.kill(signal.SIGTERM)

    def output(self):
        with open(self.log_path, "rb") as fh:
            return fh.read().decode(errors="replace")


def start_gunicorn(env, log_path, workers=2, port=None, app="wsgi:app", health="/healthz", access_log=True,
                   extra_args=()):
    """`gunicorn wsgi:app` on a free loopback port; returns (Process, base_url)."""
    port = port or free_port()
    args = [os.path.join(BIN, "gunicorn"), "-w", str(workers), "-b", "127.0.0.1:%d" % port, *extra_args]
    if access_log:
        args += ["--access-logfile", "-", "--access-logformat", "%(p)s %(r)s %(s)s"]
    proc = Process(args + [app], env, log_path)
    base = "http://127.0.0.1:%d" % port
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if requests.get(base + health, timeout=1).status_code == 200:
                return proc, base
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("gunicorn did not start:\n" + proc.output())


def start_consumer(env, log_path, workers=1, huey="wsgi.huey"):
    """`huey_consumer wsgi.huey` (thread workers)."""
    return Process([os.path.join(BIN, "huey_consumer"), huey, "-w", str(workers), "-k", "thread"],
                   env, log_path)


def wait_for(predicate, timeout, what, procs=()):
    """Poll `predicate` until true; on time-out fail with the processes' logs."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for %s\n%s" % (what, "\n".join(p.output() for p in procs)))
