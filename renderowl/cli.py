"""Operator commands: `python -m renderowl migrate|create-project|create-key|run`."""
import json
import os

import click

from .cli_ops import register_ops_cli
from .extensions import database

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migrations")


def migrate_database(db=None):
    """Apply pending migrations; returns the names applied."""
    from playhouse.migrations import Runner
    target = db or database.obj
    with target.connection_context():
        return Runner(target, directory=MIGRATIONS_DIR).up()


def openapi_document(app):
    """The OpenAPI document exactly as `GET /openapi.json` serves it, as stable key-sorted JSON."""
    served = app.test_client().get("/openapi.json")
    return json.dumps(served.get_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def register_cli(app):
    """Attach the commands to the app's CLI group."""
    register_serve(app)
    register_ops_cli(app)

    # Replaces flask-smorest's `openapi` group: one command whose output is what the SDKs are
    # generated from (`python -m renderowl openapi > sdk/openapi.json`).
    @app.cli.command("openapi")
    def openapi():
        """Print the served OpenAPI document (sorted keys, stable across runs)."""
        click.echo(openapi_document(app), nl=False)

    @app.cli.command("migrate")
    def migrate():
        """Apply pending database migrations."""
        applied = migrate_database()
        click.echo("Applied: %s" % (", ".join(applied) if applied else "nothing (up to date)"))

    @app.cli.command("create-project")
    @click.option("--slug", required=True)
    @click.option("--name", required=True)
    @click.option("--description", default=None)
    def create_project(slug, name, description):
        """Create a project and print its id and webhook secret."""
        from .projects.models import Project
        from .signing import generate_secret
        with database.connection_context():
            if Project.get_or_none(Project.slug == slug):
                raise click.ClickException(f"slug '{slug}' is taken")
            project = Project.create(slug=slug, name=name, description=description,
                                     settings={}, webhook_secret=generate_secret())
        click.echo(f"project id:     {project.id}")
        click.echo(f"slug:           {project.slug}")
        click.echo(f"webhook secret: {project.webhook_secret}")

    @app.cli.command("create-key")
    @click.option("--project", "project_ident", required=True, help="project id or slug")
    @click.option("--name", default="default")
    @click.option("--scope", "scopes", multiple=True, help="repeat for several; default: all scopes")
    @click.option("--rate-limit-rpm", type=int, default=None)
    def create_key(project_ident, name, scopes, rate_limit_rpm):
        """Create an API key and print it once."""
        from .auth.models import SCOPES, ApiKey
        from .errors import ApiError
        from .projects.models import Project
        unknown = set(scopes) - set(SCOPES)
        if unknown:
            raise click.ClickException("unknown scopes: %s" % ", ".join(sorted(unknown)))
        with database.connection_context():
            try:
                project = Project.lookup(project_ident)
            except ApiError:
                raise click.ClickException(f"no project '{project_ident}'")
            _, key = ApiKey.issue(project, name, scopes or None, rate_limit_rpm)
        click.echo(key)


def master_key_from_file(key_file, echo=click.echo):
    """The key kept in `key_file`, generated on first use; printed that once, never again."""
    import secrets
    os.makedirs(os.path.dirname(key_file), exist_ok=True)
    if not os.path.exists(key_file):
        generated = "rk_master_" + secrets.token_urlsafe(32)
        with open(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as fh:
            fh.write(generated)
        # Shown when it is made; later runs never print it (their output ends up in shared logs).
        echo("Generated a master key in %s (set RENDEROWL_MASTER_KEY to choose your own):" % key_file)
        echo("Master key: %s" % generated)
        return generated
    echo("Using the master key in %s." % key_file)
    with open(key_file) as fh:
        return fh.read().strip()


def register_serve(app):
    """`python -m renderowl up`: migrate, then run the web server and the worker together."""

    @app.cli.command("up")
    @click.option("--bind", default="127.0.0.1:8000", show_default=True)
    @click.option("--web-workers", default=2, show_default=True)
    @click.option("--task-workers", type=int, default=None,
                  help="worker threads (default: RENDEROWL_WORKER_THREADS, 4)")
    def up(bind, web_workers, task_workers):
        """Run gunicorn + huey_consumer on this machine (the embedded default needs nothing else)."""
        import signal
        import subprocess
        import sys

        root = os.path.dirname(MIGRATIONS_DIR)
        env = dict(os.environ)
        if not app.config.get("MASTER_KEY"):
            env["RENDEROWL_MASTER_KEY"] = master_key_from_file(os.path.join(root, "var", "master.key"))
        env.setdefault("RENDEROWL_PUBLIC_URL", "http://%s" % bind)
        if task_workers:  # huey cannot tell `-w 1` from its default, so the count goes by the setting
            env["RENDEROWL_WORKER_THREADS"] = str(task_workers)
        applied = migrate_database()
        click.echo("Migrations applied: %s" % (", ".join(applied) or "none pending"))
        bindir = os.path.dirname(sys.executable)
        children = [
            subprocess.Popen([os.path.join(bindir, "huey_consumer"), "wsgi.huey", "-k", "thread"],
                             cwd=root, env=env),
            subprocess.Popen([os.path.join(bindir, "gunicorn"), "-w", str(web_workers), "-b", bind,
                              "wsgi:app"], cwd=root, env=env),
        ]
        click.echo("Serving on http://%s (docs at /docs). Ctrl-C stops both processes." % bind)

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        # Both stops are handled explicitly: a shell starts background jobs with SIGINT ignored,
        # and Python then raises no KeyboardInterrupt, so Ctrl-C's signal would be lost.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                try:
                    children[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            stop()
            for child in children:
                child.wait()
