"""Automations cannot run away: the depth header, the trigger's rate limit, through HTTP on both backends."""
import pytest
import requests

from tests.conftest import bearer
from tests.procs import env_for, free_port, start_consumer, start_gunicorn, wait_for

pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"])
MASTER = {"Authorization": "Bearer test-master-key-0123456789abcdef"}
DEPTH = "Renderowl-Automation-Depth"


def api(project, path=""):
    return "/api/v1/projects/%s/automations%s" % (project["id"], path)


def create(client, key, project, url="https://example.com/hook", trigger=None, **action):
    resp = client.post(api(project), headers=key, json={
        "name": "loop", "trigger": trigger or {"type": "webhook"}, "actions": [{"type": "webhook", "url": url, **action}]})
    assert resp.status_code == 201, resp.json
    return resp.json


def runs(client, key, project, automation):
    return client.get(api(project, "/%s/runs?limit=100" % automation["id"]), headers=key).json["data"]


def test_depth_header_makes_a_deeper_run_and_is_refused_past_3(client, key, project, receiver):
    auto = create(client, key, project, url=receiver.url("/hook"))
    url, secret = "/webhooks/automations/" + auto["trigger"]["endpoint"], auto["trigger"]["secret"]

    plain = client.post(url, json={}, headers=bearer(secret))
    assert plain.status_code == 202, plain.json
    deep = client.post(url, json={}, headers={**bearer(secret), DEPTH: "2"})
    assert deep.status_code == 202, deep.json
    by_id = {r["id"]: r for r in runs(client, key, project, auto)}
    assert by_id[plain.json["runId"]]["depth"] == 0 and by_id[deep.json["runId"]]["depth"] == 3
    # Each webhook action tells the receiver the depth of the run that sent it.
    assert [hit["headers"][DEPTH] for hit in receiver.hits("/hook")] == ["0", "3"]

    for value in ("3", "17", "999999999"):
        refused = client.post(url, json={}, headers={**bearer(secret), DEPTH: value})
        assert refused.status_code == 409, refused.json
        assert refused.json["error"]["code"] == "AUTOMATION_LOOP"
        assert refused.json["error"]["details"]["maxDepth"] == 3
    for value in ("-1", "x", "1.5", "1e3"):
        bad = client.post(url, json={}, headers={**bearer(secret), DEPTH: value})
        assert bad.status_code == 400 and DEPTH in bad.json["error"]["details"], (value, bad.json)
    # Strangers learn nothing: credentials are checked before the header.
    assert client.post(url, json={}, headers={**bearer("whsec_wrong"), DEPTH: "3"}).status_code == 401

    # The manual run route honours it too (a webhook action may call the API with a key).
    manual = client.post(api(project, "/%s/run" % auto["id"]), json={}, headers={**key, DEPTH: "3"})
    assert manual.status_code == 409 and manual.json["error"]["code"] == "AUTOMATION_LOOP"
    manual = client.post(api(project, "/%s/run" % auto["id"]), json={}, headers={**key, DEPTH: "1"})
    assert manual.status_code == 202 and manual.json["depth"] == 2
    # No refused request wrote a run.
    assert len(runs(client, key, project, auto)) == 3
    assert client.get(api(project, "/" + auto["id"]), headers=key).json["runs"]["total"] == 3


def test_an_action_cannot_set_the_depth_header_itself(client, key, project):
    resp = client.post(api(project), headers=key, json={
        "name": "sneaky", "trigger": {"type": "webhook"},
        "actions": [{"type": "webhook", "url": "https://example.com/x", "headers": {"renderowl-automation-depth": "0"}}]})
    assert resp.status_code == 400 and "actions.0.headers" in resp.json["error"]["details"], resp.json


