"""The hostile-input table: one row per limit of the contract's "Limits and hostile input".

Each row is a request a hostile or careless client sends, the exact status, code and field in
`details` it must get, and the proof that nothing was written (every table's row count is the
same before and after). It runs on both databases: NUL only ever broke PostgreSQL, NaN only
SQLite, and the rule must hold on each.
"""
import base64
import json

import pytest

from renderowl.auth.models import ApiKey
from renderowl.extensions import database
from renderowl.models import MODELS
from tests.conftest import bearer

WEBHOOK_ACTION = [{"type": "webhook", "url": "https://example.com/hook"}]
URL_VIDEO = {"type": "url", "url": "https://example.com/clip.mp4"}


def raw(text):
    """A request body sent as it is (for what `json=` cannot express: NaN, deep nesting)."""
    return {"data": text, "content_type": "application/json"}


def cursor_of(value):
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


# (id, who, method, path, request kwargs, status, code, field in details)
# `path` and kwargs may use {pid} (project id), {slug}, {aid} (an automation of the project).
CASES = [
    # Whole-string patterns: a trailing newline never passes.
    ("slug-trailing-newline", "master", "post", "/api/v1/projects", {"json": {"slug": "acme\n", "name": "x"}},
     400, "VALIDATION_ERROR", "slug"),
    ("mime-trailing-newline", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "video", "mimeType": "video/mp4\n", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "mimeType"),
    ("variable-key-trailing-newline", "key", "post", "/api/v1/projects/{pid}/templates",
     {"json": {"name": "t", "variables": [{"key": "title\n", "type": "string"}]}}, 400, "VALIDATION_ERROR", "variables.0.key"),
    ("colour-trailing-newline", "key", "post", "/api/v1/projects/{pid}/templates",
     {"json": {"name": "t", "style": {"textColor": "#FFFFFF\n"}}}, 400, "VALIDATION_ERROR", "style.textColor"),
    # NUL in any string field, path segment or query filter.
    ("nul-project-slug", "master", "post", "/api/v1/projects", {"json": {"slug": "ac\x00me", "name": "x"}},
     400, "VALIDATION_ERROR", "slug"),
    ("nul-project-name", "master", "post", "/api/v1/projects", {"json": {"slug": "nul-name", "name": "a\x00b"}},
     400, "VALIDATION_ERROR", "name"),
    ("nul-project-patch", "master", "patch", "/api/v1/projects/{pid}", {"json": {"description": "\x00"}},
     400, "VALIDATION_ERROR", "description"),
    ("nul-key-name", "master", "post", "/api/v1/projects/{pid}/api-keys", {"json": {"name": "k\x00"}},
     400, "VALIDATION_ERROR", "name"),
    ("nul-asset-name", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a\x00", "type": "video", "mimeType": "video/mp4", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "name"),
    ("nul-asset-tag", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "video", "mimeType": "video/mp4", "sizeBytes": 10, "tags": ["ok", "b\x00d"]}},
     400, "VALIDATION_ERROR", "tags.1"),
    ("nul-template-name", "key", "post", "/api/v1/projects/{pid}/templates", {"json": {"name": "t\x00"}},
     400, "VALIDATION_ERROR", "name"),
    ("nul-render-caption", "key", "post", "/api/v1/projects/{pid}/renders",
     {"json": {"video": URL_VIDEO, "captions": [{"start": 0, "end": 1, "text": "a\x00b"}]}},
     400, "VALIDATION_ERROR", "captions.0.text"),
    ("nul-automation-name", "key", "post", "/api/v1/projects/{pid}/automations",
     {"json": {"name": "a\x00", "trigger": {"type": "webhook"}, "actions": WEBHOOK_ACTION}}, 400, "VALIDATION_ERROR", "name"),
    ("nul-run-input", "key", "post", "/api/v1/projects/{pid}/automations/{aid}/run", {"json": {"input": {"who": "\x00"}}},
     400, "VALIDATION_ERROR", "input.who"),
    ("nul-object-key", "key", "post", "/api/v1/projects/{pid}/automations/{aid}/run", {"json": {"input": {"a\x00": 1}}},
     400, "VALIDATION_ERROR", "input.a\\u0000"),
    ("nul-query-q", "key", "get", "/api/v1/projects/{pid}/assets?q=a%00", {}, 400, "VALIDATION_ERROR", "q"),
    ("nul-query-tag", "key", "get", "/api/v1/projects/{pid}/assets?tag=%00", {}, 400, "VALIDATION_ERROR", "tag"),
    ("nul-path-segment", "master", "get", "/api/v1/projects/ac%00me", {}, 400, "VALIDATION_ERROR", "project_id"),
    ("nul-path-segment-child", "key", "get", "/api/v1/projects/{pid}/assets/x%00y", {}, 400, "VALIDATION_ERROR", "asset_id"),
    # JSON that Python parses but no column can hold.
    ("nan", "master", "post", "/api/v1/projects", raw('{"slug": "nan-1", "name": "x", "settings": {"renderQuotaMinutes": NaN}}'),
     400, "VALIDATION_ERROR", "settings.renderQuotaMinutes"),
    ("infinity-in-free-json", "key", "post", "/api/v1/projects/{pid}/automations/{aid}/run",
     raw('{"input": {"n": -Infinity}}'), 400, "VALIDATION_ERROR", "input.n"),
    ("float-overflow", "key", "post", "/api/v1/projects/{pid}/automations/{aid}/run", raw('{"input": {"n": 1e400}}'),
     400, "VALIDATION_ERROR", "input.n"),
    ("deep-nesting", "key", "post", "/api/v1/projects/{pid}/automations/{aid}/run", raw("[" * 100_000),
     400, "VALIDATION_ERROR", "_schema"),
    ("nesting-over-32", "key", "post", "/api/v1/projects/{pid}/automations/{aid}/run",
     raw('{"input": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}"), 400, "VALIDATION_ERROR", "input" + ".a" * 31),
    # Numbers out of range.
    ("int-over-64-bits", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "video", "mimeType": "video/mp4", "sizeBytes": 2 ** 70}}, 400, "VALIDATION_ERROR", "sizeBytes"),
    ("size-over-limit", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "video", "mimeType": "video/mp4", "sizeBytes": 2 ** 62}}, 400, "VALIDATION_ERROR", "sizeBytes"),
    ("quota-over-limit", "master", "patch", "/api/v1/projects/{pid}", {"json": {"settings": {"storageQuotaBytes": 2 ** 60}}},
     400, "VALIDATION_ERROR", "settings.storageQuotaBytes"),
    ("caption-end-1e308", "key", "post", "/api/v1/projects/{pid}/renders",
     {"json": {"video": URL_VIDEO, "captions": [{"start": 0, "end": 1e308, "text": "x"}]}},
     400, "VALIDATION_ERROR", "captions.0.end"),
    ("limit-huge", "key", "get", "/api/v1/projects/{pid}/assets?limit=" + str(2 ** 70), {}, 400, "VALIDATION_ERROR", "limit"),
    # Tampered cursors: well-formed base64 holding the wrong things.
    ("cursor-wrong-types", "key", "get", "/api/v1/projects/{pid}/assets?cursor=" + cursor_of([1, 2]), {},
     400, "VALIDATION_ERROR", "cursor"),
    ("cursor-object", "key", "get", "/api/v1/projects/{pid}/renders?cursor=" + cursor_of({"a": 1}), {},
     400, "VALIDATION_ERROR", "cursor"),
    ("cursor-aware-time", "key", "get", "/api/v1/projects/{pid}/templates?cursor="
     + cursor_of(["2026-01-01T00:00:00+05:00", "00000000-0000-0000-0000-000000000000"]), {}, 400, "VALIDATION_ERROR", "cursor"),
    ("cursor-not-utf8", "master", "get", "/api/v1/projects?cursor=" + base64.urlsafe_b64encode(b"\xff\xfe[").decode(), {},
     400, "VALIDATION_ERROR", "cursor"),
    # Keys and assets.
    ("empty-scopes", "master", "post", "/api/v1/projects/{pid}/api-keys", {"json": {"name": "k", "scopes": []}},
     400, "VALIDATION_ERROR", "scopes"),
    ("html-as-video", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "video", "mimeType": "text/html", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "mimeType"),
    ("svg-as-image", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "image", "mimeType": "image/svg+xml", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "mimeType"),
    ("video-as-font", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "font", "mimeType": "video/mp4", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "mimeType"),
    ("image-as-audio", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "audio", "mimeType": "image/png", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "mimeType"),
    ("html-as-template", "key", "post", "/api/v1/projects/{pid}/assets",
     {"json": {"name": "a", "type": "template", "mimeType": "text/html", "sizeBytes": 10}}, 400, "VALIDATION_ERROR", "mimeType"),
    # Storage notifications of odd shapes, or too many records.
    ("storage-event-s3-string", "storage", "post", "/webhooks/storage",
     {"json": {"Records": [{"eventName": "ObjectCreated:Put", "s3": "x"}]}}, 400, "VALIDATION_ERROR", "Records.0.s3"),
    ("storage-event-object-string", "storage", "post", "/webhooks/storage",
     {"json": {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": "x"}}]}}, 400, "VALIDATION_ERROR",
     "Records.0.s3.object"),
    ("storage-event-too-many", "storage", "post", "/webhooks/storage",
     {"json": {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": "k%d" % i}}} for i in range(101)]}},
     400, "VALIDATION_ERROR", "Records"),
    # A cron expression that never fires (February has no 30th).
    ("cron-never-fires", "key", "post", "/api/v1/projects/{pid}/automations",
     {"json": {"name": "a", "trigger": {"type": "schedule", "cron": "0 0 30 2 *"}, "actions": WEBHOOK_ACTION}},
     400, "VALIDATION_ERROR", "trigger.cron"),
    # A method no route has (Flask would answer OPTIONS with an HTML 200).
    ("options", "key", "options", "/api/v1/projects/{pid}/assets", {}, 405, "METHOD_NOT_ALLOWED", None),
]


def all_rows(app):
    """Every row of every table, compared whole: a refused PATCH that changed a column wrote too.
    (lastUsedAt aside: any keyed request may write it.)"""
    with app.app_context(), database.connection_context():
        tables = {}
        for model in MODELS:
            fields = [f for f in model._meta.sorted_fields if f is not ApiKey.last_used_at]
            tables[model.__name__] = sorted(repr(row) for row in model.select(*fields).tuples())
        return tables


@pytest.fixture
def ctx(app, client, master, project, key):
    app.config["STORAGE_WEBHOOK_SECRET"] = "storage-secret"
    automation = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
        "name": "a", "trigger": {"type": "webhook"}, "actions": WEBHOOK_ACTION}).json
    return {"pid": project["id"], "slug": project["slug"], "aid": automation["id"],
            "headers": {"master": master, "key": key, "storage": bearer("storage-secret")}}


def _fill(value, ctx):
    if isinstance(value, str):
        return value.replace("{pid}", ctx["pid"]).replace("{slug}", ctx["slug"]).replace("{aid}", ctx["aid"])
    return value


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_refused_and_writes_nothing(app, client, ctx, case):
    _, who, method, path, kwargs, status, code, field = case
    before = all_rows(app)
    kwargs = {name: _fill(value, ctx) for name, value in kwargs.items()}
    resp = client.open(_fill(path, ctx), method=method.upper(), headers=ctx["headers"][who], **kwargs)
    assert resp.status_code == status, resp.data[:300]
    assert resp.mimetype == "application/json"
    assert resp.json["error"]["code"] == code
    if field is not None:
        assert field in resp.json["error"]["details"], resp.json
    assert all_rows(app) == before


def test_every_limit_row_is_distinct():
    assert len({c[0] for c in CASES}) == len(CASES)


def _numbers_without_bounds(spec, schema, path, seen):
    """Paths of integer/number properties (in request bodies and query strings) lacking a maximum."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen = seen | {name}
        schema = spec["components"]["schemas"][name]
    found = []
    for variant in schema.get("oneOf", []) + schema.get("anyOf", []) + schema.get("allOf", []):
        found += _numbers_without_bounds(spec, variant, path, seen)
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    if ("integer" in types or "number" in types) and not schema.get("readOnly"):
        if "maximum" not in schema and "exclusiveMaximum" not in schema:
            found.append(path)
    for name, child in (schema.get("properties") or {}).items():
        if not child.get("readOnly"):
            found += _numbers_without_bounds(spec, child, path + "." + name, seen)
    if isinstance(schema.get("items"), dict):
        found += _numbers_without_bounds(spec, schema["items"], path + "[]", seen)
    if isinstance(schema.get("additionalProperties"), dict):
        found += _numbers_without_bounds(spec, schema["additionalProperties"], path + ".*", seen)
    return found


def test_numeric_inputs_are_bounded(client):
    """Every number a client may send has a maximum, so none reaches a column or a sum unbounded
    (how big is each field's Range; the input rules only refuse NaN and Infinity)."""
    spec = client.get("/openapi.json").json
    unbounded = []
    for route, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            if body:
                unbounded += _numbers_without_bounds(spec, body["schema"], "%s %s body" % (method, route), frozenset())
            for parameter in operation.get("parameters", []) + operations.get("parameters", []):
                if isinstance(parameter, dict) and parameter.get("in") == "query":
                    unbounded += _numbers_without_bounds(spec, parameter["schema"], "%s %s ?%s" % (
                        method, route, parameter["name"]), frozenset())
    assert unbounded == []
