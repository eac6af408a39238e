"""The BOLA matrix: every project-scoped route of the URL map, called across tenants.

Two projects, `mine` (the caller's) and `theirs`, each with one of every child object (asset,
template, render job, automation, run, API key, webhook delivery), are built once per module and
backend. Each (route, method) of `MATRIX` is called

- with my key on their project, by id and by slug (their children in the URL and the body):
  404 `PROJECT_NOT_FOUND` (a master-only route: 403 `MASTER_KEY_REQUIRED`, whatever the project);
- on my project with one of their children in the URL (master-only routes: the master key,
  whose only check is that the child belongs to the URL's project): 404 with the child's code;
- on my project with their ids inside the body: 404 with the referenced resource's code;
- with a key of my project holding every scope but the route's: 403 `UNAUTHORIZED_SCOPE`;
- and, as the control that makes the rest mean something, by the owner: the route's success.

Every refusal answers the JSON envelope and writes nothing (every table's rows, compared whole).
`test_every_route_has_a_place` fails on a route of the URL map with no entry here, so a new
route cannot slip in unguarded; the routes outside the matrix are listed with the reason.
"""
import re
import uuid
from dataclasses import dataclass, field

import pytest

from renderowl import queue
from renderowl.auth.models import SCOPES, ApiKey
from renderowl.extensions import configure_huey, database
from renderowl.models import MODELS
from tests.conftest import MASTER_KEY, backend_config, bearer
from tests.render_media import upload_asset

P = "/api/v1/projects/<project_id>"
MASTER = "master"  # in place of a scope: the route takes the master key only
CAPTIONS = [{"start": 0, "end": 1, "text": "Hello there"}]
NOT_FOUND = {"project_id": "PROJECT_NOT_FOUND", "asset_id": "ASSET_NOT_FOUND", "template_id": "TEMPLATE_NOT_FOUND",
             "job_id": "RENDER_NOT_FOUND", "automation_id": "AUTOMATION_NOT_FOUND", "run_id": "RUN_NOT_FOUND",
             "key_id": "API_KEY_NOT_FOUND", "delivery_id": "DELIVERY_NOT_FOUND"}

# Routes of the URL map outside the matrix, and why.
OUT_OF_MATRIX = {
    "/healthz": "public liveness probe; no project data",
    "/metrics": "master key or RENDEROWL_METRICS_TOKEN; aggregates, no project in the URL (test_metrics)",
    "/openapi.json": "the public spec",
    "/docs": "the docs portal: static pages, no key",
    "/docs/": "the docs portal: static pages, no key",
    "/docs/assets/<path:filename>": "the docs portal: static files",
    "/docs/assets/swagger/<path:filename>": "the docs portal: static files",
    "/docs/guides/<slug>/": "the docs portal: static pages",
    "/docs/images/<path:filename>": "the docs portal: static files",
    "/docs/reference/": "the docs portal: static pages",
    "/storage/download/<token>": "local storage links: the HMAC-signed token names the object; no key "
                                 "(test_storage, test_hostile_storage)",
    "/storage/upload/<token>": "local storage links: the HMAC-signed token names the object; no key "
                               "(test_storage, test_hostile_storage)",
    "/webhooks/automations/<endpoint>": "public trigger, authenticated by the automation's own secret "
                                        "(test_automations, test_hostile_automations)",
    "/webhooks/storage": "S3 event notifications, authenticated by the operator's storage secret (test_hostile_storage)",
    "/api/v1/projects": "master-only list and create; no project in the URL (test_projects)",
    "/api/v1/renders": "legacy: always the calling key's own project, no project in the URL "
                       "(test_legacy_renders; foreign ids below in test_legacy_routes_stay_in_the_keys_project)",
    "/api/v1/renders/<job_id>": "legacy: always the calling key's own project "
                                "(foreign job below in test_legacy_routes_stay_in_the_keys_project)",
}


# --- request bodies, as functions of one project's children (`c`) ---------------------------

def render_body(c):
    return {"video": {"type": "asset", "assetId": c["asset_id"]}, "templateId": c["template_id"],
            "captions": CAPTIONS, "settings": {"preset": "ultrafast"}}


def preview_body(c):
    return {**render_body(c), "width": 160}


def template_body(c):
    return {"name": "bola", "defaultVideo": {"type": "asset", "assetId": c["asset_id"]}}


def render_action(c):
    return {"type": "render", "templateId": c["template_id"], "captions": CAPTIONS,
            "video": {"type": "asset", "assetId": c["asset_id"]}}


