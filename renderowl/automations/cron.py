"""Cron moments of schedule triggers, read in the trigger's timezone and stored as naive UTC."""
import datetime
import zoneinfo

from croniter import croniter


def next_run_after(trigger, after):
    """The first cron moment strictly after naive-UTC `after`, as naive UTC."""
    zone = zoneinfo.ZoneInfo(trigger.get("timezone") or "UTC")
    local = after.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    upcoming = croniter(trigger["cron"], local).get_next(datetime.datetime)
    return upcoming.astimezone(datetime.timezone.utc).replace(tzinfo=None)
