"""`/healthz`: is this process able to serve (database reachable)?"""
import marshmallow as ma
from flask.views import MethodView

from .extensions import database
from .parser import Blueprint

blp = Blueprint("health", __name__, description="Operations")


class HealthSchema(ma.Schema):
    status = ma.fields.String(metadata={"enum": ["ok", "error"]})
    database = ma.fields.String(metadata={"description": "`ok`, or the kind of error seen"})


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database did not answer")
    @blp.doc(operationId="health.check", security=[])
    def get(self):
        """Health check (no key needed): runs `SELECT 1` on the database"""
        try:
            database.execute_sql("SELECT 1")
        except Exception as exc:  # the point is to report it, not to crash
            return {"status": "error", "database": exc.__class__.__name__}, 503
        return {"status": "ok", "database": "ok"}
