"""Renderowl: a self-hostable platform API for caption-video rendering."""
import importlib
import uuid

from flask import Flask, g, request

from config import Config

from . import db, errors, input_rules, metrics, openapi, portal, queue
from .auth import principal
from .extensions import api, configure_huey
from .json_provider import ResponseJSON
from .storage import storage_from_config
from .signing import verify_webhook  # noqa: F401  (public: `from renderowl import verify_webhook`)

# One blueprint per domain; each module exposes `blp`.
MODULES = (
    "renderowl.health",
    "renderowl.projects.routes",
    "renderowl.assets.routes",
    "renderowl.storage.routes",
    "renderowl.captions_templates.routes",
    "renderowl.renders.routes", "renderowl.renders.preview", "renderowl.renders.legacy_routes",
    "renderowl.usage.routes",
    "renderowl.webhooks.routes", "renderowl.automations.routes", "renderowl.automations.public_routes",
)

# Modules whose huey tasks (and event subscriptions) must be registered wherever the app is built.
TASK_MODULES = (
    "renderowl.idempotency",
    "renderowl.assets.tasks",
    "renderowl.renders.tasks",
    "renderowl.events.tasks",
    # Event subscribers register as they are imported.
    "renderowl.renders.lifecycle",
    "renderowl.webhooks.tasks", "renderowl.automations.tasks", "renderowl.automations.hooks",
    "renderowl.usage.tasks",
)


class RenderowlFlask(Flask):
    """Flask without its per-call coroutine check: every view and hook here is synchronous, and
    the check (`inspect.iscoroutinefunction` on each of ~15 callables) ran on every request.
    Responses are encoded by orjson (`json_provider`)."""

    json_provider_class = ResponseJSON

    def ensure_sync(self, func):
        return func


def create_app(config_class=Config):
    """Build the WSGI app for `config_class`."""
    app = RenderowlFlask(__name__, static_folder=None)
    app.config.from_object(config_class)
    _check_master_key(app.config.get("MASTER_KEY"))
    input_rules.init_app(app)

    configure_huey(config_class)
    queue.bind_app(app)
    app.extensions["renderowl_storage"] = storage_from_config(app.config)
    db.init_app(app)
    errors.init_app(app)
    principal.init_app(app)
    _init_request_id(app)
    metrics.init_app(app)

    api.init_app(app, spec_kwargs={"info": {"description": _API_DESCRIPTION}})
    openapi.init_app(api)
    for name in MODULES:
        module = importlib.import_module(name)
        api.register_blueprint(module.blp)
        # A module may add components its schemas refer to by name (e.g. oneOf variants).
        if hasattr(module, "document"):
            module.document(api.spec)
    for name in TASK_MODULES:
        importlib.import_module(name)

    openapi.finish(api)
    portal.init_app(app, api.spec)

    from .cli import register_cli
    register_cli(app)
    return app


MIN_MASTER_KEY_LENGTH = 32


def _check_master_key(key):
    """A short master key can be guessed; refuse to start with one rather than serve with it."""
    if key is not None and len(key) < MIN_MASTER_KEY_LENGTH:
        raise RuntimeError("RENDEROWL_MASTER_KEY must be at least %d characters (it has %d); "
                           "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
                           % (MIN_MASTER_KEY_LENGTH, len(key)))


def _init_request_id(app):
    @app.before_request
    def _assign():
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming[:200] if incoming else "req_" + uuid.uuid4().hex

    @app.after_request
    def _echo(response):
        response.headers["X-Request-Id"] = g.get("request_id") or "req_" + uuid.uuid4().hex
        return response


_API_DESCRIPTION = """
Caption-video rendering for your customers' projects.

**Errors.** Every 4xx/5xx answer is `{"error": {"code", "message", "details"?}}`. Validation
failures are 400 `VALIDATION_ERROR` with `details` mapping field paths to messages; unknown body
fields are rejected. Other generic codes: `NOT_FOUND`, `METHOD_NOT_ALLOWED`, `INVALID_JSON`,
`PAYLOAD_TOO_LARGE`, `INTERNAL_ERROR` (with the request id).

**Lists** take `limit` (1–100, default 20) and an opaque `cursor`, answer
`{data, nextCursor, hasMore}`, newest first.

**Idempotency.** Creating POSTs accept `Idempotency-Key` (≤255 chars, kept 24 h per caller): the
same key and body replays the first answer with `Idempotent-Replayed: true`; the same key with
another body is 409 `IDEMPOTENCY_KEY_REUSED`; while the first is in flight, 409
`IDEMPOTENCY_KEY_IN_USE` (a request that died is forgotten after a minute). Answers of 5xx are
not kept, so a retry runs again.

**Request ids.** Every response carries `X-Request-Id` (yours, if you sent one).

**Limits and hostile input.** Each is a 400 `VALIDATION_ERROR` whose `details` names the field:
no string anywhere (body, query value, path segment) may contain NUL (`\u0000`); patterns match
the whole string (`acme\n` is not a slug); JSON nests at most 32 levels; numbers are finite
(no `NaN`/`Infinity`) and inside each field's documented range (byte sizes and quotas at most
2^50); cursors are only what this server handed out. An asset's `mimeType` must fit its `type`. Downloads are served
as attachments of the declared type (`nosniff`, `sandbox` CSP); an upload link is dead once its
asset has left `uploading`; a replayed asset create carries a fresh link while it still is.
Failed authentication is throttled per client address (429 `RATE_LIMIT_EXCEEDED` after
`RENDEROWL_AUTH_FAILURES_PER_MINUTE`, default 60; `X-Forwarded-For` is believed only through
`RENDEROWL_TRUSTED_PROXIES` hops). Errors about outbound destinations say only that the
destination is not allowed. `OPTIONS` is a 405 with `Allow`.
"""
