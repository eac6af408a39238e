"""`x-codeSamples` for every operation of the spec: curl, Node (the SDK) and Python (the client).

One table says, for each operation, which SDK method a user calls and with what; the three
samples are written from it, so they always agree. The tests run the Node samples through
`tsc --strict` against the SDK's types and resolve the Python ones against the client, so a
renamed method or field fails the suite instead of rotting in the docs.
"""
import json
import re

# (METHOD, path) -> (resource.method, arguments). Arguments are the JSON body (or the query, for
# GET) exactly as the API takes it; the SDKs take the same names.
CALLS = {
    ("GET", "/api/v1/projects"): ("projects.list", {"status": "active"}),
    ("POST", "/api/v1/projects"): ("projects.create", {"slug": "acme", "name": "Acme Studio"}),
    ("GET", "/api/v1/projects/{project_id}"): ("projects.get", None),
    ("PATCH", "/api/v1/projects/{project_id}"):
        ("projects.update", {"settings": {"webhookUrl": "https://example.com/renderowl-events"}}),
    ("DELETE", "/api/v1/projects/{project_id}"): ("projects.delete", None),
    ("POST", "/api/v1/projects/{project_id}/webhook-secret/rotate"): ("projects.rotateWebhookSecret", None),
    ("GET", "/api/v1/projects/{project_id}/usage"): ("usage.get", {"from": "2026-11-01", "to": "2026-11-30"}),
    ("GET", "/api/v1/projects/{project_id}/api-keys"): ("apiKeys.list", None),
    ("POST", "/api/v1/projects/{project_id}/api-keys"):
        ("apiKeys.create", {"name": "backend", "scopes": ["renders:read", "renders:write"]}),
    ("DELETE", "/api/v1/projects/{project_id}/api-keys/{key_id}"): ("apiKeys.revoke", None),
    ("GET", "/api/v1/projects/{project_id}/assets"): ("assets.list", {"type": "video", "status": "ready"}),
    ("POST", "/api/v1/projects/{project_id}/assets"):
        ("assets.create", {"name": "clip.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": 1048576}),
    ("GET", "/api/v1/projects/{project_id}/assets/{asset_id}"): ("assets.get", None),
    ("PATCH", "/api/v1/projects/{project_id}/assets/{asset_id}"): ("assets.update", {"tags": ["intro"]}),
    ("DELETE", "/api/v1/projects/{project_id}/assets/{asset_id}"): ("assets.delete", None),
    ("POST", "/api/v1/projects/{project_id}/assets/{asset_id}/complete"): ("assets.complete", None),
    ("GET", "/api/v1/projects/{project_id}/templates"): ("templates.list", None),
    ("POST", "/api/v1/projects/{project_id}/templates"):
        ("templates.create", {"name": "Bold", "style": {"fontSize": 48, "highlightColor": "#FFD700",
                                                        "wordHighlight": True}}),
    ("GET", "/api/v1/projects/{project_id}/templates/{template_id}"): ("templates.get", None),
    ("PATCH", "/api/v1/projects/{project_id}/templates/{template_id}"): ("templates.update", {"isDefault": True}),
    ("DELETE", "/api/v1/projects/{project_id}/templates/{template_id}"): ("templates.delete", None),
    ("GET", "/api/v1/projects/{project_id}/renders"): ("renders.list", {"status": "completed"}),
    ("POST", "/api/v1/projects/{project_id}/renders"):
        ("renders.submit", {"video": {"type": "asset", "assetId": "5f0b2c1e-3d4a-4b6c-8d9e-0a1b2c3d4e5f"},
                            "captions": [{"start": 0, "end": 2.5, "text": "Hello there"}],
                            "style": {"position": "bottom", "wordHighlight": True}}),
    ("POST", "/api/v1/projects/{project_id}/renders/preview"):
        ("renders.preview", {"video": {"type": "asset", "assetId": "5f0b2c1e-3d4a-4b6c-8d9e-0a1b2c3d4e5f"},
                             "captions": [{"start": 0, "end": 2.5, "text": "Hello there"}],
                             "style": {"position": "center"}, "at": 1, "width": 640}),
    ("GET", "/api/v1/projects/{project_id}/renders/{job_id}"): ("renders.get", None),
    ("POST", "/api/v1/projects/{project_id}/renders/{job_id}/cancel"): ("renders.cancel", None),
    ("GET", "/api/v1/projects/{project_id}/webhook-deliveries"): ("webhookDeliveries.list", None),
    ("POST", "/api/v1/projects/{project_id}/webhook-deliveries/{delivery_id}/redeliver"):
        ("webhookDeliveries.redeliver", None),
    ("GET", "/api/v1/projects/{project_id}/automations"): ("automations.list", None),
    ("POST", "/api/v1/projects/{project_id}/automations"):
        ("automations.create", {"name": "Caption every upload",
                                "trigger": {"type": "asset_upload", "filter": {"type": "video"}},
                                "actions": [{"type": "render", "templateId": "0c9d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f",
                                             "video": {"type": "asset", "assetId": "{{trigger.assetId}}"}}]}),
    ("GET", "/api/v1/projects/{project_id}/automations/{automation_id}"): ("automations.get", None),
    ("PATCH", "/api/v1/projects/{project_id}/automations/{automation_id}"): ("automations.update", {"enabled": False}),
    ("DELETE", "/api/v1/projects/{project_id}/automations/{automation_id}"): ("automations.delete", None),
    ("POST", "/api/v1/projects/{project_id}/automations/{automation_id}/run"):
        ("automations.run", {"input": {"text": "Hello"}}),
    ("GET", "/api/v1/projects/{project_id}/automations/{automation_id}/runs"): ("automations.runs.list", None),
    ("GET", "/api/v1/projects/{project_id}/automations/{automation_id}/runs/{run_id}"):
        ("automations.runs.get", None),
    ("POST", "/api/v1/projects/{project_id}/automations/{automation_id}/runs/{run_id}/retry"):
        ("automations.runs.retry", None),
}

