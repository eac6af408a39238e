"""`GET /projects/:id/usage`: a project's daily usage history (`projects:read`)."""
import datetime
import re

import marshmallow as ma
from flask.views import MethodView

from ..auth.principal import authorize
from ..errors import ValidationError
from ..parser import Blueprint
from .history import history, today
from ..schema_fields import ResponseSchema

blp = Blueprint("usage", __name__, url_prefix="/api/v1/projects/<project_id>/usage",
                description="Usage history: daily rows for invoicing")

MAX_DAYS = 366


class DateString(ma.fields.String):
    """A calendar date written exactly `YYYY-MM-DD` (nothing before or after it)."""

    PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

    def __init__(self, **kwargs):
        super().__init__(metadata={"format": "date", "pattern": self.PATTERN, **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if re.fullmatch(self.PATTERN, text) is None:  # not `2026-W01-1`, which fromisoformat takes
            raise ma.ValidationError("Not a date of the form YYYY-MM-DD.")
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise ma.ValidationError("Not a date of the form YYYY-MM-DD.")


class UsageQueryArgsSchema(ma.Schema):
    from_ = DateString(data_key="from", metadata={
        "description": "First day (UTC), `YYYY-MM-DD`; default the first of the current month."})
    to = DateString(metadata={"description": "Last day (UTC), inclusive; default today."})


class UsageDaySchema(ResponseSchema):
    date = ma.fields.String(metadata={"description": "The UTC day, `YYYY-MM-DD`."})
    storageBytes = ma.fields.Integer(metadata={"description": "Bytes held at the day's end (live for today)."})
    renderCount = ma.fields.Integer(metadata={"description": "Renders completed that day."})
    renderMinutes = ma.fields.Float(metadata={"description": "Output minutes billed for them."})
    deliveries = ma.fields.Integer(metadata={"description": "Webhook delivery attempts."})
    runs = ma.fields.Integer(metadata={"description": "Automation runs started."})


class UsageHistorySchema(ResponseSchema):
    projectId = ma.fields.UUID()
    from_ = ma.fields.String(data_key="from")
    to = ma.fields.String()
    data = ma.fields.List(ma.fields.Nested(UsageDaySchema))


@blp.route("")
class Usage(MethodView):
    @authorize(scope="projects:read")
    @blp.arguments(UsageQueryArgsSchema, location="query")
    @blp.response(200, UsageHistorySchema)
    @blp.doc(operationId="usage.get")
    def get(self, args, project):
        """A project's usage, one row per UTC day, oldest first

        Days before today come from the daily rollup (written hourly by the worker, missed days
        back-filled); today's row is computed live. Renders count on the day they completed.
        Days before the project existed are left out; at most 366 days per request.
        """
        now = today()
        first = args.get("from_") or now.replace(day=1)
        last = args.get("to") or now
        if first > last:
            raise ValidationError({"from": "Must not be after `to`."})
        if (last - first).days >= MAX_DAYS:
            raise ValidationError({"to": "At most %d days per request." % MAX_DAYS})
        return {"projectId": project.id, "from_": first.isoformat(), "to": last.isoformat(),
                "data": history(project, first, last)}