def automation_body(c):
    return {"name": "bola", "trigger": {"type": "webhook"}, "actions": [render_action(c)]}


def asset_body(c):
    return {"name": "bola.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": 1000}


@dataclass
class Route:
    """What a (rule, method) needs: its scope (or MASTER), a valid body, the owner's status,
    which of the body's ids to swap for the other project's (with the code that answers), and
    which child the owner's control call spends (made afresh for it)."""

    scope: str
    ok: int
    body: object = None
    foreign_in_body: dict = field(default_factory=dict)
    spare: str = None


MATRIX = {
    (P, "GET"): Route("projects:read", 200),
    (P, "PATCH"): Route(MASTER, 200, body=lambda c: {"name": "Renamed"}),
    (P, "DELETE"): Route(MASTER, 200, spare="project_id"),
    (P + "/api-keys", "GET"): Route(MASTER, 200),
    (P + "/api-keys", "POST"): Route(MASTER, 201, body=lambda c: {"name": "another"}),
    (P + "/api-keys/<key_id>", "DELETE"): Route(MASTER, 200, spare="key_id"),
    (P + "/webhook-secret/rotate", "POST"): Route(MASTER, 200),
    (P + "/usage", "GET"): Route("projects:read", 200),
    (P + "/webhook-deliveries", "GET"): Route("projects:read", 200),
    (P + "/webhook-deliveries/<delivery_id>/redeliver", "POST"): Route(MASTER, 202),
    (P + "/assets", "GET"): Route("assets:read", 200),
    (P + "/assets", "POST"): Route("assets:write", 201, body=asset_body),
    (P + "/assets/<asset_id>", "GET"): Route("assets:read", 200),
    (P + "/assets/<asset_id>", "PATCH"): Route("assets:write", 200, body=lambda c: {"name": "renamed.mp4"}),
    (P + "/assets/<asset_id>", "DELETE"): Route("assets:write", 204, spare="asset_id"),
    (P + "/assets/<asset_id>/complete", "POST"): Route("assets:write", 200),
    (P + "/templates", "GET"): Route("templates:read", 200),
    (P + "/templates", "POST"): Route("templates:write", 201, body=template_body,
                                      foreign_in_body={"defaultVideo.assetId": "asset_id"}),
    (P + "/templates/<template_id>", "GET"): Route("templates:read", 200),
    (P + "/templates/<template_id>", "PATCH"): Route(
        "templates:write", 200, body=lambda c: {"defaultVideo": template_body(c)["defaultVideo"]},
        foreign_in_body={"defaultVideo.assetId": "asset_id"}),
    (P + "/templates/<template_id>", "DELETE"): Route("templates:write", 204, spare="template_id"),
    (P + "/renders", "GET"): Route("renders:read", 200),
    (P + "/renders", "POST"): Route("renders:write", 202, body=render_body,
                                    foreign_in_body={"video.assetId": "asset_id", "templateId": "template_id"}),
    (P + "/renders/preview", "POST"): Route("renders:write", 200, body=preview_body,
                                            foreign_in_body={"video.assetId": "asset_id", "templateId": "template_id"}),
    (P + "/renders/<job_id:job_id>", "GET"): Route("renders:read", 200),
    # The owner's job is completed: cancelling it is 409 RENDER_NOT_CANCELLABLE (it was found).
    (P + "/renders/<job_id:job_id>/cancel", "POST"): Route("renders:write", 409),
    (P + "/automations", "GET"): Route("automations:read", 200),
    (P + "/automations", "POST"): Route(
        "automations:write", 201, body=automation_body,
        foreign_in_body={"actions.0.templateId": "template_id", "actions.0.video.assetId": "asset_id"}),
    (P + "/automations/<automation_id>", "GET"): Route("automations:read", 200),
    (P + "/automations/<automation_id>", "PATCH"): Route(
        "automations:write", 200, body=lambda c: {"actions": [render_action(c)]},
        foreign_in_body={"actions.0.templateId": "template_id", "actions.0.video.assetId": "asset_id"}),
    (P + "/automations/<automation_id>", "DELETE"): Route("automations:write", 204, spare="automation_id"),
    (P + "/automations/<automation_id>/run", "POST"): Route("automations:write", 202, body=lambda c: {"input": {}}),
    (P + "/automations/<automation_id>/runs", "GET"): Route("automations:read", 200),
    (P + "/automations/<automation_id>/runs/<run_id>", "GET"): Route("automations:read", 200),
    (P + "/automations/<automation_id>/runs/<run_id>/retry", "POST"): Route("automations:write", 202),
}


def params_of(rule):
    return re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule)


