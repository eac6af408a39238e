"""UsageDaily rows: one project's usage on one UTC day, written by the daily rollup."""
from peewee import BigIntegerField, DateField, ForeignKeyField, IntegerField

from ..db import BaseModel
from ..projects.models import Project


class UsageDaily(BaseModel):
    """What a project used on `day`: storage held at the day's end, renders completed that day
    (and their billed milliseconds), webhook delivery attempts and automation runs started."""

    project = ForeignKeyField(Project, backref="usage_days", on_delete="CASCADE")
    day = DateField()
    storage_bytes = BigIntegerField(default=0)
    render_count = IntegerField(default=0)
    render_ms = BigIntegerField(default=0)
    deliveries = IntegerField(default=0)
    runs = IntegerField(default=0)

    class Meta:
        indexes = ((("project", "day"), True),)

    COUNTERS = ("storage_bytes", "render_count", "render_ms", "deliveries", "runs")

    def as_api(self):
        """The API's daily row."""
        return row_for_api(self.day, {name: getattr(self, name) for name in self.COUNTERS})


def row_for_api(day, counters):
    """{date, storageBytes, renderCount, renderMinutes, deliveries, runs} from column values."""
    return {"date": day.isoformat(), "storageBytes": int(counters["storage_bytes"]),
            "renderCount": int(counters["render_count"]),
            "renderMinutes": round(int(counters["render_ms"]) / 60000.0, 4),
            "deliveries": int(counters["deliveries"]), "runs": int(counters["runs"])}
