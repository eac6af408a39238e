"""Caption templates through HTTP, and the substitution rules they (and automations) use."""
import pytest

from renderowl.substitution import SubstitutionError, find_placeholders, substitute


def url(project, suffix=""):
    return f"/api/v1/projects/{project['id']}/templates{suffix}"


def create(client, project, key, **body):
    body.setdefault("name", "Bold")
    return client.post(url(project), json=body, headers=key)


# --- substitution (pure) ---

def test_whole_string_keeps_type_and_inner_interpolates():
    ctx = {"size": 72, "on": True, "color": "#FF0000", "trigger": {"x": {"y": 1}},
           "actions": [{"output": {"url": "https://e/x.mp4"}}]}
    value = {"fontSize": "{{size}}", "uppercase": "{{ on }}", "label": "size {{size}}, {{on}}",
             "deep": ["{{trigger.x}}", "{{actions.0.output.url}}"], "n": 3}
    assert substitute(value, ctx) == {"fontSize": 72, "uppercase": True, "label": "size 72, true",
                                      "deep": [{"y": 1}, "https://e/x.mp4"], "n": 3}
    assert find_placeholders(value) == {"size", "on", "trigger.x", "actions.0.output.url"}


def test_unknown_reference_is_a_clear_error_unless_lenient():
    with pytest.raises(SubstitutionError) as info:
        substitute({"a": [{"b": "x {{missing.name}}"}]}, {})
    assert info.value.path == "a.0.b" and info.value.name == "missing.name"
    assert "{{missing.name}}" in str(info.value)
    assert substitute({"a": "{{nope}}"}, {}, strict=False) == {"a": "{{nope}}"}


# --- CRUD ---

def test_crud(client, project, key):
    body = {"name": "Bold", "description": "big", "style": {"fontSize": "{{size}}", "textColor": "#FFFFFF"},
            "defaultSettings": {"preset": "ultrafast"}, "defaultVideo": {"type": "url", "url": "https://example.com/a.mp4"},
            "variables": [{"key": "size", "type": "number", "default": 64, "label": "Size"}]}
    resp = create(client, project, key, **body)
    assert resp.status_code == 201, resp.json
    tpl = resp.json
    assert tpl["projectId"] == project["id"] and tpl["style"]["fontSize"] == "{{size}}"
    assert tpl["variables"][0] == {"key": "size", "type": "number", "default": 64, "label": "Size", "required": False}
    assert tpl["isDefault"] is False and tpl["createdAt"].endswith("Z")
    assert client.get(url(project, "/" + tpl["id"]), headers=key).json["name"] == "Bold"
    listing = client.get(url(project), headers=key).json
    assert [t["id"] for t in listing["data"]] == [tpl["id"]] and listing["hasMore"] is False
    patched = client.patch(url(project, "/" + tpl["id"]), json={"name": "Bolder", "style": {"fontSize": 80}}, headers=key)
    assert patched.status_code == 200 and patched.json["name"] == "Bolder" and patched.json["style"] == {"fontSize": 80}
    assert client.delete(url(project, "/" + tpl["id"]), headers=key).status_code == 204
    gone = client.get(url(project, "/" + tpl["id"]), headers=key)
    assert gone.status_code == 404 and gone.json["error"]["code"] == "TEMPLATE_NOT_FOUND"
    assert client.get(url(project, "/not-a-uuid"), headers=key).json["error"]["code"] == "TEMPLATE_NOT_FOUND"


def test_other_projects_template_is_not_found(client, make_project, project, key, master):
    other = make_project()
    tpl = create(client, other, master).json
    for method in ("get", "patch", "delete"):
        resp = getattr(client, method)(url(project, "/" + tpl["id"]), headers=key,
                                       **({"json": {"name": "x"}} if method == "patch" else {}))
        assert resp.status_code == 404 and resp.json["error"]["code"] == "TEMPLATE_NOT_FOUND"


# --- validation matrix ---

BAD = [
    ("string default", [{"key": "a", "type": "string", "default": 5}], "variables.0.default"),
    ("number default", [{"key": "a", "type": "number", "default": "5"}], "variables.0.default"),
    ("number default bool", [{"key": "a", "type": "number", "default": True}], "variables.0.default"),
    ("color default", [{"key": "a", "type": "color", "default": "red"}], "variables.0.default"),
    ("color default short", [{"key": "a", "type": "color", "default": "#FFF"}], "variables.0.default"),
    ("boolean default", [{"key": "a", "type": "boolean", "default": "true"}], "variables.0.default"),
    ("select default", [{"key": "a", "type": "select", "options": ["x", "y"], "default": "z"}], "variables.0.default"),
    ("select without options", [{"key": "a", "type": "select"}], "variables.0.options"),
    ("select empty options", [{"key": "a", "type": "select", "options": []}], "variables.0.options"),
    ("options on a string", [{"key": "a", "type": "string", "options": ["x"]}], "variables.0.options"),
    ("bad key", [{"key": "1abc", "type": "string"}], "variables.0.key"),
    ("bad key dash", [{"key": "a-b", "type": "string"}], "variables.0.key"),
    ("unknown type", [{"key": "a", "type": "date"}], "variables.0.type"),
    ("duplicate keys", [{"key": "a", "type": "string"}, {"key": "a", "type": "number"}], "variables"),
    ("unknown variable field", [{"key": "a", "type": "string", "secret": 1}], "variables.0.secret"),
]


