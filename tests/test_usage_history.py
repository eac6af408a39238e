"""Usage history through HTTP: the daily rollup (idempotent, back-fills missed days), today live,
and the invoicing CLI — on a controlled clock (time-machine) across several days."""
import csv
import datetime
import io

import pytest
import time_machine

from renderowl.extensions import database
from renderowl.usage.history import rollup_day
from renderowl.usage.models import UsageDaily
from renderowl.usage.tasks import rollup_usage
from tests.conftest import bearer
from tests.render_media import make_clip, upload_asset

pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"])
CAPTIONS = [{"start": 0.0, "end": 1.0, "text": "Usage"}]
UTC = datetime.timezone.utc


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("clips") / "clip.mp4", seconds=1)


def at(day, hour=12):
    return time_machine.travel(datetime.datetime(2027, 3, day, hour, tzinfo=UTC), tick=True)


def usage(client, headers, project, **query):
    return client.get("/api/v1/projects/%s/usage" % project["slug"], query_string=query, headers=headers)


def render(client, key, project, asset):
    resp = client.post("/api/v1/projects/%s/renders" % project["id"], headers=key, json={
        "video": {"type": "asset", "assetId": asset["id"]}, "captions": CAPTIONS, "settings": {"preset": "ultrafast"}})
    assert resp.status_code == 202, resp.json
    job = client.get("/api/v1/projects/%s/renders/%s" % (project["id"], resp.json["id"]), headers=key).json
    assert job["status"] == "completed", job
    return job


def test_daily_rollup_backfills_is_idempotent_and_today_is_live(app, client, runner, master, make_project,
                                                                make_key, clip, receiver):
    with at(3):
        project = make_project(settings={"webhookUrl": receiver.url("/events")})
        key = bearer(make_key(project)["key"])
        first = upload_asset(client, project["id"], key, clip)
        job = render(client, key, project, first)
        auto = client.post("/api/v1/projects/%s/automations" % project["id"], headers=key, json={
            "name": "ping", "trigger": {"type": "webhook"},
            "actions": [{"type": "webhook", "url": receiver.url("/auto")}]}).json
        assert client.post("/api/v1/projects/%s/automations/%s/run" % (project["id"], auto["id"]),
                           headers=key, json={}).json["status"] == "completed"
        day3_hits = len(receiver.hits("/events"))
        assert day3_hits == 3  # asset.ready, render.completed, automation.run.completed
    with at(4):
        second = upload_asset(client, project["id"], key, clip, name="second.mp4")
        render(client, key, project, second)
        render(client, key, project, second)
        assert client.delete("/api/v1/projects/%s/assets/%s" % (project["id"], first["id"]), headers=key).status_code == 204
    size = first["sizeBytes"]
    assert second["sizeBytes"] == size
    minutes = job["output"]["durationSeconds"] / 60.0

    with at(7, 1):
        # No worker ran on the 5th and 6th: one run of the periodic task back-fills every day.
        with app.app_context(), database.connection_context():
            assert rollup_usage.call_local() == ["2027-03-03", "2027-03-04", "2027-03-05", "2027-03-06"]
            stored = {(str(r.day), r.storage_bytes, r.render_count, r.deliveries, r.runs)
                      for r in UsageDaily.select().where(UsageDaily.project == project["id"])}
        assert stored == {("2027-03-03", size, 1, 3, 1), ("2027-03-04", size, 2, 3, 0),
                          ("2027-03-05", size, 0, 0, 0), ("2027-03-06", size, 0, 0, 0)}
        resp = usage(client, key, project, **{"from": "2027-03-01", "to": "2027-03-31"})
        assert resp.status_code == 200, resp.json
        rows = resp.json["data"]
        # From the project's first day through today; today (the 7th) computed live.
        assert [r["date"] for r in rows] == ["2027-03-0%d" % d for d in range(3, 8)]
        assert rows[0] == {"date": "2027-03-03", "storageBytes": size, "renderCount": 1,
                           "renderMinutes": pytest.approx(minutes, abs=1e-3), "deliveries": 3, "runs": 1}
        assert rows[1]["renderCount"] == 2 and rows[1]["storageBytes"] == size and rows[1]["deliveries"] == 3
        assert rows[1]["renderMinutes"] == pytest.approx(2 * minutes, abs=1e-3)
        assert rows[4] == {"date": "2027-03-07", "storageBytes": size, "renderCount": 0, "renderMinutes": 0.0,
                           "deliveries": 0, "runs": 0}
        live = upload_asset(client, project["id"], key, clip, name="third.mp4")
        render(client, key, project, live)
        today = usage(client, key, project, **{"from": "2027-03-07"}).json["data"]
        assert today == [{"date": "2027-03-07", "storageBytes": 2 * size, "renderCount": 1,
                          "renderMinutes": pytest.approx(minutes, abs=1e-3), "deliveries": 2, "runs": 0}]
        # Re-running changes nothing (and rewrites only the last day written).
        with app.app_context(), database.connection_context():
            before = sorted((str(r.day), r.storage_bytes, r.render_count, r.render_ms, r.deliveries, r.runs)
                            for r in UsageDaily.select())
            assert rollup_usage.call_local() == ["2027-03-06"]
            assert rollup_day(datetime.date(2027, 3, 3)) >= 1
            after = sorted((str(r.day), r.storage_bytes, r.render_count, r.render_ms, r.deliveries, r.runs)
                           for r in UsageDaily.select())
        assert before == after

        # The invoicing view of the month: one row a day and the total.
        out = runner.invoke(args=["usage", "--project", project["slug"], "--month", "2027-03", "--csv"])
        assert out.exit_code == 0, out.output
        table = list(csv.DictReader(io.StringIO(out.output)))
        assert [r["date"] for r in table] == ["2027-03-0%d" % d for d in range(3, 8)] + ["total"]
        assert table[-1]["renderCount"] == "4" and table[-1]["runs"] == "1" and table[-1]["deliveries"] == "8"
        assert int(table[-1]["storageBytes"]) == 2 * size  # the peak day
        text = runner.invoke(args=["usage", "--project", project["slug"], "--month", "2027-03"])
        assert text.exit_code == 0 and "total" in text.output and project["slug"] in text.output
        assert runner.invoke(args=["usage", "--project", project["slug"], "--month", "March"]).exit_code != 0
        assert runner.invoke(args=["usage", "--project", "nope-nope", "--month", "2027-03"]).exit_code != 0


def test_usage_query_is_validated_and_scoped(client, make_project, make_key, master):
    project, other = make_project(), make_project()
    key = bearer(make_key(project)["key"])
    no_read = bearer(make_key(project, scopes=["renders:read"])["key"])
    ok = usage(client, key, project)
    assert ok.status_code == 200 and ok.json["data"][-1]["date"] == datetime.datetime.now(UTC).date().isoformat()
    assert usage(client, master, project).status_code == 200
    for query, field in (({"from": "2027-3-01"}, "from"), ({"to": "2027-03-01\n"}, "to"),
                         ({"from": "2027-02-30"}, "from"), ({"from": "2027-03-02", "to": "2027-03-01"}, "from"),
                         ({"from": "2020-01-01", "to": "2027-01-01"}, "to")):
        resp = usage(client, key, project, **query)
        assert resp.status_code == 400 and resp.json["error"]["code"] == "VALIDATION_ERROR", (query, resp.json)
        assert field in resp.json["error"]["details"], resp.json
    assert usage(client, no_read, project).json["error"]["code"] == "UNAUTHORIZED_SCOPE"
    assert usage(client, key, other).json["error"]["code"] == "PROJECT_NOT_FOUND"
