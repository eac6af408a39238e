"""`python -m renderowl backup` while real gunicorn + huey_consumer processes take uploads and
render, then `restore` into a fresh directory: every row acknowledged before the backup and every
object a restored row refers to is there, and the restored service serves them."""
import json
import os
import subprocess
import sys
import threading
import time

import pytest
import requests

from config import TestConfig
from renderowl import create_app
from renderowl.extensions import database
from tests.conftest import MASTER_KEY, bearer
from tests.procs import ROOT, env_for, free_port, start_consumer, start_gunicorn, wait_for
from tests.render_media import make_clip

MASTER = bearer(MASTER_KEY)
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Backed up"}]


def cli(env, *args):
    return subprocess.run([sys.executable, "-m", "renderowl", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


class Load(threading.Thread):
    """Uploads assets and submits renders until stopped; remembers what was acknowledged when."""

    def __init__(self, api, key, data, asset_id):
        super().__init__(daemon=True)
        self.api, self.auth, self.data, self.asset_id = api, bearer(key), data, asset_id
        self.acked = []  # (time, kind, id)
        self.stop = threading.Event()
        self.errors = []

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                created = requests.post(self.api + "/assets", headers=self.auth, timeout=30, json={
                    "name": "a%d.mp4" % n, "type": "video", "mimeType": "video/mp4", "sizeBytes": len(self.data)}).json()
                put = requests.put(created["uploadUrl"], data=self.data, headers=created["uploadHeaders"], timeout=30)
                assert put.status_code in (200, 204), put.text
                self.acked.append((time.time(), "asset", created["asset"]["id"]))
                job = requests.post(self.api + "/renders", headers=self.auth, timeout=30, json={
                    "video": {"type": "asset", "assetId": self.asset_id}, "captions": CAPTIONS,
                    "settings": {"preset": "ultrafast"}})
                assert job.status_code == 202, job.text
                self.acked.append((time.time(), "render", job.json()["id"]))
            except Exception as exc:  # reported by the test
                self.errors.append(repr(exc))
                return


def test_backup_while_serving_and_restore_into_a_fresh_directory(config, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("the backup command covers the embedded default; PostgreSQL/S3 use pg_dump and versioning")
    port = free_port()
    live = type("LiveConfig", (config,), {"PUBLIC_URL": "http://127.0.0.1:%d" % port})
    env = env_for(live, RENDEROWL_HUEY_NAME="backup")
    consumer = start_consumer(env, str(tmp_path / "consumer.log"), workers=2)
    web, base = start_gunicorn(env, tmp_path / "web.log", workers=2, port=port)
    load = None
    try:
        api = base + "/api/v1/projects/bk-co"
        assert requests.post(base + "/api/v1/projects", headers=MASTER, json={"slug": "bk-co", "name": "B"}).ok
        # A key whose limit the load cannot reach on a slow machine (the default 100 a minute can).
        key = requests.post(api + "/api-keys", headers=MASTER, json={"name": "k", "rateLimitRpm": 10000}).json()["key"]
        data = open(make_clip(tmp_path / "in.mp4", seconds=1), "rb").read()
        first = requests.post(api + "/assets", headers=bearer(key), json={
            "name": "first.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json()
        requests.put(first["uploadUrl"], data=data, headers=first["uploadHeaders"], timeout=30)
        wait_for(lambda: requests.get(api + "/assets/" + first["asset"]["id"], headers=bearer(key)).json()["status"]
                 == "ready", 60, "the first asset", [consumer])

        load = Load(api, key, data, first["asset"]["id"])
        load.start()
        wait_for(lambda: len([a for a in load.acked if a[1] == "render"]) >= 4 or load.errors, 60, "some load")
        backup_started = time.time()
        out = cli(env, "backup", str(tmp_path / "backup"))
        backup_ended = time.time()
        assert out.returncode == 0, out.stderr
        wait_for(lambda: any(t > backup_ended for t, _, _ in load.acked) or load.errors, 30, "load after the backup")
        load.stop.set()
        load.join(30)
        assert not load.errors, load.errors
    finally:
        if load is not None:
            load.stop.set()
        web.stop()
        consumer.stop()
    manifest = json.load(open(tmp_path / "backup" / "manifest.json"))
    assert manifest["objects"] >= 2 and manifest["tables"]["asset"] >= 2

    # Restore into a fresh directory and serve from it.
    fresh = tmp_path / "fresh"
    restored = type("RestoredConfig", (TestConfig,), {
        "DATABASE_URL": "sqlite:///%s" % (fresh / "renderowl.db"), "STORAGE_URL": "file://%s" % (fresh / "storage"),
        "HUEY_SQLITE_PATH": str(fresh / "huey.db"), "WORK_DIR": str(fresh / "work"), "PUBLIC_URL": "http://localhost",
        "SIGNING_SECRET": "test-signing-secret", "REDIS_URL": None})
    restore_env = env_for(restored)
    done = cli(restore_env, "restore", str(tmp_path / "backup"))
    assert done.returncode == 0, done.stderr
    again = cli(restore_env, "restore", str(tmp_path / "backup"))
    assert again.returncode != 0 and "--force" in again.stderr  # never overwrites by accident

    app = create_app(restored)
    client = app.test_client()
    try:
        assets = _all(client, "/api/v1/projects/bk-co/assets", key)
        renders = _all(client, "/api/v1/projects/bk-co/renders", key)
        # Everything acknowledged before the backup began is in it.
        before = {(kind, ident) for t, kind, ident in load.acked if t < backup_started}
        found = {("asset", a["id"]) for a in assets} | {("render", r["id"]) for r in renders}
        assert before and before <= found, before - found
        assert len(assets) == manifest["tables"]["asset"] and len(renders) == manifest["tables"]["render_job"]
        # Every object a restored row refers to is there, byte for byte the declared size.
        checked = 0
        for asset in assets:
            if asset["status"] in ("processing", "ready"):
                got = client.get(asset["urls"]["original"].replace("http://localhost", ""))
                assert got.status_code == 200 and len(got.data) == asset["sizeBytes"], asset
                checked += 1
        for job in renders:
            if job["status"] == "completed":
                got = client.get(job["output"]["url"].replace("http://localhost", ""))
                assert got.status_code == 200 and len(got.data) == job["output"]["sizeBytes"], job
                checked += 1
        assert checked >= 3
        print("backup figures: manifest=%s acked=%d before=%d checked=%d statuses=%s" % (
            manifest, len(load.acked), len(before), checked, sorted({j["status"] for j in renders})))
        assert any(j["status"] == "completed" for j in renders)
    finally:
        database.close_all() if hasattr(database.obj, "close_all") else None


def _all(client, url, key):
    rows, cursor = [], None
    while True:
        resp = client.get(url, query_string={"limit": 100, **({"cursor": cursor} if cursor else {})},
                          headers=bearer(key))
        assert resp.status_code == 200, resp.json
        rows += resp.json["data"]
        if not resp.json["hasMore"]:
            return rows
        cursor = resp.json["nextCursor"]


def test_backup_refuses_postgres_with_the_right_advice(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("RENDEROWL_")}, "PYTHONPATH": ROOT,
           "RENDEROWL_MASTER_KEY": MASTER_KEY, "RENDEROWL_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    out = cli(env, "backup", str(tmp_path / "b"))
    assert out.returncode != 0 and "pg_dump" in out.stderr
