"""Running automations: start a run, execute its steps in order, wait for renders, finish.

Every transition is a conditional UPDATE on the run's (status, current_step, waiting job), so
a second executor of the same run (a sweeper re-enqueue racing a slow worker) cannot advance
it twice. Steps are at-least-once: a worker killed in the middle of a webhook action sends it
again when the run is picked up. A run's terminal transition records its event in the same
transaction and enqueues it after commit.
"""
import datetime
import logging
import uuid

from flask import current_app

from ..db import utcnow
from ..errors import ApiError
from ..extensions import database
from ..outbound import OutboundBlocked, OutboundClient, OutboundError
from ..projects.models import Project
from ..queue import setting
from ..schema_fields import iso_utc
from ..substitution import SubstitutionError, substitute
from ..webhooks.events import enqueue_event, record_event
from .models import Automation, AutomationRun

log = logging.getLogger(__name__)

RENDER_FIELDS = ("templateId", "templateVariables", "video", "captions", "style")
BODY_CAP = 64 * 1024


def stale_after():
    """Seconds without a heartbeat after which a running run is presumed to have lost its worker."""
    return float(setting("AUTOMATION_STALE_SECONDS"))


def _new_steps(actions):
    return [{"index": i, "type": a["type"], "status": "pending", "output": None, "error": None,
             "startedAt": None, "completedAt": None} for i, a in enumerate(actions)]


def start_run(automation, trigger, input=None, source_event_id=None, enqueue=True):
    """Create a running run (and count it) in one transaction, then queue its execution."""
    now = utcnow()
    with database.atomic():
        run = AutomationRun.create(
            automation=automation.id, project=automation.project_id, status="running",
            trigger=trigger, input=input, steps=_new_steps(automation.actions),
            heartbeat_at=now, source_event_id=source_event_id)
        (Automation.update(runs_total=Automation.runs_total + 1, last_run_at=now)
         .where(Automation.id == automation.id).execute())
    if enqueue:
        queue_run(run.id)
    return run


def queue_run(run_id):
    """Hand a run to a worker (after the transaction that made it runnable has committed)."""
    from . import tasks
    tasks.execute_run(str(run_id))


def _context(run, project):
    return {
        "trigger": run.trigger or {},
        "actions": [{"output": step.get("output"), "status": step.get("status")} for step in run.steps],
        "project": {"id": str(project.id), "slug": project.slug, "name": project.name},
        "run": {"id": str(run.id), "automationId": str(run.automation_id)},
    }


def _advance(run, index, changes):
    """Apply `changes` to the run only if it is still running at step `index`; True if applied."""
    changes = {**changes, "heartbeat_at": utcnow(), "updated_at": utcnow()}
    rows = (AutomationRun.update(**changes)
            .where((AutomationRun.id == run.id) & (AutomationRun.status == "running")
                   & (AutomationRun.current_step == index))
            .execute())
    return rows == 1


def _step(run, index, **fields):
    steps = [dict(s) for s in run.steps]
    steps[index].update(fields)
    return steps


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
        index = run.current_step
        if index >= len(run.steps):
            finish(run, "completed")
            return
        action = automation.actions[index] if index < len(automation.actions) else None
        if action is None:
            fail_step(run, index, "The automation's actions changed while this run was in progress")
            return
        steps = _step(run, index, status="running", error=None,
                      startedAt=run.steps[index].get("startedAt") or iso_utc(utcnow()))
        if not _advance(run, index, {"steps": steps}):
            return
        run.steps = steps
        try:
            resolved = substitute({k: v for k, v in action.items() if k != "type"}, _context(run, project))
        except SubstitutionError as exc:
            fail_step(run, index, f"Step {index} ({action['type']}): {exc}")
            return
        if action["type"] == "render":
            if not _submit_render(run, index, project, resolved):
                return
            continue  # the job may already be settled: re-read and carry on or stop waiting
        ok, output, error = _call_webhook(resolved, _step_attempt_id(run, index))
        if not ok:
            fail_step(run, index, f"Step {index} (webhook): {error}", output=output)
            return
        complete_step(run, index, output)


def complete_step(run, index, output):
    """Mark step `index` completed with `output` and move to the next one."""
    steps = _step(run, index, status="completed", output=output, error=None, completedAt=iso_utc(utcnow()))
    return _advance(run, index, {"steps": steps, "current_step": index + 1, "waiting_render_job_id": None})


def fail_step(run, index, message, output=None):
    """Fail step `index` and with it the run; later steps stay pending."""
    run = AutomationRun.get_by_id(run.id)
    steps = _step(run, index, status="failed", error=message, output=output, completedAt=iso_utc(utcnow()))
    finish(run, "failed", error=message, steps=steps, expect_step=index)


def finish(run, status, error=None, steps=None, expect_step=None):
    """Terminal transition: counters, event and run row in one transaction; event enqueued after."""
    now = utcnow()
    event = None
    with database.atomic():
        fields = {"status": status, "completed_at": now, "error": error, "heartbeat_at": now,
                  "updated_at": now, "waiting_render_job_id": None}
        if steps is not None:
            fields["steps"] = steps
        if status == "completed":
            done = [s for s in run.steps if s.get("status") == "completed"]
            fields["output"] = done[-1].get("output") if done else None
        query = AutomationRun.update(**fields).where(
            (AutomationRun.id == run.id) & (AutomationRun.status == "running"))
        if expect_step is not None:
            query = query.where(AutomationRun.current_step == expect_step)
        if query.execute() != 1:
            return False
        counter = Automation.runs_completed if status == "completed" else Automation.runs_failed
        Automation.update({counter: counter + 1}).where(Automation.id == run.automation_id).execute()
        fresh = AutomationRun.get_by_id(run.id)
        event = record_event(fresh.project_id, "automation.run." + status, run_event_data(fresh))
    try:
        enqueue_event(event)
    except Exception:  # the event is committed; the webhook sweeper sends it
        log.exception("could not enqueue event %s", event.id)
    return True


