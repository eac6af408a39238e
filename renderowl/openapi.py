"""The served OpenAPI document's shared parts, added once every blueprint is registered.

Each route documents what is its own (summary, operationId, its own error codes); what every
route shares is added here from what the route declares: a body or query can answer 400 and 413,
a `{project_id}` can answer 404 `PROJECT_NOT_FOUND`, any request line can be too long (414), and
anything can answer 500. Error answers
without a schema get the envelope's, so a client (and schemathesis) can rely on every status.
"""
import marshmallow as ma

from .schema_fields import ErrorSchema, FullMatch, register_unions

SERVERS = [{"url": "/", "description": "The server this document is served from (`RENDEROWL_PUBLIC_URL`)."}]
LICENSE = {"name": "Proprietary", "identifier": "LicenseRef-Renderowl-Proprietary"}

_ENVELOPE = {"application/json": {"schema": ErrorSchema}}
# Paths are already resolved when `finish` runs: refer to the registered component.
_ENVELOPE_REF = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}

# Shared error answers: (component name, status, description).
SHARED_RESPONSES = (
    ("Unauthenticated", 401, "`UNAUTHENTICATED` (no/malformed header), `INVALID_API_KEY`, `API_KEY_REVOKED`"),
    ("Forbidden", 403, "`PROJECT_SUSPENDED`, `PROJECT_ARCHIVED`, `MASTER_KEY_REQUIRED`, `UNAUTHORIZED_SCOPE`"),
    ("RateLimited", 429, "`RATE_LIMIT_EXCEEDED`; see `Retry-After`"),
    ("BadRequest", 400, "`VALIDATION_ERROR` (`details` maps each bad field's path to a message), `INVALID_JSON`"),
    ("PayloadTooLarge", 413, "`PAYLOAD_TOO_LARGE`: the JSON body is over `RENDEROWL_MAX_BODY_BYTES` (1 MiB)"),
    ("UriTooLong", 414, "`URI_TOO_LONG`: the request line is over 4094 bytes (gunicorn's `limit_request_line`)"),
    ("InternalError", 500, "`INTERNAL_ERROR`: unexpected; `details.requestId` names the request in the logs"),
)

PARAMETER_DOCS = {
    "project_id": "The project's id (UUID) or its slug.",
    "asset_id": "Asset id (UUID).", "template_id": "Template id (UUID).", "job_id": "Render job id (UUID).",
    "automation_id": "Automation id (UUID).", "run_id": "Run id (UUID).", "key_id": "API key id (UUID).",
    "delivery_id": "Webhook delivery attempt id (UUID).",
    "endpoint": "The webhook trigger's URL-safe endpoint token.",
    "token": "The signed token of a storage link (as handed out; opaque).",
}

METHODS = ("get", "put", "post", "patch", "delete")

_SAME_PROJECT = {"project_id": "$request.path.project_id"}
# OpenAPI links: what a created resource's id leads to (the SDKs' and schemathesis' stateful
# walks follow them). {creating operationId: (status, {target operationId: {parameter: value}})}
LINKS = {
    "projects.create": ("201", {
        op: {"project_id": "$response.body#/id"}
        for op in ("projects.get", "projects.update", "projects.delete", "apiKeys.create", "apiKeys.list")}),
    "apiKeys.create": ("201", {"apiKeys.revoke": {**_SAME_PROJECT, "key_id": "$response.body#/id"}}),
    "assets.create": ("201", {
        op: {**_SAME_PROJECT, "asset_id": "$response.body#/asset/id"}
        for op in ("assets.get", "assets.update", "assets.delete", "assets.complete")}),
    "templates.create": ("201", {
        op: {**_SAME_PROJECT, "template_id": "$response.body#/id"}
        for op in ("templates.get", "templates.update", "templates.delete")}),
    "renders.submit": ("202", {
        op: {**_SAME_PROJECT, "job_id": "$response.body#/id"} for op in ("renders.get", "renders.cancel")}),
    "automations.create": ("201", {
        op: {**_SAME_PROJECT, "automation_id": "$response.body#/id"}
        for op in ("automations.get", "automations.update", "automations.delete", "automations.run",
                   "automations.runs.list")}),
    "automations.run": ("202", {
        op: {**_SAME_PROJECT, "automation_id": "$request.path.automation_id", "run_id": "$response.body#/id"}
        for op in ("automations.runs.get", "automations.runs.retry")}),
}


