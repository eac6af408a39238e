"""Billing periods on a controlled clock (time-machine): `quotaPeriod: month` counts the current
UTC calendar month and rolls over at its first write or read of a new month, with no job at
midnight; a render reserved in one month and settled in the next counts in the month it
completed (when it is billed). `quotaPeriod: total` counts the project's whole life."""
import datetime

import pytest
import time_machine

from renderowl.extensions import database, huey
from renderowl.renders.tasks import render_job
from renderowl.usage.tasks import reconcile_all
from tests.conftest import bearer
from tests.render_media import make_clip, upload_asset

UTC = datetime.timezone.utc
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Billing"}]


def at(*when):
    return time_machine.travel(datetime.datetime(*when, tzinfo=UTC), tick=True)


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clips")
    # 61 s uses up a 1-minute quota in one render; 1 s is a small one.
    return {"long": make_clip(folder / "long.mp4", seconds=61, size="96x64", rate=5, audio=False),
            "short": make_clip(folder / "short.mp4", seconds=1, size="96x64", rate=5, audio=False)}


def project_usage(client, master, project):
    return client.get("/api/v1/projects/%s" % project["id"], headers=master).json["usage"]


def submit(client, key, project, asset):
    return client.post("/api/v1/projects/%s/renders" % project["id"], headers=key, json={
        "video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS, "settings": {"preset": "ultrafast"}})


def test_month_rolls_over_without_a_job_and_a_late_render_counts_where_it_completed(
        app, client, master, make_project, make_key, make_queued_app, clips):
    with at(2027, 10, 31, 23, 40):
        project = make_project(settings={"renderQuotaMinutes": 1})
        assert project["settings"]["quotaPeriod"] == "month"
        assert project["usage"]["periodStart"] == "2027-10-01T00:00:00.000Z"
        key = bearer(make_key(project)["key"])
        long = upload_asset(client, project["id"], key, clips["long"])
        short = upload_asset(client, project["id"], key, clips["short"], name="short.mp4")
        first = submit(client, key, project, long)
        assert first.status_code == 202
        october = project_usage(client, master, project)
        assert october["renderCount"] == 1 and october["renderMinutesUsed"] == pytest.approx(61 / 60, abs=0.01)
        refused = submit(client, key, project, short)
        assert refused.status_code == 429 and refused.json["error"]["code"] == "PROJECT_QUOTA_EXCEEDED"
        assert refused.json["error"]["details"]["renderMinutesUsed"] == pytest.approx(61 / 60, abs=0.01)
        dry = client.post("/api/v1/projects/%s/renders" % project["id"], headers=key, json={
            "video": {"type": "asset", "assetId": short["id"]}, "captions": CAPTIONS, "dryRun": True})
        assert dry.status_code == 429

    # Midnight passes; nothing runs. The first read of November already shows a fresh period.
    with at(2027, 11, 1, 0, 0, 5):
        november = project_usage(client, master, project)
        assert november == {"storageBytes": october["storageBytes"], "renderCount": 0, "renderMinutesUsed": 0.0,
                            "periodStart": "2027-11-01T00:00:00.000Z"}
        again = submit(client, key, project, short)
        assert again.status_code == 202, again.json
        assert project_usage(client, master, project)["renderCount"] == 1

    # Reserved on 30 November, rendered and settled on 1 December: December's render.
    with at(2027, 11, 30, 23, 59, 50):
        quiet, _ = make_queued_app()  # the same database; nothing consumes what it queues
        huey.flush()
        late = quiet.test_client().post("/api/v1/projects/%s/renders" % project["id"], headers=key, json={
            "video": {"type": "asset", "assetId": short["id"]}, "captions": CAPTIONS})
        assert late.status_code == 202 and late.json["status"] == "queued"
        huey.flush()
        before = project_usage(client, master, project)
        assert before["renderCount"] == 1 and before["periodStart"] == "2027-11-01T00:00:00.000Z"
    with at(2027, 12, 1, 0, 0, 10):
        with quiet.app_context(), database.connection_context():
            render_job.call_local(late.json["id"])
        job = client.get("/api/v1/projects/%s/renders/%s" % (project["id"], late.json["id"]), headers=key).json
        assert job["status"] == "completed" and job["completedAt"].startswith("2027-12-01")
        december = project_usage(client, master, project)
        assert december["periodStart"] == "2027-12-01T00:00:00.000Z"
        assert december["renderCount"] == 1
        assert december["renderMinutesUsed"] == pytest.approx(job["output"]["durationSeconds"] / 60, abs=1e-3)
        # The daily history agrees: nothing on 30 November, the render on 1 December.
        days = client.get("/api/v1/projects/%s/usage" % project["id"], headers=key,
                          query_string={"from": "2027-11-30", "to": "2027-12-01"}).json["data"]
        assert [(d["date"], d["renderCount"]) for d in days] == [("2027-11-30", 0), ("2027-12-01", 1)]
        # And the nightly reconciliation finds the period counters right.
        with app.app_context(), database.connection_context():
            assert reconcile_all() == {}


def test_total_period_never_resets(client, master, make_project, make_key, clips):
    with at(2027, 10, 31, 23, 0):
        project = make_project(settings={"renderQuotaMinutes": 1, "quotaPeriod": "total"})
        key = bearer(make_key(project)["key"])
        long = upload_asset(client, project["id"], key, clips["long"])
        assert submit(client, key, project, long).status_code == 202
    with at(2027, 11, 2, 9, 0):
        usage = project_usage(client, master, project)
        assert usage["renderCount"] == 1 and usage["renderMinutesUsed"] == pytest.approx(61 / 60, abs=0.01)
        assert usage["periodStart"] == project["createdAt"]
        assert submit(client, key, project, long).json["error"]["code"] == "PROJECT_QUOTA_EXCEEDED"
        # Switching to monthly counts this month only: room again.
        patched = client.patch("/api/v1/projects/%s" % project["id"], headers=master,
                               json={"settings": {"quotaPeriod": "month"}}).json
        assert patched["usage"]["renderCount"] == 0 and patched["usage"]["periodStart"] == "2027-11-01T00:00:00.000Z"
        assert submit(client, key, project, long).status_code == 202


def test_quota_period_is_validated(client, master, project):
    resp = client.patch("/api/v1/projects/%s" % project["id"], headers=master, json={"settings": {"quotaPeriod": "week"}})
    assert resp.status_code == 400 and "settings.quotaPeriod" in resp.json["error"]["details"]