def test_public_trigger_is_rate_limited_per_automation(client, key, project):
    default = create(client, key, project)
    assert default["trigger"]["rateLimitRpm"] == 60
    for rpm in (0, 6001, "fast"):
        bad = client.post(api(project), headers=key, json={
            "name": "x", "trigger": {"type": "webhook", "rateLimitRpm": rpm},
            "actions": [{"type": "webhook", "url": "https://example.com/x"}]})
        assert bad.status_code == 400 and "trigger.rateLimitRpm" in bad.json["error"]["details"], bad.json

    limited = create(client, key, project, trigger={"type": "webhook", "rateLimitRpm": 2})
    assert limited["trigger"]["rateLimitRpm"] == 2
    url, secret = "/webhooks/automations/" + limited["trigger"]["endpoint"], limited["trigger"]["secret"]
    answers = [client.post(url, json={"n": n}, headers=bearer(secret)) for n in range(3)]
    assert [a.status_code for a in answers] == [202, 202, 429], [a.json for a in answers]
    assert answers[0].headers["X-RateLimit-Limit"] == "2"
    over = answers[2]
    assert over.json["error"]["code"] == "RATE_LIMIT_EXCEEDED" and 1 <= int(over.headers["Retry-After"]) <= 60
    assert len(runs(client, key, project, limited)) == 2
    # The limit is the automation's own: another trigger of the same project still answers.
    other = "/webhooks/automations/" + default["trigger"]["endpoint"]
    assert client.post(other, json={}, headers=bearer(default["trigger"]["secret"])).status_code == 202
    # Raising it takes effect at once.
    patched = client.patch(api(project, "/" + limited["id"]), headers=key,
                           json={"trigger": {"type": "webhook", "rateLimitRpm": 10}})
    assert patched.status_code == 200 and patched.json["trigger"]["endpoint"] == limited["trigger"]["endpoint"]
    assert client.post(url, json={}, headers=bearer(secret)).status_code == 202


def test_an_automation_that_triggers_itself_ends(config, tmp_path):
    """The probe of issue 9: two webhook actions posting to the automation's own public trigger.

    Depth 0 starts two runs at depth 1, four at 2, eight at 3, whose calls are refused: 15 runs,
    then nothing (without the depth rule it doubles forever).
    """
    port = free_port()
    live = type("LiveConfig", (config,), {"PUBLIC_URL": "http://127.0.0.1:%d" % port})
    env = env_for(live, RENDEROWL_HUEY_NAME="loops")
    consumer = start_consumer(env, str(tmp_path / "consumer.log"), workers=4)
    web, base = start_gunicorn(env, tmp_path / "web.log", workers=2, port=port)
    procs = [consumer, web]
    try:
        api_base = base + "/api/v1/projects"
        project = requests.post(api_base, headers=MASTER, json={"slug": "loopy", "name": "Loopy"}).json()
        auto = requests.post(api_base + "/loopy/automations", headers=MASTER, json={
            "name": "self", "trigger": {"type": "webhook"},
            "actions": [{"type": "webhook", "url": "https://example.com/later"}]}).json()
        trigger_url = base + "/webhooks/automations/" + auto["trigger"]["endpoint"]
        call_self = {"type": "webhook", "url": trigger_url, "body": {"from": "{{run.id}}"},
                     "headers": {"Authorization": "Bearer " + auto["trigger"]["secret"]}}
        resp = requests.patch(api_base + "/loopy/automations/" + auto["id"], headers=MASTER,
                              json={"actions": [call_self, call_self]})
        assert resp.status_code == 200, resp.text
        assert requests.post(trigger_url, headers={"Authorization": "Bearer " + auto["trigger"]["secret"]},
                             json={}).status_code == 202

        runs_url = api_base + "/loopy/automations/%s/runs?limit=100" % auto["id"]

        def settled():
            data = requests.get(runs_url, headers=MASTER).json()["data"]
            return len(data) >= 15 and all(r["status"] in ("completed", "failed") for r in data)
        wait_for(settled, 120, "the chain of runs to end", procs)
        data = requests.get(runs_url, headers=MASTER).json()["data"]
        assert len(data) == 15, [(r["depth"], r["status"]) for r in data]
        by_depth = {d: [r for r in data if r["depth"] == d] for d in range(4)}
        assert [len(by_depth[d]) for d in range(4)] == [1, 2, 4, 8]
        assert all(r["status"] == "completed" for d in range(3) for r in by_depth[d])
        for run in by_depth[3]:
            assert run["status"] == "failed" and "HTTP 409" in run["error"], run
            assert run["steps"][0]["output"]["body"]["error"]["code"] == "AUTOMATION_LOOP"
        stats = requests.get(api_base + "/loopy/automations/" + auto["id"], headers=MASTER).json()["runs"]
        assert (stats["total"], stats["completed"], stats["failed"]) == (15, 7, 8)
        assert project["status"] == "active"
    finally:
        for proc in procs:
            proc.stop()


# -- the cap on running runs per project -------------------------------------------------

