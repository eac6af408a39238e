"""Automations CRUD, manual runs, run history and retry."""
import secrets

from flask.views import MethodView

from ..auth.principal import authorize
from ..db import utcnow
from ..extensions import database
from ..idempotency import idempotent
from ..pagination import ListArgsSchema, paginate
from ..parser import Blueprint
from ..errors import ApiError
from ..webhooks.signing import generate_secret
from . import engine
from .models import Automation, AutomationRun
from .schedules import next_run_after
from .schemas import (AutomationCreateSchema, AutomationPageSchema, AutomationSchema,
                      AutomationUpdateSchema, RunCreateSchema, RunListArgsSchema, RunPageSchema, RunSchema)
from .schemas import document  # noqa: F401  (create_app registers the trigger/action components)

blp = Blueprint("automations", __name__, url_prefix="/api/v1/projects",
                description="Automations: a trigger (webhook, schedule, asset_upload, or a manual run) "
                            "and a chain of actions (render, webhook).")


def _apply_trigger(automation, trigger):
    """Store `trigger` and derive its server-side state (endpoint/secret, next_run_at)."""
    was_webhook = automation.trigger_type == "webhook" and automation.endpoint
    automation.trigger_type = trigger["type"]
    automation.trigger = trigger
    automation.next_run_at = None
    if trigger["type"] == "webhook":
        if not was_webhook:
            automation.endpoint = secrets.token_urlsafe(24)
            automation.secret = generate_secret()
            # The secret is shown in the response that generated it, and never again.
            automation.reveal_secret = True
    else:
        automation.endpoint = automation.secret = None
    if trigger["type"] == "schedule":
        automation.next_run_at = next_run_after(trigger, utcnow())


@blp.route("/<project_id>/automations")
class Automations(MethodView):
    @authorize(scope="automations:read")
    @blp.arguments(ListArgsSchema, location="query")
    @blp.response(200, AutomationPageSchema)
    @blp.doc(operationId="automations.list")
    def get(self, args, project):
        """List automations, newest first"""
        return paginate(Automation.select().where(Automation.project == project.id), Automation, args)

    @authorize(scope="automations:write")
    @blp.arguments(AutomationCreateSchema)
    @blp.response(201, AutomationSchema)
    @blp.doc(operationId="automations.create")
    def post(self, data, project):
        """Create an automation; a webhook trigger's `secret` is in this response only"""
        automation = Automation(project=project.id, name=data["name"], description=data.get("description"),
                                enabled=data["enabled"], actions=data["actions"])
        _apply_trigger(automation, data["trigger"])
        automation.save(force_insert=True)
        return automation


@blp.route("/<project_id>/automations/<automation_id>")
class AutomationsById(MethodView):
    @authorize(scope="automations:read")
    @blp.response(200, AutomationSchema)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`")
    @blp.doc(operationId="automations.get")
    def get(self, project, automation_id):
        """Get an automation with its run stats"""
        return Automation.for_project(project, automation_id)

    @authorize(scope="automations:write")
    @blp.arguments(AutomationUpdateSchema)
    @blp.response(200, AutomationSchema)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`")
    @blp.doc(operationId="automations.update")
    def patch(self, data, project, automation_id):
        """Update an automation; a new webhook trigger's `secret` is in this response only"""
        with database.atomic():
            automation = Automation.for_project(project, automation_id)
            for name in ("name", "description", "enabled", "actions"):
                if name in data:
                    setattr(automation, name, data[name])
            if "trigger" in data:
                _apply_trigger(automation, data["trigger"])
            elif data.get("enabled") and automation.trigger_type == "schedule":
                # Re-enabled: count from now, not from the slot missed while disabled.
                automation.next_run_at = next_run_after(automation.trigger, utcnow())
            automation.save()
        return automation

    @authorize(scope="automations:write")
    @blp.response(204)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`")
    @blp.doc(operationId="automations.delete")
    def delete(self, project, automation_id):
        """Delete an automation and its run history"""
        Automation.for_project(project, automation_id).delete_instance()
        return None


@blp.route("/<project_id>/automations/<automation_id>/run")
class AutomationManualRun(MethodView):
    @authorize(scope="automations:write")
    @idempotent
    @blp.arguments(RunCreateSchema)
    @blp.response(202, RunSchema)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`")
    @blp.alt_response(409, description="`AUTOMATION_DISABLED`: enable it first")
    @blp.doc(operationId="automations.run")
    def post(self, data, project, automation_id):
        """Run an automation now with `trigger` = {type: "manual", ...input}"""
        automation = Automation.for_project(project, automation_id)
        if not automation.enabled:
            raise ApiError("AUTOMATION_DISABLED", "The automation is disabled", 409)
        run = engine.start_run(automation, {**data["input"], "type": "manual"}, input=data["input"])
        return AutomationRun.get_by_id(run.id)


@blp.route("/<project_id>/automations/<automation_id>/runs")
class AutomationRuns(MethodView):
    @authorize(scope="automations:read")
    @blp.arguments(RunListArgsSchema, location="query")
    @blp.response(200, RunPageSchema)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`")
    @blp.doc(operationId="automations.runs.list")
    def get(self, args, project, automation_id):
        """List an automation's runs, newest first"""
        automation = Automation.for_project(project, automation_id)
        query = AutomationRun.select().where(AutomationRun.automation == automation.id)
        if args.get("status"):
            query = query.where(AutomationRun.status == args["status"])
        return paginate(query, AutomationRun, args)


@blp.route("/<project_id>/automations/<automation_id>/runs/<run_id>")
class AutomationRunsById(MethodView):
    @authorize(scope="automations:read")
    @blp.response(200, RunSchema)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND` or `RUN_NOT_FOUND`")
    @blp.doc(operationId="automations.runs.get")
    def get(self, project, automation_id, run_id):
        """Get a run with its steps"""
        return AutomationRun.for_automation(Automation.for_project(project, automation_id), run_id)


@blp.route("/<project_id>/automations/<automation_id>/runs/<run_id>/retry")
class AutomationRunRetry(MethodView):
    @authorize(scope="automations:write")
    @blp.response(202, RunSchema)
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND` or `RUN_NOT_FOUND`")
    @blp.alt_response(409, description="`RUN_NOT_FAILED`: only a failed run can be retried")
    @blp.doc(operationId="automations.runs.retry")
    def post(self, project, automation_id, run_id):
        """Re-run a failed run from its failed step (earlier steps' outputs are kept)"""
        run = AutomationRun.for_automation(Automation.for_project(project, automation_id), run_id)
        return engine.retry_run(run)
