"""The one error envelope for every failure kind, request ids, docs and health."""
import json
import socket

import pytest
import requests

from tests.procs import env_for, start_gunicorn


def _assert_envelope(resp, status, code):
    assert resp.status_code == status
    assert resp.mimetype == "application/json", resp.data[:200]
    body = resp.json
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_unknown_route_404(client, master):
    _assert_envelope(client.get("/api/v1/nothing-here", headers=master), 404, "NOT_FOUND")
    _assert_envelope(client.get("/totally/unknown"), 404, "NOT_FOUND")


def test_wrong_method_405(client, master):
    resp = client.put("/api/v1/projects", headers=master, json={})
    _assert_envelope(resp, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in resp.headers["Allow"]


def test_preview_405_allows_only_its_own_method(client, master, project):
    # `/renders/preview` must not also match `/renders/<job_id>` (whose GET it would advertise).
    for method in ("GET", "OPTIONS", "DELETE"):
        resp = client.open("/api/v1/projects/%s/renders/preview" % project["id"], method=method, headers=master)
        _assert_envelope(resp, 405, "METHOD_NOT_ALLOWED")
        assert resp.headers["Allow"] == "POST", method


@pytest.mark.backends("sqlite")
def test_gunicorn_refusals_are_the_json_envelope(config, tmp_path):
    server, base = start_gunicorn(env_for(config), tmp_path / "gunicorn.log", workers=1, access_log=False)
    try:
        cases = [(requests.get(base + "/api/v1/projects?cursor=" + "a" * 5000, timeout=10), 414, "URI_TOO_LONG"),
                 (requests.get(base + "/healthz", headers={"X-Big": "x" * 9000}, timeout=10), 431, "HEADERS_TOO_LARGE")]
        for resp, status, code in cases:
            assert resp.status_code == status and resp.headers["Content-Type"] == "application/json", resp.text[:200]
            assert resp.json()["error"]["code"] == code
        host, port = base.rsplit("/", 1)[1].split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"NOT AN HTTP REQUEST\r\n\r\n")
            raw = sock.recv(65536).decode()
        head, _, body = raw.partition("\r\n\r\n")
        assert head.startswith("HTTP/1.1 400") and "Content-Type: application/json" in head, raw
        assert json.loads(body)["error"]["code"] == "BAD_REQUEST"
    finally:
        server.stop()


def test_malformed_json_400(client, master):
    resp = client.post("/api/v1/projects", data='{"slug": "abc",', headers=master,
                       content_type="application/json")
    _assert_envelope(resp, 400, "INVALID_JSON")
    resp = client.post("/api/v1/projects", data="slug=abc", headers=master,
                       content_type="application/x-www-form-urlencoded")
    _assert_envelope(resp, 400, "INVALID_JSON")


def test_validation_details_name_each_field(client, master):
    resp = client.post("/api/v1/projects", json={"slug": "ok-slug", "settings": {"renderQuotaMinutes": -1}},
                       headers=master)
    error = _assert_envelope(resp, 400, "VALIDATION_ERROR")
    assert set(error["details"]) == {"name", "settings.renderQuotaMinutes"}


def test_unknown_fields_rejected_not_dropped(client, master):
    resp = client.post("/api/v1/projects", json={"slug": "abc-d", "name": "n", "colour": "red"}, headers=master)
    error = _assert_envelope(resp, 400, "VALIDATION_ERROR")
    assert "colour" in error["details"]
    # Nothing was written.
    assert client.get("/api/v1/projects", headers=master).json["data"] == []


def test_non_object_body(client, master):
    error = _assert_envelope(client.post("/api/v1/projects", json=[1, 2], headers=master), 400, "VALIDATION_ERROR")
    assert error["details"]


def test_body_too_large_413(client, master):
    big = json.dumps({"slug": "abc", "name": "x" * (2 * 1024 * 1024)})
    resp = client.post("/api/v1/projects", data=big, headers=master, content_type="application/json")
    _assert_envelope(resp, 413, "PAYLOAD_TOO_LARGE")


