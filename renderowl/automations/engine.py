"""Executing a run's steps: resolve each action against the run's context and carry it out.

State changes are the run's own methods (models.py); this module decides what a step does.
Steps are at-least-once: a worker killed in the middle of a webhook action sends it again
when the run is picked up, with the same `Idempotency-Key`.
"""
import datetime
import uuid

from ..db import utcnow
from ..errors import ApiError
from ..outbound import OutboundBlocked, OutboundClient, OutboundError
from ..projects.models import Project
from ..queue import current, setting
from ..renders.models import TERMINAL, RenderJob
from ..renders.schemas import RenderJobSchema
from ..renders.service import submit_render
from ..substitution import SubstitutionError, substitute
from .loops import outbound_headers
from .models import Automation, AutomationRun

ARCHIVED = "The project was archived"
RENDER_FIELDS = ("templateId", "templateVariables", "video", "captions", "style")
BODY_CAP = 64 * 1024


def _context(run, project):
    return {
        "trigger": run.trigger or {},
        "actions": [{"output": step.get("output"), "status": step.get("status")} for step in run.steps],
        "project": {"id": str(project.id), "slug": project.slug, "name": project.name},
        "run": {"id": str(run.id), "automationId": str(run.automation_id)},
    }


def execute_run(run_id):
    """Execute steps from the current one until the run finishes, fails or waits on a render."""
    while True:
        run = AutomationRun.get_or_none(AutomationRun.id == run_id)
        if run is None or run.status != "running" or run.waiting_render_job_id is not None:
            return
        automation = Automation.get_or_none(Automation.id == run.automation_id)
        project = Project.get_or_none(Project.id == run.project_id)
        if automation is None or project is None:
            return
        if project.status == "archived":
            run.fail_step(min(run.current_step, len(run.steps) - 1), ARCHIVED)
            return
        if project.status != "active":  # suspended: wait, queued, for the project to be active again
            run.hold()
            return
        index = run.current_step
        if index >= len(run.steps):
            run.finish()
            return
        action = automation.actions[index] if index < len(automation.actions) else None
        if action is None:
            run.fail_step(index, "The automation's actions changed while this run was in progress")
            return
        if not run.begin_step(index):
            return
        try:
            resolved = substitute({k: v for k, v in action.items() if k != "type"}, _context(run, project))
        except SubstitutionError as exc:
            run.fail_step(index, f"Step {index} ({action['type']}): {exc}")
            return
        if action["type"] == "render":
            if not _submit_render(run, index, project, resolved):
                return
            continue  # the job may already be settled: re-read and carry on or stop waiting
        ok, output, error = _call_webhook(resolved, _step_attempt_id(run, index), run.depth)
        if not ok:
            run.fail_step(index, f"Step {index} (webhook): {error}", output=output)
            return
        run.complete_step(index, output)


def _submit_render(run, index, project, resolved):
    """Submit the render step's job and park the run on it; False when the run stopped."""
    body = {k: v for k, v in resolved.items() if k in RENDER_FIELDS}
    # The same step attempt always names the same job, so a re-run after a crash can't render twice.
    try:
        job = submit_render(project, body, job_id=_step_attempt_id(run, index))
    except ApiError as exc:
        detail = f" {exc.details}" if exc.details else ""
        run.fail_step(index, f"Step {index} (render): {exc.code}: {exc.message}{detail}")
        return False
    if not run.wait_for_render(index, job.id):
        return False
    # The job may have settled before we parked (a fast worker, immediate mode): catch up now.
    job = RenderJob.get_by_id(job.id)
    if job.status in TERMINAL:
        data = RenderJobSchema().dump(job)  # the public view: `output.url` is a download link
        resume_after_render(job.id, job.status, data.get("output"), job.error)
    return True


def resume_after_render(job_id, status, output=None, error=None):
    """Complete (or fail) the step of each run waiting on render `job_id`; (the runs to go on with,
    how many runs failed here and so left `running`)."""
    resumed, failed = [], 0
    for run in AutomationRun.select().where(AutomationRun.waiting_render_job_id == job_id):
        index = run.current_step
        if status == "completed":
            output = output or {}
            if run.complete_step(index, {"renderJobId": str(job_id), "url": output.get("url"),
                                         "durationSeconds": output.get("durationSeconds")}, waiting_on=job_id):
                resumed.append(run)
        elif run.fail_step(index, f"Step {index} (render): render job {job_id} {status}: {error or 'no detail'}",
                           waiting_on=job_id):
            failed += 1
    return resumed, failed


def _step_attempt_id(run, index):
    """Stable for one attempt of one step (the same after a crash re-run, new on a retry)."""
    return uuid.uuid5(run.id, "step-%d-%s" % (index, run.steps[index].get("startedAt")))


def _call_webhook(action, attempt_id, depth):
    """(ok, output, error) for one webhook action through the guarded client.

    A step re-run after its worker died may call again: `Idempotency-Key` lets the receiver
    drop the repeat (the same value for every call of one step attempt). The run's `depth`
    goes along, so a call that triggers an automation of this server starts a deeper run.
    """
    client = OutboundClient.from_config(current().config, timeout=setting("AUTOMATION_WEBHOOK_TIMEOUT_SECONDS"),
                                        max_response_bytes=BODY_CAP)
    headers = outbound_headers({"Idempotency-Key": str(attempt_id), **(action.get("headers") or {})}, depth)
    method = action.get("method", "POST")
    body = action.get("body")
    json_body = body if body is not None and method != "GET" else None
    try:
        resp = client.request(method, str(action["url"]), headers=headers, json=json_body)
    except (OutboundBlocked, OutboundError) as exc:
        return False, None, str(exc)
    try:
        parsed = resp.json()
    except ValueError:
        parsed = resp.text
    output = {"statusCode": resp.status_code, "body": parsed}
    if not resp.ok:
        extra = " (redirects are not followed)" if resp.is_redirect else ""
        return False, output, f"HTTP {resp.status_code}{extra}"
    return True, output, None


def stale_run_ids(now=None):
    """Running runs not parked on a render whose heartbeat is older than AUTOMATION_STALE_SECONDS."""
    now = now or utcnow()
    cutoff = now - datetime.timedelta(seconds=float(setting("AUTOMATION_STALE_SECONDS")))
    query = (AutomationRun.select(AutomationRun.id)
             .where((AutomationRun.status == "running") & AutomationRun.waiting_render_job_id.is_null()
                    & (AutomationRun.heartbeat_at < cutoff))
             .limit(500))
    return [row.id for row in query]
