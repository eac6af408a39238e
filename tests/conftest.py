"""Fixtures: every test runs on the embedded default AND on PostgreSQL + Redis + S3 (moto).

`RENDEROWL_TEST_BACKENDS` (default `sqlite,postgres`) picks the backends; CI runs both.
"""
import datetime
import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
import uuid

# Metric samples of this test process (and the servers it starts) go to a directory of its own,
# chosen before prometheus_client is first imported. A pytest-xdist worker inherits its controller's
# environment, the controller's directory included, so it always makes its own.
if os.environ.get("PYTEST_XDIST_WORKER") or "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="renderowl-metrics-")

import pytest

from config import TestConfig
from renderowl import create_app
from renderowl.cli import migrate_database
from renderowl.db import make_database, utcnow
from renderowl.events.tasks import sweep_events
from renderowl.extensions import database
from renderowl.media import ffmpeg_binary
from tests.moto_s3 import start_moto_server
from tests.receiver import Receiver

BACKENDS = [b.strip() for b in os.environ.get("RENDEROWL_TEST_BACKENDS", "sqlite,postgres").split(",") if b.strip()]
# The server's `test` database is only the way in: each pytest process makes its own database
# (and picks its own Redis db) so that concurrent runs on one machine never wipe each other.
PG_ADMIN_URL = os.environ.get("RENDEROWL_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
PG_URL = "%s/renderowl_test_%d" % (PG_ADMIN_URL.rsplit("/", 1)[0], os.getpid())


def _redis_url():
    """This process's Redis db (it is flushed before each test).

    Serial: db `1 + pid % 15`, or RENDEROWL_TEST_REDIS_URL's. Under pytest-xdist each worker
    (`gwN`) takes the run's base db plus N, so two workers of one run never share a db; the base
    is derived from the controller's pid (or is the URL's db) so concurrent runs stay apart.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker.startswith("gw") else 0
    url = os.environ.get("RENDEROWL_TEST_REDIS_URL")
    if url is None:
        base = os.getppid() if worker else os.getpid()
        return "redis://127.0.0.1:6379/%d" % (1 + (base + index) % 15)
    prefix, _, db = url.rpartition("/")
    if not worker:
        return url
    if index >= 16 or not db.isdigit():
        raise RuntimeError("RENDEROWL_TEST_REDIS_URL must end in a db number; xdist worker gw%d takes it + %d"
                           % (index, index))
    return "%s/%d" % (prefix, (int(db) + index) % 16)


REDIS_URL = _redis_url()
MASTER_KEY = TestConfig.MASTER_KEY


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        # `@pytest.mark.backends("sqlite")` limits a test to some backends (e.g. the embedded default).
        marker = metafunc.definition.get_closest_marker("backends")
        metafunc.parametrize("backend", [b for b in BACKENDS if marker is None or b in marker.args],
                             scope="session")


@pytest.fixture(scope="session")
def moto_endpoint():
    endpoint, stop = start_moto_server()
    yield endpoint
    stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite file; each test gets a fresh copy."""
    path = tmp_path_factory.mktemp("template") / "renderowl.db"
    db = make_database("sqlite:///%s" % path)
    migrate_database(db)
    db.close_all()
    return path


_pg_migrated = False


def _admin(sql):
    import psycopg2
    conn = psycopg2.connect(PG_ADMIN_URL)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def pytest_sessionfinish(session, exitstatus):
    if _pg_migrated:
        database.close_all() if hasattr(database.obj, "close_all") else None
        _admin('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % PG_URL.rsplit("/", 1)[1])


def _fresh_postgres():
    """Create and migrate this process's database once, then empty every table before each test."""
    global _pg_migrated
    if not _pg_migrated:
        name = PG_URL.rsplit("/", 1)[1]
        _admin('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
        _admin('CREATE DATABASE "%s"' % name)
    db = make_database(PG_URL)
    with db.connection_context():
        if not _pg_migrated:
            migrate_database(db)
            _pg_migrated = True
        tables = [t for t in db.get_tables() if t != "schema_migration"]
        if tables:
            db.execute_sql("TRUNCATE %s CASCADE" % ", ".join('"%s"' % t for t in tables))
    db.close_all()


@pytest.fixture
def config(backend, tmp_path, request):
    """A TestConfig subclass for this test's backend, with its own files and bucket, and the
    settings of the closest `@pytest.mark.config(NAME=value, ...)` (a module's `pytestmark`)."""
    base = backend_config(backend, tmp_path, request)
    marker = request.node.get_closest_marker("config")
    return type("MarkedTestConfig", (base,), marker.kwargs) if marker else base


def backend_config(backend, tmp_path, request):
    """The TestConfig subclass `config` gives, for any fixture scope (a fresh database, a bucket name)."""
    attrs = {
        "WORK_DIR": str(tmp_path / "work"),
        "HUEY_SQLITE_PATH": str(tmp_path / "huey.db"),
        "PUBLIC_URL": "http://localhost",
        "SIGNING_SECRET": "test-signing-secret",
    }
    if backend == "sqlite":
        db_path = tmp_path / "renderowl.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), db_path)
        attrs.update(DATABASE_URL="sqlite:///%s" % db_path, REDIS_URL=None,
                     STORAGE_URL="file://%s" % (tmp_path / "storage"))
    else:
        _fresh_postgres()
        import redis
        redis.Redis.from_url(REDIS_URL).flushdb()
        endpoint = request.getfixturevalue("moto_endpoint")
        bucket = "test-%s" % uuid.uuid4().hex[:12]
        attrs.update(DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL, STORAGE_URL="s3://%s" % bucket,
                     S3_ENDPOINT_URL=endpoint)
    return type("BackendTestConfig", (TestConfig,), attrs)


@pytest.fixture
def app(config):
    app = create_app(config)
    storage = app.extensions.get("renderowl_storage")
    if storage is not None and hasattr(storage, "ensure_bucket"):
        storage.ensure_bucket()
    yield app
    database.close_all() if hasattr(database.obj, "close_all") else None


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def master():
    return {"Authorization": "Bearer " + MASTER_KEY}


def bearer(token):
    return {"Authorization": "Bearer " + token}


def sweep(app, seconds, base=None):
    """The minute event sweeper, run with its clock `seconds` ahead of `base` (default: now; no real waiting)."""
    with app.app_context(), database.connection_context():
        return sweep_events((base or utcnow()) + datetime.timedelta(seconds=seconds))


@pytest.fixture
def receiver():
    """A loopback HTTP receiver (tests/receiver.py) that records every call it gets."""
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def make_project(client, master):
    """Create a project through the API; returns its JSON."""
    def make(slug=None, **fields):
        body = {"slug": slug or "p-" + uuid.uuid4().hex[:10], "name": fields.pop("name", "Test project"), **fields}
        resp = client.post("/api/v1/projects", json=body, headers=master)
        assert resp.status_code == 201, resp.json
        return resp.json
    return make


@pytest.fixture
def project(make_project):
    return make_project()


@pytest.fixture
def make_key(client, master):
    """Create an API key through the API; returns the 201 JSON (with `key`)."""
    def make(project, **fields):
        body = {"name": fields.pop("name", "test key"), **fields}
        resp = client.post("/api/v1/projects/%s/api-keys" % project["id"], json=body, headers=master)
        assert resp.status_code == 201, resp.json
        return resp.json
    return make


@pytest.fixture
def key(project, make_key):
    """A full-scope key for `project`, as Authorization headers."""
    return bearer(make_key(project)["key"])


@pytest.fixture
def make_queued_app(config):
    """Build an app that queues to the real queue (for separate consumer processes) instead of
    running tasks inline; returns (app, its config class)."""
    def make(**overrides):
        queued = type("QueuedConfig", (config,), {
            "HUEY_IMMEDIATE": False, "HUEY_NAME": "renderowl-q-" + uuid.uuid4().hex[:8], **overrides})
        app = create_app(queued)
        storage = app.extensions["renderowl_storage"]
        if hasattr(storage, "ensure_bucket"):
            storage.ensure_bucket()
        return app, queued
    yield make
    database.close_all() if hasattr(database.obj, "close_all") else None


# --- media for render tests ---

@pytest.fixture(scope="session")
def clip(tmp_path_factory):
    """A 2 s 320x240 test clip with audio, made with the real FFmpeg."""
    from tests.render_media import make_clip
    return make_clip(tmp_path_factory.mktemp("clips") / "clip.mp4", seconds=2)


@pytest.fixture
def asset(client, project, key, clip):
    """`clip` uploaded to `project` and ready."""
    from tests.render_media import upload_asset
    return upload_asset(client, project["id"], key, clip)


@pytest.fixture
def video_server(clip):
    """A loopback HTTP server for `clip`; yields its URL."""
    import functools
    import http.server
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(clip.rsplit("/", 1)[0]))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/clip.mp4"
    server.shutdown()


@pytest.fixture(scope="session")
def built_sdk():
    """The TypeScript SDK installed (`npm ci`, skipped while node_modules matches the lockfile)
    and built (`npm run build`, skipped while dist/ was built from the current sources); returns
    its directory. pytest-xdist workers share the package directory: one of them installs and
    builds under a file lock, the others find the stamps and leave dist/ alone while it is read."""
    sdk = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sdk", "typescript")
    npm = shutil.which("npm")
    if not (npm and shutil.which("node")):
        pytest.fail("node and npm are needed for the TypeScript SDK (Node >= 18)")

    def run(*args, timeout=600):
        done = subprocess.run([npm, *args], cwd=sdk, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, "npm %s failed:\n%s\n%s" % (" ".join(args), done.stdout[-4000:], done.stderr[-4000:])

    def stamped(stamp, digest, *npm_args):
        """Run npm unless `stamp` holds `digest`; then write it (the build empties dist/ first, so a
        build that fails midway leaves no stamp)."""
        if os.path.exists(stamp) and open(stamp).read() == digest:
            return
        run(*npm_args)
        with open(stamp, "w") as fh:
            fh.write(digest)

    with open(os.path.join(sdk, ".build.lock"), "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        lock = _digest(sdk, ["package-lock.json"])
        stamped(os.path.join(sdk, "node_modules", ".renderowl-lock"), lock,
                "ci", "--prefer-offline", "--no-audit", "--no-fund")
        sources = _digest(sdk, ["package-lock.json", "package.json", "tsconfig.json", "tsconfig.cjs.json",
                                "scripts/build.mjs", "src"])
        stamped(os.path.join(sdk, "dist", ".renderowl-sources"), sources, "run", "--silent", "build")
    return sdk


def _digest(root, names):
    """SHA-256 over the named files and every file below the named folders (paths and contents)."""
    digest = hashlib.sha256()
    for name in names:
        path = os.path.join(root, name)
        files = [path] if os.path.isfile(path) else sorted(
            os.path.join(folder, f) for folder, _, found in os.walk(path) for f in found)
        for file in files:
            digest.update(os.path.relpath(file, root).encode() + b"\0")
            with open(file, "rb") as fh:
                digest.update(hashlib.sha256(fh.read()).digest())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def media(tmp_path_factory):
    """A 2 s H.264/AAC clip and a PNG, made with the real FFmpeg once per session."""
    folder = tmp_path_factory.mktemp("media")
    mp4, png = folder / "clip.mp4", folder / "still.png"
    ffmpeg = ffmpeg_binary()
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", str(mp4)], check=True)
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=200x150", "-frames:v", "1",
                    str(png)], check=True)
    return {"mp4": mp4.read_bytes(), "png": png.read_bytes()}