def set_path(body, dotted, value):
    """`body` with the value at `dotted` (e.g. `actions.0.video.assetId`) replaced."""
    node = body
    parts = dotted.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[parts[-1]] = value
    return body


def cases():
    """(rule, method, case name, who, project, children by param, body ids, expected) for the matrix."""
    out = []
    for (rule, method), route in MATRIX.items():
        children = [p for p in params_of(rule) if p != "project_id"]
        master = route.scope == MASTER
        for form in ("id", "slug"):
            # My key, their project: their children in the URL and their ids in the body.
            expected = (403, "MASTER_KEY_REQUIRED") if master else (404, "PROJECT_NOT_FOUND")
            out.append((rule, method, "their-project-by-" + form, "mine", ("theirs", form),
                        {p: "theirs" for p in children}, "theirs", expected))
        for param in children:
            # My project, one of their children (the others mine): the master key on a master-only
            # route, so the check under test is the child's, not the route's.
            out.append((rule, method, "their-" + param, MASTER if master else "mine", ("mine", "id"),
                        {p: ("theirs" if p == param else "mine") for p in children}, "mine",
                        (404, NOT_FOUND[param])))
        if children:
            out.append((rule, method, "all-their-children-by-slug", MASTER if master else "mine", ("mine", "slug"),
                        {p: "theirs" for p in children}, "mine", (404, NOT_FOUND[children[0]])))
        for path, param in route.foreign_in_body.items():
            out.append((rule, method, "their-" + path + "-in-body", "mine", ("mine", "id"),
                        {p: "mine" for p in children}, {path: param}, (404, NOT_FOUND[param])))
        if master:
            out.append((rule, method, "project-key-with-every-scope", "mine", ("mine", "id"),
                        {p: "mine" for p in children}, "mine", (403, "MASTER_KEY_REQUIRED")))
        else:
            out.append((rule, method, "key-without-" + route.scope, "scopeless", ("mine", "id"),
                        {p: "mine" for p in children}, "mine", (403, "UNAUTHORIZED_SCOPE")))
    return out


CASES = cases()


def case_id(case):
    rule, method, name = case[:3]
    return "%s %s :: %s" % (method, rule[len("/api/v1/projects/"):] if rule.startswith(P) else rule, name)


# --- the two projects, built once per module and backend ------------------------------------

class World:
    """The app, its client and both projects' children: {"mine"|"theirs": {param: value}}."""

    def __init__(self, app, config):
        self.app, self.config, self.client = app, config, app.test_client()
        self.db = database.obj
        self.master = bearer(MASTER_KEY)
        self.projects, self.keys, self.scopeless = {}, {}, {}

    def call(self, method, url, headers, body=None):
        return self.client.open(url, method=method, headers=headers, json=body)

    def ok(self, method, url, headers, body=None, status=(200, 201, 202)):
        resp = self.call(method, url, headers, body)
        assert resp.status_code in ((status,) if isinstance(status, int) else status), (url, resp.json)
        return resp.json

    def build(self, name, clip):
        base = "/api/v1/projects"
        project = self.ok("POST", base, self.master, {
            "slug": "bola-%s-%s" % (name, uuid.uuid4().hex[:6]), "name": name,
            # Every event is delivered (and refused: the test config allows no loopback), so
            # each project gets delivery rows without any network.
            "settings": {"webhookUrl": "http://127.0.0.1:9/hook"}})
        pid = project["id"]
        created = self.ok("POST", "%s/%s/api-keys" % (base, pid), self.master, {"name": "all", "rateLimitRpm": 100000})
        key = bearer(created["key"])
        asset = upload_asset(self.client, pid, key, clip)
        template = self.ok("POST", "%s/%s/templates" % (base, pid), key, {"name": "t", "style": {"fontSize": 40}})
        job = self.ok("POST", "%s/%s/renders" % (base, pid), key, {
            "video": {"type": "asset", "assetId": asset["id"]}, "templateId": template["id"], "captions": CAPTIONS,
            "settings": {"preset": "ultrafast"}})
        job = self.ok("GET", "%s/%s/renders/%s" % (base, pid, job["id"]), key)
        assert job["status"] == "completed", job
        # A webhook action to a private address: the run fails, so it can be retried.
        automation = self.ok("POST", "%s/%s/automations" % (base, pid), key, {
            "name": "a", "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": "http://10.0.0.7/x"}]})
        run = self.ok("POST", "%s/%s/automations/%s/run" % (base, pid, automation["id"]), key, {"input": {}})
        run = self.ok("GET", "%s/%s/automations/%s/runs/%s" % (base, pid, automation["id"], run["id"]), key)
        assert run["status"] == "failed", run
        deliveries = self.ok("GET", "%s/%s/webhook-deliveries" % (base, pid), key)["data"]
        assert deliveries, "the project's events made no delivery rows"
        self.projects[name] = {
            "id": pid, "slug": project["slug"], "asset_id": asset["id"], "template_id": template["id"],
            "job_id": job["id"], "automation_id": automation["id"], "run_id": run["id"], "key_id": created["id"],
            "delivery_id": deliveries[0]["id"], "event_id": deliveries[0]["eventId"]}
        self.keys[name] = key

    def build_scopeless(self):
        pid = self.projects["mine"]["id"]
        for scope in SCOPES:
            created = self.ok("POST", "/api/v1/projects/%s/api-keys" % pid, self.master, {
                "name": "no " + scope, "scopes": [s for s in SCOPES if s != scope], "rateLimitRpm": 100000})
            assert scope not in created["scopes"]
            self.scopeless[scope] = bearer(created["key"])

    def spare(self, param):
        """A fresh child of my project for a control call that spends one."""
        mine, base = self.projects["mine"], "/api/v1/projects/%s" % self.projects["mine"]["id"]
        key = self.keys["mine"]
        if param == "project_id":
            return self.ok("POST", "/api/v1/projects", self.master, {"slug": "spare-" + uuid.uuid4().hex[:8],
                                                                      "name": "spare"})["id"]
        if param == "key_id":
            return self.ok("POST", base + "/api-keys", self.master, {"name": "spare"})["id"]
        if param == "asset_id":
            return self.ok("POST", base + "/assets", key, asset_body(mine))["asset"]["id"]
        if param == "template_id":
            return self.ok("POST", base + "/templates", key, {"name": "spare"})["id"]
        if param == "automation_id":
            return self.ok("POST", base + "/automations", key, {
                "name": "spare", "trigger": {"type": "webhook"}, "actions": [{"type": "webhook", "url": "https://example.com"}]})["id"]
        raise AssertionError("no spare for " + param)