def test_bad_query_params(client, master):
    for query in ("limit=0", "limit=101", "limit=abc", "limit=2.0", "limit=1&limit=2", "cursor=!!!",
                  "cursor=" + "0" * 44, "cursor=" + "A" * 45, "status=gone", "status=active&status=archived"):
        error = _assert_envelope(client.get("/api/v1/projects?" + query, headers=master), 400, "VALIDATION_ERROR")
        assert set(error["details"]) & {"limit", "cursor", "status"}, query


def test_unexpected_exception_is_500_envelope_without_traceback(app, client, master, monkeypatch):
    from renderowl.projects.models import Project

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(Project, "lookup", classmethod(boom))
    resp = client.get("/api/v1/projects/anything", headers={**master, "X-Request-Id": "req-abc"})
    error = _assert_envelope(resp, 500, "INTERNAL_ERROR")
    assert error["details"]["requestId"] == "req-abc"
    assert b"secret internals" not in resp.data and b"Traceback" not in resp.data


def test_request_id_echoed_or_generated(client, master):
    assert client.get("/healthz", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    generated = client.get("/healthz").headers["X-Request-Id"]
    assert generated.startswith("req_") and len(generated) > 10
    assert client.get("/nope").headers["X-Request-Id"]


def test_healthz_checks_database(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.json == {"status": "ok", "database": "ok", "queue": "ok",
                                                     "queueDepth": 0, "oldestQueuedJobAgeSeconds": 0.0}


def test_openapi_31_documents_security_and_errors(client):
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.1")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    create = spec["paths"]["/api/v1/projects"]["post"]
    assert create["security"] == [{"bearerAuth": []}]
    for status in ("400", "401", "403", "409", "429"):
        assert status in create["responses"], status
    assert "Error" in spec["components"]["schemas"]
    assert "Idempotency-Key" in spec["info"]["description"]
    # Public routes are documented too, with an explicit empty security requirement.
    for path in ("/healthz", "/webhooks/storage", "/webhooks/automations/{endpoint}"):
        assert path in spec["paths"], path
    assert spec["paths"]["/healthz"]["get"]["security"] == []
    project_param = spec["paths"]["/api/v1/projects/{project_id}"]["parameters"][0]
    assert "slug" in project_param["description"]


def test_docs_served_locally(client):
    page = client.get("/docs/reference/")
    assert page.status_code == 200 and b"swagger-ui" in page.data
    assert b"cdn" not in page.data.lower() and b"unpkg" not in page.data.lower()
    bundle = client.get("/docs/assets/swagger/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.data) > 100_000
    assert client.get("/docs", follow_redirects=True).status_code == 200


def test_numbers_and_booleans_are_json_types(client, master, project):
    """An integer field takes what JSON Schema calls an integer (`5.0` too), never `2.5` or
    `"5"`; a boolean field only `true`/`false`, never `0` or `"true"`."""
    url = "/api/v1/projects/%s" % project["id"]
    resp = client.patch(url, json={"settings": {"storageQuotaBytes": 1024.0}}, headers=master)
    assert resp.status_code == 200 and resp.json["settings"]["storageQuotaBytes"] == 1024
    for bad in (2.5, "1024", True, 2.58e-42):
        error = _assert_envelope(client.patch(url, json={"settings": {"storageQuotaBytes": bad}}, headers=master),
                                 400, "VALIDATION_ERROR")
        assert "settings.storageQuotaBytes" in error["details"], bad
    automations = url + "/automations"
    body = {"name": "a", "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": "https://example.com"}]}
    for bad in (0, 1, "true"):
        error = _assert_envelope(client.post(automations, json={**body, "enabled": bad}, headers=master),
                                 400, "VALIDATION_ERROR")
        assert "enabled" in error["details"], bad
    assert client.post(automations, json={**body, "enabled": False}, headers=master).json["enabled"] is False
