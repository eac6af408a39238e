"""The unscoped render routes of the single-tenant seed, kept for its clients until the Sunset.

`/api/v1/renders[/<job_id>]` behave exactly as `/api/v1/projects/<id>/renders[/<job_id>]` for
the calling project key's own project: the same views run, with the same auth, scopes, rate
limit, idempotency and bodies. Every answer (errors included) says it is deprecated.
"""
import copy
import datetime
import email.utils
from functools import wraps

from flask import g, request
from flask.views import MethodView

from ..auth.principal import guarded_authenticate
from ..errors import ApiError
from ..parser import Blueprint
from ..queue import setting
from .routes import Renders, RendersById

PREFIX = "/api/v1/renders"

blp = Blueprint("legacy_renders", __name__, url_prefix=PREFIX,
                description="Deprecated unscoped render routes (use /api/v1/projects/{id}/renders)")


def sunset_http_date(value):
    """`RENDEROWL_LEGACY_SUNSET` (`2027-06-30`, an ISO datetime, or an HTTP date) as an HTTP date."""
    text = str(value).strip()
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = email.utils.parsedate_to_datetime(text)  # raises on nonsense: refuse to start
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return email.utils.format_datetime(moment.astimezone(datetime.timezone.utc), usegmt=True)


def _is_legacy(path):
    return path == PREFIX or path.startswith(PREFIX + "/")


@blp.after_app_request
def _deprecation_headers(response):
    """RFC 9745 Deprecation, RFC 8594 Sunset and the successor link on every legacy answer."""
    if not _is_legacy(request.path):
        return response
    principal = g.get("principal")
    # Before the caller is known (a 401, a 405) the link is the successor's URI template.
    project_id = principal.project.id if principal is not None and not principal.is_master else "{id}"
    response.headers["Deprecation"] = "true"
    response.headers["Sunset"] = setting("LEGACY_SUNSET_HTTP")
    response.headers["Link"] = '</api/v1/projects/%s/renders>; rel="successor-version"' % project_id
    return response


@blp.record_once
def _check_sunset(state):
    # A malformed date stops the server at start, not on the first legacy request.
    state.app.config["LEGACY_SUNSET_HTTP"] = sunset_http_date(state.app.config["LEGACY_SUNSET"])


def _for_own_project(view):
    """Run a project-scoped view for the calling key's own project; the master key has none."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        principal = guarded_authenticate()
        if principal.is_master:
            raise ApiError("PROJECT_REQUIRED", "The master key has no project: use "
                           "/api/v1/projects/{id}/renders, or call this route with a project key", 400)
        return view(*args, project_id=str(principal.project.id), **kwargs)

    apidoc = copy.deepcopy(getattr(view, "_apidoc", {}))
    manual = apidoc.setdefault("manual_doc", {})
    manual["deprecated"] = True
    # Its own name for generated clients: `renders.list` → `legacyRenders.list`.
    manual["operationId"] = "legacy" + manual["operationId"][0].upper() + manual["operationId"][1:]
    manual["responses"] = {**manual.get("responses", {}),
                           "400": {"description": "`PROJECT_REQUIRED`: called with the master key"}}
    manual["description"] = (
        "Deprecated: the same as the project-scoped route, for the calling project key's project "
        "(the master key gets 400 `PROJECT_REQUIRED`). Every answer carries `Deprecation: true`, "
        "`Sunset` (RENDEROWL_LEGACY_SUNSET) and `Link: </api/v1/projects/{id}/renders>; "
        "rel=\"successor-version\"`.\n\n" + manual.get("description", ""))
    wrapper._apidoc = apidoc
    return wrapper


@blp.route("")
class LegacyRenders(MethodView):
    get = _for_own_project(Renders.get)
    post = _for_own_project(Renders.post)


@blp.route("/<job_id>")
class LegacyRendersById(MethodView):
    get = _for_own_project(RendersById.get)
