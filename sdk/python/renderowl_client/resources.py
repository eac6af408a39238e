"""The API's resources, one class each; methods mirror the routes (see the package README).

Bodies and answers are the TypedDicts of `renderowl_client.types` (generated from the spec), so a
type checker flags a misspelt field the way the TypeScript SDK's compiler does.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, cast
from urllib.parse import quote

from . import types as t

from .pagination import ListIterator
from .polling import poll
from .transport import new_idempotency_key
from .uploads import open_source, put_bytes

ASSET_FINAL = ("ready", "failed")
RENDER_FINAL = ("completed", "failed", "cancelled")


def _seg(value):
    return quote(str(value), safe="")


def _body(body, fields):
    merged = dict(body or {})
    merged.update(fields)
    return merged


class _Resource:
    def __init__(self, transport):
        self._t = transport

    def _list(self, path: str, params: dict) -> ListIterator[Any]:
        return ListIterator(self._t, path, params)


class Projects(_Resource):
    """`/projects` (master key; a project key may `get` its own project)."""

    def create(self, body: Optional[t.ProjectCreate] = None, idempotency_key: Optional[str] = None,
               **fields: Any) -> t.Project:
        return self._t.request("POST", "/projects", json=_body(body, fields),
                               idempotency_key=idempotency_key or new_idempotency_key())

    def list(self, status: Optional[str] = None, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.Project]:
        return self._list("/projects", {"status": status, "limit": limit, "cursor": cursor})

    def get(self, project_id: str) -> t.Project:
        return self._t.request("GET", "/projects/%s" % _seg(project_id))

    def update(self, project_id: str, body: Optional[t.ProjectUpdate] = None, **fields: Any) -> t.Project:
        return self._t.request("PATCH", "/projects/%s" % _seg(project_id), json=_body(body, fields))

    def delete(self, project_id: str) -> t.Project:
        """Archive (soft delete); answers the project with `status: archived`."""
        return self._t.request("DELETE", "/projects/%s" % _seg(project_id))

    def rotate_webhook_secret(self, project_id: str) -> t.Project:
        return self._t.request("POST", "/projects/%s/webhook-secret/rotate" % _seg(project_id))


class ApiKeys(_Resource):
    """`/projects/:id/api-keys` (master key). The full key is only in `create`'s answer."""

    def create(self, project_id: str, body: Optional[t.ApiKeyCreate] = None, **fields: Any) -> t.ApiKeyCreated:
        return self._t.request("POST", "/projects/%s/api-keys" % _seg(project_id), json=_body(body, fields))

    def list(self, project_id: str, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.ApiKey]:
        return self._list("/projects/%s/api-keys" % _seg(project_id), {"limit": limit, "cursor": cursor})

    def revoke(self, project_id: str, key_id: str) -> t.ApiKey:
        return self._t.request("DELETE", "/projects/%s/api-keys/%s" % (_seg(project_id), _seg(key_id)))


