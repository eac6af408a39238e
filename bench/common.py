"""Helpers shared by the benchmarks: processes, wrk, the embedded stack, a generated clip."""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.procs import Process, env_for, free_port, start_consumer, start_gunicorn  # noqa: E402,F401
from renderowl.media import ffmpeg_binary  # noqa: E402

import requests  # noqa: E402

MASTER_KEY = "bench-master-key-0123456789abcdef"
MASTER = {"Authorization": "Bearer " + MASTER_KEY}


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


def wrk(url, headers=None, seconds=8, connections=8, threads=1, any_status=False):
    """Requests/s measured by wrk on loopback (every answer a 2xx, unless `any_status`)."""
    args = [ensure_wrk(), "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", "%s: %s" % (name, value)]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx and not any_status:
        raise RuntimeError("wrk saw %s non-2xx answers:\n%s" % (non2xx.group(1), out))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_by_group():
    """CPU seconds used so far by every process on the machine, grouped: the web workers
    (`gunicorn`), `postgres`, `redis`, `wrk`, and `other` (the neighbours, this script)."""
    totals = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as fh:
                stat = fh.read()
            with open("/proc/%s/cmdline" % pid, "rb") as fh:
                cmdline = fh.read()
        except OSError:
            continue  # gone meanwhile
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seconds = (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
        group = ("gunicorn" if b"gunicorn" in cmdline else "postgres" if comm.startswith("postgres")
                 else "redis" if comm.startswith("redis") else "wrk" if comm == "wrk" else "other")
        totals[group] = totals.get(group, 0.0) + seconds
    return totals


def cpu_per_request(run, seconds):
    """(requests/s of `run()`, {group: CPU microseconds per request}) for a `seconds`-long run
    whose load generator (wrk) is a child process of this one."""
    before, children = cpu_by_group(), resource.getrusage(resource.RUSAGE_CHILDREN)
    rps = run()
    after, done = cpu_by_group(), resource.getrusage(resource.RUSAGE_CHILDREN)
    # wrk has exited by now: its CPU is in this process's children's usage, not under /proc.
    after["wrk"] = (done.ru_utime + done.ru_stime) - (children.ru_utime + children.ru_stime)
    requests = rps * seconds
    return rps, {group: max(0.0, after[group] - before.get(group, 0.0)) / requests * 1e6 for group in after}


def print_top(stats, count, top, unit):
    """The `top` functions of a pstats.Stats by own time, per `unit` (one of `count` calls)."""
    total = stats.total_tt
    for (filename, line, func), (_, calls, own, _, _) in sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]:
        where = "%s:%d" % (os.path.basename(filename), line) if line else filename
        print("  %5.1f%%  %7.1f us/%s  %6.1f calls/%s  %s %s" % (
            100 * own / total, own / count * 1e6, unit, calls / count, unit, func, where))


def tempdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def embedded_env(base_dir, port):
    """Environment for processes on the embedded default (SQLite, local storage, SQLite queue),
    every file under `base_dir`, the database migrated."""
    config = type("BenchConfig", (), {
        "DATABASE_URL": "sqlite:///" + os.path.join(base_dir, "renderowl.db"), "MASTER_KEY": MASTER_KEY,
        "STORAGE_URL": "file://" + os.path.join(base_dir, "storage"),
        "HUEY_SQLITE_PATH": os.path.join(base_dir, "huey.db"), "WORK_DIR": os.path.join(base_dir, "work"),
        "PUBLIC_URL": "http://127.0.0.1:%d" % port, "SIGNING_SECRET": "bench-signing-secret",
    })
    os.makedirs(config.WORK_DIR, exist_ok=True)
    env = env_for(config)
    subprocess.run([sys.executable, "-m", "renderowl", "migrate"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return env


def make_clip(path, seconds, size):
    """A `testsrc2` H.264/AAC clip of `seconds` at `size` (WxH), 30 fps."""
    subprocess.run([ffmpeg_binary(), "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                    "-t", str(seconds), "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", path], check=True)


def captions_for(seconds):
    """A two-second caption after another over `seconds`."""
    return [{"start": float(t), "end": float(min(t + 2, seconds)), "text": f"Caption number {t // 2 + 1} on screen"}
            for t in range(0, int(seconds), 2)]


def wait_for(fetch, done, timeout, what, interval=0.1):
    """Poll `fetch()` until `done(value)`; returns the value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if done(value):
            return value
        time.sleep(interval)
    raise RuntimeError(f"timed out waiting for {what}: {value}")


def upload_clip(base, slug, clip):
    """A project `slug` with `clip` uploaded as a video asset and probed; returns (the project's API
    URL, the ready asset)."""
    project = requests.post(base + "/api/v1/projects", headers=MASTER, timeout=10,
                            json={"slug": slug, "name": "Bench"}).json()
    api = f"{base}/api/v1/projects/{project['id']}"
    with open(clip, "rb") as fh:
        data = fh.read()
    created = requests.post(api + "/assets", headers=MASTER, timeout=10, json={
        "name": "clip.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json()
    requests.put(created["uploadUrl"], data=data, headers=created["uploadHeaders"], timeout=60).raise_for_status()
    asset = wait_for(lambda: requests.get(api + "/assets/" + created["asset"]["id"], headers=MASTER, timeout=10).json(),
                     lambda a: a["status"] in ("ready", "failed"), 120, "the asset")
    assert asset["status"] == "ready", asset
    return api, asset
