"""List endpoints cost the same number of queries for 2 rows as for 8 (no N+1)."""
from playhouse.test_utils import count_queries

BLOCKED = "http://127.0.0.1:9/nothing"  # refused by the outbound guard: jobs and runs fail fast


def _count(client, url, headers):
    with count_queries() as counter:
        resp = client.get(url, headers=headers)
    assert resp.status_code == 200, resp.json
    return counter.count, len(resp.json["data"])


def _add(client, key, pid, kind, i):
    base = "/api/v1/projects/%s" % pid
    if kind == "assets":
        body = {"name": "a%d.mp4" % i, "type": "video", "mimeType": "video/mp4", "sizeBytes": 10, "tags": ["x"]}
        return client.post(base + "/assets", json=body, headers=key)
    if kind == "templates":
        body = {"name": "t%d" % i, "style": {"fontSize": 40}, "variables": [{"key": "c", "type": "color", "default": "#FFFFFF"}]}
        return client.post(base + "/templates", json=body, headers=key)
    if kind == "renders":
        body = {"video": {"type": "url", "url": BLOCKED}, "captions": [{"start": 0, "end": 1, "text": "hi"}]}
        return client.post(base + "/renders", json=body, headers=key)
    if kind == "automations":
        body = {"name": "a%d" % i, "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": BLOCKED}]}
        return client.post(base + "/automations", json=body, headers=key)
    raise AssertionError(kind)


def test_project_scoped_lists_have_constant_query_counts(client, master, make_project, make_key):
    project = make_project(settings={"webhookUrl": BLOCKED})
    key = {"Authorization": "Bearer " + make_key(project)["key"]}
    pid = project["id"]
    for kind in ("assets", "templates", "renders", "automations"):
        url = "/api/v1/projects/%s/%s" % (pid, kind)
        for i in range(2):
            assert _add(client, key, pid, kind, i).status_code in (201, 202)
        few, n_few = _count(client, url, key)
        for i in range(2, 8):
            assert _add(client, key, pid, kind, i).status_code in (201, 202)
        many, n_many = _count(client, url, key)
        assert (n_few, n_many) == (2, 8), kind
        assert 2 <= few == many <= 4, (kind, few, many)


def test_runs_and_deliveries_lists_have_constant_query_counts(client, master, make_project, make_key):
    project = make_project(settings={"webhookUrl": BLOCKED})
    key = {"Authorization": "Bearer " + make_key(project)["key"]}
    pid = project["id"]
    created = client.post("/api/v1/projects/%s/automations" % pid, headers=key, json={
        "name": "a", "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": BLOCKED}]}).json
    runs_url = "/api/v1/projects/%s/automations/%s/runs" % (pid, created["id"])
    deliveries_url = "/api/v1/projects/%s/webhook-deliveries" % pid
    counts = []
    for total in (2, 8):
        while len(client.get(runs_url + "?limit=100", headers=key).json["data"]) < total:
            assert client.post(runs_url[:-1], json={"input": {}}, headers=key).status_code == 202
        counts.append((_count(client, runs_url, key), _count(client, deliveries_url, master)))
    (runs_few, deliveries_few), (runs_many, deliveries_many) = counts
    assert runs_few[1] == 2 and runs_many[1] == 8
    assert deliveries_many[1] > deliveries_few[1] >= 2
    assert 2 <= runs_few[0] == runs_many[0] <= 5
    assert 1 <= deliveries_few[0] == deliveries_many[0] <= 4
