"""A real `huey_consumer` SIGKILLed mid-probe: a restarted worker still brings the asset to `ready`.

The first consumer is `tests.slow_probe` (the real consumer with each probe held 60 s), so it
sleeps while the asset is `processing`; it is killed there, and the task it held is lost with it.
The probe's clock is then moved back past RENDEROWL_ASSET_STALE_SECONDS (the worker "died" long
ago), and the second consumer (no delay) reaps at startup: its probe is queued again and runs.

The threshold is a realistic minute, not a couple of seconds: on a loaded machine a live probe
can take longer than that, and a reaper would rightly presume it dead and probe a second time.
"""
import datetime
import re
import uuid

import pytest

from renderowl.assets.models import Asset
from renderowl.extensions import database
from tests.conftest import bearer
from tests.procs import env_for, start_consumer, wait_for
from tests.test_assets import assets_url, complete, create, is_local, put_bytes

STALE_SECONDS = 60


@pytest.fixture
def worker_app(make_queued_app):
    """The test's app, but queueing to the real queue a separate consumer process reads."""
    return make_queued_app(ASSET_PROCESSING_STALE_SECONDS=STALE_SECONDS)


def _row(app, asset_id):
    with app.app_context(), database.connection_context():
        return Asset.get_by_id(asset_id)



def test_killed_worker_mid_probe_asset_still_ends_ready(worker_app, tmp_path, media, master):
    worker_app, worker_config = worker_app
    client = worker_app.test_client()
    project = client.post("/api/v1/projects", json={"slug": "fault-" + uuid.uuid4().hex[:8], "name": "Fault"},
                          headers=master).json
    key = bearer(client.post("/api/v1/projects/%s/api-keys" % project["id"], json={"name": "k"},
                             headers=master).json["key"])
    env = env_for(worker_config, RENDEROWL_HUEY_NAME=worker_config.HUEY_NAME,
                  RENDEROWL_ASSET_STALE_SECONDS=STALE_SECONDS)

    first = start_consumer({**env, "SLOW_PROBE_SECONDS": "60"}, str(tmp_path / "consumer1.log"),
                           huey="tests.slow_probe.huey")
    # Upload once the consumer's startup sweep is done: an asset older than the stale threshold by
    # then would (rightly) be probed a second time, next to the first probe.
    wait_for(lambda: re.search(r"assets\.tasks\.reap_assets: \S+ executed", first.output()), 30,
             "the consumer's startup sweep", [first])
    second = None
    try:
        data = media["mp4"]
        created = create(client, key, project, len(data)).json
        asset_id = created["asset"]["id"]
        assert put_bytes(client, created, data) == 200
        if not is_local(created):
            assert complete(client, key, project, asset_id).status_code == 200
        assert client.get(assets_url(project, "/" + asset_id), headers=key).json["status"] == "processing"

        # The worker has claimed the probe (attempt 1) and is now sleeping inside it.
        wait_for(lambda: _row(worker_app, asset_id).probe_attempts == 1, 30, "the first worker to start probing", [first])
        first.kill()  # SIGKILL: no cleanup, the dequeued task is gone
        assert _row(worker_app, asset_id).status == "processing"
        with worker_app.app_context(), database.connection_context():  # the worker died an hour ago
            started = Asset.get_by_id(asset_id).processing_started_at
            Asset.update(processing_started_at=started - datetime.timedelta(hours=1)).where(
                Asset.id == asset_id).execute()

        second = start_consumer(env, str(tmp_path / "consumer2.log"))
        wait_for(lambda: _row(worker_app, asset_id).status == "ready", 30, "the asset to become ready", [second])
        asset = client.get(assets_url(project, "/" + asset_id), headers=key).json
        assert asset["status"] == "ready" and asset["metadata"]["width"] == 320
        assert "thumbnail" in asset["urls"]
        assert _row(worker_app, asset_id).probe_attempts == 2
    finally:
        first.kill()
        if second is not None:
            second.kill()
