"""The public trigger URL of webhook automations: `POST /webhooks/automations/<endpoint>`."""
import hashlib
import hmac
import json
import uuid

from flask import request
from flask.views import MethodView

from ..auth.bearer import bearer_token
from ..auth.principal import enforce_rate_limit
from ..errors import ApiError, NotFound, ValidationError
from ..parser import Blueprint
from ..projects.models import Project
from ..signing import DEFAULT_TOLERANCE, SIGNATURE_HEADER, parse_signature, verify_webhook
from . import tasks
from .loops import DEPTH_HEADER, MAX_DEPTH, depth_from, ensure_not_looping
from .models import Automation
from .schemas import DEFAULT_TRIGGER_RPM, TriggerAcceptedSchema

blp = Blueprint("automation-webhooks", __name__, url_prefix="/webhooks/automations",
                description="Public trigger URLs of webhook automations (no API key: the automation's "
                            "secret authenticates the caller).")

_BODY_DOC = {"requestBody": {"required": False, "content": {"application/json": {"schema": {
    "type": "object", "description": "Any JSON object; its fields become `trigger` (with `type: \"webhook\"`)."}}}},
    "parameters": [{"in": "header", "name": SIGNATURE_HEADER, "required": False, "schema": {"type": "string"},
                    "description": "`t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`; "
                                   "or send `Authorization: Bearer <secret>` instead."},
                   {"in": "header", "name": DEPTH_HEADER, "required": False,
                    "schema": {"type": "string", "pattern": "^[0-9]{1,9}$"},
                    "description": "Sent by this server's webhook actions: the depth of the run that calls. "
                                   "The run started here is one deeper; past %d the call is refused "
                                   "(409 `AUTOMATION_LOOP`)." % MAX_DEPTH}]}


def _authenticated(automation, body):
    signature = request.headers.get(SIGNATURE_HEADER)
    if signature:
        return verify_webhook(body, signature, automation.secret)
    token = bearer_token(request.headers)
    return token is not None and hmac.compare_digest(token.encode(), automation.secret.encode())


def _replay_id(automation, body):
    """For a signed request: a run id derived from its verified timestamp and body; else None."""
    parsed = parse_signature(request.headers.get(SIGNATURE_HEADER))
    if parsed is None:
        return None
    timestamp = parsed[0]
    digest = hmac.new(automation.secret.encode(), b"%d." % timestamp + body, hashlib.sha256).hexdigest()
    return uuid.uuid5(automation.id, "signed:%d:%s" % (timestamp, digest))


@blp.route("/<endpoint>")
class AutomationWebhook(MethodView):
    @blp.doc(security=[], **_BODY_DOC)
    @blp.response(202, TriggerAcceptedSchema)
    @blp.alt_response(401, description=f"`INVALID_SIGNATURE`: wrong, missing or stale (over {DEFAULT_TOLERANCE} s) credentials")
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`: no webhook automation has this endpoint")
    @blp.alt_response(403, description="`PROJECT_SUSPENDED`, `PROJECT_ARCHIVED`: a project that is not active starts nothing")
    @blp.alt_response(409, description="`AUTOMATION_DISABLED`; `AUTOMATION_LOOP`: the request carries "
                                       f"`{DEPTH_HEADER}: {MAX_DEPTH}` or more (a chain of runs too deep)")
    @blp.alt_response(429, description="`RATE_LIMIT_EXCEEDED`: over the trigger's `rateLimitRpm` (with `Retry-After`)")
    @blp.doc(operationId="automations.trigger")
    def post(self, endpoint):
        """Trigger a webhook automation (signed body or bearer secret)

        A signed request sent again (the same `Renderowl-Signature`) within the 300 s tolerance
        answers the first request's `runId` and starts nothing: replays are harmless.

        Automations cannot run away: a request carrying `Renderowl-Automation-Depth` (which this
        server's webhook actions send) starts a run one deeper, refused past depth 3 (409
        `AUTOMATION_LOOP`, no run); each trigger admits `trigger.rateLimitRpm` calls a minute
        (429 with `Retry-After`); and runs beyond `RENDEROWL_MAX_RUNNING_RUNS` per project wait.
        The depth header is read only once the caller has authenticated.
        """
        automation = Automation.get_or_none((Automation.endpoint == endpoint)
                                            & (Automation.trigger_type == "webhook"))
        if automation is None or not automation.secret:
            raise NotFound("AUTOMATION_NOT_FOUND", "No automation listens on this endpoint")
        body = request.get_data(cache=True) or b""
        # Authenticate before anything else so the automation's state never leaks to strangers.
        if not _authenticated(automation, body):
            raise ApiError("INVALID_SIGNATURE", "Missing, wrong or expired signature or secret", 401)
        automation.ensure_enabled()
        Project.get_by_id(automation.project_id).ensure_active()
        depth = depth_from(request.headers)
        ensure_not_looping(depth)  # before the rate limit: a refused loop spends none of it
        enforce_rate_limit("trigger:%s" % automation.id,
                           int(automation.trigger.get("rateLimitRpm") or DEFAULT_TRIGGER_RPM),
                           message="This automation's trigger is over its rateLimitRpm; retry later")
        payload = {}
        if body.strip():
            try:
                payload = json.loads(body)
            except ValueError:
                raise ApiError("INVALID_JSON", "Request body is not valid JSON", 400)
            if not isinstance(payload, dict):
                raise ValidationError({"_schema": "Must be a JSON object."}, "The body must be a JSON object")
        # A signed request replayed inside the tolerance window is the same request: same run.
        # The key is what was verified (timestamp and body), not the header's spelling, so
        # `v1=SIG,v1=00`, reordered fields or an added `v0=` are the same request too.
        replay_id = _replay_id(automation, body)
        run = tasks.launch(automation, {**payload, "type": "webhook"}, input=payload, source_event_id=replay_id,
                           depth=depth)
        return {"runId": run.id}
