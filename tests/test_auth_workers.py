"""Revocation and suspension take effect on the very next request, whichever gunicorn worker takes it."""
import re
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.conftest import MASTER_KEY, bearer
from tests.procs import env_for, start_gunicorn

ROUND = 40  # requests per round, 8 at a time on fresh connections: both workers take some


def _round(url, key, phase):
    def call(_):
        return requests.get("%s?phase=%s" % (url, phase), headers={**bearer(key), "Connection": "close"}, timeout=10)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(call, range(ROUND)))


def _workers(log, phase):
    return set(re.findall(r"^<?(\d+)>? GET \S+phase=%s " % phase, log, re.M))


def _codes(responses):
    return {(r.status_code, r.json().get("error", {}).get("code")) for r in responses}


def test_revocation_and_suspension_reach_every_worker_at_once(config, make_project, make_key, tmp_path):
    project = make_project()
    revoked, other = make_key(project, rateLimitRpm=10000), make_key(project, rateLimitRpm=10000)
    server, base = start_gunicorn(env_for(config), tmp_path / "gunicorn.log", workers=2)
    master = {"Authorization": "Bearer " + MASTER_KEY}
    url = "%s/api/v1/projects/%s" % (base, project["id"])
    try:
        # Both workers have served both keys (whatever they keep per process, they have it now).
        for key in (revoked, other):
            assert _codes(_round(url, key["key"], "warm")) == {(200, None)}

        resp = requests.delete("%s/api-keys/%s" % (url, revoked["id"]), headers=master, timeout=10)
        assert resp.status_code == 200, resp.text
        assert _codes(_round(url, revoked["key"], "revoked")) == {(401, "API_KEY_REVOKED")}
        assert _codes(_round(url, other["key"], "other")) == {(200, None)}

        resp = requests.patch(url, headers=master, json={"status": "suspended"}, timeout=10)
        assert resp.status_code == 200, resp.text
        assert _codes(_round(url, other["key"], "suspended")) == {(403, "PROJECT_SUSPENDED")}

        resp = requests.patch(url, headers=master, json={"status": "active"}, timeout=10)
        assert resp.status_code == 200, resp.text
        assert _codes(_round(url, other["key"], "active")) == {(200, None)}
    finally:
        server.stop()
    log = server.output()
    for phase in ("warm", "revoked", "suspended", "active"):
        assert len(_workers(log, phase)) == 2, "both workers must take part in %s: %s" % (phase, log[-2000:])
