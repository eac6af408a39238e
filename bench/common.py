"""Helpers shared by the benchmarks: processes, wrk, environment."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.procs import Process, env_for, free_port, start_gunicorn  # noqa: E402,F401


def ensure_wrk():
    """wrk from Debian's package (installed on demand)."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], check=False, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def wrk(url, headers=None, seconds=8, connections=8, threads=1):
    """Requests/s measured by wrk on loopback."""
    args = [ensure_wrk(), "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", "%s: %s" % (name, value)]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise RuntimeError("wrk saw %s non-2xx answers:\n%s" % (non2xx.group(1), out))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def tempdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)