@pytest.fixture(scope="module")
def world(backend, tmp_path_factory, request, clip):
    config = backend_config(backend, tmp_path_factory.mktemp("bola"), request)
    from renderowl import create_app
    app = create_app(config)
    storage = app.extensions["renderowl_storage"]
    if hasattr(storage, "ensure_bucket"):
        storage.ensure_bucket()
    w = World(app, config)
    w.build("theirs", clip)
    w.build("mine", clip)
    w.build_scopeless()
    yield w
    database.close_all() if hasattr(database.obj, "close_all") else None


@pytest.fixture(autouse=True)
def bound(world):
    """Point the process-wide bindings back at this module's app if another app was built since."""
    if database.obj is not world.db:
        database.initialize(world.db)
        configure_huey(world.config)
        queue.bind_app(world.app)
    return world


def snapshot(world):
    """Every row of every table (lastUsedAt aside: it is written after any keyed request)."""
    with world.app.app_context(), database.connection_context():
        tables = {}
        for model in MODELS:
            fields = [f for f in model._meta.sorted_fields if f is not ApiKey.last_used_at]
            tables[model.__name__] = sorted(repr(row) for row in model.select(*fields).tuples())
        return tables


def url_for(rule, project, children):
    """The rule with its arguments filled in (`<job_id>` and `<job_id:job_id>` alike)."""
    values = {"project_id": project, **children}
    return re.sub(r"<(?:[^:<>]+:)?([^:<>]+)>", lambda m: str(values.get(m.group(1), m.group(0))), rule)


# --- the tests -------------------------------------------------------------------------------

