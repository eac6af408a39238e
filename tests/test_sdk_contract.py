"""The committed spec and the Python client's types are what the app serves (regenerate with
`sdk/generate`); every error code the server raises is in the spec's `ErrorCode` enum."""
import ast
import json
import os
import pathlib
import re
import subprocess
import sys

from renderowl.errors import ERROR_CODES
from tests.procs import ROOT

SPEC_PATH = os.path.join(ROOT, "sdk", "openapi.json")
STALE = "is stale: run `sdk/generate` (see sdk/README.md) and commit the result"


def test_committed_spec_is_exactly_what_the_app_serves(client):
    with open(SPEC_PATH) as fh:
        committed = fh.read()
    assert json.loads(committed) == client.get("/openapi.json").get_json(), "sdk/openapi.json " + STALE
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENDEROWL_")}
    printed = subprocess.run([sys.executable, "-m", "renderowl", "openapi"], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
    assert printed == committed, "sdk/openapi.json " + STALE


def test_python_client_types_are_generated_from_the_committed_spec():
    sys.path.insert(0, os.path.join(ROOT, "sdk", "python"))
    try:
        import generate_types
    finally:
        sys.path.pop(0)
    with open(SPEC_PATH) as fh:
        expected = generate_types.generate(json.load(fh))
    with open(generate_types.TARGET) as fh:
        assert fh.read() == expected, "sdk/python/renderowl_client/types.py " + STALE


CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{5,}$")


def _raised_codes():
    """Codes written as the first argument of an *Error/NotFound call or a model's NOT_FOUND tuple."""
    found = set()
    for path in pathlib.Path(ROOT, "renderowl").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            value = None
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
                if name.endswith(("Error", "NotFound")):
                    value = node.args[0]
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple) and node.value.elts:
                if any(getattr(t, "id", None) == "NOT_FOUND" for t in node.targets):
                    value = node.value.elts[0]
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and CODE.match(value.value):
                found.add((value.value, str(path.relative_to(ROOT))))
    return found


def test_every_raised_error_code_is_in_the_spec_enum(client):
    raised = _raised_codes()
    assert len({code for code, _ in raised}) > 20  # the scan sees the codes (it can fail)
    missing = sorted(f"{code} ({where})" for code, where in raised if code not in ERROR_CODES)
    assert not missing, "add these to ERROR_CODES in renderowl/errors.py: %s" % ", ".join(missing)
    served = client.get("/openapi.json").get_json()["components"]["schemas"]["ErrorBody"]
    assert served["properties"]["code"]["enum"] == sorted(ERROR_CODES)


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_python_client_has_a_method_for_every_project_operation():
    from renderowl_client import RenderowlClient
    with open(SPEC_PATH) as fh:
        spec = json.load(fh)
    client = RenderowlClient(api_key="rk_live_" + "x" * 32, base_url="http://127.0.0.1:9")
    operations = [op["operationId"] for path, item in spec["paths"].items() if path.startswith("/api/v1/projects")
                  for op in item.values() if isinstance(op, dict) and "operationId" in op]
    assert len(operations) > 30
    missing = []
    for operation in operations:
        target = client
        for part in operation.split("."):
            target = getattr(target, _snake(part), None)
        if not callable(target):
            missing.append(operation)
    assert not missing, "renderowl_client lacks %s" % ", ".join(missing)


def test_python_client_type_tests(tmp_path):
    # tests/sdk_types_sample.py: a misspelt render field, a wrong type, an unknown ErrorCode and a
    # field an answer lacks must each be a mypy error (--warn-unused-ignores fails otherwise).
    done = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--check-untyped-defs",
                           "--warn-unused-ignores", "--cache-dir", str(tmp_path / "mypy"),
                           "sdk/python/renderowl_client", "tests/sdk_types_sample.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