class Assets(_Resource):
    """`/projects/:id/assets`, plus `upload` and `wait_for_ready`."""

    def _path(self, project_id, asset_id=None):
        path = "/projects/%s/assets" % _seg(project_id)
        return path if asset_id is None else path + "/" + _seg(asset_id)

    def create(self, project_id: str, body: Optional[t.AssetCreate] = None, idempotency_key: Optional[str] = None,
               **fields: Any) -> t.AssetCreated:
        """Declare an asset: `{asset, uploadUrl, uploadMethod, uploadHeaders, expiresAt}`."""
        return self._t.request("POST", self._path(project_id), json=_body(body, fields),
                               idempotency_key=idempotency_key or new_idempotency_key())

    def list(self, project_id: str, type: Optional[str] = None, status: Optional[str] = None,
             tag: Optional[str] = None, q: Optional[str] = None, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.Asset]:
        return self._list(self._path(project_id),
                          {"type": type, "status": status, "tag": tag, "q": q, "limit": limit, "cursor": cursor})

    def get(self, project_id: str, asset_id: str) -> t.Asset:
        return self._t.request("GET", self._path(project_id, asset_id))

    def update(self, project_id: str, asset_id: str, body: Optional[t.AssetUpdate] = None,
               **fields: Any) -> t.Asset:
        return self._t.request("PATCH", self._path(project_id, asset_id), json=_body(body, fields))

    def delete(self, project_id: str, asset_id: str) -> None:
        return self._t.request("DELETE", self._path(project_id, asset_id))

    def complete(self, project_id: str, asset_id: str) -> t.Asset:
        """Tell the server the bytes are stored (idempotent: a processed asset comes back as is)."""
        return self._t.request("POST", self._path(project_id, asset_id) + "/complete", idempotent=True)

    def wait_for_ready(self, project_id: str, asset_id: str, timeout: float = 300, interval: float = 1.0,
                       on_progress: Optional[Callable[[t.Asset], None]] = None) -> t.Asset:
        """Poll until the asset is `ready` or `failed`; returns it (check `status`)."""
        return poll(lambda: self.get(project_id, asset_id), lambda a: a["status"] in ASSET_FINAL,
                    timeout, interval, on_progress, "asset %s" % asset_id)

    def upload(self, project_id: str, file: Any, name: str, type: str, mime_type: str,
               size_bytes: Optional[int] = None, description: Optional[str] = None, tags: Optional[List[str]] = None,
               on_progress: Optional[Callable[[dict], None]] = None, wait: bool = False, timeout: float = 300,
               idempotency_key: Optional[str] = None) -> t.Asset:
        """Create → PUT the bytes → complete → (with `wait`) wait until ready; returns the asset.

        `file` is bytes, a path or a binary file object. `on_progress` gets dicts
        `{"phase": "uploading", "loaded", "total"}` while bytes go out, then the asset
        (`{"phase": "processing", "asset"}`) on each poll when waiting.
        """
        stream, size, close = open_source(file, size_bytes)
        try:
            # AssetCreate is a union by `type` (each with its MIME types): which one is known at run time.
            body: Dict[str, Any] = {"name": name, "type": type, "mimeType": mime_type, "sizeBytes": size}
            if description is not None:
                body["description"] = description
            if tags is not None:
                body["tags"] = list(tags)
            created = self.create(project_id, cast(t.AssetCreate, body), idempotency_key=idempotency_key)
            put_bytes(created, stream, size, self._t.timeout if self._t.timeout else None, on_progress)
        finally:
            if close:
                stream.close()
        asset = self.complete(project_id, created["asset"]["id"])
        if not wait:
            return asset
        report = (lambda a: on_progress({"phase": "processing", "asset": a})) if on_progress else None
        return self.wait_for_ready(project_id, asset["id"], timeout=timeout, on_progress=report)


class Templates(_Resource):
    """`/projects/:id/templates`."""

    def _path(self, project_id, template_id=None):
        path = "/projects/%s/templates" % _seg(project_id)
        return path if template_id is None else path + "/" + _seg(template_id)

    def create(self, project_id: str, body: Optional[t.TemplateCreate] = None, **fields: Any) -> t.Template:
        return self._t.request("POST", self._path(project_id), json=_body(body, fields))

    def list(self, project_id: str, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.Template]:
        return self._list(self._path(project_id), {"limit": limit, "cursor": cursor})

    def get(self, project_id: str, template_id: str) -> t.Template:
        return self._t.request("GET", self._path(project_id, template_id))

    def update(self, project_id: str, template_id: str, body: Optional[t.TemplateUpdate] = None,
               **fields: Any) -> t.Template:
        return self._t.request("PATCH", self._path(project_id, template_id), json=_body(body, fields))

    def delete(self, project_id: str, template_id: str) -> None:
        return self._t.request("DELETE", self._path(project_id, template_id))


class Renders(_Resource):
    """`/projects/:id/renders`, plus `wait_for`."""

    def _path(self, project_id, job_id=None):
        path = "/projects/%s/renders" % _seg(project_id)
        return path if job_id is None else path + "/" + _seg(job_id)

    def submit(self, project_id: str, body: Optional[t.RenderCreate] = None, idempotency_key: Optional[str] = None,
               **fields: Any) -> t.RenderJob:
        """Queue a render (202): the job with template, variables and style already resolved."""
        return self._t.request("POST", self._path(project_id), json=_body(body, fields),
                               idempotency_key=idempotency_key or new_idempotency_key())

    def dry_run(self, project_id: str, body: Optional[t.RenderCreate] = None, **fields: Any) -> t.DryRun:
        """Validate and resolve without queuing: the job, `estimatedMinutes` and caption `warnings`."""
        return self._t.request("POST", self._path(project_id), json={**_body(body, fields), "dryRun": True},
                               idempotent=True)

    def preview(self, project_id: str, body: Optional[t.RenderPreview] = None, **fields: Any) -> bytes:
        """One frame of the output with the captions burned in, as PNG bytes (no job, no quota)."""
        return self._t.request("POST", self._path(project_id) + "/preview", json=_body(body, fields),
                               idempotent=True, raw=True)

    def list(self, project_id: str, status: Optional[str] = None, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.RenderJob]:
        return self._list(self._path(project_id), {"status": status, "limit": limit, "cursor": cursor})

    def get(self, project_id: str, job_id: str) -> t.RenderJob:
        return self._t.request("GET", self._path(project_id, job_id))

    def cancel(self, project_id: str, job_id: str) -> t.RenderJob:
        return self._t.request("POST", self._path(project_id, job_id) + "/cancel", idempotent=True)

    def wait_for(self, project_id: str, job_id: str, timeout: float = 600, interval: float = 1.0,
                 on_progress: Optional[Callable[[t.RenderJob], None]] = None) -> t.RenderJob:
        """Poll until `completed`, `failed` or `cancelled`; returns the job (check `status`)."""
        return poll(lambda: self.get(project_id, job_id), lambda j: j["status"] in RENDER_FINAL,
                    timeout, interval, on_progress, "render %s" % job_id)