def test_every_route_has_a_place(world):
    """Every (rule, method) with a project in the URL is in MATRIX, every other rule is in
    OUT_OF_MATRIX with its reason, and neither lists a route that no longer exists."""
    scoped, others = set(), set()
    for rule in world.app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            (scoped if "project_id" in rule.arguments else others).add((rule.rule, method))
    assert sorted(scoped - set(MATRIX)) == [], "project-scoped routes with no entry in MATRIX"
    assert sorted(set(MATRIX) - scoped) == [], "MATRIX entries that are not routes"
    assert sorted({rule for rule, _ in others} - set(OUT_OF_MATRIX)) == [], "routes neither in MATRIX nor OUT_OF_MATRIX"
    assert sorted(set(OUT_OF_MATRIX) - {rule for rule, _ in others}) == [], "OUT_OF_MATRIX lists routes that are gone"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_cross_tenant_and_scope(world, case):
    rule, method, _, who, (owner, form), children, body_ids, (status, code) = case
    route = MATRIX[(rule, method)]
    projects = world.projects
    url = url_for(rule, projects[owner][form], {p: projects[side][p] for p, side in children.items()})
    body = None
    if route.body is not None:
        if isinstance(body_ids, dict):  # my body with some of their ids in it
            body = route.body(projects["mine"])
            for path, param in body_ids.items():
                set_path(body, path, projects["theirs"][param])
        else:
            body = route.body(projects[body_ids])
    headers = {"mine": world.keys["mine"], MASTER: world.master,
               "scopeless": world.scopeless.get(route.scope)}[who]
    before = snapshot(world)
    resp = world.call(method, url, headers, body)
    assert resp.status_code == status, (url, resp.data[:400])
    assert resp.mimetype == "application/json"
    error = resp.json["error"]
    assert error["code"] == code and error["message"], error
    if code == "UNAUTHORIZED_SCOPE":
        assert error["message"] == "Key lacks '%s' scope" % route.scope
    assert snapshot(world) == before, "a refused request wrote to the database"


@pytest.mark.parametrize("rule, method", list(MATRIX), ids=[case_id((r, m, "owner")) for r, m in MATRIX])
def test_owner_control(world, rule, method):
    """The same routes, bodies and child ids pass for their owner: the refusals above come from
    ownership and scope, not from a wrong URL or body."""
    route = MATRIX[(rule, method)]
    mine = dict(world.projects["mine"])
    if route.spare:
        mine["id" if route.spare == "project_id" else route.spare] = world.spare(route.spare)
    headers = world.master if route.scope == MASTER else world.keys["mine"]
    url = url_for(rule, mine["id"], {p: mine[p] for p in params_of(rule) if p != "project_id"})
    resp = world.call(method, url, headers, route.body(mine) if route.body else None)
    assert resp.status_code == route.ok, (url, resp.data[:400])
    if resp.status_code == 409:
        assert resp.json["error"]["code"] == "RENDER_NOT_CANCELLABLE"


def test_a_foreign_event_id_filters_to_nothing(world):
    """A list filter naming another project's event finds nothing (not their deliveries)."""
    mine, theirs = world.projects["mine"], world.projects["theirs"]
    url = "/api/v1/projects/%s/webhook-deliveries?eventId=%s" % (mine["id"], theirs["event_id"])
    page = world.ok("GET", url, world.keys["mine"])
    assert page["data"] == [] and page["hasMore"] is False


def test_legacy_routes_stay_in_the_keys_project(world):
    mine, theirs = world.projects["mine"], world.projects["theirs"]
    before = snapshot(world)
    resp = world.call("GET", "/api/v1/renders/%s" % theirs["job_id"], world.keys["mine"])
    assert resp.status_code == 404 and resp.json["error"]["code"] == "RENDER_NOT_FOUND"
    for path, param in (("video.assetId", "asset_id"), ("templateId", "template_id")):
        body = set_path(render_body(mine), path, theirs[param])
        resp = world.call("POST", "/api/v1/renders", world.keys["mine"], body)
        assert resp.status_code == 404 and resp.json["error"]["code"] == NOT_FOUND[param], resp.json
    listed = world.ok("GET", "/api/v1/renders?limit=100", world.keys["mine"])["data"]
    assert theirs["job_id"] not in {job["id"] for job in listed}
    assert snapshot(world) == before


def test_their_ids_reached_through_a_run_stay_theirs(world):
    """An id that only appears when a run resolves `{{trigger.x}}` is looked up in the
    automation's own project: the step fails ASSET_NOT_FOUND and no render is made anywhere."""
    mine, theirs = world.projects["mine"], world.projects["theirs"]
    base = "/api/v1/projects/%s/automations" % mine["id"]
    automation = world.ok("POST", base, world.keys["mine"], {
        "name": "relay", "trigger": {"type": "webhook"},
        "actions": [{"type": "render", "captions": CAPTIONS, "video": {"type": "asset", "assetId": "{{trigger.assetId}}"}}]})
    renders_before = snapshot(world)["RenderJob"]
    run = world.ok("POST", "%s/%s/run" % (base, automation["id"]), world.keys["mine"],
                   {"input": {"assetId": theirs["asset_id"]}})
    run = world.ok("GET", "%s/%s/runs/%s" % (base, automation["id"], run["id"]), world.keys["mine"])
    assert run["status"] == "failed" and "ASSET_NOT_FOUND" in run["error"], run
    assert snapshot(world)["RenderJob"] == renders_before