@pytest.mark.parametrize("case,variables,field", BAD, ids=[b[0] for b in BAD])
def test_variable_validation(client, project, key, case, variables, field):
    resp = create(client, project, key, variables=variables)
    assert resp.status_code == 400, resp.json
    assert resp.json["error"]["code"] == "VALIDATION_ERROR"
    assert field in resp.json["error"]["details"], resp.json


@pytest.mark.parametrize("variables", [
    [{"key": "s", "type": "string", "default": "hi"}],
    [{"key": "n", "type": "number", "default": 1.5}],
    [{"key": "c", "type": "color", "default": "#ff00aa80"}],
    [{"key": "b", "type": "boolean", "default": False, "required": True}],
    [{"key": "_sel2", "type": "select", "options": ["top", "bottom"], "default": "top"}],
])
def test_each_type_accepts_a_good_default(client, project, key, variables):
    resp = create(client, project, key, variables=variables)
    assert resp.status_code == 201, resp.json
    stored = client.get(url(project, "/" + resp.json["id"]), headers=key).json["variables"]
    for answer in (resp.json["variables"], stored):
        assert len(answer) == 1
        for field, value in variables[0].items():
            # The default keeps its JSON type: 1.5 stays a number, False a boolean.
            assert answer[0][field] == value and type(answer[0][field]) is type(value), (field, answer)


def test_undeclared_variable_in_style_is_rejected(client, project, key):
    resp = create(client, project, key, style={"textColor": "{{brand}}"}, variables=[{"key": "other", "type": "color"}])
    assert resp.status_code == 400 and resp.json["error"]["code"] == "VALIDATION_ERROR"
    assert "brand" in resp.json["error"]["details"]["style"]
    # Also when a PATCH removes the variable a placeholder still uses.
    tpl = create(client, project, key, style={"textColor": "{{brand}}"}, variables=[{"key": "brand", "type": "color"}]).json
    resp = client.patch(url(project, "/" + tpl["id"]), json={"variables": []}, headers=key)
    assert resp.status_code == 400 and "brand" in resp.json["error"]["details"]["style"]


def test_style_fields_are_checked(client, project, key):
    resp = create(client, project, key, style={"fontSize": 48, "glow": True})
    assert resp.status_code == 400 and "style.glow" in resp.json["error"]["details"]
    resp = create(client, project, key, style={"position": "left", "textColor": "white", "fontSize": "big"})
    details = resp.json["error"]["details"]
    assert resp.status_code == 400 and {"style.position", "style.textColor", "style.fontSize"} <= set(details)
    assert create(client, project, key, name="", style={}).status_code == 400
    assert create(client, project, key, style={}, extra=1).json["error"]["details"]["extra"]


def test_one_default_per_project(client, project, key):
    first = create(client, project, key, name="A", isDefault=True).json
    second = create(client, project, key, name="B", isDefault=True).json
    assert client.get(url(project, "/" + first["id"]), headers=key).json["isDefault"] is False
    assert client.get(url(project, "/" + second["id"]), headers=key).json["isDefault"] is True
    client.patch(url(project, "/" + first["id"]), json={"isDefault": True}, headers=key)
    flags = {t["name"]: t["isDefault"] for t in client.get(url(project), headers=key).json["data"]}
    assert flags == {"A": True, "B": False}


def test_scopes(client, project, make_key):
    from tests.conftest import bearer
    reader = bearer(make_key(project, scopes=["templates:read"])["key"])
    resp = create(client, project, reader)
    assert resp.status_code == 403 and resp.json["error"]["message"] == "Key lacks 'templates:write' scope"
    assert client.get(url(project), headers=reader).status_code == 200


def test_templates_are_in_openapi(client):
    spec = client.get("/openapi.json").json
    assert "/api/v1/projects/{project_id}/templates" in spec["paths"]
    style = spec["components"]["schemas"]["CaptionStyle"]
    assert style["properties"]["fontSize"]["default"] == 48