def run_event_data(run):
    """The run as sent in automation.run.* events."""
    from .schemas import RunSchema
    return RunSchema().dump(run)


def _submit_render(run, index, project, resolved):
    """Submit the render step's job and park the run on it; False when the run stopped."""
    from ..renders.service import submit_render
    body = {k: v for k, v in resolved.items() if k in RENDER_FIELDS}
    # The same step attempt always names the same job, so a re-run after a crash can't render twice.
    job_id = _step_attempt_id(run, index)
    try:
        job = submit_render(project, body, job_id=job_id)
    except ApiError as exc:
        detail = f" {exc.details}" if exc.details else ""
        fail_step(run, index, f"Step {index} (render): {exc.code}: {exc.message}{detail}")
        return False
    steps = _step(run, index, status="waiting", renderJobId=str(job.id))
    if not _advance(run, index, {"steps": steps, "waiting_render_job_id": job.id}):
        return False
    # The job may have settled before we parked (a fast worker, immediate mode): catch up now.
    from ..renders.models import RenderJob
    from ..renders.schemas import RenderJobSchema
    job = RenderJob.get_by_id(job.id)
    if job.status in ("completed", "failed", "cancelled"):
        data = RenderJobSchema().dump(job)  # the public view: `output.url` is a download link
        resume_after_render(job.id, job.status, data.get("output"), job.error, enqueue=False)
    return True


def resume_after_render(job_id, status, output=None, error=None, enqueue=True):
    """Continue (or fail) the run waiting on render `job_id`; only one caller wins the claim."""
    for run in AutomationRun.select().where(AutomationRun.waiting_render_job_id == job_id):
        index = run.current_step
        rows = (AutomationRun.update(waiting_render_job_id=None, heartbeat_at=utcnow(), updated_at=utcnow())
                .where((AutomationRun.id == run.id) & (AutomationRun.waiting_render_job_id == job_id)
                       & (AutomationRun.status == "running"))
                .execute())
        if rows != 1:
            continue
        run = AutomationRun.get_by_id(run.id)
        if status == "completed":
            output = output or {}
            complete_step(run, index, {"renderJobId": str(job_id), "url": output.get("url"),
                                       "durationSeconds": output.get("durationSeconds")})
            if enqueue:
                queue_run(run.id)
        else:
            fail_step(run, index, f"Step {index} (render): render job {job_id} {status}: {error or 'no detail'}")


def _step_attempt_id(run, index):
    """Stable for one attempt of one step (the same after a crash re-run, new on a retry)."""
    return uuid.uuid5(run.id, "step-%d-%s" % (index, run.steps[index].get("startedAt")))


def _call_webhook(action, attempt_id):
    """(ok, output, error) for one webhook action through the guarded client.

    A step re-run after its worker died may call again: `Idempotency-Key` lets the receiver
    drop the repeat (the same value for every call of one step attempt).
    """
    timeout = float(setting("AUTOMATION_WEBHOOK_TIMEOUT_SECONDS"))
    client = OutboundClient.from_config(current_app.config, connect_timeout=min(5.0, timeout),
                                        read_timeout=timeout, total_timeout=timeout + 5,
                                        max_response_bytes=BODY_CAP)
    headers = {"Idempotency-Key": str(attempt_id),
               **{str(k): str(v) for k, v in (action.get("headers") or {}).items()}}
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


def retry_run(run):
    """Re-run a failed run from its failed step (409 RUN_NOT_FAILED otherwise)."""
    if run.status != "failed":
        raise ApiError("RUN_NOT_FAILED", f"Only a failed run can be retried; this one is {run.status}", 409)
    steps = [dict(s) for s in run.steps]
    index = run.current_step
    if index < len(steps):
        steps[index].update(status="pending", error=None, output=None, startedAt=None, completedAt=None,
                            renderJobId=None)
    with database.atomic():
        rows = (AutomationRun.update(status="running", error=None, completed_at=None, steps=steps,
                                     heartbeat_at=utcnow(), updated_at=utcnow())
                .where((AutomationRun.id == run.id) & (AutomationRun.status == "failed")).execute())
        if rows != 1:
            raise ApiError("RUN_NOT_FAILED", "The run is no longer failed", 409)
        (Automation.update(runs_failed=Automation.runs_failed - 1, last_run_at=utcnow())
         .where(Automation.id == run.automation_id).execute())
    queue_run(run.id)
    return AutomationRun.get_by_id(run.id)


def stale_run_ids(now=None):
    """Running runs not parked on a render whose heartbeat is older than the threshold."""
    now = now or utcnow()
    cutoff = now - datetime.timedelta(seconds=stale_after())
    query = (AutomationRun.select(AutomationRun.id)
             .where((AutomationRun.status == "running") & AutomationRun.waiting_render_job_id.is_null()
                    & (AutomationRun.heartbeat_at < cutoff))
             .limit(500))
    return [row.id for row in query]
