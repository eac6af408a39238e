"""The served spec is exactly what the server does: schemathesis' checks (all of them) over every
operation, in-process, with the master key and with a project key, on each backend.

Budget (tests/schemathesis.toml): a fixed seed, ~8 cases per operation and phase (examples and
fuzzing; positive and negative data), one worker, no shrinking; then a stateful walk
along the spec's OpenAPI links (create -> get/update/delete). Where one check does not fit one
operation, the toml turns it off there and says why; nothing is off globally.
"""
import collections
import os
import tomllib

import hypothesis
import pytest
import schemathesis

from renderowl import create_app
from renderowl.extensions import database
from tests.conftest import MASTER_KEY, backend_config

CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemathesis.toml")

# By the contract these answer a project key only (the master key gets 400 PROJECT_REQUIRED).
LEGACY = ["legacyRenders.list", "legacyRenders.submit", "legacyRenders.get"]
# Master-key routes: a project key gets 403 MASTER_KEY_REQUIRED from each, which the master
# run's own cases already show are documented; the project-key run spends its budget elsewhere.
MASTER_ONLY = ["projects.list", "projects.create", "projects.update", "projects.delete",
               "projects.rotateWebhookSecret", "apiKeys.list", "apiKeys.create", "apiKeys.revoke",
               "metrics.scrape"]

# Cases sent per (backend, who, operation), printed at the end of the module.
CASES = collections.Counter()


@pytest.fixture(scope="module")
def contract_app(backend, tmp_path_factory, request):
    """One app per backend for the whole module. Background work is queued but never run (no
    consumer): fuzzed automations and renders must not reach FFmpeg or the network."""
    base = backend_config(backend, tmp_path_factory.mktemp("contract"), request)
    config = type("ContractConfig", (base,), {"HUEY_IMMEDIATE": False, "AUTH_FAILURES_PER_MINUTE": 10 ** 6})
    app = create_app(config)
    storage = app.extensions["renderowl_storage"]
    if hasattr(storage, "ensure_bucket"):
        storage.ensure_bucket()
    yield app
    database.close_all() if hasattr(database.obj, "close_all") else None


@pytest.fixture(scope="module")
def contract_projects(contract_app):
    """The project every `{project_id}` names, a spare one for PATCH/DELETE, and a project key."""
    client, master = contract_app.test_client(), {"Authorization": "Bearer " + MASTER_KEY}
    made = {}
    for name in ("main", "spare"):
        resp = client.post("/api/v1/projects", json={"slug": "contract-" + name, "name": name}, headers=master)
        assert resp.status_code == 201, resp.json
        made[name] = resp.json["id"]
    resp = client.post("/api/v1/projects/%s/api-keys" % made["main"], json={"name": "contract", "rateLimitRpm": 100000},
                       headers=master)
    assert resp.status_code == 201, resp.json
    made["key"] = resp.json["key"]
    return made


@pytest.fixture(params=["master", "key"])
def who(request):
    return request.param


def contract_config(who):
    """tests/schemathesis.toml, narrowed for `who`: the master key skips the legacy routes, a
    project key the master-only ones."""
    with open(CONFIG, "rb") as fh:
        data = tomllib.load(fh)
    data.setdefault("operations", []).append(
        {"include-operation-id": LEGACY if who == "master" else MASTER_ONLY, "enabled": False})
    return schemathesis.Config.from_dict(data)


@pytest.fixture
def contract_schema(contract_app, contract_projects, who, monkeypatch):
    monkeypatch.setenv("RENDEROWL_ST_TOKEN", MASTER_KEY if who == "master" else contract_projects["key"])
    monkeypatch.setenv("RENDEROWL_ST_PROJECT", contract_projects["main"])
    monkeypatch.setenv("RENDEROWL_ST_SPARE_PROJECT", contract_projects["spare"])
    return schemathesis.openapi.from_wsgi("/openapi.json", contract_app, config=contract_config(who))


schema = schemathesis.pytest.from_fixture("contract_schema")


@schema.parametrize()
def test_every_operation_answers_as_documented(case, backend, who):
    CASES[(backend, who, case.operation.label)] += 1
    case.call_and_validate()


def test_stateful_walk_along_links(contract_schema, backend, who):
    machine = contract_schema.as_state_machine()
    machine.run(settings=hypothesis.settings(max_examples=6, stateful_step_count=8, deadline=None, derandomize=True,
                                             database=None, suppress_health_check=list(hypothesis.HealthCheck)))


def teardown_module():
    for (backend, who) in sorted({k[:2] for k in CASES}):
        counts = {op: n for (b, w, op), n in CASES.items() if (b, w) == (backend, who)}
        print("\nschemathesis %s/%s: %d operations, %d cases" % (backend, who, len(counts), sum(counts.values())))
