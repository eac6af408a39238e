"""Rate limits are exact across two gunicorn workers when Redis is configured."""
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.conftest import bearer
from tests.procs import env_for, start_gunicorn


def test_limit_exact_across_two_workers(backend, config, make_project, make_key, tmp_path):
    if not config.REDIS_URL:
        pytest.skip("the embedded default limits per process; exactness across workers needs Redis")
    project = make_project()
    key = make_key(project, rateLimitRpm=25)["key"]
    server, base = start_gunicorn(env_for(config), tmp_path / "gunicorn.log", workers=2)
    try:
        url = "%s/api/v1/projects/%s" % (base, project["id"])

        def call(_):
            # A fresh connection each time so both workers take requests.
            return requests.get(url, headers={**bearer(key), "Connection": "close"}, timeout=10)

        with ThreadPoolExecutor(max_workers=8) as pool:
            responses = list(pool.map(call, range(80)))
        statuses = [r.status_code for r in responses]
        assert statuses.count(200) == 25, statuses
        assert statuses.count(429) == 55
        limited = [r for r in responses if r.status_code == 429]
        assert all(r.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED" for r in limited)
        assert all(1 <= int(r.headers["Retry-After"]) <= 60 for r in limited)
    finally:
        server.stop()
    pids = set(re.findall(r"^<?(\d+)>? GET", server.output(), re.M))
    assert len(pids) == 2, "both workers must have served requests: %s" % pids