@pytest.fixture
def capped(config, key, project, make_queued_app):
    """An app with a real (unconsumed) queue and at most 2 running runs per project."""
    app, _ = make_queued_app(MAX_RUNNING_RUNS=2)
    client = app.test_client()
    auto = create(client, key, project, url="http://127.0.0.1:1/closed")  # every run fails at once
    return app, client, auto


def run_status(client, key, project, auto, run_id):
    return client.get(api(project, "/%s/runs/%s" % (auto["id"], run_id)), headers=key).json["status"]


def test_runs_beyond_the_cap_wait_queued_and_start_when_one_ends(key, project, capped):
    from renderowl.automations.tasks import execute_run
    app, client, auto = capped
    started = [client.post(api(project, "/%s/run" % auto["id"]), json={}, headers=key) for _ in range(3)]
    assert [r.status_code for r in started] == [202] * 3
    assert [r.json["status"] for r in started] == ["running", "running", "queued"]
    first, second, third = (r.json["id"] for r in started)
    queued = client.get(api(project, "/%s/runs?status=queued" % auto["id"]), headers=key).json["data"]
    assert [r["id"] for r in queued] == [third]
    execute_run.call_local(third)  # a queued run is not executed, whoever dequeues it
    assert run_status(client, key, project, auto, third) == "queued"

    execute_run.call_local(first)  # it ends ...
    assert run_status(client, key, project, auto, first) == "failed"
    assert run_status(client, key, project, auto, third) == "running"  # ... and makes room
    execute_run.call_local(third)
    assert run_status(client, key, project, auto, third) == "failed"
    assert run_status(client, key, project, auto, second) == "running"

    # A retried run waits like a new one when the project is at its cap.
    more = [client.post(api(project, "/%s/run" % auto["id"]), json={}, headers=key).json for _ in range(2)]
    assert [r["status"] for r in more] == ["running", "queued"]
    retried = client.post(api(project, "/%s/runs/%s/retry" % (auto["id"], first)), headers=key)
    assert retried.status_code == 202 and retried.json["status"] == "queued"


def test_the_sweep_admits_runs_whose_admission_was_lost(key, project, capped):
    from renderowl.automations.models import AutomationRun
    from renderowl.automations.tasks import sweep_runs
    from renderowl.extensions import database
    app, client, auto = capped
    ids = [client.post(api(project, "/%s/run" % auto["id"]), json={}, headers=key).json["id"] for _ in range(3)]
    # A worker ends a run and dies before admitting the next one.
    with app.app_context(), database.connection_context():
        assert AutomationRun.get_by_id(ids[0]).finish()
    assert run_status(client, key, project, auto, ids[2]) == "queued"
    with app.app_context():
        assert sweep_runs.call_local() == 1
    assert [run_status(client, key, project, auto, i) for i in ids] == ["completed", "running", "running"]
    with app.app_context():
        assert sweep_runs.call_local() == 0  # no room: nothing more


def test_the_cap_holds_under_concurrent_starts(config, tmp_path):
    """Twenty-four manual runs at once through two web workers: exactly the cap is running."""
    from concurrent.futures import ThreadPoolExecutor
    env = env_for(config, RENDEROWL_HUEY_NAME="cap", RENDEROWL_MAX_RUNNING_RUNS="3")
    web, base = start_gunicorn(env, tmp_path / "web.log", workers=2)  # no consumer: nothing runs
    try:
        api_base = base + "/api/v1/projects"
        assert requests.post(api_base, headers=MASTER, json={"slug": "busy", "name": "Busy"}).status_code == 201
        auto = requests.post(api_base + "/busy/automations", headers=MASTER, json={
            "name": "many", "trigger": {"type": "webhook"},
            "actions": [{"type": "webhook", "url": "https://example.com/x"}]}).json()
        url = api_base + "/busy/automations/%s/run" % auto["id"]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: requests.post(url, headers=MASTER, json={}), range(24)))
        assert [a.status_code for a in answers] == [202] * 24
        statuses = [a.json()["status"] for a in answers]
        assert statuses.count("running") == 3 and statuses.count("queued") == 21
        listed = requests.get(api_base + "/busy/automations/%s/runs?limit=100" % auto["id"], headers=MASTER).json()
        assert sorted(r["status"] for r in listed["data"]) == ["queued"] * 21 + ["running"] * 3
    finally:
        web.stop()
