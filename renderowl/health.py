"""Operations: `/healthz` (database and queue reachable, queue depth and age) and `/metrics`."""
import hmac

import marshmallow as ma
from flask import Response, request
from flask.views import MethodView
from peewee import fn

from . import metrics
from .auth.bearer import bearer_token
from .auth.principal import authenticate
from .db import utcnow
from .errors import ApiError
from .extensions import database, huey
from .parser import Blueprint
from .queue import setting
from .renders.models import RenderJob
from .schema_fields import ResponseSchema

blp = Blueprint("health", __name__, description="Liveness and readiness of this server (no key needed).")


class HealthSchema(ResponseSchema):
    status = ma.fields.String(metadata={"enum": ["ok", "error"]})
    database = ma.fields.String(metadata={"description": "`ok`, or the kind of error seen"})
    queue = ma.fields.String(metadata={"description": "`ok`, or the kind of error seen"})
    queueDepth = ma.fields.Integer(allow_none=True, metadata={"description": "Tasks waiting in the queue"})
    oldestQueuedJobAgeSeconds = ma.fields.Float(allow_none=True, metadata={
        "description": "Age of the oldest render job waiting for a worker (0 when none waits)"})


def oldest_queued_age():
    """Seconds the oldest `queued` render job has waited, 0 when none does."""
    raw = RenderJob.select(fn.MIN(RenderJob.created_at)).where(RenderJob.status == "queued").scalar()
    oldest = RenderJob.created_at.python_value(raw)  # SQLite answers an aggregate as text
    if oldest is None:
        return 0.0
    return round(max(0.0, (utcnow() - oldest).total_seconds()), 3)


def queue_figures():
    """What /metrics reports about the queue (raises when the queue or database is down)."""
    counts = dict(RenderJob.select(RenderJob.status, fn.COUNT(RenderJob.id))
                  .where(RenderJob.status.in_(("queued", "rendering"))).group_by(RenderJob.status).tuples())
    return {"depth": huey.pending_count(), "oldest_age_seconds": oldest_queued_age(),
            "jobs": {status: counts.get(status, 0) for status in ("queued", "rendering")}}


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database or the queue did not answer")
    @blp.doc(operationId="health.check", security=[])
    def get(self):
        """Health check (no key needed): the database and the queue answer; queue depth and age"""
        body = {"status": "ok", "database": "ok", "queue": "ok", "queueDepth": None, "oldestQueuedJobAgeSeconds": None}
        try:
            database.execute_sql("SELECT 1")
            body["oldestQueuedJobAgeSeconds"] = oldest_queued_age()
        except Exception as exc:  # the point is to report it, not to crash
            body["database"] = exc.__class__.__name__
        try:
            body["queueDepth"] = huey.pending_count()
        except Exception as exc:
            body["queue"] = exc.__class__.__name__
        if body["database"] != "ok" or body["queue"] != "ok":
            body["status"] = "error"
            return body, 503
        return body


def _authorize_scrape():
    token, given = setting("METRICS_TOKEN"), bearer_token(request.headers)
    if token and given and hmac.compare_digest(given.encode(), token.encode()):
        return
    if not authenticate().is_master:
        raise ApiError("MASTER_KEY_REQUIRED", "Metrics need the master key or RENDEROWL_METRICS_TOKEN", 403)


@blp.route("/metrics")
class Metrics(MethodView):
    @blp.doc(operationId="metrics.scrape", security=[{"bearerAuth": []}], responses={
        "200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}},
        "401": {"$ref": "#/components/responses/Unauthenticated"},
        "403": {"$ref": "#/components/responses/Forbidden"}})
    def get(self):
        """Prometheus metrics (master key, or `RENDEROWL_METRICS_TOKEN` as a bearer token)

        Merged across every web and worker process of this host: `renderowl_http_requests_total`
        and `renderowl_http_request_duration_seconds` by route template and status,
        `renderowl_queue_depth`, `renderowl_queue_oldest_age_seconds`, `renderowl_render_jobs`,
        `renderowl_renders_total` and `renderowl_render_duration_seconds` by outcome,
        `renderowl_webhook_deliveries_total` and `renderowl_automation_runs_total` by outcome.
        """
        _authorize_scrape()
        return Response(metrics.exposition(queue_figures), mimetype=None, content_type=metrics.CONTENT_TYPE)