# Example values for path parameters (a project's slug works wherever its id does).
EXAMPLE_IDS = {"project_id": "acme"}
_EXAMPLE_UUID = "3f2c8a4e-1b7d-4e9a-8c6f-2d5b0e9a7c31"
# Python keyword arguments that would clash with Python keywords.
PYTHON_KEYWORDS = {"from": "from_"}
_PARAM = re.compile(r"\{([a-z_]+)\}")


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _snake(name):
    return re.sub(r"(?<!^)([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def _example_body(operation):
    content = (operation.get("requestBody") or {}).get("content", {}).get("application/json") or {}
    if "example" in content:
        return content["example"]
    for example in (content.get("examples") or {}).values():
        if isinstance(example, dict) and "value" in example:
            return example["value"]
    return None


def _curl(method, path, args, public):
    url = "$RENDEROWL_URL" + _PARAM.sub(lambda m: "$" + m.group(1).upper(), path)
    if method == "GET" and args:
        url += "?" + "&".join("%s=%s" % kv for kv in args.items())
    lines = ['curl -sS -X %s "%s"' % (method, url)]
    if not public:
        lines.append('-H "Authorization: Bearer $RENDEROWL_API_KEY"')
    if method != "GET" and args is not None:
        lines += ['-H "Content-Type: application/json"', "-d '%s'" % json.dumps(args)]
    return " \\\n  ".join(lines)


def _declarations(path, style):
    lines = []
    for param in _PARAM.findall(path):
        value = EXAMPLE_IDS.get(param, _EXAMPLE_UUID)
        lines.append("const %s = '%s';" % (_camel(param), value) if style == "node" else '%s = "%s"' % (param, value))
    return lines


def _node(method, path, target, args):
    ids = [_camel(p) for p in _PARAM.findall(path)]
    call_args = ids + ([json.dumps(args, indent=2)] if args is not None else [])
    call = "client.%s(%s)" % (target, ", ".join(call_args))
    lines = ["import { RenderowlClient } from '@renderowl/sdk';", "",
             "const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY!, "
             "baseUrl: 'http://127.0.0.1:8000' });"] + _declarations(path, "node")
    if target.endswith(".list"):
        lines.append("for await (const item of %s) {\n  console.log(item.id);\n}" % call)
    else:
        lines.append("const result = await %s;\nconsole.log(result);" % call)
    return "\n".join(lines)


def _python_literal(value):
    return json.dumps(value).replace("true", "True").replace("false", "False").replace("null", "None")


def _python(method, path, target, args):
    ids = list(_PARAM.findall(path))
    kwargs = ["%s=%s" % (PYTHON_KEYWORDS.get(k, k), _python_literal(v)) for k, v in (args or {}).items()]
    name = "client.%s" % ".".join(_snake(part) for part in target.split("."))
    call = "%s(%s)" % (name, ", ".join(ids + kwargs))
    if len(call) > 80:
        call = "%s(\n    %s,\n)" % (name, ",\n    ".join(ids + kwargs))
    lines = ["import os", "", "from renderowl_client import RenderowlClient", "",
             'client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url="http://127.0.0.1:8000")'
             ] + _declarations(path, "python")
    if target.endswith(".list"):
        lines.append('for item in %s:\n    print(item["id"])' % call)
    else:
        lines.append("result = %s\nprint(result)" % call)
    return "\n".join(lines)


def _node_fetch(method, path, args, public):
    url = "`${process.env.RENDEROWL_URL}%s`" % _PARAM.sub(lambda m: "${%s}" % _camel(m.group(1)), path)
    options = ["method: '%s'" % method]
    headers = [] if public else ["Authorization: `Bearer ${process.env.RENDEROWL_API_KEY}`"]
    if args is not None:
        headers.append("'Content-Type': 'application/json'")
        options.append("body: JSON.stringify(%s)" % json.dumps(args))
    if headers:
        options.append("headers: { %s }" % ", ".join(headers))
    return "\n".join(["// A plain HTTP route (no SDK method).", *_declarations(path, "node"),
                      "const response = await fetch(%s, { %s });" % (url, ", ".join(options)),
                      "console.log(response.status);"])


def _python_requests(method, path, args, public):
    call = ['os.environ["RENDEROWL_URL"] + f"%s"' % path]
    if not public:
        call.append('headers={"Authorization": "Bearer " + os.environ["RENDEROWL_API_KEY"]}')
    if args is not None:
        call.append("json=%s" % _python_literal(args))
    return "\n".join(["import os", "", "import requests", "", "# A plain HTTP route (no SDK method).",
                      *_declarations(path, "python"),
                      "response = requests.%s(%s, timeout=30)" % (method.lower(), ", ".join(call)),
                      "print(response.status_code)"])


def samples_for(method, path, operation):
    """The `x-codeSamples` of one operation: curl, Node and Python."""
    public = operation.get("security") == []
    target, args = CALLS.get((method, path), (None, None))
    if target is None:
        args = _example_body(operation) if method != "GET" else None
    curl = _curl(method, path, args, public)
    if target:
        node, python = _node(method, path, target, args), _python(method, path, target, args)
    else:
        node, python = _node_fetch(method, path, args, public), _python_requests(method, path, args, public)
    return [{"lang": "Shell", "label": "curl", "source": curl},
            {"lang": "JavaScript", "label": "Node", "source": node},
            {"lang": "Python", "label": "Python", "source": python}]


def document(spec):
    """Add `x-codeSamples` to every operation of an apispec `APISpec` (after all routes are in)."""
    for path, operations in spec._paths.items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete") and isinstance(operation, dict):
                operation["x-codeSamples"] = samples_for(method.upper(), path, operation)
