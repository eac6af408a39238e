"""Operator commands: migrate, create-project, create-key."""
import re

from tests.conftest import bearer


def test_create_project_and_key_then_use_it(runner, client):
    result = runner.invoke(args=["create-project", "--slug", "cli-proj", "--name", "From CLI"])
    assert result.exit_code == 0, result.output
    assert re.search(r"webhook secret: whsec_\S+", result.output)
    result = runner.invoke(args=["create-key", "--project", "cli-proj", "--scope", "projects:read"])
    assert result.exit_code == 0, result.output
    key = result.output.strip()
    assert re.fullmatch(r"rk_live_[A-Za-z0-9]{32}", key)
    resp = client.get("/api/v1/projects/cli-proj", headers=bearer(key))
    assert resp.status_code == 200 and resp.json["name"] == "From CLI"


def test_cli_refuses_bad_input(runner):
    assert runner.invoke(args=["create-project", "--slug", "dup-1", "--name", "a"]).exit_code == 0
    dup = runner.invoke(args=["create-project", "--slug", "dup-1", "--name", "b"])
    assert dup.exit_code != 0 and "taken" in dup.output
    missing = runner.invoke(args=["create-key", "--project", "nope-nope"])
    assert missing.exit_code != 0 and "no project" in missing.output
    scope = runner.invoke(args=["create-key", "--project", "dup-1", "--scope", "everything"])
    assert scope.exit_code != 0 and "unknown scopes" in scope.output


def test_migrate_is_idempotent(runner):
    result = runner.invoke(args=["migrate"])
    assert result.exit_code == 0 and "up to date" in result.output
