"""Configuration from RENDEROWL_* environment variables."""
import os

BASE_DIR = os.path.abspath(os.path.dirname(__file__))


def _env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _int(name, default):
    return int(_env(name, default))


def _float(name, default):
    return float(_env(name, default))


def _floats(name, default):
    raw = _env(name)
    return tuple(float(x) for x in raw.split(",") if x.strip()) if raw else tuple(default)


class Config:
    """Settings for a real deployment, read once from the environment."""

    DATABASE_URL = _env("RENDEROWL_DATABASE_URL", "sqlite:///" + os.path.join(BASE_DIR, "var", "renderowl.db"))
    MASTER_KEY = _env("RENDEROWL_MASTER_KEY")
    REDIS_URL = _env("RENDEROWL_REDIS_URL")
    # Queue file for the embedded default (no Redis).
    HUEY_SQLITE_PATH = _env("RENDEROWL_HUEY_PATH", os.path.join(BASE_DIR, "var", "huey.db"))
    HUEY_NAME = _env("RENDEROWL_HUEY_NAME", "renderowl")
    STORAGE_URL = _env("RENDEROWL_STORAGE_URL", "file://" + os.path.join(BASE_DIR, "var", "storage"))
    S3_ENDPOINT_URL = _env("RENDEROWL_S3_ENDPOINT_URL")
    S3_REGION = _env("AWS_DEFAULT_REGION", _env("AWS_REGION", "us-east-1"))
    PUBLIC_URL = _env("RENDEROWL_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    # Signs local upload/download links; falls back to the master key.
    SIGNING_SECRET = _env("RENDEROWL_SIGNING_SECRET")
    OUTBOUND_ALLOW_CIDRS = [c.strip() for c in _env("RENDEROWL_OUTBOUND_ALLOW_CIDRS", "").split(",") if c.strip()]
    STORAGE_WEBHOOK_SECRET = _env("RENDEROWL_STORAGE_WEBHOOK_SECRET")
    WORK_DIR = _env("RENDEROWL_WORK_DIR", os.path.join(BASE_DIR, "var", "work"))
    # A `processing` asset untouched this long is re-queued (its worker died).
    ASSET_PROCESSING_STALE_SECONDS = _int("RENDEROWL_ASSET_STALE_SECONDS", 15 * 60)
    # An upload link's expiry plus this grace, and the asset fails with its bytes released.
    ASSET_UPLOAD_GRACE_SECONDS = _int("RENDEROWL_ASSET_UPLOAD_GRACE_SECONDS", 60 * 60)
    FFMPEG_BINARY = _env("RENDEROWL_FFMPEG")  # default: imageio-ffmpeg's bundled binary
    # JSON bodies are small; uploads stream through their own route with their own limit.
    MAX_CONTENT_LENGTH = _int("RENDEROWL_MAX_BODY_BYTES", 1024 * 1024)
    DB_POOL_SIZE = _int("RENDEROWL_DB_POOL_SIZE", 8)
    # The rate limit's sliding window: `rateLimitRpm` requests per this many seconds. The contract's
    # 60; the SDK tests shrink it so that a real 429's Retry-After is short enough to wait out.
    RATE_LIMIT_WINDOW_SECONDS = _float("RENDEROWL_RATE_LIMIT_WINDOW_SECONDS", 60)
    # Failed authentications per client address per minute before it gets 429s.
    AUTH_FAILURES_PER_MINUTE = _int("RENDEROWL_AUTH_FAILURES_PER_MINUTE", 60)
    # Proxy hops whose X-Forwarded-For is believed (0: the peer address is the client).
    TRUSTED_PROXIES = _int("RENDEROWL_TRUSTED_PROXIES", 0)

    # Threads of `huey_consumer wsgi.huey` when no -w is given (renders run in FFmpeg subprocesses).
    WORKER_THREADS = _int("RENDEROWL_WORKER_THREADS", 4)
    # Background work. Times in seconds; tests and operators shrink or stretch them.
    RENDER_STALE_SECONDS = _float("RENDEROWL_RENDER_STALE_SECONDS", 120)  # heartbeat older → worker presumed dead
    RENDER_MAX_ATTEMPTS = _int("RENDEROWL_RENDER_MAX_ATTEMPTS", 3)  # claims per job before the reaper fails it
    RENDER_QUEUED_STALE_SECONDS = _float("RENDEROWL_RENDER_QUEUED_STALE_SECONDS", 900)  # then enqueued again
    RENDER_DOWNLOAD_MAX_BYTES = _int("RENDEROWL_RENDER_DOWNLOAD_MAX_BYTES", 2 * 1024 ** 3)  # `video.url` cap
    RENDER_DOWNLOAD_TIMEOUT = _float("RENDEROWL_RENDER_DOWNLOAD_TIMEOUT", 600)
    # FFmpeg's wall clock per render: this many times the input's duration, at least the minimum;
    # past it FFmpeg is killed and the job fails (a hung FFmpeg must not pin a worker forever).
    RENDER_TIME_LIMIT_FACTOR = _float("RENDEROWL_RENDER_TIME_LIMIT_FACTOR", 30)
    RENDER_TIME_LIMIT_MIN_SECONDS = _float("RENDEROWL_RENDER_TIME_LIMIT_MIN_SECONDS", 600)
    # Svix-like: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after the first failure (about 17.6 h in all).
    WEBHOOK_RETRY_SCHEDULE = _floats("RENDEROWL_WEBHOOK_RETRY_SCHEDULE", (5, 300, 1800, 7200, 18000, 36000))
    WEBHOOK_TIMEOUT_SECONDS = _float("RENDEROWL_WEBHOOK_TIMEOUT_SECONDS", 15)
    WEBHOOK_LEASE_SECONDS = _float("RENDEROWL_WEBHOOK_LEASE_SECONDS", 120)  # an attempt in flight longer is retried
    EVENT_RETENTION_DAYS = _float("RENDEROWL_EVENT_RETENTION_DAYS", 30)  # events and their delivery log
    # A fresh install's daily usage rollup reaches back this many days (delivery logs are kept
    # EVENT_RETENTION_DAYS, so older days could not be recomputed anyway).
    USAGE_BACKFILL_DAYS = _int("RENDEROWL_USAGE_BACKFILL_DAYS", 30)
    # Preview frames: FFmpeg's wall-clock limit (a URL video's download too), how long a request
    # waits for its web worker's one preview slot before a 429, and the frame cache (default
    # WORK_DIR/preview-cache) with its size bound.
    PREVIEW_TIMEOUT_SECONDS = _float("RENDEROWL_PREVIEW_TIMEOUT_SECONDS", 10)
    PREVIEW_WAIT_SECONDS = _float("RENDEROWL_PREVIEW_WAIT_SECONDS", 2)
    PREVIEW_CACHE_DIR = _env("RENDEROWL_PREVIEW_CACHE_DIR")
    PREVIEW_CACHE_BYTES = _int("RENDEROWL_PREVIEW_CACHE_BYTES", 256 * 1024 ** 2)
    AUTOMATION_STALE_SECONDS = _float("RENDEROWL_AUTOMATION_STALE_SECONDS", 600)
    AUTOMATION_WEBHOOK_TIMEOUT_SECONDS = _float("RENDEROWL_AUTOMATION_WEBHOOK_TIMEOUT_SECONDS", 30)
    # Automation runs `running` at once per project (one parked on its render counts); the rest
    # stay `queued` until one ends.
    MAX_RUNNING_RUNS = _int("RENDEROWL_MAX_RUNNING_RUNS", 20)

    # Per-host directory where every web and worker process writes its metric samples.
    METRICS_DIR = _env("PROMETHEUS_MULTIPROC_DIR", _env("RENDEROWL_METRICS_DIR", os.path.join(BASE_DIR, "var", "metrics")))
    # A bearer token that may read /metrics besides the master key (for a Prometheus server).
    METRICS_TOKEN = _env("RENDEROWL_METRICS_TOKEN")
    # When the unscoped /api/v1/renders routes go away (their `Sunset` header).
    LEGACY_SUNSET = _env("RENDEROWL_LEGACY_SUNSET", "2027-06-30")

    TESTING = False
    HUEY_IMMEDIATE = False
    # No automatic OPTIONS answers (Flask's are text/html): OPTIONS is a JSON 405 with Allow.
    PROVIDE_AUTOMATIC_OPTIONS = False

    # flask-smorest / OpenAPI
    API_TITLE = "Renderowl Platform API"
    API_VERSION = "1.0.0"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/"
    OPENAPI_JSON_PATH = "openapi.json"


class TestConfig(Config):
    """Settings for the test suite: a master key and work dirs the fixtures override."""

    TESTING = True
    MASTER_KEY = "test-master-key-0123456789abcdef"
    HUEY_IMMEDIATE = True