def field2contract(self, field, ret, **kwargs):
    """apispec attribute function: what marshmallow's field types leave out of the schema.

    `Url` is JSON Schema's `uri` format (apispec writes `url`, which no validator knows); a
    `Constant` is that one value; a field's `metadata["openapi"]` is taken as written (for
    keywords apispec drops, such as `discriminator`).
    """
    extra = {}
    for validator in field.validators:
        # A whole-string pattern: JSON Schema's `pattern` matches anywhere unless anchored.
        if isinstance(validator, FullMatch):
            pattern = validator.regex.pattern
            extra["pattern"] = pattern if pattern.startswith("^") and pattern.endswith("$") else "^(?:%s)$" % pattern
    if isinstance(field, ma.fields.Url):
        extra["format"] = "uri"
    if isinstance(field, ma.fields.Constant):
        extra.update(type="string", enum=[field.constant])
        ret.pop("default", None)
    pattern = getattr(field, "placeholder_pattern", None)
    if pattern:  # a template field: its own value, or a string with a `{{variable}}` in it
        inner = self.field2property(field.inner)
        for key in list(ret):
            if key not in ("description", "default", "example"):
                ret.pop(key)
        inner.pop("description", None)
        inner.pop("default", None)
        extra["anyOf"] = [inner, {"type": "string", "pattern": pattern}]
    extra.update(field.metadata.get("openapi", {}))
    return extra


def init_app(smorest_api):
    """Register the shared components and field rules (call before the blueprints)."""
    spec = smorest_api.spec
    converter = smorest_api.ma_plugin.converter
    if field2contract.__name__ not in {getattr(f, "__name__", "") for f in converter.attribute_functions}:
        converter.add_attribute_function(field2contract)
    spec.components.security_scheme("bearerAuth", {
        "type": "http", "scheme": "bearer",
        "description": "The master key (`RENDEROWL_MASTER_KEY`) or a project key `rk_live_…`.",
    })
    for name, _status, text in SHARED_RESPONSES:
        spec.components.response(name, {"description": text, "content": _ENVELOPE})


def finish(smorest_api):
    """Complete every registered operation (call after the blueprints)."""
    spec = smorest_api.spec
    register_unions(spec)
    spec.options.setdefault("servers", SERVERS)
    spec.options.setdefault("info", {}).setdefault("license", LICENSE)
    refs = {status: {"$ref": "#/components/responses/" + name} for name, status, _ in SHARED_RESPONSES}
    for path, item in spec._paths.items():
        path_params = {p["name"] for p in item.get("parameters", []) if isinstance(p, dict)}
        for parameter in item.get("parameters", []):
            if isinstance(parameter, dict) and parameter.get("name") in PARAMETER_DOCS:
                parameter.setdefault("description", PARAMETER_DOCS[parameter["name"]])
        for method in METHODS:
            if method in item:
                _complete_operation(item[method], path_params, refs)
    _add_links(spec)
    # flask-smorest registers this for its own pagination, which the API does not use.
    spec.components.schemas.pop("PaginationMetadata", None)


def _add_links(spec):
    by_id = {op.get("operationId"): op for item in spec._paths.values() for m, op in item.items() if m in METHODS}
    for source, (status, targets) in LINKS.items():
        response = by_id[source]["responses"][status]
        response["links"] = {
            _link_name(target):
                {"operationId": target, "parameters": parameters}
            for target, parameters in targets.items()}


def _link_name(operation_id):
    """`apiKeys.revoke` -> `RevokeApiKey`, `automations.runs.list` -> `ListRuns`."""
    *_, resource, verb = operation_id.split(".")
    resource = resource[:1].upper() + resource[1:]
    return verb[:1].upper() + verb[1:] + (resource if verb == "list" else resource.rstrip("s"))


def _complete_operation(operation, path_params, refs):
    responses = operation.setdefault("responses", {})
    responses.pop("default", None)  # every status is documented on its own
    takes_input = "requestBody" in operation or any(
        isinstance(p, dict) and p.get("in") in ("query", "header") for p in operation.get("parameters", []))
    if takes_input:
        _add(responses, "400", refs[400])
    if "requestBody" in operation:
        _add(responses, "413", refs[413])
    if "project_id" in path_params:
        own = responses.get("404", {}).get("description", "")
        codes = "`PROJECT_NOT_FOUND` (or not this key's project)" + (", " + own if own else "")
        responses["404"] = {"description": codes}
    _add(responses, "414", refs[414])
    _add(responses, "500", refs[500])
    for status, response in responses.items():
        if status[0] in "45" and "$ref" not in response and "content" not in response:
            response["content"] = _ENVELOPE_REF


def _add(responses, status, ref):
    """Document `status` with the shared answer unless the route says more about it."""
    if status not in responses:
        responses[status] = ref
    elif "$ref" not in responses[status] and "content" not in responses[status]:
        responses[status]["description"] = (ref_text(ref) + "; " + responses[status]["description"])


def ref_text(ref):
    name = ref["$ref"].rsplit("/", 1)[1]
    return next(text for n, _s, text in SHARED_RESPONSES if n == name)
