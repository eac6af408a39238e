"""Upload 1 GiB through the local storage provider; print the web worker's peak RSS and the
throughput as a ratio to `dd` writing the same size to the same disk.

    .venv/bin/python bench/upload_local.py            # --size-mib 1024 --keep

Starts `gunicorn -w 1 wsgi:app` on SQLite with temporary directories, creates a project and an
asset of the given size, and PUTs the bytes to the asset's signed uploadUrl from memory (so the
client reads no disk). The upload handler streams to a temp file, fsyncs and renames; `dd` is
run with `conv=fsync` into the same storage directory, so both pay for the same durability.
Goals: worker peak RSS (VmHWM) < 64 MiB, throughput ≥ 0.5× dd.
"""
import argparse
import http.client
import os
import shutil
import subprocess
import time
from urllib.parse import urlsplit

from common import MASTER, embedded_env, free_port, start_gunicorn, tempdir

import requests

MIB = 1024 * 1024


def worker_pids(master_pid):
    """Children of the gunicorn master (its workers)."""
    with open("/proc/%d/task/%d/children" % (master_pid, master_pid)) as fh:
        return [int(p) for p in fh.read().split()]


def memory_kib(pid, field):
    with open("/proc/%d/status" % pid) as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError("no %s for pid %d" % (field, pid))


def put_from_memory(url, headers, size):
    """PUT `size` bytes of a repeated 1 MiB block; returns (status, seconds)."""
    parts = urlsplit(url)
    block = os.urandom(MIB)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    started = time.perf_counter()
    conn.putrequest("PUT", parts.path)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.putheader("Content-Length", str(size))
    conn.endheaders()
    sent = 0
    while sent < size:
        chunk = block if size - sent >= MIB else block[:size - sent]
        conn.sock.sendall(chunk)
        sent += len(chunk)
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError("upload answered %d: %s" % (response.status, body[:500]))
    return elapsed


def dd_seconds(folder, size_mib):
    """Wall time of dd writing the same amount to the same directory, fsync included."""
    target = os.path.join(folder, "dd.bin")
    started = time.perf_counter()
    subprocess.run(["dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=%d" % size_mib, "conv=fsync"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    os.unlink(target)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    size = args.size_mib * MIB

    base_dir = tempdir("renderowl-bench-upload-")
    storage_dir = os.path.join(base_dir, "storage")
    os.makedirs(storage_dir)
    port = free_port()
    env = embedded_env(base_dir, port)
    server, base = start_gunicorn(env, os.path.join(base_dir, "gunicorn.log"), workers=1, port=port)
    try:
        project = requests.post(base + "/api/v1/projects", headers=MASTER, timeout=10, json={
            "slug": "bench-upload", "name": "Bench",
            "settings": {"storageQuotaBytes": 2 * size, "maxAssetSizeBytes": size}}).json()
        created = requests.post(base + "/api/v1/projects/%s/assets" % project["id"], headers=MASTER, timeout=10,
                                json={"name": "big.bin", "type": "video", "mimeType": "video/mp4",
                                      "sizeBytes": size})
        created.raise_for_status()
        created = created.json()
        (worker,) = worker_pids(server.proc.pid)
        rss_before = memory_kib(worker, "VmRSS")

        upload_s = put_from_memory(created["uploadUrl"], created["uploadHeaders"], size)
        peak_kib = memory_kib(worker, "VmHWM")
        stored = os.path.getsize(os.path.join(storage_dir, "projects", project["id"], "assets",
                                              created["asset"]["id"], "original.mp4"))
        assert stored == size, "stored %d bytes, expected %d" % (stored, size)
        dd_s = dd_seconds(storage_dir, args.size_mib)
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(base_dir, ignore_errors=True)

    upload_mibs, dd_mibs = args.size_mib / upload_s, args.size_mib / dd_s
    print("upload %d MiB through gunicorn wsgi:app (local storage, sqlite)" % args.size_mib)
    print("  web worker RSS before upload: %6.1f MiB" % (rss_before / 1024))
    print("  web worker peak RSS (VmHWM):  %6.1f MiB   goal < 64 MiB   %s"
          % (peak_kib / 1024, "ok" if peak_kib < 64 * 1024 else "OVER"))
    print("  growth during the upload:     %6.1f MiB   (the rest is the app's import footprint)"
          % ((peak_kib - rss_before) / 1024))
    print("  upload: %6.2f s  %7.1f MiB/s" % (upload_s, upload_mibs))
    print("  dd:     %6.2f s  %7.1f MiB/s  (bs=1M conv=fsync, same directory)" % (dd_s, dd_mibs))
    ratio = upload_mibs / dd_mibs
    print("  throughput ratio upload/dd: %.2fx   goal >= 0.5x   %s" % (ratio, "ok" if ratio >= 0.5 else "UNDER"))


if __name__ == "__main__":
    main()
