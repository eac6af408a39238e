"""Operator commands: `python -m renderowl migrate|create-project|create-key|run`."""
import os

import click

from .extensions import database

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migrations")


def migrate_database(db=None):
    """Apply pending migrations; returns the names applied."""
    from playhouse.migrations import Runner
    target = db or database.obj
    with target.connection_context():
        return Runner(target, directory=MIGRATIONS_DIR).up()


def register_cli(app):
    """Attach the commands to the app's CLI group."""

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
        from .webhooks.signing import generate_secret
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