class Runs(_Resource):
    """`/projects/:id/automations/:aid/runs`."""

    def _path(self, project_id, automation_id, run_id=None):
        path = "/projects/%s/automations/%s/runs" % (_seg(project_id), _seg(automation_id))
        return path if run_id is None else path + "/" + _seg(run_id)

    def list(self, project_id: str, automation_id: str, status: Optional[str] = None, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.Run]:
        return self._list(self._path(project_id, automation_id), {"status": status, "limit": limit, "cursor": cursor})

    def get(self, project_id: str, automation_id: str, run_id: str) -> t.Run:
        return self._t.request("GET", self._path(project_id, automation_id, run_id))

    def retry(self, project_id: str, automation_id: str, run_id: str) -> t.Run:
        """Re-run a failed run from its failed step."""
        return self._t.request("POST", self._path(project_id, automation_id, run_id) + "/retry")


class Automations(_Resource):
    """`/projects/:id/automations`; `.runs` for their runs."""

    def __init__(self, transport):
        super().__init__(transport)
        self.runs = Runs(transport)

    def _path(self, project_id, automation_id=None):
        path = "/projects/%s/automations" % _seg(project_id)
        return path if automation_id is None else path + "/" + _seg(automation_id)

    def create(self, project_id: str, body: Optional[t.AutomationCreate] = None, **fields: Any) -> t.Automation:
        return self._t.request("POST", self._path(project_id), json=_body(body, fields))

    def list(self, project_id: str, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.Automation]:
        return self._list(self._path(project_id), {"limit": limit, "cursor": cursor})

    def get(self, project_id: str, automation_id: str) -> t.Automation:
        return self._t.request("GET", self._path(project_id, automation_id))

    def update(self, project_id: str, automation_id: str, body: Optional[t.AutomationUpdate] = None,
               **fields: Any) -> t.Automation:
        return self._t.request("PATCH", self._path(project_id, automation_id), json=_body(body, fields))

    def delete(self, project_id: str, automation_id: str) -> None:
        return self._t.request("DELETE", self._path(project_id, automation_id))

    def run(self, project_id: str, automation_id: str, input: Optional[dict] = None,
            idempotency_key: Optional[str] = None) -> t.Run:
        """Start a run now (202) with `trigger` = `{type: "manual", **input}`."""
        return self._t.request("POST", self._path(project_id, automation_id) + "/run",
                               json={} if input is None else {"input": input},
                               idempotency_key=idempotency_key or new_idempotency_key())


class WebhookDeliveries(_Resource):
    """`/projects/:id/webhook-deliveries`: the log of every delivery attempt."""

    def list(self, project_id: str, event_id: Optional[str] = None, limit: Optional[int] = None,
             cursor: Optional[str] = None) -> ListIterator[t.WebhookDelivery]:
        return self._list("/projects/%s/webhook-deliveries" % _seg(project_id),
                          {"eventId": event_id, "limit": limit, "cursor": cursor})

    def redeliver(self, project_id: str, delivery_id: str) -> t.Redelivery:
        return self._t.request("POST", "/projects/%s/webhook-deliveries/%s/redeliver"
                               % (_seg(project_id), _seg(delivery_id)))


class Usage(_Resource):
    """`/projects/:id/usage`: daily usage rows (`projects:read`)."""

    def get(self, project_id: str, from_: Optional[str] = None, to: Optional[str] = None) -> t.UsageHistory:
        """`{projectId, from, to, data: [{date, storageBytes, renderCount, renderMinutes, deliveries, runs}]}`."""
        return self._t.request("GET", "/projects/%s/usage" % _seg(project_id), params={"from": from_, "to": to})
