"""Render jobs under a project (`renders:read` / `renders:write`)."""
from flask import jsonify
from flask.views import MethodView
from werkzeug.routing import BaseConverter

from ..auth.principal import authorize
from ..errors import ApiError
from ..idempotency import derived_id, idempotent
from ..pagination import paginate
from ..parser import Blueprint
from .models import TERMINAL, RenderJob
from .schemas import DryRunSchema, RenderCreateSchema, RenderJobPageSchema, RenderJobSchema, RenderListArgsSchema
from .service import submit_render
from .settlement import cancel_job

blp = Blueprint("renders", __name__, url_prefix="/api/v1/projects/<project_id>/renders",
                description="Render jobs: captions burned into a video with FFmpeg")


class JobIdConverter(BaseConverter):
    """A job id path segment, never `preview`: `/renders/preview` is its own route (POST only),
    so its 405 must not advertise this route's GET."""

    regex = r"(?!preview$)[^/]+"


# Registered before this blueprint's rules are added (deferred functions run in order).
blp.record_once(lambda state: state.app.url_map.converters.setdefault("job_id", JobIdConverter))


@blp.route("")
class Renders(MethodView):
    @authorize(scope="renders:read")
    @blp.arguments(RenderListArgsSchema, location="query")
    @blp.response(200, RenderJobPageSchema)
    @blp.doc(operationId="renders.list")
    def get(self, args, project):
        """List the project's render jobs, newest first"""
        query = RenderJob.select().where(RenderJob.project == project.id)
        if args.get("status"):
            query = query.where(RenderJob.status == args["status"])
        return paginate(query, RenderJob, args)

    @authorize(scope="renders:write")
    @idempotent
    @blp.arguments(RenderCreateSchema)
    @blp.response(202, RenderJobSchema)
    @blp.alt_response(200, schema=DryRunSchema, description="`dryRun: true`: the resolved job; nothing queued")
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`, `TEMPLATE_NOT_FOUND`")
    @blp.alt_response(409, description="`ASSET_NOT_READY`")
    @blp.alt_response(429, description="`RATE_LIMIT_EXCEEDED` (see `Retry-After`), or `PROJECT_QUOTA_EXCEEDED`: renderMinutesUsed (plus renders in flight) "
                                       "at or over renderQuotaMinutes")
    @blp.doc(operationId="renders.submit")
    def post(self, data, project):
        """Submit a render (202 queued), or validate one with `dryRun: true` (200)

        `400 INVALID_TEMPLATE_VARIABLES` when template variables are unknown, missing or of
        the wrong type. The quota is reserved at submission from the estimate (the asset's
        duration, or for URL videos the last caption's end) and settled with the output's
        real duration. With `Idempotency-Key`, a retried submit never renders or bills twice.
        """
        result = submit_render(project, data, job_id=derived_id())
        if isinstance(result, dict):
            return jsonify(DryRunSchema().dump(result))
        return result


@blp.route("/<job_id:job_id>")
class RendersById(MethodView):
    @authorize(scope="renders:read")
    @blp.response(200, RenderJobSchema)
    @blp.alt_response(404, description="`RENDER_NOT_FOUND`")
    @blp.doc(operationId="renders.get")
    def get(self, project, job_id):
        """Get a render job; `output.url` is a fresh signed link"""
        return RenderJob.for_project(project, job_id)


@blp.route("/<job_id:job_id>/cancel")
class RenderCancel(MethodView):
    @authorize(scope="renders:write")
    @blp.response(200, RenderJobSchema)
    @blp.alt_response(404, description="`RENDER_NOT_FOUND`")
    @blp.alt_response(409, description="`RENDER_NOT_CANCELLABLE`: the job already completed or failed")
    @blp.doc(operationId="renders.cancel")
    def post(self, project, job_id):
        """Cancel a render

        A queued or rendering job becomes `cancelled` at once and its quota reservation is
        released; a running FFmpeg is killed within about a second. Cancelling a cancelled job
        answers 200 again (idempotent); a completed or failed job answers 409
        `RENDER_NOT_CANCELLABLE`.
        """
        job = RenderJob.for_project(project, job_id)
        if job.status not in TERMINAL:
            cancel_job(job)
            job = RenderJob.get_by_id(job.id)
        if job.status in ("completed", "failed"):
            raise ApiError("RENDER_NOT_CANCELLABLE", f"Render job is already {job.status}", 409)
        return job
