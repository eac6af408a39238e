"""The served spec passes Redocly's recommended lint with no error and no warning.

Redocly is a pinned npm package of its own (`.ci/lint/package.json` + lockfile), installed
with `npm ci` when missing; its config is `.ci/lint/redocly.yaml` (`extends: [recommended]`).
"""
import json
import os
import re
import shutil
import subprocess

from tests.procs import ROOT

LINT_DIR = os.path.join(ROOT, ".ci", "lint")
REDOCLY = os.path.join(LINT_DIR, "node_modules", ".bin", "redocly")
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


def redocly():
    """The pinned CLI, installed from the lockfile on first use."""
    if not os.path.exists(REDOCLY):
        assert shutil.which("npm"), "npm is needed for the OpenAPI lint (Node 20+)"
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LINT_DIR, check=True, timeout=300)
    return REDOCLY


def lint(spec, path):
    with open(path, "w") as fh:
        json.dump(spec, fh)
    done = subprocess.run([redocly(), "lint", path, "--config", os.path.join(LINT_DIR, "redocly.yaml"),
                           "--format", "stylish"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **QUIET})
    return done.returncode, done.stdout + done.stderr


def test_served_spec_has_no_redocly_error_or_warning(client, backend, tmp_path):
    if backend != "sqlite":
        return  # one spec for both backends: linted once
    status, output = lint(client.get("/openapi.json").json, str(tmp_path / "openapi.json"))
    problems = re.findall(r"^\s*\d+:\d+\s+(?:error|warning)\s+\S+.*$", output, re.M)
    assert status == 0 and not problems, output
    # Nothing waved through by an ignore file either.
    assert "Your API description is valid" in output and "ignored" not in output, output


def test_lint_does_fail_on_a_broken_spec(client, backend, tmp_path):
    if backend != "sqlite":
        return
    spec = client.get("/openapi.json").json
    spec.pop("servers")
    del spec["paths"]["/api/v1/projects"]["post"]["operationId"]
    status, output = lint(spec, str(tmp_path / "openapi.json"))
    assert status != 0
    assert re.search(r"error\s+no-empty-servers", output) and "operation-operationId" in output, output
