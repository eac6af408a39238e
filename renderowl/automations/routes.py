"""Automations CRUD, manual runs, run history and retry."""
from flask import request
from flask.views import MethodView

from ..auth.principal import authorize
from ..idempotency import idempotent
from ..pagination import ListArgsSchema, paginate
from ..parser import Blueprint
from . import tasks
from .loops import DEPTH_HEADER, MAX_DEPTH, depth_from
from .models import Automation, AutomationRun
from .schemas import (AutomationCreateSchema, AutomationPageSchema, AutomationSchema,
                      AutomationUpdateSchema, RunCreateSchema, RunListArgsSchema, RunPageSchema, RunSchema)

blp = Blueprint("automations", __name__, url_prefix="/api/v1/projects",
                description="Automations: a trigger (webhook, schedule, asset_upload, or a manual run) "
                            "and a chain of actions (render, webhook).")


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
    @blp.alt_response(404, description="`TEMPLATE_NOT_FOUND` / `ASSET_NOT_FOUND`: a render action's `templateId` or "
                                       "`video.assetId` is not one of this project's (`{{references}}` are "
                                       "checked when the run resolves them)")
    @blp.doc(operationId="automations.create")
    def post(self, data, project):
        """Create an automation; a webhook trigger's `secret` is in this response only"""
        return Automation.create_for(project, data)


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
    @blp.alt_response(404, description="`AUTOMATION_NOT_FOUND`, or `TEMPLATE_NOT_FOUND` / `ASSET_NOT_FOUND`: a render "
                                       "action's `templateId` or `video.assetId` is not one of this project's")
    @blp.doc(operationId="automations.update")
    def patch(self, data, project, automation_id):
        """Update an automation; a new webhook trigger's `secret` is in this response only"""
        return Automation.change(project, automation_id, data)

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
    @blp.alt_response(409, description="`AUTOMATION_DISABLED`: enable it first; `AUTOMATION_LOOP`: the request "
                                       f"carries `{DEPTH_HEADER}: {MAX_DEPTH}` or more (a chain of runs too deep)")
    @blp.doc(operationId="automations.run")
    def post(self, data, project, automation_id):
        """Run an automation now with `trigger` = {type: "manual", ...input}

        A request carrying `Renderowl-Automation-Depth` (sent by this server's webhook actions)
        starts a run one deeper than the run that sent it; past depth 3 it is refused.
        """
        automation = Automation.for_project(project, automation_id)
        automation.ensure_enabled()
        return tasks.launch(automation, {**data["input"], "type": "manual"}, input=data["input"],
                            depth=depth_from(request.headers))


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
        return tasks.relaunch(AutomationRun.for_automation(Automation.for_project(project, automation_id), run_id))
