"""Schedule triggers through HTTP on both backends: a controlled clock, time zones, claims, crashes."""
import datetime
import json
import zoneinfo

import pytest

from renderowl.automations.models import Automation, AutomationRun
from renderowl.automations.tasks import run_schedules
from tests.test_automations import api, create, get_run

pytestmark = pytest.mark.config(OUTBOUND_ALLOW_CIDRS=["127.0.0.0/8"])


def test_schedule_fires_once_per_slot_with_a_controlled_clock(client, key, project, receiver, app):
    auto = create(client, key, project, trigger={"type": "schedule", "cron": "30 9 * * *",
                                                 "timezone": "America/New_York"},
                  actions=[{"type": "webhook", "url": receiver.url("/tick"),
                            "body": {"at": "{{trigger.scheduledAt}}"}}]).json
    next_at = datetime.datetime.strptime(auto["trigger"]["nextRunAt"], "%Y-%m-%dT%H:%M:%S.%fZ")
    # 09:30 in New York is 13:30 UTC under daylight saving time, 14:30 outside it.
    in_dst = bool(zoneinfo.ZoneInfo("America/New_York").dst(next_at.replace(tzinfo=datetime.timezone.utc)))
    assert (next_at.hour, next_at.minute) == ((13, 30) if in_dst else (14, 30))

    assert run_schedules.call_local(now=next_at - datetime.timedelta(seconds=1)) == []
    fired = run_schedules.call_local(now=next_at + datetime.timedelta(seconds=5))
    assert len(fired) == 1
    # Another consumer checking the same minute finds the slot already claimed.
    assert run_schedules.call_local(now=next_at + datetime.timedelta(seconds=20)) == []
    run = get_run(client, key, project, auto, fired[0])
    assert run["status"] == "completed" and run["trigger"]["type"] == "schedule"
    assert json.loads(receiver.hits("/tick")[0]["body"]) == {"at": auto["trigger"]["nextRunAt"]}
    later = client.get(api(project, "/" + auto["id"]), headers=key).json["trigger"]["nextRunAt"]
    assert later > auto["trigger"]["nextRunAt"]

    client.patch(api(project, "/" + auto["id"]), json={"enabled": False}, headers=key)
    assert run_schedules.call_local(now=next_at + datetime.timedelta(days=3)) == []


def test_schedule_is_read_in_its_timezone_across_daylight_saving(client, key, project, app, receiver):
    """The same local 09:30 is 14:30 UTC in January and 13:30 UTC in July (pinned dates)."""
    from renderowl.extensions import database
    auto = create(client, key, project, trigger={"type": "schedule", "cron": "30 9 * * *",
                                                 "timezone": "America/New_York"},
                  actions=[{"type": "webhook", "url": receiver.url("/tick")}]).json
    for now, expected in ((datetime.datetime(2027, 1, 14, 12, 0), datetime.datetime(2027, 1, 14, 14, 30)),
                          (datetime.datetime(2027, 7, 14, 12, 0), datetime.datetime(2027, 7, 14, 13, 30)),
                          # The night clocks go forward (14 March 2027), then the first day after.
                          (datetime.datetime(2027, 3, 13, 15, 0), datetime.datetime(2027, 3, 14, 13, 30))):
        with app.app_context(), database.connection_context():
            Automation.update(next_run_at=now - datetime.timedelta(minutes=1)).where(
                Automation.id == auto["id"]).execute()
        [run_id] = run_schedules.call_local(now=now)
        assert get_run(client, key, project, auto, run_id)["trigger"]["type"] == "schedule"
        later = client.get(api(project, "/" + auto["id"]), headers=key).json["trigger"]["nextRunAt"]
        assert later == expected.strftime("%Y-%m-%dT%H:%M:%S.000Z"), (now, later)


def test_a_crash_between_claiming_a_slot_and_starting_its_run_loses_nothing(client, key, project, receiver,
                                                                            monkeypatch):
    """The slot's claim and the run's start commit together: a crash in between undoes the claim."""
    auto = create(client, key, project, trigger={"type": "schedule", "cron": "0 * * * *"},
                  actions=[{"type": "webhook", "url": receiver.url("/tick")}]).json
    next_at = datetime.datetime.strptime(auto["trigger"]["nextRunAt"], "%Y-%m-%dT%H:%M:%S.%fZ")

    def killed(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(AutomationRun, "create", killed)
    with pytest.raises(RuntimeError):
        run_schedules.call_local(now=next_at + datetime.timedelta(seconds=5))
    monkeypatch.undo()
    fired = run_schedules.call_local(now=next_at + datetime.timedelta(seconds=10))
    assert len(fired) == 1, "the slot was claimed but its run was lost"
    run = get_run(client, key, project, auto, fired[0])
    assert run["status"] == "completed" and run["trigger"]["scheduledAt"] == auto["trigger"]["nextRunAt"]
    assert len(receiver.hits("/tick")) == 1


def test_patch_writes_only_what_it_changes(client, key, project, monkeypatch):
    """A PATCH racing the scheduler (and a finishing run) must not write back what it read."""
    auto = create(client, key, project, trigger={"type": "schedule", "cron": "0 * * * *"}).json
    claimed = datetime.datetime.strptime(auto["trigger"]["nextRunAt"], "%Y-%m-%dT%H:%M:%S.%fZ") \
        + datetime.timedelta(hours=5)
    save = Automation.save

    def save_after_a_concurrent_claim(self, *args, **kwargs):
        # Between the PATCH's read and its write, a consumer claims the slot and a run is counted.
        Automation.update(next_run_at=claimed, runs_total=Automation.runs_total + 1).where(
            Automation.id == self.id).execute()
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Automation, "save", save_after_a_concurrent_claim)
    resp = client.patch(api(project, "/" + auto["id"]), json={"name": "renamed"}, headers=key)
    monkeypatch.undo()
    assert resp.status_code == 200, resp.json
    got = client.get(api(project, "/" + auto["id"]), headers=key).json
    assert got["name"] == "renamed"
    assert got["trigger"]["nextRunAt"] == claimed.strftime("%Y-%m-%dT%H:%M:%S.000Z")  # a whole hour
    assert got["runs"]["total"] == 1


def test_racing_schedule_claims_fire_once(client, key, project, app):
    """Two consumers that both read the due row before either claims it: only one wins."""
    from renderowl.automations import schedules
    from renderowl.extensions import database
    auto = create(client, key, project, trigger={"type": "schedule", "cron": "* * * * *"}).json
    with app.app_context(), database.connection_context():
        seen_by_a = Automation.get_by_id(auto["id"])
        seen_by_b = Automation.get_by_id(auto["id"])
        due = seen_by_a.next_run_at + datetime.timedelta(seconds=1)
        assert schedules.claim_slot(seen_by_a, due) is True
        assert schedules.claim_slot(seen_by_b, due) is False
